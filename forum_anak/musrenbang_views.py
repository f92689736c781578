"""The musrenbang back office inside the Wagtail admin (being written)."""

from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.base import ViewSet

from forum_anak.export_views import ExportView, RecapView, SessionExportView

URL_NAMESPACE = "musrenbang_admin"


def musrenbang_home_panels(request, panels) -> None:
    return None


class MusrenbangViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "musrenbang"
    icon = "date"
    menu_label = gettext_lazy("Musrenbang")

    def get_urlpatterns(self):
        return [
            path("ekspor/", ExportView.as_view(), name="export"),
            path("sesi/<int:pk>/ekspor/", SessionExportView.as_view(), name="session_export"),
            path("sesi/<int:pk>/berita-acara/", RecapView.as_view(), name="recap"),
        ]
