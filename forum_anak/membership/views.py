"""The member area under /forum/: a child's own status, profile and data.

Views stay thin: they read through selectors and change through services. Every response
is `Cache-Control: private, no-store` (phones are often shared), and a signed-in account
without a member profile (staff) gets a plain 403 page instead of an error.
"""

import json
from functools import wraps

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from forum_anak.core.errors import ActionError
from forum_anak.membership.forms import MONTHS, DeleteAccountForm, ProfileForm
from forum_anak.membership.selectors import (
    member_activity,
    member_consents,
    member_data_export,
    member_profile_for,
    member_public_name,
)
from forum_anak.membership.services import (
    member_can_submit,
    member_data_exported,
    member_erase,
    member_profile_update,
)
from forum_anak.models import MemberProfile


def member_required(view):
    """Signed in (else to the login page with ?next=, whatever the method) and a member
    profile (else 403). The view receives the profile after the request. Outermost, so
    every answer, the redirect and the 403 included, is marked private and not stored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = member_profile_for(user=request.user)
        if profile is None:
            return render(request, "forum_anak/not_member.html", status=403)
        return view(request, profile, *args, **kwargs)

    return never_cache(login_required(wrapper))


def account_required(view):
    """Signed in (else to the login page); any account, member or staff. For the own-data
    pages: every person can see, download and delete what is stored about them. The view
    receives the member profile, or None for a staff account."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, member_profile_for(user=request.user), *args, **kwargs)

    return never_cache(login_required(wrapper))


def _member_context(profile: MemberProfile | None, section: str, **extra) -> dict:
    """What every member-area page shows: the sub-navigation and the status line (neither
    for a staff account, which only has the own-data pages)."""
    if profile is None:
        return {"profile": None, "member_section": section, **extra}
    state = "alumni" if profile.is_alumni() else profile.status
    return {
        "profile": profile,
        "member_state": state,
        "member_state_label": _("Alumni") if state == "alumni" else profile.get_status_display(),
        "member_section": section,
        **extra,
    }


@member_required
@require_GET
def home(request, profile):
    # Imported here: proposal_views builds on this module's decorators.
    from forum_anak.proposals.views import member_proposal_list
    from forum_anak.proposals.writing import open_invitations

    return render(
        request,
        "forum_anak/home.html",
        _member_context(
            profile,
            "home",
            public_name=member_public_name(profile=profile),
            can_submit=member_can_submit(user=request.user),
            alumni_age=settings.MEMBER_MAX_AGE + 1,
            my_proposals=member_proposal_list(user=request.user),
            open_invitations=open_invitations(user=request.user).count(),
        ),
    )


@member_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def profile_edit(request, profile):
    form = ProfileForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        status_before, nickname_before = profile.status, profile.nickname
        try:
            updated = member_profile_update(user=request.user, **form.cleaned_data)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Profilmu sudah disimpan."))
            if updated.status != status_before and updated.status == MemberProfile.Status.PENDING:
                messages.info(
                    request,
                    _(
                        "Kamu mengubah kelurahan atau data orang tua/wali. Fasilitator akan "
                        "memeriksa akunmu lagi."
                    ),
                )
            if updated.nickname != nickname_before:
                messages.info(request, _("Nama panggilan barumu menunggu persetujuan fasilitator."))
            return redirect("forum_anak:profile")
    return render(
        request, "forum_anak/profile.html", _member_context(profile, "profile", form=form)
    )


@account_required
@require_GET
def my_data(request, profile):
    data = member_data_export(user=request.user)
    return render(
        request,
        "forum_anak/my_data.html",
        _member_context(
            profile,
            "my_data",
            account=data["akun"],
            birth_month_name=dict(MONTHS).get(profile.birth_month) if profile else "",
            memberships=data["forum"],
            consents=member_consents(user=request.user),
            activity=member_activity(user=request.user),
        ),
    )


@account_required
@require_GET
def my_data_download(request, profile):
    """The "download my data" file: every personal field, as UTF-8 JSON."""
    data = member_data_export(user=request.user)
    if profile is not None:
        member_data_exported(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="data-saya.json"'
    return response


@account_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
def delete_account(request, profile):
    """Erase the account after the password is given again, then sign out. The last
    active admin cannot delete themselves (nobody could manage the site any more)."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    error = ""
    last_admin = (
        request.user.is_superuser
        and not get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(pk=request.user.pk)
        .exists()
    )
    if last_admin:
        error = _("Anda admin terakhir. Jadikan orang lain admin dulu, lalu hapus akun ini.")
    elif request.method == "POST":
        # allauth's re-authentication limit (per user): guessing passwords here is no
        # easier than on the login page.
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form = DeleteAccountForm(user=request.user)
            error = _("Terlalu sering mencoba. Tunggu satu menit, lalu coba lagi.")
        elif form.is_valid():
            member_erase(user=request.user, actor=request.user)
            logout(request)
            messages.success(request, _("Akunmu sudah dihapus."))
            return redirect("/")
    return render(
        request,
        "forum_anak/delete_account.html",
        _member_context(profile, "my_data", form=form, error=error),
    )
