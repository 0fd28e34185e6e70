"""Exit 0 when the server of a postgres:// or redis:// URL accepts TCP connections."""

import socket
import sys
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
default_port = {"postgres": 5432, "postgresql": 5432, "redis": 6379}.get(url.scheme, 0)
try:
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or default_port), timeout=2):
        pass
except OSError:
    sys.exit(1)
