"""Settings for bench/meeting_load.py's servers: the project's, with the channel layer's Redis
connections configured when --redis-max-connections is given: a larger pool (redis-py 8 allows
100 by default and raises MaxConnectionsError past it, e.g. when hundreds of websockets close at
once) and a socket timeout above channels-redis' 5 s blocking read (redis-py 8's default socket
timeout is also 5 s, so an idle connection's read races it and the consumer dies with
TimeoutError). config/settings.py should get the same (see the report to the lead).
"""

import os

from config.settings import *  # noqa: F403

_MAX = int(os.environ.get("BENCH_REDIS_MAX_CONNECTIONS", "0"))
if REDIS_URL and _MAX:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [  # noqa: F405
        {"address": REDIS_URL, "max_connections": _MAX, "socket_timeout": 15}]  # noqa: F405
