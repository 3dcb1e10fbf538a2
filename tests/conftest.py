from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from reportcli.cli import app
from reportcli.db import store
from reportcli.db.corpus import Corpus
from reportcli.db.dataset import default_path
from reportcli.model import Report
from reportcli.reportfile import load_report

# Hypothesis: CI runs a fixed, bounded set of examples; HYPOTHESIS_PROFILE=long explores for real.
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tests never touch the user's cache: they get one of their own for the session. Nor the corpus the
# user imported, which a command that reads the summary points to when it finds nothing: an empty one.
os.environ["REPORTCLI_CACHE_DIR"] = tempfile.mkdtemp(prefix="reportcli-test-cache-")
os.environ["REPORTCLI_CORPUS_DIR"] = tempfile.mkdtemp(prefix="reportcli-test-corpus-")

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
# The published reports (../shared/corpus/): test inputs, never part of the project.
SHARED_CORPUS = Path(os.environ.get("REPORTCLI_SHARED_CORPUS", ROOT.parent / "shared" / "corpus"))
SOURCE_ARTICLE = Path(os.environ.get("REPORTCLI_SOURCE", ROOT.parent / "shared" / "seed" / "source-article.txt"))
# Invented reports in the published formats, written for the tests: they run on a clean clone.
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def report() -> Report:
    return load_report(default_path())


def corpus_of(report: Report) -> Corpus:
    """What the queries see of a report (no cache involved)."""
    return Corpus(store.build(report))


@pytest.fixture(scope="session")
def corpus(report: Report) -> Corpus:
    return corpus_of(report)


@pytest.fixture(scope="session")
def real_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    return document


@pytest.fixture
def document(real_document: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the real document, for a test to spoil."""
    return copy.deepcopy(real_document)


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"Result(exit_code={self.exit_code}, stdout={self.stdout[:300]!r}, stderr={self.stderr!r})"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run reportcli in-process through Typer's CliRunner (stdout is not a terminal)."""
    runner = CliRunner()
    env = {"REPORTCLI_DATA": "", "NO_COLOR": "", **(env or {})}
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def write_yaml(path: Path, document: Any) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def minimal_document(**themes: dict[int, list[list[str]]]) -> dict[str, Any]:
    """A small valid report: each keyword is a theme id, mapping years to paragraphs of sentences."""
    return {
        "schema": 1,
        "report": {"title": "Fixture report", "date": "2024-03-05"},
        "themes": [
            {
                "id": theme_id,
                "title": theme_id.replace("-", " ").capitalize(),
                "years": {
                    year: [
                        [{"ref": f"{theme_id}/{year}/{p}.{s}", "text": text} for s, text in enumerate(paragraph, 1)]
                        for p, paragraph in enumerate(paragraphs, 1)
                    ]
                    for year, paragraphs in years.items()
                },
            }
            for theme_id, years in themes.items()
        ],
    }


def contract_keys() -> dict[str, list[str]]:
    """The README's JSON contract: the first cell of each row of its table -> the keys it lists."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## JSON contract", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("command", "") and not set(cells[0]) <= {"-"}:
            rows[cells[0]] = [key.strip().strip("`") for key in cells[2].split(",")]
    return rows


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; REPORTCLI_REGEN_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("REPORTCLI_REGEN_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with REPORTCLI_REGEN_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


# --- the published reports, imported once a session (tests of the corpus) -----------------------------

CORPUS_INPUTS = [
    "zh/government_work_reports.jsonl",
    "zh/hprc_gov_reports1954-2022.tsv",
    "en/2024.txt",
    "en/2025.txt",
    "en/2026.txt",
    # the aligned pairs, read after the reports they pair: each Chinese sentence linked to its English
    "en/parallel/04_2024_auto_usable_parallel.csv",
    "en/parallel/04_2025_auto_usable_parallel.csv",
    "en/parallel/04_2026_auto_usable_parallel.csv",
]


def corpus_missing() -> str | None:
    """Why the tests of tests/real/ cannot run here, or None: they read the published texts in ../shared/,
    which a clean clone lacks (the rest run everywhere, on the fixture corpus). Each such module skips
    whole, with this line, as its first statement."""
    missing = [SHARED_CORPUS / name for name in CORPUS_INPUTS if not (SHARED_CORPUS / name).is_file()]
    missing += [] if SOURCE_ARTICLE.is_file() else [SOURCE_ARTICLE]
    return f"the published texts are not here ({missing[0]} is absent: ../shared/)" if missing else None


# Without the published texts the real-corpus tier is not collected at all: one test says why
# (tests/real/test_published_texts.py), rather than a skip per module.
collect_ignore_glob = ["real/test_real_*.py"] if corpus_missing() else []


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The published reports (../shared/corpus/) imported into a temporary directory, and the import's
    result; skipped, saying why, where the folder is absent."""
    from reportcli.importer.run import import_files

    missing = [name for name in CORPUS_INPUTS if not (SHARED_CORPUS / name).is_file()]
    if missing:
        pytest.skip(f"the published reports are not here ({SHARED_CORPUS / missing[0]} is absent: ../shared/corpus/)")
    out = tmp_path_factory.mktemp("reports")
    return out, import_files([SHARED_CORPUS / name for name in CORPUS_INPUTS], out)


@pytest.fixture(scope="session")
def reports(imported: tuple[Path, Any]) -> list[Report]:
    out, _ = imported
    return [load_report(path) for path in sorted(out.glob("*.yaml"))]


@pytest.fixture(scope="session")
def full(reports: list[Report]) -> Corpus:
    """Every imported report, as the queries see them."""
    return Corpus(store.build(reports))


def read_terminal(controller: int) -> bytes:
    """Everything written to a pseudo-terminal until its other end closes (read from its controller)."""
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed: Linux says EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks)
