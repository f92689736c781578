"""allauth behaviour for this site, changed through its adapter (never by copying views)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def _is_verified(email: str, user=None) -> bool:
    addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if user is not None:
        addresses = addresses.filter(user=user)
    return addresses.exists()


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is the child's membership sign-up (forum_anak.membership.signup.MemberSignupForm);
    ACCOUNT_SIGNUP_OPEN can close it without a deploy of code.

    Mail, apart from the verification message itself, goes only to addresses their owner
    verified: a child may type a classmate's address or a typo, and that person must not
    receive password links or "you have an account" notes about someone else.
    """

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_SIGNUP_OPEN", True)

    def get_signup_redirect_url(self, request) -> str:
        """A new member lands on the member home, which says "menunggu verifikasi"."""
        try:
            return reverse("forum_anak:home")
        except NoReverseMatch:
            return "/forum/"

    def get_login_redirect_url(self, request) -> str:
        """Without a ?next=: members to their forum home, staff to the back office, anyone
        else to LOGIN_REDIRECT_URL."""
        user = request.user
        if hasattr(user, "member_profile"):
            return self.get_signup_redirect_url(request)
        if user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        """Only to an address this account verified. A member without one gets a one-time
        link from their facilitator (services.member_reset_link_issue). The page answers the
        same either way."""
        if _is_verified(email, user):
            super().send_password_reset_mail(user, email, context)

    def send_account_already_exists_mail(self, email: str) -> None:
        if _is_verified(email):
            super().send_account_already_exists_mail(email)
