"""Where a photo was taken, read from its EXIF GPS block before `check_upload` strips every
metadata block. Phones write it when location is on; many strip it themselves, so this is a
convenience (a point on the map is still asked for when there is none)."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825


def _degrees(value: tuple) -> float:  # type: ignore[type-arg]
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def photo_location(content: bytes) -> tuple[float, float] | None:
    """(lat, lng) from the photo's EXIF, or None when it has none or it cannot be read."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            gps = image.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    try:
        lat = _degrees(gps[2]) * (-1 if str(gps.get(1, "N")).upper().startswith("S") else 1)
        lng = _degrees(gps[4]) * (-1 if str(gps.get(3, "E")).upper().startswith("W") else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or (lat == 0 and lng == 0):
        return None
    return round(lat, 6), round(lng, 6)
