"""The proposals API, included at /api/v2/usulan/ (namespace "usulan_api")."""

from django.urls import path, re_path

from forum_anak.public import api

app_name = "usulan_api"

urlpatterns: list = [
    path("", api.listing, name="listing"),
    path("<str:code>/", api.detail, name="detail"),
    # Anything else below /api/v2/usulan/ is a JSON 404, never the site's HTML page.
    re_path(r"^(?P<path>.*)$", api.not_found, name="not_found"),
]
