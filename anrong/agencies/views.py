"""The staff console (/kantor/): thin views that parse a form, call an action, redirect."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anrong.accounts import roles

from . import actions, permissions, queries
from .forms import AddMemberForm, AddOfficeForm, ChangeRoleForm, unit_from
from .models import Agency


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/forbidden.html", status=403)


def _agency_or_404(code: str) -> Agency:
    agency = queries.agency_with_places(code)
    if agency is None:
        raise Http404
    return agency


def manages_agency(view):  # type: ignore[no-untyped-def]
    """For the agency-admin views: resolves `code` to the agency (404 if unknown) and answers 403
    unless the signed-in person may manage it; the view receives `agency` instead of `code`."""

    @wraps(view)
    def wrapped(request, code: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        agency = _agency_or_404(code)
        if not permissions.can_manage_agency(request.user, agency):
            return _forbidden(request)
        return view(request, agency, *args, **kwargs)

    return wrapped


def _member_or_404(agency: Agency, membership_id: int):  # type: ignore[no-untyped-def]
    membership = queries.member(agency, membership_id)
    if membership is None:
        raise Http404
    return membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_staff_console(request.user):
        return _forbidden(request)
    context = {
        "memberships": queries.memberships_of(request.user),
        "platform_roles": sorted(roles.platform_roles(request.user)),
        "all_agencies": (
            queries.agency_list(include_inactive=True)
            if permissions.can_create_agency(request.user) else None
        ),
    }
    return render(request, "agencies/home.html", context)


@login_required
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency_or_404(code)
    if not permissions.can_view_agency_staff(request.user, agency):
        return _forbidden(request)
    units = list(agency.units.all())
    can_manage = permissions.can_manage_agency(request.user, agency)
    return render(request, "agencies/agency_detail.html", {
        "agency": agency,
        "offices": list(agency.offices.all()),
        "units": units,
        "members": queries.members_of(agency),
        "can_manage": can_manage,
        "role_form": ChangeRoleForm(units=units) if can_manage else None,
    })


@login_required
@manages_agency
def add_member(request: HttpRequest, agency: Agency) -> HttpResponse:
    units = list(agency.units.all())
    form = AddMemberForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        user = queries.user_by_email(form.cleaned_data["email"])
        if user is None:
            form.add_error("email", _("Tidak ada akun dengan email ini. Minta yang bersangkutan "
                                      "mendaftar terlebih dahulu."))
        else:
            try:
                actions.add_member(actor=request.user, user=user, agency=agency,
                                   role=form.cleaned_data["role"],
                                   unit=unit_from(units, form.cleaned_data["unit"]))
            except actions.AgencyPermissionError:
                return _forbidden(request)
            except actions.AgencyError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("%(user)s ditambahkan ke %(agency)s.")
                                 % {"user": user, "agency": agency})
                return redirect("agencies:agency", code=agency.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "agencies/member_form.html", {"agency": agency, "form": form},
                  status=status)


@require_POST
@login_required
@manages_agency
def change_role(request: HttpRequest, agency: Agency, membership_id: int) -> HttpResponse:
    membership = _member_or_404(agency, membership_id)
    units = list(agency.units.all())
    form = ChangeRoleForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Peran tidak dikenal. Pilih petugas, supervisor atau admin OPD."))
        return redirect("agencies:agency", code=agency.code)
    try:
        actions.change_member_role(actor=request.user, membership=membership,
                                   role=form.cleaned_data["role"],
                                   unit=unit_from(units, form.cleaned_data["unit"]))
    except actions.AgencyPermissionError:
        return _forbidden(request)
    except actions.AgencyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Peran %(user)s diubah.") % {"user": membership.user})
    return redirect("agencies:agency", code=agency.code)


@require_POST
@login_required
@manages_agency
def end_membership(request: HttpRequest, agency: Agency, membership_id: int) -> HttpResponse:
    membership = _member_or_404(agency, membership_id)
    try:
        actions.end_membership(actor=request.user, membership=membership)
    except actions.AgencyPermissionError:
        return _forbidden(request)
    except actions.AgencyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Keanggotaan %(user)s di %(agency)s diakhiri.")
                         % {"user": membership.user, "agency": agency})
    return redirect("agencies:agency", code=agency.code)


@login_required
@manages_agency
def add_office(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = AddOfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_office(actor=request.user, agency=agency, **form.cleaned_data)
        except actions.AgencyPermissionError:
            return _forbidden(request)
        except actions.AgencyError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Kantor %(name)s ditambahkan.")
                             % {"name": form.cleaned_data["name"]})
            return redirect("agencies:agency", code=agency.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "agencies/office_form.html", {"agency": agency, "form": form},
                  status=status)
