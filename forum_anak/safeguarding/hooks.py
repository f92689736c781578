"""Wagtail hooks of the safeguarding-concern screens (imported by wagtail_hooks)."""

from wagtail import hooks

from forum_anak.safeguarding.views import ConcernViewSet, concerns_home_panel


@hooks.register("register_admin_viewset")
def register_concern_viewset():
    return ConcernViewSet()


# Only the petugas perlindungan sees how many concerns wait; nobody else sees any count.
hooks.register("construct_homepage_panels", concerns_home_panel)
