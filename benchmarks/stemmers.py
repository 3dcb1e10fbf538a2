"""Which stemmer: the word forms each one joins and splits on the real English text.

The word forms are every English word of the embedded summary (statements, notes, repairs) and, when
present, of the official English reports in ../shared/corpus/en. Each candidate maps a form to a key;
against plain Snowball (English), a candidate *joins* two forms when it gives them one key that
Snowball keeps apart, and *splits* them in the reverse case. Joins are what a search gains (and what
diff no longer calls new); splits are what it loses. Run by a person:

    .venv/bin/python benchmarks/stemmers.py [--en DIR]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import Stemmer

from reportcli import text
from reportcli.reportfile import load_report

HERE = Path(__file__).resolve().parent
SUMMARY = HERE.parent / "data" / "report.yaml"
ENGLISH = HERE.parent.parent / "shared" / "corpus" / "en"


def word_forms(english: Path) -> set[str]:
    report = load_report(SUMMARY)
    texts: list[str] = []
    for statement in report.statements():
        texts.append(statement.text)
        texts += [note.text for note in statement.notes]
    if english.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in sorted(english.glob("*.txt"))]
    return {
        text.fold(word).removesuffix("'s")
        for value in texts
        for word in text.words(value)
        if word.isascii() and word.isalpha()
    }


def snowball() -> Callable[[str], str]:
    stemmer = Stemmer.Stemmer("english")
    return lambda word: str(stemmer.stemWord(word))


def porter() -> Callable[[str], str]:
    stemmer = Stemmer.Stemmer("porter")
    return lambda word: str(stemmer.stemWord(word))


def fixpoint() -> Callable[[str], str]:
    """Snowball again and again until the stem stops changing."""
    once = snowball()

    def stem(word: str) -> str:
        found = once(word)
        while (again := once(found)) != found:
            found = again
        return found

    return stem


def reportcli() -> Callable[[str], str]:
    return text.stem


def families(forms: Iterable[str], stem: Callable[[str], str]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        grouped[stem(form)].add(form)
    return grouped


def merged(forms: set[str], finer: Callable[[str], str], coarser: Callable[[str], str]) -> list[list[list[str]]]:
    """The families of ``coarser`` made of several families of ``finer``, each shown as those parts."""
    found = []
    for group in families(forms, coarser).values():
        parts = families(group, finer)
        if len(parts) > 1:
            found.append(sorted(sorted(part) for part in parts.values()))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--en", type=Path, default=ENGLISH, help="directory of the English reports (*.txt)")
    forms = word_forms(parser.parse_args().en)
    base = snowball()
    candidates = {"reportcli": reportcli(), "fixpoint": fixpoint(), "porter": porter()}
    print(f"{len(forms):,} English word forms\n")
    print("| stemmer | keys | joins | splits |")
    print("|---|---|---|---|")
    print(f"| snowball | {len(families(forms, base)):,} | — | — |")
    for name, stem in candidates.items():
        joins, splits = merged(forms, base, stem), merged(forms, stem, base)
        print(f"| {name} | {len(families(forms, stem)):,} | {len(joins)} | {len(splits)} |")
    for name, stem in candidates.items():
        for verb, found in (("joins", merged(forms, base, stem)), ("splits", merged(forms, stem, base))):
            print(f"\n{name} {verb} (against Snowball):")
            for parts in found:
                print("  " + " | ".join(" ".join(part) for part in parts))


if __name__ == "__main__":
    main()
