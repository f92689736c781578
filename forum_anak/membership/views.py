"""The member area under /forum/: a child's own status, profile and data.

Views stay thin: they read through selectors and change through services. Every response
is `Cache-Control: private, no-store` (phones are often shared), and a signed-in account
without a member profile (staff) gets a plain 403 page instead of an error.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from forum_anak.core.errors import ActionError
from forum_anak.membership.forms import ProfileForm
from forum_anak.membership.selectors import member_profile_for
from forum_anak.membership.services import member_profile_update
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


def member_context(profile: MemberProfile | None, section: str, **extra) -> dict:
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
    return render(request, "forum_anak/profile.html", member_context(profile, "profile", form=form))
