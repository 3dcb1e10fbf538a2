"""Every sentence of the source article is in the data, exactly as received."""

from __future__ import annotations

from collections import Counter

from reportcli.model import Report


def test_every_defect_listed_for_the_seed_is_repaired_once(report: Report) -> None:
    statements = list(report.statements())
    kinds = Counter(r.kind for s in statements for r in s.repairs)
    # shared/README.md: 17 words run together, 2 full-width stops, 1 stripped decimal, 1 lost number,
    # 1 masked word; the page's "Lead." label; and the full stop a paragraph lacks (community/2024/1.1).
    assert kinds == {
        "lost-spacing": 17,
        "full-width-stop": 2,
        "stripped-decimal": 1,
        "lost-number": 1,
        "masked-word": 1,
        "label-removed": 1,
        "missing-full-stop": 1,
    }


def test_every_repair_keeps_the_source_words(report: Report) -> None:
    repaired = [s for s in report.statements() if s.repairs]
    for statement in repaired:
        assert statement.original is not None and statement.original != statement.text
        for repair in statement.repairs:
            assert repair.original in statement.original


def test_known_defects_are_repaired(report: Report) -> None:
    pension = next(s for s in report.statements() if "basic pension for urban and rural" in s.text)
    assert "raised by 20 yuan" in pension.text and "raised by yuan" in (pension.original or "")
    urbanization = report.statement("review/2023/2.1")
    assert urbanization.text.endswith("66.2%.") and (urbanization.original or "").endswith("662%。")
    assert report.lead is not None and "**" not in report.lead.text
    assert not any("。" in s.text for s in report.statements())
