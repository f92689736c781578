"""The public proposal board, included at /usulan/ (namespace "usulan")."""

from django.urls import path

from forum_anak.public import views as public_views

app_name = "usulan"

urlpatterns: list = [
    path("", public_views.board, name="index"),
    path("<str:code>/", public_views.detail, name="detail"),
    path("<str:code>/foto/", public_views.photo, name="photo"),
    path(
        "<str:code>/foto-pelaksanaan/",
        public_views.implementation_photo,
        name="implementation_photo",
    ),
    path("<str:code>/laporkan/", public_views.report, name="report"),
]
