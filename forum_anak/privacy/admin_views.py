"""Privacy steps in the facilitator back office: a guardian withdraws consent."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forum_anak.membership.admin_views import MemberActionView, url
from forum_anak.privacy.services import member_consent_withdraw


class ConsentWithdrawView(MemberActionView):
    """The guardian withdraws consent: the account and the child's data are erased."""

    page_title = gettext_lazy("Orang tua/wali menarik persetujuan")
    template_name = "forum_anak/admin/consent_withdraw.html"
    submit_label = gettext_lazy("Ya, hapus akun dan datanya")
    submit_classname = "serious"

    def perform(self, form):
        self.label = self.profile.label
        member_consent_withdraw(actor=self.request.user, profile=self.profile)

    def get_success_message(self):
        return (
            _(
                "Persetujuan ditarik. Akun %s dan datanya sudah dihapus; catatan persetujuan "
                "disimpan tanpa identitas orang tua/wali."
            )
            % self.label
        )

    def get_success_url(self):
        return url("queue")
