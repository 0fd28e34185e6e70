"""Settings for bench/meeting_load.py's servers: the project's, with a larger Redis connection
pool for the channel layer when --redis-max-connections is given (redis-py 8 allows 100 by
default and raises MaxConnectionsError past it, e.g. when hundreds of websockets close at once).
"""

import os

from config.settings import *  # noqa: F403

_MAX = int(os.environ.get("BENCH_REDIS_MAX_CONNECTIONS", "0"))
if REDIS_URL and _MAX:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [  # noqa: F405
        {"address": REDIS_URL, "max_connections": _MAX}]  # noqa: F405
