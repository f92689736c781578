"""The member area, included at /forum/: own status, profile and data, own proposals
(`/forum/usulan/...`), friends' invitations, the in-site inbox and the private help request."""

from django.urls import path

from forum_anak.membership import views
from forum_anak.privacy import views as privacy_views
from forum_anak.proposals import views as proposal_views

app_name = "forum_anak"

urlpatterns = [
    path("", proposal_views.home, name="home"),
    path("profil/", views.profile_edit, name="profile"),
    path("data-saya/", privacy_views.my_data, name="my_data"),
    path("data-saya/unduh/", privacy_views.my_data_download, name="my_data_download"),
    path("data-saya/hapus/", privacy_views.delete_account, name="delete_account"),
    path("usulan/baru/", proposal_views.proposal_create, name="proposal_create"),
    path("usulan/<int:pk>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("usulan/<int:pk>/ubah/", proposal_views.proposal_edit, name="proposal_edit"),
    path("usulan/<int:pk>/hapus/", proposal_views.proposal_delete, name="proposal_delete"),
    path("usulan/<int:pk>/kirim/", proposal_views.proposal_send, name="proposal_send"),
    path("usulan/<int:pk>/tarik/", proposal_views.proposal_withdraw_view, name="proposal_withdraw"),
    path("usulan/<int:pk>/foto/", proposal_views.proposal_photo, name="proposal_photo"),
    path("usulan/<int:pk>/ajak/", proposal_views.proposal_invite, name="proposal_invite"),
    path("ajakan/", proposal_views.invitations, name="invitations"),
    path("ajakan/<int:pk>/", proposal_views.invitation_respond, name="invitation_respond"),
    path("kabar/", proposal_views.inbox, name="inbox"),
    path("kabar/tandai-dibaca/", proposal_views.inbox_mark_all_read, name="inbox_mark_read"),
    path("kabar/<int:pk>/", proposal_views.inbox_message, name="inbox_message"),
    path("bantuan-petugas/", proposal_views.help_request, name="help_request"),
    path("bantuan-petugas/terkirim/", proposal_views.help_sent, name="help_sent"),
]
