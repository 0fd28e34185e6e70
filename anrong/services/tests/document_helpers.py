"""Documents for tests, written directly (the approve and upload actions are tested elsewhere):
a row plus its file in private storage; `remove_written_files` deletes those files again."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image

from anrong.services.models import Application, Document

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("L", (2, 2), 255).save(out, format="PNG")
    return out.getvalue()


_created: list[Document] = []


def make_document(application: Application, *, kind: str = Document.Kind.UPLOAD,
                  content: bytes = PDF_BYTES, content_type: str = "application/pdf",
                  field_name: str = "", original_name: str = "", verification_code: str | None = None,
                  uploaded_by: Any = None, **fields: Any) -> Document:
    document = Document(
        application=application, kind=kind, field_name=field_name, original_name=original_name,
        content_type=content_type, size=len(content), sha256=hashlib.sha256(content).hexdigest(),
        verification_code=verification_code, uploaded_by=uploaded_by, **fields)
    document.file.save("ignored", ContentFile(content), save=False)
    document.save()
    _created.append(document)
    return document


def remove_written_files() -> None:
    """Delete the files make_document wrote (call after each test; see the test modules)."""
    while _created:
        document = _created.pop()
        document.file.storage.delete(document.file.name)
