"""Check every entry of data/glossary.yaml against the aligned pairs and the imported corpus.

For each entry: each Chinese form's reach (sentences, reports, first and last year), whether each
evidence pair exists and holds both a Chinese form and an English form of the entry (en, also or
official), and the pairs that could serve as evidence where none is given. Problems are listed at the
end and make the exit status 1: a form the corpus never uses, a single-character or non-ideographic
form, an evidence pair that does not show the mapping, an entry with neither evidence nor note, an id
or an English form used twice.

    .venv/bin/python tools/glossary/check.py --reports DIR                  # every entry
    .venv/bin/python tools/glossary/check.py --reports DIR --only pension   # some entries, with contexts
    .venv/bin/python tools/glossary/check.py --reports DIR --fill 3         # write suggested evidence

``--boundaries`` (needs jieba, ``.venv/bin/pip install jieba``; not a dependency of reportcli) lists,
for every form, the hits that start or end inside a word of jieba's segmentation of the sentence: where
a short form is the tail of one word and the head of the next (种业 inside 各种业余), or the
opposite term (公有制 inside 非公有制). A long word around a hit (国防部 around 国防) is flagged too:
the list is for a person to read, not a verdict.

``--fill N`` writes up to N suggested pairs into each entry that has no evidence and then rewrites the
file in its canonical layout; the suggestions are to be read before they are committed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from forms import describe
from glossarylib import (
    CJK_FORM,
    GLOSSARY,
    Pair,
    Sentence,
    chinese_sentences,
    default_parallel,
    dump_glossary,
    english_forms,
    english_in,
    occurrences,
    read_glossary,
    read_pairs,
)


def all_english(entry: dict[str, Any]) -> list[str]:
    forms = english_forms(entry)
    if entry.get("official"):
        forms.append(str(entry["official"]))
    return forms


def shows(pair: Pair, entry: dict[str, Any]) -> bool:
    """Whether a pair's Chinese holds a zh form of the entry and its English an English form."""
    exclude = entry.get("exclude") or []
    return any(occurrences(z, pair.zh, exclude) for z in entry["zh"]) and any(
        english_in(e, pair.en) for e in all_english(entry)
    )


def problems_of(entries: list[dict[str, Any]], pairs: dict[str, Pair], reach: dict[str, list[Sentence]]) -> list[str]:
    """What breaks the glossary's rules; a form used only by the 2026 report (in the pairs) counts as used."""
    problems: list[str] = []
    ids = Counter(str(e.get("id")) for e in entries)
    problems += [f"{i}: id used {n} times" for i, n in ids.items() if n > 1]
    owners: defaultdict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for form in english_forms(entry):
            owners[form.lower()].append(str(entry["id"]))
    problems += [f"English form {f!r} claimed by {', '.join(o)}" for f, o in owners.items() if len(o) > 1]
    for entry in entries:
        name = entry["id"]
        for form in entry["zh"]:
            if not CJK_FORM.match(form) or len(form) < 2:
                problems.append(f"{name}: zh form {form!r} is not two or more ideographs")
            elif not reach[form] and not any(form in p.zh for p in pairs.values()):
                problems.append(f"{name}: zh form {form} occurs in no report and no aligned pair")
        for ref in entry.get("evidence") or []:
            pair = pairs.get(str(ref))
            if pair is None:
                problems.append(f"{name}: evidence {ref} is no pair")
            elif not shows(pair, entry):
                problems.append(f"{name}: evidence {ref} does not hold both a zh and an English form")
        for longer in entry.get("exclude") or []:
            if not any(form in longer and form != longer for form in entry["zh"]):
                problems.append(f"{name}: exclude {longer} holds none of its zh forms")
        if not entry.get("evidence") and not entry.get("note"):
            problems.append(f"{name}: neither evidence nor note")
    return problems


def straddling(form: str, hits: list[Sentence], cut: dict[str, set[int]]) -> list[str]:
    """The hits of ``form`` whose start or end falls inside a word of the segmented sentence."""
    import jieba  # type: ignore[import-not-found, import-untyped, unused-ignore]

    found: list[str] = []
    for s in hits:
        if s.text not in cut:
            edges, at = {0}, 0
            for word in jieba.lcut(s.text):
                at += len(word)
                edges.add(at)
            cut[s.text] = edges
        start = 0
        while (at := s.text.find(form, start)) >= 0:
            if at not in cut[s.text] or at + len(form) not in cut[s.text]:
                found.append(
                    f"{s.ref}: {s.text[max(0, at - 6) : at]}[{form}]{s.text[at + len(form) : at + len(form) + 6]}"
                )
            start = at + 1
    return found


def main() -> None:  # noqa: PLR0912, C901
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    parser.add_argument("--parallel", type=Path, default=default_parallel())
    parser.add_argument("--reports", type=Path, required=True, help="an imported corpus (reportcli import --out DIR)")
    parser.add_argument("--only", nargs="+", help="entries to show in detail (by id)")
    parser.add_argument("--boundaries", action="store_true", help="list hits that straddle a word (needs jieba)")
    parser.add_argument("--fill", type=int, default=0, help="write up to N suggested evidence pairs where none")
    args = parser.parse_args()
    entries = read_glossary(args.glossary)
    pairs = {p.ref: p for p in read_pairs(args.parallel)}
    sentences = chinese_sentences(args.reports)
    reach: dict[str, list[Sentence]] = {}
    for entry in entries:
        for form in entry["zh"]:
            exclude = entry.get("exclude") or []
            reach[form] = [s for s in sentences if form in s.text and occurrences(form, s.text, exclude)]
    filled = 0
    cut: dict[str, set[int]] = {}
    if args.boundaries:
        import jieba  # type: ignore[import-not-found, import-untyped, unused-ignore]

        jieba.setLogLevel(60)
    for entry in entries:
        if args.only and entry["id"] not in args.only:
            continue
        found = sorted((p for p in pairs.values() if shows(p, entry)), key=lambda p: (len(p.zh), p.year, p.gid))
        parts = []
        for form in entry["zh"]:
            years = sorted({s.year for s in reach[form]})
            span = f"{years[0]}–{years[-1]}" if years else "-"
            in_pairs = sum(form in p.zh for p in pairs.values())
            parts.append(f"{form} {len(reach[form])}s/{len(years)}r {span} {in_pairs}p")
        given = entry.get("evidence") or []
        print(f"{entry['id']} | {entry['en']} | {'; '.join(parts)} | evidence {len(given)}, could be {len(found)}")
        if args.fill and not given and found:
            entry["evidence"] = [p.ref for p in found[: args.fill]]
            filled += 1
        if args.boundaries:
            for form in entry["zh"]:
                odd = straddling(form, reach[form], cut)
                if odd:
                    print(f"    {form}: {len(odd)} of its hits straddle a word, e.g.")
                    print("\n".join(f"      {line}" for line in odd[:6]))
        if args.only:
            for form in entry["zh"]:
                print("\n".join("    " + line for line in describe(form, sentences, 2, 4, 1)))
            for ref in given or [p.ref for p in found[:3]]:
                pair = pairs.get(str(ref))
                if pair:
                    print(f"    pair {ref}: {pair.zh[:60]} || {pair.en[:160]}")
    problems = problems_of(entries, pairs, reach)
    if args.fill:
        args.glossary.write_text(dump_glossary(entries), encoding="utf-8")
        print(f"filled the evidence of {filled} entries; rewrote {args.glossary}", file=sys.stderr)
    print(f"{len(entries)} entries; {len(problems)} problems", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
