"""send_pending_notifications: retry notification e-mails that are pending or failed.

Scheduled every 10 minutes (docs/operations.md). A failing mail server breaks no transition:
the row waits here until the server answers again.
"""

from django.core.management.base import BaseCommand

from forum_anak.notifications.channels import notifications_send_pending


class Command(BaseCommand):
    help = "Send every notification e-mail still pending or failed. Safe to run any time."

    def handle(self, *args, **options):
        counts = notifications_send_pending()
        self.stdout.write(
            ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
            or "Nothing to send."
        )
