"""Chinese words: characters in sequence (what reportcli does) against jieba's word segmentation.

For each term, the years in which the cleaned text contains it (a plain substring count, after the
same NFKC and traditional-to-simplified folding) are the truth; each method's recall and precision
are measured against them over term-years, with the time each costs. Run by a person:

    .venv/bin/pip install jieba        # not a dependency of reportcli: only this measurement needs it
    .venv/bin/python benchmarks/segmentation.py [--reports DIR]

DIR holds report files from ``reportcli import`` (default: imported now from ../shared/corpus).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportcli import text
from reportcli.db import store
from reportcli.db.corpus import Corpus
from reportcli.importer.run import import_files
from reportcli.language import is_ideograph
from reportcli.model import Report
from reportcli.reportfile import load_report
from reportcli.search import find

HERE = Path(__file__).resolve().parent
INPUTS = ["zh/government_work_reports.jsonl", "zh/hprc_gov_reports1954-2022.tsv"]
TERMS = [
    "碳达峰", "碳中和", "新质生产力", "城镇化率", "供给侧结构性改革", "雾霾", "养老金", "乡村振兴", "脱贫攻坚",
    "一带一路", "高质量发展", "人工智能", "互联网", "扶贫", "计划经济", "社会主义市场经济", "四个现代化",
    "改革开放", "国有企业", "通货膨胀", "生态文明", "数字经济", "大众创业", "共同富裕", "上海合作组织",
    "国民经济", "房地产", "新型城镇化", "放管服", "稳就业",
]  # fmt: skip


def folded(value: str) -> str:
    return "".join(text.stem(c) if is_ideograph(c) else c for c in text.fold(value))


def sentences(report: Report) -> list[str]:
    return [s.text for s in report.statements()]


def main() -> None:  # noqa: PLR0915 - one measurement, start to end
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path)
    parser.add_argument("--shared", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    args = parser.parse_args()
    try:
        import jieba  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        raise SystemExit("needs jieba: .venv/bin/pip install jieba") from None
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.reports
        if directory is None:
            directory = Path(tmp)
            import_files([args.shared / name for name in INPUTS], directory)
        reports = [r for r in (load_report(p) for p in sorted(directory.glob("*.yaml"))) if r.meta.language == "zh"]
    years = {r.meta.year: r for r in reports if r.meta.year is not None}
    truth = {term: {y for y, r in years.items() if folded(term) in folded("\n".join(sentences(r)))} for term in TERMS}

    started = time.perf_counter()
    corpus = Corpus(store.build(reports))
    build = time.perf_counter() - started
    ours: dict[str, set[int]] = {}
    query_times = []
    for term in TERMS:
        started = time.perf_counter()
        ours[term] = {row["year"] for row in find(corpus, [term], count=True).items}
        query_times.append(time.perf_counter() - started)

    started = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    loading = time.perf_counter() - started
    started = time.perf_counter()
    segmented = {y: [jieba.lcut(folded(s)) for s in sentences(r)] for y, r in years.items()}
    segmenting = time.perf_counter() - started
    theirs: dict[str, set[int]] = {}
    jieba_times = []
    for term in TERMS:
        started = time.perf_counter()
        words = jieba.lcut(folded(term))
        size = len(words)
        theirs[term] = {
            y
            for y, sents in segmented.items()
            if any(sent[i : i + size] == words for sent in sents for i in range(len(sent) - size + 1))
        }
        jieba_times.append(time.perf_counter() - started)

    def scores(found: dict[str, set[int]]) -> tuple[float, float]:
        hits = sum(len(found[t] & truth[t]) for t in TERMS)
        return hits / sum(len(truth[t]) for t in TERMS), hits / max(sum(len(found[t]) for t in TERMS), 1)

    print(f"{len(reports)} Chinese reports, {sum(len(sentences(r)) for r in reports):,} sentences; {len(TERMS)} terms, "
          f"{sum(len(v) for v in truth.values())} term-years in the text\n")  # fmt: skip
    print("| method | recall | precision | build/segment s | median query ms |")
    print("|---|---|---|---|---|")
    recall, precision = scores(ours)
    print(f"| characters in sequence (reportcli) | {recall:.3f} | {precision:.3f} | {build:.2f} (index) | "
          f"{statistics.median(query_times) * 1000:.1f} |")  # fmt: skip
    recall, precision = scores(theirs)
    print(f"| jieba words | {recall:.3f} | {precision:.3f} | {loading:.2f} (load) + {segmenting:.2f} (segment) | "
          f"{statistics.median(jieba_times) * 1000:.1f} (a scan; an index would be faster) |")  # fmt: skip
    print("\nterms jieba misses in some years:")
    for term in TERMS:
        missed = sorted(truth[term] - theirs[term])
        if missed:
            words = jieba.lcut(term)
            print(f"  {term} -> {words}: missed in {len(missed)} of {len(truth[term])} years (e.g. {missed[:3]})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
