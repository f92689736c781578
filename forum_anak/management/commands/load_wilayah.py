"""load_wilayah <csv>: load or update the city's kecamatan and kelurahan."""

from django.core.management.base import BaseCommand, CommandError

from forum_anak.membership.services import WilayahFileError, wilayah_load


class Command(BaseCommand):
    help = (
        "Load kota, kecamatan and kelurahan from a CSV (kode,nama,tingkat,induk). Updates by code, "
        "adds new codes, never deletes; a bad line stops the load with nothing changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "csv", help="path to the CSV file, e.g. forum_anak/data/wilayah-kota-bima.csv"
        )

    def handle(self, *args, **options):
        try:
            with open(options["csv"], encoding="utf-8-sig", newline="") as source:
                text = source.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['csv']}: {error}") from error
        try:
            report = wilayah_load(text=text)
        except WilayahFileError as error:
            raise CommandError(f"{options['csv']}: {error} Nothing was changed.") from error
        self.stdout.write(
            f"Wilayah: {len(report.created)} added, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged; {len(report.groups_created)} forum groups added."
        )
        if report.missing:
            self.stdout.write(
                self.style.WARNING("Kept, but missing from the file: " + ", ".join(report.missing))
            )
