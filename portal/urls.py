"""Root URLconf. Apps are included by dotted path, so nothing here imports upward."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views


class LoginRedirectView(RedirectView):
    """/admin/login/ leads to allauth's login, keeping ?next=."""

    url = "/akun/login/"
    query_string = True
    permanent = False


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Pages and public proposals (forum_anak.public.sitemaps).
    path("sitemap.xml", include("forum_anak.public.sitemaps")),
    path("admin/login/", LoginRedirectView.as_view(), name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("akun/", include("allauth.urls")),
    path("forum/", include("forum_anak.urls")),
    path("usulan/", include("forum_anak.public.urls")),
    path("api/v2/usulan/", include("forum_anak.public.api_urls")),
    re_path(r"^media/images/(?P<path>.+)$", views.serve_rendition, name="rendition_file"),
    path("", include("content.urls")),
    path("", include(wagtail_urls)),
]

handler500 = "portal.views.server_error"
