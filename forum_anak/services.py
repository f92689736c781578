"""Forum anak state changes: one function per action, keyword-only, each one transaction."""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from forum_anak.models import Area

WILAYAH_HEADER = ["kode", "nama", "tingkat", "induk"]
WILAYAH_FILE = Path(__file__).resolve().parent / "data" / "wilayah-kota-bima.csv"
_CODE = re.compile(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")


class WilayahFileError(ValueError):
    """A wilayah file that cannot be loaded; names the line. Nothing was changed."""

    def __init__(self, line: int, message: str):
        super().__init__(_("Baris %(line)s: %(message)s") % {"line": line, "message": message})
        self.line = line


@dataclass(frozen=True)
class WilayahRow:
    line: int
    code: str
    name: str
    level: str
    parent_code: str


@dataclass
class WilayahReport:
    """What a load did. `missing` lists codes in the database but not in the file (kept)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)


def _parse_wilayah(text: str) -> list[WilayahRow]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if [cell.strip().lower() for cell in header or []] != WILAYAH_HEADER:
        raise WilayahFileError(1, _("kepala kolom harus %s.") % ",".join(WILAYAH_HEADER))
    rows: list[WilayahRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(WILAYAH_HEADER):
            raise WilayahFileError(line, _("harus ada 4 kolom, ada %s.") % len(cells))
        code, name, level, parent_code = (cell.strip() for cell in cells)
        if not _CODE.match(code):
            raise WilayahFileError(line, _("kode %r tidak sah.") % code)
        if level not in Area.Level.values:
            raise WilayahFileError(line, _("tingkat %r tidak dikenal.") % level)
        if code.count(".") + 1 != Area.CODE_PARTS[level]:
            raise WilayahFileError(
                line,
                _("kode %(code)s tidak cocok untuk %(level)s.") % {"code": code, "level": level},
            )
        if not name or len(name) > Area._meta.get_field("name").max_length:
            raise WilayahFileError(line, _("nama kosong atau terlalu panjang."))
        expected_parent = code.rsplit(".", 1)[0] if level != Area.Level.KOTA else ""
        if parent_code != expected_parent:
            raise WilayahFileError(
                line,
                _("induk %(parent)r tidak cocok dengan kode %(code)s.")
                % {"parent": parent_code, "code": code},
            )
        if code in seen:
            raise WilayahFileError(
                line,
                _("kode %(code)s sudah ada di baris %(first)s.")
                % {"code": code, "first": seen[code]},
            )
        seen[code] = line
        rows.append(WilayahRow(line, code, name, level, parent_code))
    if not rows:
        raise WilayahFileError(1, _("berkas tidak berisi wilayah."))
    return rows


@transaction.atomic
def wilayah_load(*, text: str) -> WilayahReport:
    """Load kota, kecamatan and kelurahan from the CSV text of `load_wilayah`.

    Updates names and parents by code, adds new codes, keeps and reports codes missing from the
    file (an area is never deleted: members and proposals refer to it). A UTF-8 BOM is
    accepted. Any bad line raises WilayahFileError naming it, and nothing changes.
    """
    rows = _parse_wilayah(text)
    report = WilayahReport()
    existing = {area.code: area for area in Area.objects.select_for_update()}
    by_code = dict(existing)
    for row in sorted(rows, key=lambda r: r.code.count(".")):
        parent = by_code.get(row.parent_code) if row.parent_code else None
        if row.parent_code and (parent is None or parent.level != Area.PARENT_LEVEL[row.level]):
            raise WilayahFileError(row.line, _("induk %s tidak ditemukan.") % row.parent_code)
        area = existing.get(row.code)
        if area is None:
            area = Area.objects.create(code=row.code, name=row.name, level=row.level, parent=parent)
            report.created.append(row.code)
        elif (area.name, area.level, area.parent_id) != (
            row.name,
            row.level,
            getattr(parent, "pk", None),
        ):
            area.name, area.level, area.parent = row.name, row.level, parent
            area.save(update_fields=["name", "level", "parent"])
            report.updated.append(row.code)
        else:
            report.unchanged += 1
        by_code[row.code] = area
    file_codes = {row.code for row in rows}
    report.missing = sorted(code for code in existing if code not in file_codes)
    return report
