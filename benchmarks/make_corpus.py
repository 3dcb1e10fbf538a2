"""Write a valid report N times the size of the embedded one, for benchmarks.

    .venv/bin/python benchmarks/make_corpus.py --scale 100 --output /tmp/report-100.yaml

Copy k of every theme gets the id ``<id>-k``, its statements in a shuffled order within each year
(so refs, ids and text order all differ between copies) and, for about one statement in three, an
extra clause drawn from a word list, added to both the text and the source wording so that every
recorded repair still holds. Figures are copied with their statements. The review and the glossary
appear once; the first copy of a theme keeps its aliases. The output is deterministic for a given
--scale and --seed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "report.yaml"
WORDS = """
    coordinated regional pilot county coastal inland provincial digital rural urban green industrial
    innovation funding quality supervision reform capacity services housing transport water energy
    elderly youth health schools training markets finance grain forests wetlands grid storage
""".split()


def scaled(document: dict[str, Any], scale: int, rng: random.Random) -> dict[str, Any]:
    themes, figures = [], []
    for copy in range(1, scale + 1):
        for theme in document["themes"]:
            new_id = f"{theme['id']}-{copy}"
            renamed: dict[str, str] = {}
            years: dict[int, list[list[dict[str, Any]]]] = {}
            for year, paragraphs in theme["years"].items():
                years[year] = []
                for p, paragraph in enumerate(paragraphs, 1):
                    order = list(paragraph)
                    rng.shuffle(order)
                    statements = []
                    for s, statement in enumerate(order, 1):
                        fresh = dict(statement, ref=f"{new_id}/{year}/{p}.{s}")
                        original = statement.get("original")
                        same_end = original is None or original[-1:] == statement["text"][-1:]
                        if rng.random() < 0.33 and same_end:  # (a repair at the very end would not hold)
                            clause = " with " + " and ".join(rng.sample(WORDS, 3)) + " in focus"
                            fresh["text"] = _before_stop(fresh["text"], clause)
                            if "original" in fresh:
                                fresh["original"] = _before_stop(fresh["original"], clause)
                        renamed[statement["ref"]] = fresh["ref"]
                        statements.append(fresh)
                    years[year].append(statements)
            copied = {**theme, "id": new_id, "title": f"{theme['title']} ({copy})", "years": years}
            if copy > 1:  # a name people type belongs to one theme: the first copy keeps the aliases
                copied.pop("aliases", None)
            themes.append(copied)
            for figure in document.get("figures", []):
                if figure["ref"] in renamed:
                    figures.append(
                        {**figure, "id": f"{figure['id']}-{copy}", "theme": new_id, "ref": renamed[figure["ref"]]}
                    )
    review_figures = [f for f in document.get("figures", []) if f["theme"] == "review"]
    return {**document, "themes": themes, "figures": review_figures + figures}


def _before_stop(text: str, clause: str) -> str:
    """Insert the clause before a final full stop (or at the end), leaving earlier text alone."""
    for stop in (".", "。"):
        if text.endswith(stop):
            return text[: -len(stop)] + clause + stop
    return text + clause


class _NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Copies share objects; write each one out in full (reportcli refuses anchors and aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="how many copies of each theme (1 or more)")
    parser.add_argument("--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    document = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    text = yaml.dump(
        scaled(document, args.scale, random.Random(args.seed)),
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
