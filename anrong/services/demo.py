"""Demo applications for `make run` (DEBUG only, like the demo accounts): the demo citizen has
applications in several states so the officer's queue and the citizen's list are not empty.
Filed through the same actions as real ones, with answers made from each seeded form."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# Service, and how far the agency has taken it.
PLAN = [("KEC-DOMISILI", "submitted"), ("DINKES-SK-SEHAT", "verification"),
        ("DKC-KIA", "needs_revision")]


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, format="PNG")
    return out.getvalue()


def sample_answers(fields: list[dict[str, Any]], citizen: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers and files that fit `fields`, from the citizen's own profile where it can."""
    from . import formdef

    profile = citizen.citizen_profile
    answers: dict[str, Any] = {}
    for field in fields:
        kind, name = field["type"], field["name"]
        if kind == "file" or (not field.get("required") and kind != "declaration"):
            continue
        if kind in ("text", "textarea"):
            text = ("001/002" if "rt" in name.split("_") else
                    profile.address if "alamat" in name else profile.full_name)
            answers[name] = text[:field.get("max_length", 200)]
        elif kind == "number":
            answers[name] = field.get("min", 1) if isinstance(field.get("min"), int) else 1
        elif kind == "date":
            today = timezone.localdate()
            low = field.get("min")
            day = (today if low == "today" else dt.date.fromisoformat(low) if low
                   else today - dt.timedelta(days=10))
            answers[name] = day.isoformat()
        elif kind in ("choice", "multichoice"):
            first = field["choices"][0]["value"]
            answers[name] = [first] if kind == "multichoice" else first
        elif kind == "nik":
            answers[name] = profile.nik
        elif kind == "phone":
            answers[name] = citizen.phone
        elif kind == "kelurahan":
            answers[name] = profile.kelurahan_id
        elif kind == "declaration":
            answers[name] = True
    files = {}
    for field in formdef.visible_fields(fields, answers):
        if field["type"] == "file" and field.get("required"):
            pdf = "application/pdf" in formdef.accept_of(field)
            files[field["name"]] = SimpleUploadedFile(
                "contoh.pdf" if pdf else "contoh.png", DEMO_PDF if pdf else _png())
    return answers, files


def seed_demo_applications() -> str:
    from anrong.accounts.demo import CITIZEN_PHONE, demo_accounts_allowed
    from anrong.accounts.models import User

    from . import actions, queries
    from .models import Application, Service

    if not demo_accounts_allowed():
        return "demo applications skipped (DEBUG is off)"
    citizen = User.objects.filter(phone=CITIZEN_PHONE).first()
    officers = {code: User.objects.filter(email=f"petugas.{code.lower()}@demo.anrong.id").first()
                for code in ("DISDUKCAPIL", "DINKES")}
    if citizen is None or Application.objects.filter(citizen=citizen).exists():
        return "demo applications: nothing to do"
    filed = 0
    for code, state in PLAN:
        service = Service.objects.filter(code=code, delivery="online").first()
        form = queries.current_form(service) if service else None
        if form is None:
            continue
        answers, files = sample_answers(form.fields, citizen)
        application, _created = actions.file_application(
            actor=citizen, service=service, answers=answers, files=files,
            idempotency_key=f"demo-{code}")
        filed += 1
        staff = officers.get(service.agency.code)
        if state == "submitted" or staff is None:
            continue
        application = actions.claim_application(actor=staff, application=application,
                                                version=application.version)
        if state == "needs_revision":
            actions.request_revision(actor=staff, application=application,
                                     version=application.version,
                                     note="Foto anak belum terlihat jelas. Unggah foto baru.")
    return f"{filed} demo applications filed"
