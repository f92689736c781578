"""The musrenbang paperwork: "Daftar Usulan Forum Anak" (CSV, XLSX) and the session recap.

Every row comes from `EXPORT_COLUMNS`: one bundle, its PUBLIC version (public title, problem
and activity), its planning layer, and for each listed proposal of the bundle its code, its
kelurahan and the proposer's public name (the forum's name or an approved nickname, as on the
public board). Never a child's own text, a real name, a staff note or a timeline note.

Rows are produced one bundle at a time from `QuerySet.iterator(chunk_size=...)` (the listed
proposals are prefetched per chunk), so a large export stays within bounded memory.
"""

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from forum_anak.models import Bundle, Cluster, Forwarding, MusrenbangSession, Proposal
from forum_anak.musrenbang.selectors import listed_proposals
from forum_anak.public.selectors import PublicAreas, public_areas

# Bundles fetched per database round trip (each chunk prefetches its listed proposals).
CHUNK_SIZE = 50


def _unique(values: Iterable[str]) -> list[str]:
    """Non-empty values, first occurrence kept, in order."""
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _joined(values: Iterable[str]) -> str:
    return ", ".join(_unique(values))


def _volume(bundle: Bundle) -> Decimal | int | None:
    """12.00 -> 12, 2.50 -> 2.5."""
    value = bundle.volume
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _kecamatan(bundle: Bundle) -> str:
    return _joined(
        p.kelurahan.parent.name for p in bundle.listed if p.kelurahan and p.kelurahan.parent_id
    )


class Names:
    """The labels one export uses, worked out once: klaster and status labels, and each
    proposer's public name (as on the public board: the forum's name, the approved nickname,
    else "Anggota Forum Anak <area>"), kept per proposer for the rest of the export."""

    def __init__(self, areas: PublicAreas | None = None):
        self.areas = areas if areas is not None else public_areas()
        self.clusters = {value: str(label) for value, label in Cluster.choices}
        self.states = {value: str(label) for value, label in Proposal.State.choices}
        self._proposers: dict[tuple, str] = {}

    def proposer(self, proposal: Proposal) -> str:
        if proposal.group_id:
            key = ("group", proposal.group_id)
        elif proposal.proposer_id:
            key = ("member", proposal.proposer_id)
        else:
            key = ("former", proposal.proposer_kelurahan_id)
        if key not in self._proposers:
            self._proposers[key] = self.areas.proposer_name(proposal)
        return self._proposers[key]


@dataclass(frozen=True)
class Column:
    """One column of the export: its header and the cell of (row number, bundle, names)."""

    key: str
    name: str
    cell: Callable[[int, Bundle, Names], object]


EXPORT_COLUMNS: tuple[Column, ...] = (
    Column("no", pgettext_lazy("kolom ekspor", "No"), lambda n, b, names: n),
    Column(
        "kode",
        pgettext_lazy("kolom ekspor", "Kode"),
        lambda n, b, names: _joined(p.code for p in b.listed),
    ),
    Column(
        "judul", pgettext_lazy("kolom ekspor", "Judul usulan"), lambda n, b, names: b.public_title
    ),
    Column(
        "permasalahan",
        pgettext_lazy("kolom ekspor", "Permasalahan"),
        lambda n, b, names: b.public_problem,
    ),
    Column(
        "kegiatan",
        pgettext_lazy("kolom ekspor", "Usulan kegiatan"),
        lambda n, b, names: b.public_activity,
    ),
    Column(
        "kelurahan",
        pgettext_lazy("kolom ekspor", "Kelurahan"),
        lambda n, b, names: _joined(p.kelurahan.name for p in b.listed if p.kelurahan_id),
    ),
    Column(
        "kecamatan", pgettext_lazy("kolom ekspor", "Kecamatan"), lambda n, b, names: _kecamatan(b)
    ),
    Column(
        "klaster",
        pgettext_lazy("kolom ekspor", "Klaster KLA"),
        lambda n, b, names: names.clusters.get(b.cluster, b.cluster),
    ),
    Column(
        "urusan",
        pgettext_lazy("kolom ekspor", "Bidang/urusan"),
        lambda n, b, names: str(b.urusan) if b.urusan else "",
    ),
    Column(
        "opd",
        pgettext_lazy("kolom ekspor", "OPD tujuan"),
        lambda n, b, names: b.opd.name if b.opd else "",
    ),
    Column("volume", pgettext_lazy("kolom ekspor", "Volume"), lambda n, b, names: _volume(b)),
    Column("satuan", pgettext_lazy("kolom ekspor", "Satuan"), lambda n, b, names: b.unit),
    Column(
        "biaya",
        pgettext_lazy("kolom ekspor", "Perkiraan biaya"),
        lambda n, b, names: b.cost_estimate,
    ),
    Column(
        "prioritas",
        pgettext_lazy("kolom ekspor", "Prioritas"),
        lambda n, b, names: getattr(b, "session_rank", None),
    ),
    Column(
        "pengusul",
        pgettext_lazy("kolom ekspor", "Pengusul"),
        lambda n, b, names: _joined(names.proposer(p) for p in b.listed),
    ),
    Column(
        "status",
        pgettext_lazy("kolom ekspor", "Status"),
        lambda n, b, names: names.states.get(b.state, b.state),
    ),
)

# The recap prints on A4 portrait (180 mm of printable width): the long problem text, the
# kecamatan (the session names its area), the bidang/urusan, the OPD and the status (the
# same for every bundle of a session until its outcome) are left out there, and the unit
# follows the volume in one cell ("12,5 titik lampu").
RECAP_COLUMN_KEYS = (
    "no",
    "kode",
    "judul",
    "kegiatan",
    "kelurahan",
    "klaster",
    "volume",
    "biaya",
    "prioritas",
    "pengusul",
)
RECAP_COLUMNS: tuple[Column, ...] = tuple(
    column for key in RECAP_COLUMN_KEYS for column in EXPORT_COLUMNS if column.key == key
)


def headers(columns: Iterable[Column] = EXPORT_COLUMNS) -> list[str]:
    return [str(column.name) for column in columns]


def with_latest_rank(queryset: QuerySet[Bundle], *, session=None) -> QuerySet[Bundle]:
    """Annotate `session_rank` on a filtered list: the rank in `session` when the list is
    filtered by one, else the rank of the bundle's latest forwarding (empty if unranked)."""
    forwardings = Forwarding.objects.filter(bundle=OuterRef("pk"))
    if session is not None:
        forwardings = forwardings.filter(session=session)
    latest = forwardings.order_by("-forwarded_at", "-pk").values("rank")[:1]
    return queryset.annotate(session_rank=Subquery(latest))


def with_proposers(queryset: QuerySet[Bundle]) -> QuerySet[Bundle]:
    """The bundles' listed proposals (`bundle.listed`, as `bundles_listed` prefetches them)
    with everything naming the proposer reads joined: the member's home kelurahan and
    kecamatan (a nickname not approved yet), a former member's, a forum's area. Without it,
    each row would cost queries of its own."""
    return queryset.prefetch_related(None).prefetch_related(
        Prefetch(
            "proposals",
            queryset=listed_proposals()
            .select_related(
                "kelurahan__parent",
                "group__area__parent",
                "proposer__member_profile__kelurahan__parent",
                "proposer_kelurahan__parent",
            )
            .order_by("code", "pk"),
            to_attr="listed",
        )
    )


def export_rows(
    queryset: QuerySet[Bundle],
    columns: Iterable[Column] = EXPORT_COLUMNS,
    *,
    names: Names | None = None,
) -> Iterator[list]:
    """One list of cells per bundle, numbered from 1, streamed from the database."""
    columns = tuple(columns)
    names = names if names is not None else Names()
    bundles = with_proposers(queryset).iterator(chunk_size=CHUNK_SIZE)
    for number, bundle in enumerate(bundles, start=1):
        yield [column.cell(number, bundle, names) for column in columns]


def _text(value) -> str:
    """Text that a spreadsheet would run as a formula ("=...", "+...") gets a leading quote."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)):
        return str(value)
    return _text(value)


class Echo:
    """A file-like object whose write() returns the line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(queryset: QuerySet[Bundle]) -> Iterator[str]:
    """The CSV, line by line: a UTF-8 BOM first so Excel reads the file as UTF-8."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(headers())
    for row in export_rows(queryset):
        yield writer.writerow([csv_cell(value) for value in row])


def xlsx_cell(value):
    """Numbers stay numbers (openpyxl writes Decimal as a number); text is never a formula."""
    if value is None or isinstance(value, (int, Decimal)):
        return value
    return _text(value)


def xlsx_write(queryset: QuerySet[Bundle], target, *, subtitle: str) -> int:
    """Write the workbook (write-only: rows go to disk as they come) to the file object
    `target`; return the number of rows."""

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Daftar usulan"))
    bold = Font(bold=True)

    def styled(value, font):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = font
        return cell

    sheet.append([styled(_("Daftar Usulan Forum Anak"), Font(bold=True, size=14))])
    sheet.append([subtitle])
    sheet.append([])
    sheet.append([styled(name, bold) for name in headers()])
    count = 0
    for row in export_rows(queryset):
        sheet.append([xlsx_cell(value) for value in row])
        count += 1
    workbook.save(target)
    return count


# The header row of the XLSX sheet (1-based): a title, the filter line, a blank line.
XLSX_HEADER_ROW = 4


def display(key: str, value) -> str:
    """A cell as printed: grouped thousands for money, the locale's decimal mark."""
    if value is None:
        return ""
    if key == "biaya":
        return number_format(value, decimal_pos=0, force_grouping=True)
    if isinstance(value, Decimal):
        return number_format(value, force_grouping=True)
    return str(value)


@dataclass
class Recap:
    """What the printed recap of a session shows. `rows`: one list of (column key, text)
    per bundle."""

    session: MusrenbangSession
    columns: list[tuple[str, str]]
    rows: list[list[tuple[str, str]]]
    per_cluster: list[tuple[str, int, int]]
    per_kelurahan: list[tuple[str, str, int]]
    bundles: int
    proposals: int


def session_recap(session: MusrenbangSession, queryset: QuerySet[Bundle]) -> Recap:
    """The session's bundles as recap rows, and the counts per klaster (bundles, children's
    proposals) and per kelurahan (children's proposals). A session holds at most a few
    hundred bundles, so this one is built in memory."""
    names = Names()
    rows: list[list] = []
    cluster_bundles: Counter = Counter()
    cluster_proposals: Counter = Counter()
    kelurahan_proposals: Counter = Counter()
    kecamatan_of: dict[str, str] = {}
    proposals = 0
    bundles = with_proposers(queryset).iterator(chunk_size=CHUNK_SIZE)
    for number, bundle in enumerate(bundles, start=1):
        row = [
            (column.key, display(column.key, column.cell(number, bundle, names)))
            for column in RECAP_COLUMNS
        ]
        rows.append(
            [
                (key, f"{text} {bundle.unit}" if key == "volume" and text and bundle.unit else text)
                for key, text in row
            ]
        )
        label = names.clusters.get(bundle.cluster, bundle.cluster)
        cluster_bundles[label] += 1
        cluster_proposals[label] += len(bundle.listed)
        proposals += len(bundle.listed)
        for proposal in bundle.listed:
            if proposal.kelurahan_id:
                name = proposal.kelurahan.name
                kelurahan_proposals[name] += 1
                parent = proposal.kelurahan.parent
                kecamatan_of[name] = parent.name if parent else ""
    return Recap(
        session=session,
        columns=[(column.key, str(column.name)) for column in RECAP_COLUMNS],
        rows=rows,
        per_cluster=sorted(
            ((label, n, cluster_proposals[label]) for label, n in cluster_bundles.items()),
            key=lambda item: (-item[1], item[0]),
        ),
        per_kelurahan=sorted(
            ((name, kecamatan_of[name], n) for name, n in kelurahan_proposals.items()),
            key=lambda item: (item[1], item[0]),
        ),
        bundles=len(rows),
        proposals=proposals,
    )
