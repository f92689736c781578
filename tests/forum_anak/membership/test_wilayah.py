"""load_wilayah: the city's areas from the official list, reloadable without losing any."""

import pytest
from django.core.management import CommandError, call_command

from forum_anak.membership.services import WILAYAH_FILE, WilayahFileError, wilayah_load
from forum_anak.models import Area

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_areas")]

HEADER = "kode,nama,tingkat,induk\n"
SMALL = (
    HEADER
    + "52.72,Kota Bima,kota,\n"
    + "52.72.01,Rasanae Barat,kecamatan,52.72\n"
    + "52.72.01.1001,Paruga,kelurahan,52.72.01\n"
)


def _snapshot():
    return list(Area.objects.order_by("code").values_list("code", "name", "level", "parent__code"))


def test_the_shipped_file_gives_5_kecamatan_and_41_kelurahan(capsys):
    call_command("load_wilayah", str(WILAYAH_FILE))
    assert Area.objects.filter(level=Area.Level.KOTA).count() == 1
    assert Area.objects.filter(level=Area.Level.KECAMATAN).count() == 5
    assert Area.objects.filter(level=Area.Level.KELURAHAN).count() == 41
    assert Area.objects.get(name="Oi Fo'o").parent.level == Area.Level.KECAMATAN
    assert all(
        area.parent.code == area.code.rsplit(".", 1)[0]
        for area in Area.objects.exclude(level="kota")
    )
    assert "47 added" in capsys.readouterr().out


def test_loading_twice_changes_nothing():
    text = WILAYAH_FILE.read_text(encoding="utf-8")
    wilayah_load(text=text)
    before = _snapshot()
    report = wilayah_load(text=text)
    assert (report.created, report.updated, report.missing) == ([], [], [])
    assert report.unchanged == 47
    assert _snapshot() == before


def test_reload_updates_names_by_code_adds_new_and_keeps_missing(capsys):
    wilayah_load(text=SMALL + "52.72.01.1002,Nae,kelurahan,52.72.01\n")
    nae_id = Area.objects.get(code="52.72.01.1002").pk
    changed = SMALL.replace("Paruga", "Paruga Baru") + "52.72.01.1003,Sarae,kelurahan,52.72.01\n"
    report = wilayah_load(text=changed)
    assert report.updated == ["52.72.01.1001"] and report.created == ["52.72.01.1003"]
    assert report.missing == ["52.72.01.1002"]
    assert Area.objects.get(code="52.72.01.1001").name == "Paruga Baru"
    assert Area.objects.filter(pk=nae_id).exists()  # never deleted


def test_bom_and_apostrophes_are_accepted(tmp_path):
    path = tmp_path / "wilayah.csv"
    path.write_bytes(
        ("\ufeff" + SMALL + "52.72.01.1019,Oi Fo'o,kelurahan,52.72.01\n").encode("utf-8")
    )
    call_command("load_wilayah", str(path))
    assert Area.objects.get(code="52.72.01.1019").name == "Oi Fo'o"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("code,name,level,parent\n52.72,Kota Bima,kota,\n", 1),
        (SMALL + "52.72.01.1002,Nae,desa,52.72.01\n", 5),
        (SMALL + "52.72.01.10x2,Nae,kelurahan,52.72.01\n", 5),
        (SMALL + "52.72.01.1002,Nae,kelurahan,52.72.09\n", 5),
        (SMALL + "52.72.09.1002,Nae,kelurahan,52.72.09\n", 5),
        (SMALL + "52.72.01.1001,Paruga lagi,kelurahan,52.72.01\n", 5),
        (SMALL + "52.72.01.1002,,kelurahan,52.72.01\n", 5),
        (SMALL + "52.72.01.1002,Nae,kelurahan\n", 5),
        (SMALL + "52.72.01,Nae,kelurahan,52.72\n", 5),
    ],
)
def test_a_bad_file_is_rejected_naming_the_line_and_nothing_changes(tmp_path, text, line):
    wilayah_load(text=SMALL)
    before = _snapshot()
    with pytest.raises(WilayahFileError) as error:
        wilayah_load(text=text.replace("Paruga,", "Paruga Berubah,", 1))
    assert error.value.line == line
    assert f"Baris {line}" in str(error.value)
    assert _snapshot() == before

    path = tmp_path / "rusak.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=f"Baris {line}"):
        call_command("load_wilayah", str(path))
    assert _snapshot() == before
