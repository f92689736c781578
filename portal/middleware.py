"""Who may open what: admin access and policy, the staff second factor."""

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
