"""Language: Indonesian by default, English on request; every English entry is translated."""

from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser, read_po
from django.conf import settings

pytestmark = pytest.mark.django_db

EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_home_is_indonesian_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="id"' in html
    assert "Selamat datang di Anrong" in html and "Masuk" in html


def test_switching_to_english_changes_the_text_and_lang(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Welcome to Anrong" in html and "Sign in" in html
    assert "Selamat datang di Anrong" not in html
    assert 'value="id" lang="id">Bahasa Indonesia<' in html


def test_switching_back_to_indonesian(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert '<html lang="id"' in client.get("/").content.decode()


def test_english_catalog_translates_every_entry():
    with EN_PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    untranslated = [message.id for message in catalog if message.id and not message.string]
    assert untranslated == []
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []  # e.g. a %(name)s placeholder missing from the translation


def test_english_catalog_has_no_duplicate_msgids():
    class RecordingCatalog(Catalog):
        seen: Counter = Counter()

        def __setitem__(self, msgid, message):  # type: ignore[no-untyped-def]
            self.seen[(msgid, message.context)] += 1
            super().__setitem__(msgid, message)

    catalog = RecordingCatalog(locale="en")
    with EN_PO.open("rb") as handle:
        PoFileParser(catalog, ignore_obsolete=True).parse(handle)
    duplicates = [key for key, count in catalog.seen.items() if count > 1 and key[0]]
    assert duplicates == []
    assert len(catalog.seen) > 10


def test_an_english_phone_still_gets_indonesian_until_the_citizen_chooses(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id"' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_a_signed_in_citizen_gets_their_saved_language_on_a_new_device(client):
    from anrong.accounts.models import User
    from anrong.accounts.tests.profile_factories import citizen_with_profile

    citizen = citizen_with_profile("+6281299990000")
    User.objects.filter(pk=citizen.pk).update(language="en")
    client.force_login(citizen)
    assert '<html lang="en"' in client.get("/").content.decode()
