"""Response policy middleware."""

from django.conf import settings
from django.core.exceptions import PermissionDenied


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
