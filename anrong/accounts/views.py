"""The citizen's own account pages: overview, profile, personal data and deletion."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from anrong.core import modules

from . import queries
from .actions.profile import (
    AccountDeletionError,
    ProfileError,
    anonymise_account,
    export_personal_data,
    save_profile,
)
from .forms import DeleteAccountForm, ProfileForm
from .roles import is_staff_member


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/overview.html", {"profile": queries.profile_of(request.user)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    current = queries.profile_of(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                save_profile(user=request.user, **form.action_arguments())
            except ProfileError as exc:
                for field, messages in exc.errors.items():
                    for message in messages:
                        form.add_error(None if field == "__all__" else field, message)
            else:
                return redirect("core:home")
    else:
        form = ProfileForm(initial=ProfileForm.initial_from(current), user=request.user)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html",
                  {"form": form, "profile": current}, status=status)


@never_cache
@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html", {"profile": queries.profile_of(request.user)})


@never_cache
@login_required
@require_GET
def download(request: HttpRequest) -> HttpResponse:
    data = export_personal_data(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"anrong-data-saya-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            anonymise_account(user=request.user)
        except AccountDeletionError as exc:
            refusal = str(exc)
        else:
            logout(request)
            return redirect("accounts:deleted")
    context = {"form": form, "refusal": refusal, "kept": modules.kept_on_deletion(),
               "is_staff": is_staff_member(request.user)}
    return render(request, "accounts/delete.html", context, status=400 if form.is_bound else 200)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html", {"kept": modules.kept_on_deletion()})
