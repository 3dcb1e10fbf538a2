"""Never a traceback: hostile files, hostile text and hostile queries, each with its exit code and message."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_document, run, write_yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reportcli.errors import QueryError
from reportcli.model import Result
from reportcli.render import Terminal, choose_view, emit
from reportcli.render.escape import visible
from reportcli.reportfile import load_report
from reportcli.search import Query, parse_terms, search

# --- the error funnel -------------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("reportcli.reading.themes.themes", broken)
    result = run("themes")
    assert result.exit_code == 3
    assert result.stderr == "reportcli: internal error: RuntimeError: boom; rerun with --debug for details\n"
    debug = run("--debug", "themes")
    assert debug.exit_code == 3
    assert "Traceback (most recent call last)" in debug.stderr and 'raise RuntimeError("boom")' in debug.stderr


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("reportcli.reading.themes.themes", interrupted)
    result = run("themes")
    assert (result.exit_code, result.stdout) == (130, "")


def test_control_characters_in_usage_errors_are_shown_not_sent() -> None:
    result = run("themes", "--\x1b[31m")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "--\\x1b[31m" in result.stderr


# --- files -----------------------------------------------------------------------------------------


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_yaml(tmp_path / "secret.yaml", minimal_document(a={2024: [["A."]]}))
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads everything: make the read itself fail as it would for another user

        def denied(path: Path) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("reportcli.reportfile.files._open", denied)
    result = run("--data", str(path), "themes")
    assert (result.exit_code, result.stderr) == (2, f"reportcli: {path}: permission denied\n")


def test_a_very_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    result = run("--data", str(path), "themes")
    assert result.exit_code == 2
    assert result.stderr == f"reportcli: {path}: file is 200.0 MiB; reportcli reads report files up to 128 MiB\n"


def test_very_long_lines_are_fine(tmp_path: Path) -> None:
    long_text = "Pension " * 50_000 + "end."
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(minimal_document(a={2024: [[long_text]]}), width=float("inf")), encoding="utf-8")
    assert len(max(path.read_text().splitlines(), key=len)) > 400_000  # one line of YAML holds the whole text
    result = run("--data", str(path), "search", "pension", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)[0]["spans"]) == 50_000


def test_a_tag_that_would_run_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("schema: 1\nreport: !!python/object/apply:os.system ['touch pwned']\nthemes: []\n")
    result = run("--data", str(path), "themes")
    assert (
        result.exit_code == 2
        and "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in result.stderr
    )
    assert not Path("pwned").exists()


def test_a_theme_list_can_be_empty(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "empty.yaml", {"schema": 1, "report": {"title": "Empty"}, "themes": []})
    listed = run("--data", str(path), "themes")
    assert (listed.exit_code, listed.stderr) == (1, "reportcli: this report has no themes\n")
    assert run("--data", str(path), "themes", "--json").stdout == "[]\n"
    diff = run("--data", str(path), "diff")
    assert (diff.exit_code, diff.stderr) == (1, "reportcli: no theme has text for two years to compare\n")


# --- text inside valid data ------------------------------------------------------------------------

ODD_TEXTS = [
    "Bold [bold]markup[/bold] and [link=http://x]a link[/link] and [/] stray.",
    "Escapes \x1b[2J\x1b[31mred\x1b]0;title\x07 and a bell \x07 and NUL-free.",
    "Emoji 🌱🇨🇳 and a family 👨‍👩‍👧 in one line.",
    "中文：城乡居民基础养老金月最低标准提高20元。",
    "עברית and العربية right-to-left, with an override \u202e reversed.",
]


@pytest.fixture(scope="module")
def odd_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_yaml(tmp_path_factory.mktemp("odd") / "odd.yaml", minimal_document(odd={2024: [ODD_TEXTS]}))


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_carries_the_text_exactly(odd_report: Path, fmt: str) -> None:
    result = run("--data", str(odd_report), "show", "odd", "--format", fmt)
    lines = (
        [json.loads(line) for line in result.stdout.splitlines()]
        if fmt == "jsonl"
        else json.loads(result.stdout)["statements"]
    )
    assert [s["text"] for s in lines] == ODD_TEXTS


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "markdown"])
def test_text_formats_show_control_characters_as_escapes(odd_report: Path, fmt: str) -> None:
    result = run("--data", str(odd_report), "show", "odd", "--format", fmt)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    shown = result.stdout.replace("\\[", "[")  # Markdown escapes brackets
    assert "\\x1b[2J\\x1b[31mred" in shown and "\\u202e" in shown
    assert "[bold]markup[/bold]" in result.stdout.replace("\\", "") and "中文" in result.stdout


def test_rich_table_prints_markup_literally_and_keeps_columns_aligned() -> None:
    rows = [
        {
            "ref": f"odd/2024/1.{i}",
            "text": t,
            "theme": "odd",
            "year": 2024,
            "kind": "statement",
            "label": None,
            "figures": [],
            "score": 1.0,
            "spans": [[0, 4]],
        }
        for i, t in enumerate(ODD_TEXTS, 1)
    ]
    screen = io.StringIO()
    terminal = Terminal(is_terminal=True, colour=True, width=120, height=40, stderr_is_terminal=False)
    emit(Result("hits", rows, rows), choose_view(None, True, terminal), stream=screen)
    text = screen.getvalue()
    assert "[bold]markup[/bold]" in text and "[link=http://x]a link[/link]" in text
    assert "\x1b" not in text and "\u202e" not in text
    widths = {cell_len(line) for line in text.splitlines() if line.strip()}
    assert widths == {120}


# --- queries ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["search", "[bold]red[/bold]"], 1, "reportcli: no match for 'bold'; did you mean 'old' or 'hold'?\n"),
        (["search", "\x1b[31mpension"], 1, "reportcli: no match for '31mpension'; did you mean 'pension'?\n"),
        (["search", *["pension"] * 2000], 0, ""),
        (
            ["search", "pension " * 2000],
            1,
            "reportcli: no statement has the phrase 'pension pension pension pension pension pens…', but 4 "
            "statements have its words apart: reportcli search pension\n",
        ),
        (
            ["search", "--regex", "*oops"],
            2,
            "reportcli: invalid regular expression '*oops': nothing to repeat at position 0\n",
        ),
        (["search", "--regex", "(?P<x"], 2, "reportcli: invalid regular expression '(?P<x': missing > at position 5\n"),
        (
            ["search", "pension", "--limit", "-3"],
            2,
            "reportcli search: Invalid value for '--limit' / '-n': -3 is not in the range x>=1.",
        ),
        (
            ["show", "ecology", "--year", "3000"],
            2,
            "reportcli: theme 'ecology' has no text for 3000; its years: 2023, 2024\n",
        ),
        (["figures", "--theme", "[red]"], 2, "reportcli: no section '[red]'; sections are: "),
    ],
)
def test_hostile_queries(args: list[str], code: int, stderr: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.startswith(stderr) and result.stderr.count("\n") <= 1
    assert "\x1b" not in result.stderr


@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_random_queries_never_crash(corpus: Any, parts: list[str]) -> None:
    try:
        query = Query(parse_terms(parts))
    except QueryError:
        return
    for hit in search(corpus, query).hits:
        assert hit["spans"] or {"notes", "official"} & set(hit["matched_in"])


@given(st.text(max_size=30), st.booleans())
def test_random_regexes_never_crash(corpus: Any, pattern: str, case_sensitive: bool) -> None:
    try:
        search(corpus, Query(pattern=pattern, case_sensitive=case_sensitive))
    except QueryError as exc:
        assert str(exc).startswith(("invalid regular expression", "regular expression"))


# --- random valid documents: every command, every format -------------------------------------------

safe_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60).filter(lambda t: t.strip())
theme_ids = st.lists(st.sampled_from(["alpha", "beta", "gamma-ray", "d4"]), min_size=1, max_size=3, unique=True)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    themes: list[dict[str, Any]] = []
    for theme_id in draw(theme_ids):
        years = draw(st.lists(st.sampled_from([2023, 2024]), min_size=1, max_size=2, unique=True))
        themes.append(
            {
                "id": theme_id,
                "title": draw(safe_text),
                "years": {
                    year: [
                        [
                            {"ref": f"{theme_id}/{year}/{p}.{s}", "text": draw(safe_text)}
                            for s in range(1, draw(st.integers(1, 3)) + 1)
                        ]
                        for p in range(1, draw(st.integers(1, 2)) + 1)
                    ]
                    for year in sorted(years)
                },
            }
        )
    first_years: dict[int, Any] = themes[0]["years"]
    statement = first_years[next(iter(first_years))][0][0]
    figures = []
    if draw(st.booleans()):
        text = statement["text"]
        start = draw(st.integers(0, len(text) - 1))
        display = text[start : start + draw(st.integers(1, 10))]
        if display.strip() and display.casefold() in text.casefold():
            figures.append(
                {
                    "id": "f1",
                    "value": draw(st.floats(-1e12, 1e12, allow_nan=False) | st.integers(-(10**12), 10**12)),
                    "unit": draw(safe_text),
                    "display": display,
                    "year": int(statement["ref"].split("/")[1]),
                    "theme": themes[0]["id"],
                    "ref": statement["ref"],
                }
            )
    return {"schema": 1, "report": {"title": draw(safe_text)}, "themes": themes, "figures": figures}


FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown"]


@given(document=documents(), word=safe_text)
def test_every_command_in_every_format_on_random_documents(tmp_path: Path, document: dict[str, Any], word: str) -> None:
    path = write_yaml(tmp_path / "random.yaml", document)
    report = load_report(path)  # YAML folds some characters (NEL, line separators): compare with what it holds
    first = report.themes[0]
    texts = [s.text for s in first.statements()]
    for args in (["themes"], ["show", first.id], ["figures"], ["search"], ["diff", first.id], ["diff"]):
        for fmt in FORMATS:
            query = ["--", word] if args[0] == "search" else []  # "--": a query may start with "-"
            # --csv-formulas: the CSV must hold the text exactly (the guard has a test of its own)
            result = run("--csv-formulas", "--data", str(path), *args, "--format", fmt, *query)
            if args[0] == "diff" and len(args) == 2 and len(first.years) < 2:
                assert result.exit_code == 2 and "nothing to compare" in result.stderr
                continue
            if args[0] == "search" and result.exit_code == 2:
                assert "has no words to search for" in result.stderr
                continue
            assert result.exit_code in (0, 1), (args, fmt, result)
            if fmt == "json":
                parsed = json.loads(result.stdout)
                if args[0] == "show":
                    assert [s["text"] for s in parsed["statements"]] == texts
                if args[0] == "themes":
                    assert [t["title"] for t in parsed] == [t.title for t in report.themes]
                if args[0] == "figures":
                    assert [(f["value"], f["display"]) for f in parsed] == [
                        (f.value, f.display) for f in report.figures
                    ]
            elif fmt == "jsonl":
                for line in result.stdout.split("\n")[:-1]:  # JSON Lines end at \n only
                    json.loads(line)
            elif args[0] == "show" and fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(result.stdout)))
                assert [row["text"] for row in rows] == [visible(t) for t in texts]
            elif args[0] == "show" and fmt in ("table", "tsv"):  # off a terminal, table is plain lines
                lines = result.stdout.split("\n")[(fmt == "tsv") : -1]
                assert [line.split("\t")[2 if fmt == "tsv" else 1] for line in lines] == [visible(t) for t in texts]


# --- Unicode: one normalization form for comparing, the text as written for printing ---------------

NORMALIZED = minimal_document(
    forms={
        2024: [
            [
                "A caf\u00e9 written composed (NFC).",
                "A cafe\u0301 written decomposed (NFD).",
                "Full-width year \uff11\uff19\uff19\uff12 and ASCII 1992.",
                "城镇新增\u200b就业 with a zero-width space, and a pen\u00adsion with a soft hyphen.",
            ]
        ]
    }
)


@pytest.fixture(scope="module")
def normalized_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_yaml(tmp_path_factory.mktemp("nfc") / "forms.yaml", NORMALIZED)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("caf\u00e9", {"forms/2024/1.1": "caf\u00e9", "forms/2024/1.2": "cafe\u0301"}),  # NFC query
        ("cafe\u0301", {"forms/2024/1.1": "caf\u00e9", "forms/2024/1.2": "cafe\u0301"}),  # NFD query
        ("1992", {"forms/2024/1.3": "\uff11\uff19\uff19\uff12"}),  # the first span of the hit
        ("\uff11\uff19\uff19\uff12", {"forms/2024/1.3": "\uff11\uff19\uff19\uff12"}),
        ("新增就业", {"forms/2024/1.4": "新增\u200b就业"}),
        ("pension", {"forms/2024/1.4": "pen\u00adsion"}),
    ],
)
def test_composed_decomposed_and_compatibility_forms_match(
    normalized_report: Path, query: str, expected: dict[str, str]
) -> None:
    hits = json.loads(run("--data", str(normalized_report), "search", query, "--json").stdout)
    found = {hit["ref"]: hit["text"][hit["spans"][0][0] : hit["spans"][0][1]] for hit in hits}
    assert found == expected  # spans point into the text as written


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "markdown"])
def test_invisible_characters_are_shown_as_escapes(tmp_path: Path, fmt: str) -> None:
    hidden = "Zero\u200bwidth, soft\u00adhyphen, \ufeffBOM, line\u2028separator, \u200emark and \u061calm."
    path = write_yaml(tmp_path / "r.yaml", minimal_document(odd={2024: [[hidden]]}))
    shown = run("--data", str(path), "show", "odd", "--format", fmt).stdout
    for char, escape in [("\u200b", "\\u200b"), ("\u00ad", "\\xad"), ("\ufeff", "\\ufeff"), ("\u2028", "\\u2028")]:
        assert char not in shown and escape in shown.replace("\\\\", "\\")
    assert "\u200e" not in shown and "\u061c" not in shown
    as_json = json.loads(run("--data", str(path), "show", "odd", "--json").stdout)
    assert as_json["statements"][0]["text"] == hidden


def test_a_printable_cell_is_printed_as_it_is_and_nothing_unsafe_is_printable() -> None:
    """``cell`` passes a printable text through untouched: that is safe only while every character the
    escaping names is one Python calls unprintable, on every code point."""
    from reportcli.render.escape import _UNSAFE, cell

    unsafe = [chr(code) for code in range(0x110000) if _UNSAFE.match(chr(code))]
    assert len(unsafe) > 200 and not any(char.isprintable() for char in unsafe)
    assert cell("养老金 pension\u200d") == "养老金 pension\u200d"  # a joiner shapes text: it stays
    assert cell("a\u200bb") == "a\\u200bb" and cell(7) == "7" and cell(True) == "true"


FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "-3", "+4.5"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path, fmt: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(cells={2024: [FORMULAS]}))
    guarded = run("--data", str(path), "show", "cells", "--format", fmt).stdout
    texts = [line.split((fmt == "csv" and ",") or "\t")[2] for line in guarded.splitlines()[1:]]
    if fmt == "csv":
        texts = [row[2] for row in csv.reader(io.StringIO(guarded))][1:]
    assert texts == ['\'=HYPERLINK("http://evil")', "'+1+1", "'-2+3", "'@SUM(A1)", "-3", "+4.5"]
    raw = run("--csv-formulas", "--data", str(path), "show", "cells", "--format", fmt).stdout
    assert all(f in raw.replace('""', '"') for f in FORMULAS)
    assert "'=" not in run("--data", str(path), "show", "cells", "--format", "markdown").stdout


# --- numbers of any size, and the number forms of YAML 1.1 --------------------------------------------


NOT_PLAIN = (
    " is not a plain decimal number: YAML 1.1 would read it in base 60, 16, 8 or 2 or with underscores; "
    "write plain digits, or quote it if it is text"
)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "n: " + "9" * 5000,
            ":1:4: invalid YAML: an integer of 5,000 digits; reportcli reads integers of up to 30 digits "
            "(quote it if it is text)",
        ),
        ("n: 0x" + "f" * 5000, ":1:4: invalid YAML: '0x" + "f" * 37 + "…'" + NOT_PLAIN),
        ("years:\n  33:44: []", ":2:3: invalid YAML: '33:44'" + NOT_PLAIN),
        ("n: 0777", ":1:4: invalid YAML: '0777'" + NOT_PLAIN),
        ("n: 2_024", ":1:4: invalid YAML: '2_024'" + NOT_PLAIN),
    ],
)
def test_numbers_of_any_size_or_form_are_a_clear_data_error(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(yaml_text + "\n", encoding="utf-8")
    result = run("validate", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"reportcli: {path}{message}\n"  # the whole line: the limit it names, exactly
    assert len(result.stderr) < 400


def test_a_quoted_long_number_is_text(tmp_path: Path) -> None:
    digits = "9" * 5000
    path = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [[digits]]}))
    assert json.loads(run("--data", str(path), "show", "a", "--json").stdout)["statements"][0]["text"] == digits


# --- regular expressions on large data -----------------------------------------------------------------


def test_the_regex_time_budget_grows_with_the_data() -> None:
    from reportcli.search import regex_budget

    assert regex_budget(30_000) == pytest.approx(1.003)
    assert regex_budget(25_000_000) == pytest.approx(3.5)  # the 1000x corpus: an ordinary pattern fits


def big_report(tmp_path: Path) -> Path:
    sentences = [f"Statement {i} about pensions and solar farms in county {i % 97}." for i in range(20_000)]
    return write_yaml(
        tmp_path / "big.yaml", minimal_document(big={2024: [sentences[i : i + 50] for i in range(0, 20_000, 50)]})
    )


@pytest.mark.parametrize("pattern", ["e", ".", "[a-z]", r"\w+"])
def test_an_ordinary_pattern_on_a_large_report_is_not_stopped(tmp_path: Path, pattern: str) -> None:
    """Patterns with a match in every statement (``.`` has 1.2 million here) run to the end: the time
    limit of one run of the engine is for runaway matching, not for many matches (found by review:
    ``.`` and any Chinese character were stopped on the corpus, and more often on a busy machine)."""
    result = run("--data", str(big_report(tmp_path)), "search", "--regex", pattern, "--count", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [
        {"theme": "big", "year": 2024, "hits": 20_000, "report": "report", "language": "en"}
    ]


def test_a_whole_regex_search_has_a_limit_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of the engine that are each quick but many, past ten times the limit of one: stopped, with
    a line that says it was the whole search, and how to narrow it (a clock that moves 10 ms a look;
    the search reads time.monotonic, as the progress line does, which it leaves quiet)."""
    import time

    now = [0.0]

    def clock() -> float:
        now[0] += 0.01
        return now[0]

    monkeypatch.setattr(time, "monotonic", clock)
    result = run("--data", str(big_report(tmp_path)), "search", "--regex", "pension", "--count")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "reportcli: regular expression 'pension' took longer than 11.2 s in all and was stopped; "
        "narrow the search (--year, --lang, --theme) or simplify it\n"
    )


@pytest.mark.parametrize(
    ("pattern", "copies"),
    [
        ("x{10000000}", "10,000,000"),  # 12 bytes that took 2.7 GB
        ("(x{1000}){1000}", "1,000,000"),  # nested: the counts multiply
        ("x{60000}y{60000}", "120,000"),  # in sequence: they add up
        ("x{" + "9" * 5000 + "}", "over a billion"),  # more digits than int() takes
    ],
)
def test_a_regex_that_would_take_gigabytes_is_refused_before_it_is_compiled(pattern: str, copies: str) -> None:
    result = run("search", "--regex", pattern)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"reportcli: regular expression '{pattern[:20]}")
    assert result.stderr.endswith(
        f"repeats a part {copies} times; reportcli allows 100,000 (each copy costs memory): "
        "use a smaller count, or + or *\n"
    )


@pytest.mark.parametrize(
    ("pattern", "code"),
    [(r"\d{2}", 0), (r"[{]{3}", 1), (r"\{100000\}", 1), ("xyzzy{0,1000000}", 1), ("(?:ab{100}c){100}", 1)],
)
def test_a_regex_with_modest_or_literal_counts_runs(pattern: str, code: int) -> None:
    """Counts in escapes and classes are characters, an upper bound costs nothing: only copies count."""
    result = run("search", "--regex", pattern, "--count")
    assert (result.exit_code, result.stderr.startswith("reportcli: no statement matches")) == (code, code == 1)


def test_a_regex_that_runs_out_of_memory_is_one_line_and_exit_2() -> None:
    """The regex module gives up on some fuzzy patterns with MemoryError (found by a review): the user's
    pattern, so exit 2 and a message, not an internal error."""
    pattern = "(?:a*(?:b){i<=1,d<=1})*|"
    result = run("search", "--regex", pattern, "--count")
    assert result.exit_code == 2
    assert result.stderr == (
        f"reportcli: regular expression '{pattern}' ran out of memory and was stopped; simplify it\n"
    )
