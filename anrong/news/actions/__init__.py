"""Every write of Makaverse News. One import path for callers: `from anrong.news import actions`."""

from .factcheck import *  # noqa: F403
from .newsroom import *  # noqa: F403
