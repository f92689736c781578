"""allauth behaviour for this site, changed through its adapter (never by copying views)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up stays closed until the forum anak membership flow exists.

    A child's account needs a privacy notice, the guardian's details and a facilitator's
    verification (issue "Forum anak membership"); a bare allauth sign-up would collect a
    child's data without any of that. Staff accounts are made by admins.
    """

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_SIGNUP_OPEN", False)
