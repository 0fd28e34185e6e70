import pytest
from django.template import Context, Template
from django.urls import reverse

from anrong.accounts.models import PlatformRole
from anrong.accounts.privacy import mask_nik, mask_phone, shown_nik, shown_phone
from anrong.core.models import AuditEvent

from .profile_factories import citizen_with_profile, new_user

pytestmark = pytest.mark.django_db

NIK = "7371130101900001"
PHONE = "+6281234567890"


def test_masks():
    assert mask_nik(NIK) == "7371********0001"
    assert mask_phone(PHONE) == "+62812****7890"
    assert mask_nik("") == "" and mask_phone(None) == ""
    assert mask_phone("+6281") == "+62**"


def _staff(kind: str):  # type: ignore[no-untyped-def]
    if kind == "admin":
        return new_user(email="admin@makassarkota.go.id", is_staff=True, is_superuser=True)
    user = new_user()
    PlatformRole.objects.create(user=user, role=PlatformRole.Role.OPERATOR)
    return user


@pytest.mark.parametrize("viewer_kind", ["other citizen", "operator", "admin", "anonymous"])
def test_only_the_owner_sees_nik_and_phone_in_full(regions, viewer_kind):
    from django.contrib.auth.models import AnonymousUser

    owner = citizen_with_profile(PHONE)
    viewer = {
        "other citizen": lambda: citizen_with_profile(nik="7371134101900002", sex="P"),
        "operator": lambda: _staff("operator"),
        "admin": lambda: _staff("admin"),
        "anonymous": AnonymousUser,
    }[viewer_kind]()

    assert shown_nik(owner.citizen_profile, owner) == NIK
    assert shown_phone(owner, owner) == PHONE
    assert shown_nik(owner.citizen_profile, viewer) == "7371********0001"
    assert shown_phone(owner, viewer) == "+62812****7890"


def test_template_filters_mask_for_others(regions):
    owner = citizen_with_profile(PHONE)
    other = new_user()
    template = Template("{% load privacy %}{{ p|shown_nik:viewer }} {{ u|shown_phone:viewer }} {{ n|mask_nik }}")

    as_owner = template.render(Context({"p": owner.citizen_profile, "u": owner, "viewer": owner, "n": NIK}))
    as_other = template.render(Context({"p": owner.citizen_profile, "u": owner, "viewer": other, "n": NIK}))

    assert as_owner == f"{NIK} {PHONE} 7371********0001"
    assert as_other == "7371********0001 +62812****7890 7371********0001"


def test_account_page_shows_the_owner_their_own_data_in_full(client, regions):
    owner = citizen_with_profile(PHONE)
    client.force_login(owner)

    page = client.get(reverse("accounts:overview")).content.decode()

    assert NIK in page and PHONE in page and "Andi Baso Makkulau" in page
    assert "Kecamatan Rappocini" in page or "Rappocini" in page


def test_account_page_never_shows_another_citizens_data(client, regions):
    owner = citizen_with_profile(PHONE)
    other = citizen_with_profile(nik="7371134101900002", sex="P", full_name="Besse Tenri")
    client.force_login(other)

    page = client.get(reverse("accounts:overview")).content.decode()

    assert "Besse Tenri" in page
    assert NIK not in page and PHONE not in page and owner.citizen_profile.full_name not in page


def test_account_pages_need_sign_in(client, regions):
    for name in ("overview", "my_data", "download", "delete"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not AuditEvent.objects.filter(action="account.data_exported").exists()
