"""Who may open what, and for how long: admin access and policy, the staff second factor,
members' session lifetime."""

import time

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.roles import requires_second_factor


class AdminPolicyMiddleware:
    """Give /admin/ its own CSP (the Wagtail admin writes inline scripts).

    Sits inside Django's ContentSecurityPolicyMiddleware, which reads `_csp_config` from the
    response; every other path keeps the strict SECURE_CSP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIX):
            response._csp_config = settings.ADMIN_CSP
        return response


class AdminAccessMiddleware:
    """A signed-in user without admin access gets 403 on /admin/, not a redirect loop.

    Wagtail would send them to the login page, and allauth's login page sends a signed-in
    user straight back to `next`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            path.startswith(settings.ADMIN_PATH_PREFIX)
            and path != f"{settings.ADMIN_PATH_PREFIX}login/"
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)


class SecondFactorMiddleware:
    """Staff who can see a child's personal data open /admin/ only with a second factor.

    A signed-in account for which `requires_second_factor()` holds (superusers and the
    roles in SECOND_FACTOR_ROLES) and that has no allauth authenticator yet is sent from
    every /admin/ URL to allauth's page that activates an authenticator app; once it is
    active, allauth asks for its code at every sign-in. Off only in the local demo
    (STAFF_SECOND_FACTOR_REQUIRED); production refuses to start without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_SECOND_FACTOR_REQUIRED
            and request.path.startswith(settings.ADMIN_PATH_PREFIX)
            and request.user.is_authenticated
            and requires_second_factor(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Akun Anda dapat melihat data pribadi anak, jadi wajib memakai verifikasi "
                    "dua langkah. Aktifkan aplikasi autentikator di ponsel Anda dulu; setelah "
                    "itu halaman admin bisa dibuka."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


# Session keys of MemberSessionMiddleware.
MEMBER_SESSION_KEY = "portal.member"
LAST_SEEN_SESSION_KEY = "portal.last_seen"
# Last activity is written at most this often, so browsing does not save the session on every
# request.
LAST_SEEN_RESOLUTION_SECONDS = 60


class MemberSessionMiddleware:
    """Shared phones: a member's session ends when the browser closes and after
    MEMBER_IDLE_MINUTES without a request; then the next request signs them out and sends
    them to the sign-in page.

    Members are accounts with a member profile; staff (accounts without one) are left alone.
    Whether the account is a member is asked by one query, once per session (then the
    session says so), so later requests cost no query here, for members and staff alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._is_member(request):
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            idle_limit = settings.MEMBER_IDLE_MINUTES * 60
            if last_seen is not None and time.time() - last_seen > idle_limit:
                return self._sign_out(request)
        response = self.get_response(request)
        # After the view, so that the response to the sign-in itself already carries a
        # browser-session cookie.
        if request.user.is_authenticated and self._is_member(request):
            session = request.session
            if not session.get_expire_at_browser_close():
                session.set_expiry(0)
            now = int(time.time())
            last_seen = session.get(LAST_SEEN_SESSION_KEY)
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                session[LAST_SEEN_SESSION_KEY] = now
        return response

    @staticmethod
    def _is_member(request) -> bool:
        """Asked once per session and account, then read from the session. An account
        never gains or loses its member profile while signed in (sign-up creates both)."""
        user = request.user
        known = request.session.get(MEMBER_SESSION_KEY)
        if isinstance(known, list) and len(known) == 2 and known[0] == user.pk:
            return bool(known[1])
        is_member = hasattr(user, "member_profile")
        request.session[MEMBER_SESSION_KEY] = [user.pk, is_member]
        return is_member

    @staticmethod
    def _sign_out(request):
        get_account_adapter(request).logout(request)
        messages.info(
            request,
            _(
                "Kamu sudah keluar otomatis karena tidak ada kegiatan selama %(minutes)d "
                "menit. Silakan masuk lagi."
            )
            % {"minutes": settings.MEMBER_IDLE_MINUTES},
        )
        return redirect(settings.LOGIN_URL)
