"""The first privacy notice, so sign-up works on a fresh database. Later versions are added
in the back office (a published version is never edited)."""

from django.db import migrations
from django.utils import timezone

TITLE = "Data apa yang kami simpan tentang kamu"
BODY = """Kami menyimpan sedikit data supaya kamu bisa ikut Forum Anak dan mengirim usulan.

Yang kami simpan: nama pengguna, kata sandi (teracak, tidak bisa dibaca siapa pun), nama panggilan, tahun dan bulan lahir, kelurahan, dan nama serta nomor HP orang tua atau walimu. Email hanya kalau kamu mengisinya.

Kenapa: supaya fasilitator bisa memastikan kamu benar anggota Forum Anak, dan orang tua atau walimu setuju kamu ikut.

Siapa yang melihat: hanya fasilitator dan petugas Dinas yang bertugas. Orang lain tidak bisa melihat data dirimu. Di halaman umum, yang tampil hanya nama panggilan yang sudah disetujui fasilitator, atau "Anggota Forum Anak" dan nama kelurahanmu.

Kami tidak menjual datamu dan tidak memakainya untuk iklan.

Kalau akunmu belum diverifikasi dalam 30 hari, akun dan datanya kami hapus.

Kamu bisa melihat semua datamu, mengunduhnya, dan menghapus akunmu kapan saja di halaman "Data saya". Usulan yang sudah dikirim tetap ada, tetapi tanpa namamu.

Ada pertanyaan? Tanyakan kepada fasilitator Forum Anak atau hubungi Dinas."""


def add_first_notice(apps, schema_editor):
    PrivacyNotice = apps.get_model("forum_anak", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version=1, defaults={"title": TITLE, "body": BODY, "published_at": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [("forum_anak", "0002_membership")]

    operations = [migrations.RunPython(add_first_notice, migrations.RunPython.noop)]
