"""The starting list of bidang/urusan (Permendagri 90/2019 codes). Editable afterwards."""

from django.db import migrations

URUSAN = [
    ("1.01", "Pendidikan"),
    ("1.02", "Kesehatan"),
    ("1.03", "Pekerjaan Umum dan Penataan Ruang"),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman"),
    ("1.05", "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat"),
    ("1.06", "Sosial"),
    ("2.07", "Tenaga Kerja"),
    ("2.08", "Pemberdayaan Perempuan dan Pelindungan Anak"),
    ("2.09", "Pangan"),
    ("2.11", "Lingkungan Hidup"),
    ("2.12", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2.13", "Pemberdayaan Masyarakat dan Desa"),
    ("2.14", "Pengendalian Penduduk dan Keluarga Berencana"),
    ("2.15", "Perhubungan"),
    ("2.16", "Komunikasi dan Informatika"),
    ("2.19", "Kepemudaan dan Olahraga"),
    ("2.22", "Kebudayaan"),
    ("2.23", "Perpustakaan"),
    ("3.25", "Kelautan dan Perikanan"),
    ("3.26", "Pariwisata"),
]


def load(apps, schema_editor):
    Urusan = apps.get_model("forum_anak", "Urusan")
    for code, name in URUSAN:
        Urusan.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("forum_anak", "0007_usulan_staff_layer_photos_concerns")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
