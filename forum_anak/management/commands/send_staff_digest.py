"""send_staff_digest: the daily e-mail to moderators with the moderation counts.

Scheduled once a day (docs/operations.md). Numbers and a link only: no child's text, no
titles, no names.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from forum_anak.moderation.services import staff_digest_send


class Command(BaseCommand):
    help = "E-mail each moderator with a verified address today's moderation counts."

    def handle(self, *args, **options):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        sent = staff_digest_send(queue_url=base + reverse("usulan_admin:queue"))
        self.stdout.write(f"Digest sent to {sent} moderator(s).")
