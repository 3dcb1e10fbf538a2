"""How the two Chinese copies differ, year by year: the table docs/CORPUS.md prints.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/copies.py                 # ../shared/corpus, a Markdown table
    .venv/bin/python benchmarks/copies.py --shared DIR

For every year both files hold, the Wikisource page (the copy imported) and the TSV's line, each
cleaned as the import cleans it, are compared as the import compares them (``importer.copies``):
the share of each one's 12-character shingles the other holds, the stretches of sentences only the
TSV holds (brought in), the lost parts of sentences it completes, the sentences only the page
holds, the passages worded differently (noted), the stretches that differ only in punctuation, and
the TSV's sentences outside the shared text (its notes, glossary, newspaper credit).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reportcli.importer import clean, copies, sources

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    args = parser.parse_args()
    pages = list(sources.records(sources.read_input(args.shared / "zh" / "government_work_reports.jsonl")))
    footers = clean.shared_footers(r.content for r in pages)
    wikisource = {r.year: r for r in pages if r.year is not None}
    tsv: dict[int, sources.Record] = {}
    for record in sources.records(sources.read_input(args.shared / "zh" / "hprc_gov_reports1954-2022.tsv")):
        tsv.setdefault(record.year or 0, record)
    print(
        "| year | page in TSV | TSV in page | only in TSV, brought in | parts of sentences | only in page "
        "| worded differently | punctuation only | TSV outside the text |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    started = time.perf_counter()
    totals = [0] * 6
    for year in sorted(set(wikisource) & set(tsv)):
        page = clean.clean(wikisource[year].content, footers=footers, chinese=True).paragraphs
        line = clean.clean(tsv[year].content, one_line_marks=True, chinese=True).paragraphs
        found = copies.compare(page, line)
        whole = sum(1 for i in found.insertions if i.whole)
        row = [whole, len(found.insertions) - whole, found.only_here, len(found.variants), found.punctuation]
        row.append(found.outside)
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"| {year} | {found.shared:.1%} | {found.shared_back:.1%} | " + " | ".join(map(str, row)) + " |")
    print("| all | | | " + " | ".join(map(str, totals)) + " |")
    print(f"\n{len(set(wikisource) & set(tsv))} years compared in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
