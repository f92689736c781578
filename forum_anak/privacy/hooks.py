"""Back-office registration of privacy: the consent-withdrawal page of a member."""

from django.urls import path
from wagtail import hooks

from forum_anak.membership.admin_views import MEMBER_URLS_HOOK
from forum_anak.privacy.admin_views import ConsentWithdrawView


@hooks.register(MEMBER_URLS_HOOK)
def consent_withdraw_url(member: str) -> list:
    return [
        path(
            f"{member}tarik-persetujuan/",
            ConsentWithdrawView.as_view(),
            name="consent_withdraw",
        )
    ]
