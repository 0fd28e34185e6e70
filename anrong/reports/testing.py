"""Test helpers of Lapor: real JPEG photos, with or without an EXIF GPS position."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def _rational(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60, 4)
    return (float(degrees), float(minutes), seconds)


def sample_jpeg(gps: tuple[float, float] | None = None, *, name: str = "lampu.jpg",
                size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    """A small JPEG as a phone would send it; `gps=(lat, lng)` writes the position into EXIF
    (GPS IFD 0x8825), as phone cameras do, plus a camera model to show metadata is stripped."""
    image = Image.new("RGB", size, (200, 180, 40))
    exif = Image.Exif()
    exif[0x0110] = "Anrong Test Camera"  # Model
    if gps is not None:
        lat, lng = gps
        exif[0x8825] = {
            1: "S" if lat < 0 else "N", 2: _rational(lat),
            3: "W" if lng < 0 else "E", 4: _rational(lng),
        }
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
