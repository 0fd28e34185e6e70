"""Video embeds without fetching anything: Wagtail's oEmbed finders ask YouTube or Vimeo over the
internet, which the servers may not do (no outbound traffic at run time). This finder builds the
privacy-friendly player iframe (youtube-nocookie.com, player.vimeo.com with dnt=1) from the video
id in the URL alone. Any other URL is refused, so an editor sees Wagtail's "cannot embed" error.
Configured by `WAGTAILEMBEDS_FINDERS` in config/settings.py."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
WIDTH, HEIGHT = 640, 360


def video_source(url: str) -> tuple[str, str] | None:
    """("youtube"|"vimeo", video id) for a video URL we can embed, else None."""
    parts = urlparse(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in _YOUTUBE_HOSTS:
        if host.endswith("youtu.be"):
            candidate = segments[0] if segments else ""
        elif segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
        else:
            candidate = ""
        return ("youtube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host in _VIMEO_HOSTS:
        candidate = segments[-1] if segments else ""
        return ("vimeo", candidate) if _VIMEO_ID.match(candidate) else None
    return None


class OfflineVideoFinder(EmbedFinder):
    def __init__(self, **options: Any) -> None:
        self.options = options

    def accept(self, url: str) -> bool:
        return video_source(url) is not None

    def find_embed(self, url: str, max_width: int | None = None,
                   max_height: int | None = None) -> dict[str, Any]:
        source = video_source(url)
        if source is None:
            raise EmbedNotFoundException
        provider, video_id = source
        if provider == "youtube":
            src = f"https://www.youtube-nocookie.com/embed/{video_id}"
            provider_name, thumbnail = "YouTube", f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"
        else:
            src = f"https://player.vimeo.com/video/{video_id}?dnt=1"
            provider_name, thumbnail = "Vimeo", ""
        html = format_html(
            '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
            'allow="encrypted-media; picture-in-picture; fullscreen" '
            'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
            src, WIDTH, HEIGHT, f"Video {provider_name}",
        )
        return {
            "title": f"Video {provider_name}",
            "author_name": "",
            "provider_name": provider_name,
            "type": "video",
            "thumbnail_url": thumbnail,
            "width": WIDTH,
            "height": HEIGHT,
            "html": str(html),
        }
