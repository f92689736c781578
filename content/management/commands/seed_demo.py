"""seed_demo: a complete demo site a newcomer can click through. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import demo
from forum_anak.demo import DemoDataError


class Command(BaseCommand):
    help = (
        "Create or update the demo site (pages, topics, hotlines, images, documents) from "
        "content/demo_data/; demo accounts and forum data (forum_anak/demo_data/) too where "
        "settings.SEED_DEMO_ACCOUNTS is on. Safe to run again."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                report = demo.seed_site()
                # Never in production: only dev and test settings turn this on.
                with_accounts = getattr(settings, "SEED_DEMO_ACCOUNTS", False)
                accounts = demo.seed_accounts() if with_accounts else []
        except DemoDataError as error:
            # A writer's slip in a data file: say which file and what, without a traceback.
            raise CommandError(str(error)) from error
        for line in report:
            self.stdout.write(line)
        if accounts:
            self.stdout.write(self.style.SUCCESS("\nAkun demo (hanya untuk pengembangan):"))
            for username, password, role in accounts:
                self.stdout.write(f"  {role:<28} {username} / {password}")
            self.stdout.write(
                "  Masuk di http://127.0.0.1:8000/akun/login/ — staf lalu membuka /admin/, "
                "anggota Forum Anak membuka /forum/\n"
            )
