"""Reads of Makaverse News, shared by views, the API and other apps."""

from .articles import *  # noqa: F403
from .factcheck import *  # noqa: F403
