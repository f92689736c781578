"""Back-office registration shared by every feature folder: the admin stylesheet."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def forum_anak_admin_css():
    """One small stylesheet for our own admin screens (grids, timelines, the calendar),
    served as a static file: no inline style to weaken the admin's CSP."""
    return format_html('<link rel="stylesheet" href="{}">', static("forum_anak/admin.css"))
