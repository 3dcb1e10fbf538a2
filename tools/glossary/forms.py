"""For a Chinese form: in how many reports and years of the imported corpus it occurs, and in what company.

Used while reviewing an entry: to find the older forms of a term (人口与计划生育 against 计划生育,
国营企业 against 国有企业), and to catch a form that sits inside unrelated words (a two-character form
may be the tail of one word and the head of the next). Matching is a plain substring search over each
sentence of the Chinese reports, every ideograph simplified first (1954 is in traditional characters).

    .venv/bin/python tools/glossary/forms.py --reports DIR 计划生育 人口与计划生育
    .venv/bin/python tools/glossary/forms.py --reports DIR 户口 --context 2 --samples 5
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from glossarylib import Sentence, chinese_sentences


def decades(years: list[int]) -> str:
    counts = Counter(f"{y // 10 * 10}s" for y in years)
    return " ".join(f"{d}:{n}" for d, n in sorted(counts.items()))


def describe(form: str, sentences: list[Sentence], context: int, samples: int, seed: int) -> list[str]:
    hits = [s for s in sentences if form in s.text]
    years = sorted({s.year for s in hits})
    reports = sorted({s.report for s in sentences})
    lines = [
        f"{form}: {len(hits)} sentences in {len(years)} of {len(reports)} reports"
        + (f", {years[0]}–{years[-1]}" if years else "")
    ]
    if years:
        lines.append(f"  years: {' '.join(str(y) for y in years)}")
        lines.append(f"  by decade: {decades(years)}")
    if context:
        around: Counter[str] = Counter()
        for s in hits:
            start = 0
            while (at := s.text.find(form, start)) >= 0:
                left = s.text[max(0, at - context) : at]
                right = s.text[at + len(form) : at + len(form) + context]
                around[f"{left}[{form}]{right}"] += 1
                start = at + 1
        lines.append(f"  in context (±{context}), most common first:")
        lines += [f"    {n:4d}  {c}" for c, n in around.most_common(15)]
    if samples and hits:
        picked = random.Random(seed).sample(hits, min(samples, len(hits)))
        lines.append("  samples:")
        for s in sorted(picked, key=lambda x: x.ref):
            at = s.text.find(form)
            lines.append(f"    {s.ref}: …{s.text[max(0, at - 20) : at + len(form) + 20]}…")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forms", nargs="+", help="Chinese forms to count")
    parser.add_argument("--reports", type=Path, required=True, help="an imported corpus (reportcli import --out DIR)")
    parser.add_argument("--context", type=int, default=0, help="show the characters either side (default: none)")
    parser.add_argument("--samples", type=int, default=0, help="show this many sentences, picked at random")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sentences = chinese_sentences(args.reports)
    for form in args.forms:
        print("\n".join(describe(form, sentences, args.context, args.samples, args.seed)))


if __name__ == "__main__":
    main()
