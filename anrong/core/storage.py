"""Where files live. Personal documents go to the "private" storage (settings.STORAGES), which
has no public URL: only views that check permission stream them."""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
