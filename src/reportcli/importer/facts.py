"""The table of public facts about each report (``data/report-facts.csv``): what a reader needs to
cite it (date, speaker, office, NPC session, kind of report, publisher of a translation), one row per
report the corpus can hold, each value beside the column ``<field>_source`` that says where it comes
from: a text of the corpus (``TSV header``, ``Wikisource title block``, ``NPC resolution``, ...,
optionally with the words that state it, ``TSV header: «…»``), or ``public record: <what>`` for a fact
no text here states.

The import reads the texts first (``importer.stated``) and takes from this table only what they do
not state; tests/test_facts.py holds every row to the texts wherever they state a value, so that a
wrong row fails. ``disagrees`` names the texts a row knowingly contradicts (the 1954 header's date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import NamedTuple

from reportcli.errors import DataError
from reportcli.reportfile.meta import REPORT_KINDS

FIELDS = (
    "kind",
    "delivered",
    "delivered_until",
    "speaker_zh",
    "speaker_pinyin",
    "role",
    "role_zh",
    "session",
    "session_zh",
    "five_year_plan",
    "publisher",
    "translation",
)
# the column that says where a field comes from (the two forms of a name, an office or a session share one)
SOURCE_OF = {
    "kind": "kind_source",
    "delivered": "delivered_source",
    "delivered_until": "delivered_until_source",
    "speaker_zh": "speaker_source",
    "speaker_pinyin": "speaker_source",
    "role": "role_source",
    "role_zh": "role_source",
    "session": "session_source",
    "session_zh": "session_source",
    "five_year_plan": "five_year_plan_source",
    "publisher": "publisher_source",
    "translation": "translation_source",
}
COLUMNS = ("id", "year", "language", *FIELDS, *sorted(set(SOURCE_OF.values())), "disagrees", "notes")
PUBLIC_RECORD = "public record:"


class Row(NamedTuple):
    """One report's facts: ``values`` and ``sources`` by field (only the fields the row fills)."""

    id: str
    year: int
    language: str
    values: dict[str, str]
    sources: dict[str, str]
    disagrees: dict[str, tuple[str, ...]]  # field -> the texts whose statement of it the row contradicts
    notes: str

    def get(self, field: str) -> str | None:
        return self.values.get(field)

    def parts_of_source(self, field: str) -> list[tuple[str, str | None]]:
        """Where ``field`` comes from, one entry per text named: (text, the words quoted or None); a
        ``public record: ...`` entry is (``public record``, what)."""
        found: list[tuple[str, str | None]] = []
        for part in (p.strip() for p in self.sources.get(field, "").split("; ")):
            if not part:
                continue
            if part.startswith(PUBLIC_RECORD):
                found.append(("public record", part.removeprefix(PUBLIC_RECORD).strip()))
                continue
            name, _, quoted = part.partition(": «")
            found.append((name, quoted.removesuffix("»") if quoted else None))
        return found


def default_path() -> Path:
    """The table in the installed package (or the checkout's data/, when run from source)."""
    here = Path(__file__).resolve().parents[1]
    embedded = here / "data" / "report-facts.csv"
    return embedded if embedded.is_file() else here.parents[1] / "data" / "report-facts.csv"


@cache
def table(path: Path | None = None) -> dict[str, Row]:
    """The rows by report id, checked: every column present, dates in ISO form, a known kind, a
    source for every value given."""
    path = path or default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the table of report facts ({exc.strerror or exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or set(COLUMNS) - set(reader.fieldnames):
        missing = sorted(set(COLUMNS) - set(reader.fieldnames or ()))
        raise DataError(f"{path}: missing columns {', '.join(missing)}")
    rows: dict[str, Row] = {}
    for number, raw in enumerate(reader, 2):
        row = _row(raw, f"{path}:{number}")
        if row.id in rows:
            raise DataError(f"{path}:{number}: a second row for {row.id}")
        rows[row.id] = row
    return rows


def _row(raw: dict[str, str], where: str) -> Row:
    values = {field: raw[field].strip() for field in FIELDS if raw[field].strip()}
    sources = {field: raw[SOURCE_OF[field]].strip() for field in values}
    for field in values:
        if not sources[field]:
            raise DataError(f"{where}: {field} has no {SOURCE_OF[field]}")
    for field in ("delivered", "delivered_until"):
        if field in values:
            try:
                dt.date.fromisoformat(values[field])
            except ValueError:
                raise DataError(f"{where}: {field} {values[field]!r} is not a date (YYYY-MM-DD)") from None
    if values.get("kind") not in REPORT_KINDS:
        raise DataError(f"{where}: kind {values.get('kind')!r} is not one of {', '.join(REPORT_KINDS)}")
    if not raw["year"].isdigit() or raw["id"] != f"{raw['year']}-{raw['language']}":
        raise DataError(f"{where}: the id {raw['id']!r} is not YEAR-LANGUAGE of its row")
    disagrees: dict[str, tuple[str, ...]] = {}
    for item in (p.strip() for p in raw["disagrees"].split(";") if p.strip()):
        field, _, text = item.partition(":")
        disagrees[field.strip()] = (*disagrees.get(field.strip(), ()), text.strip())
    return Row(raw["id"], int(raw["year"]), raw["language"], values, sources, disagrees, raw["notes"].strip())


def row(report_id: str) -> Row | None:
    return table().get(report_id)
