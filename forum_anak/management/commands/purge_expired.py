"""purge_expired: erase member accounts still unverified after MEMBER_UNVERIFIED_DAYS.

Scheduled daily (docs/operations.md). Until a guardian's consent is recorded we may keep only
what verification needs, and not for long (UU 27/2022).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from forum_anak.privacy.services import expired_members_purge


class Command(BaseCommand):
    help = (
        "Erase member accounts never verified within MEMBER_UNVERIFIED_DAYS days of sign-up "
        "(profile, e-mail addresses, sessions, history; see member_erase). Safe to run any time."
    )

    def handle(self, *args, **options):
        count = expired_members_purge()
        self.stdout.write(
            f"Erased {count} account(s) unverified after {settings.MEMBER_UNVERIFIED_DAYS} days."
        )
