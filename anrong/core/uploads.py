"""The one way a file enters Anrong. `check_upload` reads the file, refuses what is too large,
empty, of a type not accepted, or whose name lies about its content (a .pdf that is really a
JPEG), and re-encodes images so that only pixels are kept (no EXIF location, no hidden payload).
It returns the bytes to store and their SHA-256; storing is the caller's business (actions).

Types are told from the content (the `filetype` package reads the magic numbers), never from the
name or the browser's Content-Type, which the sender chooses.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What we know how to check, by MIME type: the label a citizen reads and the name endings that
# honestly describe it.
KNOWN_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("PDF", (".pdf",)),
    "image/jpeg": ("JPG", (".jpg", ".jpeg")),
    "image/png": ("PNG", (".png",)),
    "image/webp": ("WEBP", (".webp",)),
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a KTP


class UploadError(ValueError):
    """A file that cannot be taken, with a message the person who sent it can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    original_name: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def extension(self) -> str:
        return KNOWN_TYPES[self.content_type][1][0]


def type_labels(accept: Sequence[str]) -> str:
    """"PDF, JPG atau PNG" for the accepted MIME types, in the current language."""
    labels = [KNOWN_TYPES[t][0] for t in accept if t in KNOWN_TYPES]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s atau %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _read(file: IO[bytes] | Any, max_bytes: int) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    if hasattr(file, "chunks"):
        data = bytearray()
        for chunk in file.chunks():
            data.extend(chunk)
            if len(data) > max_bytes:
                break
        return bytes(data)
    return file.read(max_bytes + 1)


def _reencode(content: bytes, content_type: str) -> bytes:
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()  # structure check; the image must be opened again to use it
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UploadError(_("Gambar terlalu besar ukurannya (piksel). Kecilkan lalu "
                                    "unggah lagi."))
            image.load()
            # Turn the pixels the way the camera's orientation tag said, before the tag goes
            # with the rest of the metadata: a phone photo stays upright.
            image = ImageOps.exif_transpose(image)
            fmt = IMAGE_FORMATS[content_type]
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # Saving without `exif=` drops every metadata block (GPS position included).
            image.save(out, format=fmt, **({"quality": 85, "optimize": True} if fmt == "JPEG" else {}))
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UploadError(_("Gambar ini rusak atau tidak dapat dibaca. Ambil foto baru lalu "
                            "unggah lagi.")) from exc


def check_upload(file: IO[bytes] | Any, *, accept: Sequence[str], max_bytes: int,
                 name: str | None = None) -> CheckedUpload:
    """Check one uploaded file (a Django UploadedFile or any binary file object) against the
    accepted MIME types and the size limit. Raises UploadError with a message for the citizen."""
    original_name = os.path.basename(name if name is not None else getattr(file, "name", "") or "")
    accepted = [t for t in accept if t in KNOWN_TYPES]
    if not accepted:
        raise ValueError(f"no known type in {list(accept)}; use some of {sorted(KNOWN_TYPES)}")
    content = _read(file, max_bytes)
    if not content:
        raise UploadError(_("Berkas kosong. Pilih berkas yang benar lalu unggah lagi."))
    if len(content) > max_bytes:
        raise UploadError(_("Berkas terlalu besar. Paling besar %(limit)s MB; kecilkan atau "
                            "pindai ulang dengan resolusi lebih rendah.")
                          % {"limit": megabytes(max_bytes)})
    kind = filetype.guess(content)
    content_type = kind.mime if kind is not None else ""
    if content_type == "application/pdf" and not content.startswith(b"%PDF-"):
        content_type = ""
    if content_type not in accepted:
        raise UploadError(_("Jenis berkas tidak diterima. Unggah berkas %(types)s.")
                          % {"types": type_labels(accepted)})
    extension = os.path.splitext(original_name)[1].lower()
    if extension and extension not in KNOWN_TYPES[content_type][1]:
        raise UploadError(_("Nama berkas berakhiran %(ext)s, tetapi isinya %(actual)s. Simpan "
                            "berkas dengan jenis yang benar lalu unggah lagi.")
                          % {"ext": extension, "actual": KNOWN_TYPES[content_type][0]})
    if content_type in IMAGE_FORMATS:
        content = _reencode(content, content_type)
    elif b"%%EOF" not in content[-2048:]:
        raise UploadError(_("Berkas PDF ini tidak utuh. Simpan ulang PDF-nya lalu unggah lagi."))
    return CheckedUpload(content=content, content_type=content_type,
                         original_name=original_name[:200],
                         sha256=hashlib.sha256(content).hexdigest())
