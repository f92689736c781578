"""The member area, included at /forum/. `/forum/usulan/...` is left for the proposal pages."""

from django.urls import path

from forum_anak import views

app_name = "forum_anak"

urlpatterns = [
    path("", views.home, name="home"),
    path("profil/", views.profile_edit, name="profile"),
    path("data-saya/", views.my_data, name="my_data"),
    path("data-saya/unduh/", views.my_data_download, name="my_data_download"),
    path("data-saya/hapus/", views.delete_account, name="delete_account"),
]
