"""The own-data pages under /forum/data-saya/: see, download and delete what is stored
about oneself. Open to every signed-in account (member or staff)."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from forum_anak.membership.forms import MONTHS
from forum_anak.membership.selectors import member_activity, member_consents
from forum_anak.membership.views import account_required, member_context
from forum_anak.privacy.forms import DeleteAccountForm
from forum_anak.privacy.selectors import account_is_last_admin, member_data_export
from forum_anak.privacy.services import member_data_exported, member_erase


@account_required
@require_GET
def my_data(request, profile):
    data = member_data_export(user=request.user)
    return render(
        request,
        "forum_anak/my_data.html",
        member_context(
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
    if account_is_last_admin(user=request.user):
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
        member_context(profile, "my_data", form=form, error=error),
    )
