"""Measure the glossary: its precision on the held-out terms, and how much of the corpus its forms reach.

The held-out list (tests/data/glossary-heldout.tsv) was written by hand before any glossary tooling
existed, and only this script reads it. A held-out term is covered when one of its English forms,
taken as lowercase words (hyphens as spaces, a final plural ``s`` dropped from each word), equals an
``en``, ``also`` or ``official`` form of an entry. Precision is the share of the Chinese forms those
entries give that are among the term's gold forms; every form that is not is listed, to be judged.

With ``--reports DIR`` (reportcli's report files, from ``reportcli import --out DIR``) it also counts
the statements (sentences) of the Chinese reports that hold at least one Chinese form of some entry,
and how many of them are in reports before 2024: the statements an English query could not reach
before, since only 2024–2026 have an English text. That count is a plain substring match over each
sentence (every ideograph simplified first, hits inside an entry's ``exclude`` strings dropped); it
is not reportcli's search, which breaks a phrase at punctuation.

    .venv/bin/python tools/glossary/measure.py
    .venv/bin/python tools/glossary/measure.py --reports DIR
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from glossarylib import GLOSSARY, ROOT, chinese_sentences, english_forms, english_words, occurrences, read_glossary

HELDOUT = ROOT / "tests" / "data" / "glossary-heldout.tsv"


def key(form: str) -> tuple[str, ...]:
    """An English form as lowercase words, hyphens as spaces, each word without a final plural s."""
    words = english_words(form.replace("-", " "))
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def read_heldout(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def entry_keys(entry: dict[str, Any]) -> set[tuple[str, ...]]:
    forms = english_forms(entry)
    if entry.get("official"):
        forms.append(str(entry["official"]))
    return {key(f) for f in forms}


def precision(entries: list[dict[str, Any]], heldout: list[dict[str, str]]) -> None:
    covered, given, agreed = 0, 0, 0
    missing: list[str] = []
    disagreements: list[str] = []
    for row in heldout:
        wanted = {key(f) for f in row["en"].split("|")}
        gold = set(row["zh"].split("|"))
        matched = [e for e in entries if entry_keys(e) & wanted]
        if not matched:
            missing.append(row["en"])
            continue
        covered += 1
        forms = {z for e in matched for z in e["zh"]}
        given += len(forms)
        agreed += len(forms & gold)
        for form in sorted(forms - gold):
            ids = ", ".join(e["id"] for e in matched if form in e["zh"])
            disagreements.append(f"  {row['en']}: glossary {form} ({ids}); gold {'|'.join(sorted(gold))}")
    print(f"held-out terms: {len(heldout)}; with a glossary entry: {covered} ({covered / len(heldout):.0%})")
    print(f"Chinese forms the glossary gives for them: {given}; among the gold forms: {agreed}")
    print(f"precision: {agreed}/{given} = {agreed / given:.1%}" if given else "precision: no forms")
    print(f"forms not in the gold list ({len(disagreements)}):")
    print("\n".join(disagreements) or "  none")
    print(f"held-out terms without an entry ({len(missing)}):")
    print("\n".join(f"  {m}" for m in missing) or "  none")


def coverage(entries: list[dict[str, Any]], reports: Path) -> None:
    sentences = chinese_sentences(reports)
    forms = [(z, tuple(e.get("exclude") or [])) for e in entries for z in e["zh"]]
    reached = [s for s in sentences if any(z in s.text and occurrences(z, s.text, x) for z, x in forms)]
    before = [s for s in reached if s.year < 2024]
    all_before = [s for s in sentences if s.year < 2024]
    years = sorted({s.year for s in sentences})
    print(f"Chinese statements (sentences) in {len(years)} reports, {years[0]}–{years[-1]}: {len(sentences):,}")
    print(f"holding a Chinese form of some entry: {len(reached):,} ({len(reached) / len(sentences):.1%})")
    print(
        f"of those, in reports before 2024: {len(before):,} "
        f"({len(before) / len(all_before):.1%} of the {len(all_before):,} statements before 2024)"
    )
    print("(plain substring match over each sentence, ideographs simplified, exclusions honoured)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    parser.add_argument("--heldout", type=Path, default=HELDOUT)
    parser.add_argument("--reports", type=Path, help="an imported corpus (reportcli import --out DIR)")
    args = parser.parse_args()
    entries = read_glossary(args.glossary)
    print(f"glossary: {len(entries)} entries, {sum(len(e['zh']) for e in entries)} Chinese forms")
    precision(entries, read_heldout(args.heldout))
    if args.reports:
        coverage(entries, args.reports)


if __name__ == "__main__":
    main()
