"""What the glossary scripts share: the aligned pairs, the imported reports, the glossary file.

The scripts in this folder are run by a person, from the repository's root:

    .venv/bin/python tools/glossary/propose.py      # candidates from the aligned pairs
    .venv/bin/python tools/glossary/forms.py 计划生育 人口与计划生育 --reports DIR
    .venv/bin/python tools/glossary/check.py --reports DIR
    .venv/bin/python tools/glossary/measure.py --reports DIR

They read the report files directly (``paragraphs``: a list of paragraphs, each a list of sentences,
schema 1), not through reportcli's own modules, so that they keep working while those move.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "data" / "glossary.yaml"

# CJK Unified Ideographs, Extension A and the compatibility block: what a Chinese form is made of.
CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_FORM = re.compile(f"^[{CJK_CHAR}]+$")
CJK_RUN = re.compile(f"[{CJK_CHAR}]+")
EN_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@dataclass(frozen=True)
class Pair:
    """One row of the aligned files: a Chinese stretch and its official English."""

    year: int
    gid: int  # 全局对齐序号, unique within a year
    zh: str
    en: str

    @property
    def ref(self) -> str:
        return f"{self.year}:{self.gid}"


@dataclass(frozen=True)
class Sentence:
    """One statement of an imported report, with its reportcli ref (paragraph and sentence from 1)."""

    report: str
    year: int
    language: str
    ref: str
    text: str


def default_parallel() -> Path:
    """``shared/corpus/en/parallel`` beside the checkout (``../shared``) or beside a folder above it."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "corpus" / "en" / "parallel"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpus" / "en" / "parallel"


def read_pairs(directory: Path) -> list[Pair]:
    """Every row of ``04_<year>_auto_usable_parallel.csv`` in ``directory``, from the raw columns."""
    pairs: list[Pair] = []
    files = sorted(directory.glob("04_*_auto_usable_parallel.csv"))
    if not files:
        raise SystemExit(f"no 04_<year>_auto_usable_parallel.csv in {directory}")
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                pairs.append(
                    Pair(
                        year=int(row["报告年份"]),
                        gid=int(row["全局对齐序号"]),
                        zh=row["原始中文"],
                        en=row["原始英文"],
                    )
                )
    return pairs


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _simple_char(char: str) -> str:
    converted: str = _converter().convert(char)
    return converted if len(converted) == 1 else char


def simplified(text: str) -> str:
    """Each ideograph as its simplified form, character by character (as reportcli's index keys it)."""
    return "".join(_simple_char(c) if "\u3400" <= c <= "\ufaff" else c for c in text)


def read_reports(directory: Path, language: str | None = None) -> Iterator[Sentence]:
    """The sentences of every imported report in ``directory`` (``*.yaml``), in file order."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no report files (*.yaml) in {directory}: import the corpus with reportcli import --out")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=loader)
        meta = data["report"]
        if language is not None and meta["language"] != language:
            continue
        for p, paragraph in enumerate(data["paragraphs"], start=1):
            for s, text in enumerate(paragraph, start=1):
                yield Sentence(meta["id"], int(meta["year"]), meta["language"], f"{meta['id']}/{p}.{s}", text)


def chinese_sentences(directory: Path) -> list[Sentence]:
    """The Chinese reports' sentences, each ideograph simplified so that 1954's traditional text is found."""
    return [Sentence(s.report, s.year, s.language, s.ref, simplified(s.text)) for s in read_reports(directory, "zh")]


def english_words(text: str) -> list[str]:
    return EN_WORD.findall(text.lower().replace("’", "'"))


def read_glossary(path: Path = GLOSSARY) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a list of entries")
    return entries


def english_forms(entry: dict[str, Any]) -> list[str]:
    """What a user may type for an entry: ``en`` and ``also``."""
    return [str(entry["en"]), *(str(a) for a in entry.get("also") or [])]


def english_in(form: str, text: str) -> bool:
    """Whether the English ``form`` stands in ``text`` as words (any case; a plural of the last word counts)."""
    pattern = re.escape(form.lower().replace("’", "'"))
    tail = r"(?:s|es)?"
    if form.endswith("y"):
        pattern = pattern[:-1] + "(?:y|ies)"
        tail = ""
    return re.search(rf"(?<![a-z0-9]){pattern}{tail}(?![a-z0-9])", text.lower().replace("’", "'")) is not None


HEADER = """\
# The English–Chinese policy glossary of reportcli: the project's own work, under the MIT licence
# (as pyproject.toml declares); no dictionary's text is copied into it. Built as docs/GLOSSARY.md says:
# candidates proposed by tools/glossary/propose.py over the aligned 2024–2026 pairs, every entry
# reviewed by hand against the corpus (tools/glossary/forms.py, tools/glossary/check.py).
#
# One mapping per term:
#   id        unique slug
#   en        what a user types: lowercase unless a proper noun or an acronym
#   also      other English forms a user may type (optional)
#   zh        the Chinese forms searched, across the decades; each one a form the reports use,
#             checked against the corpus for the reports it occurs in and for traps (a short form
#             standing inside unrelated words)
#   exclude   longer strings inside which a hit of a zh form is not this term (optional): a reader of
#             this file must drop such hits (公有制 inside 非公有制, 养老金 inside 养老金融)
#   official  the rendering the official 2024–2026 English uses, where it uses one (optional)
#   evidence  aligned pairs, year:全局对齐序号 of the 04_<year>_auto_usable_parallel.csv files, whose
#             Chinese holds a zh form and whose English holds en, an also form or official
#   note      why the mapping holds, required where there is no evidence pair (optional otherwise)
"""

FIELDS = ("id", "en", "also", "zh", "exclude", "official", "evidence", "note")


def occurrences(form: str, text: str, exclude: list[str] | tuple[str, ...] = ()) -> int:
    """How often ``form`` stands in ``text`` outside every longer ``exclude`` string that holds it."""
    count, start = 0, 0
    while (at := text.find(form, start)) >= 0:
        start = at + 1
        covered = False
        for longer in exclude:
            k = longer.find(form)
            while k >= 0 and not covered:
                covered = at - k >= 0 and text.startswith(longer, at - k)
                k = longer.find(form, k + 1)
            if covered:
                break
        count += not covered
    return count


def _yaml(value: object) -> str:
    """One value as YAML on one line, quoted where it must be (a list in flow style)."""
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=100_000, default_flow_style=True).strip()
    return dumped.removesuffix("\n...").strip()


def dump_glossary(entries: list[dict[str, Any]]) -> str:
    """The glossary file as this project writes it: the header, then one block mapping per entry."""
    lines = [HEADER]
    for entry in entries:
        unknown = set(entry) - set(FIELDS)
        if unknown:
            raise SystemExit(f"{entry.get('id')}: unknown fields {sorted(unknown)}")
        first = True
        for field in FIELDS:
            value = entry.get(field)
            if value in (None, [], ""):
                continue
            lead = "- " if first else "  "
            first = False
            lines.append(f"{lead}{field}: {_yaml(value)}")
    return "\n".join(lines) + "\n"
