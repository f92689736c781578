"""Template context every public page needs."""

from django.conf import settings

from portal.models import SiteSettings


def site(request) -> dict:
    """Site settings, quick-exit target and help number for base.html.

    One cached settings read per request (Wagtail caches it on the request).
    """
    site_settings = SiteSettings.for_request(request) if request is not None else None
    return {
        "site_settings": site_settings,
        "quick_exit_url": (site_settings.quick_exit_url if site_settings else None)
        or settings.QUICK_EXIT_FALLBACK_URL,
        "help_phone": (site_settings.help_phone if site_settings else None)
        or settings.HELP_PHONE_FALLBACK,
        "help_whatsapp": (
            f"https://wa.me/{site_settings.help_whatsapp}"
            if site_settings and site_settings.help_whatsapp
            else settings.HELP_WHATSAPP_FALLBACK
        ),
    }


def inbox(request) -> dict:
    """The unread count of the signed-in account's in-site messages ("Kabar (N)" in the
    header). Nothing, and no query, for anonymous visitors; for a signed-in account one
    COUNT, run only if the page shows it (a callable: templates call it when rendered).
    Read through the account's reverse relation, so the ground floor imports no app."""
    user = getattr(request, "user", None) if request is not None else None
    if user is None or not user.is_authenticated:
        return {}

    def unread() -> int:
        return user.notifications.filter(read_at__isnull=True).count()

    return {"unread_notifications": unread}
