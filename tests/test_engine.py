"""The search engine: texts cut in C as the word rules say, one cache entry per report file read together
as one corpus, many queries or terms in one run, and a long search paged as it is worked out.

What a user depends on: a corpus read from one database per report answers exactly as one database of
all of them; changing one report rebuilds that report alone; the tokens (and so every hit and span)
are those of ``text.spans``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal_document, run, write_yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportcli import text as words_
from reportcli.db import cache, store
from reportcli.db.corpus import Corpus
from reportcli.errors import QueryError
from reportcli.language import is_ideograph
from reportcli.model import Report
from reportcli.render import Terminal, choose_view, emit
from reportcli.search import find, find_each
from reportcli.search.trend import trend

# --- the tokenizer ----------------------------------------------------------------------------------------


def spans_the_old_way(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """What ``text.spans`` yields, and where a break goes (the rule the index has always used)."""
    found, breaks = [], []
    previous_end, previous_cjk = -1, False
    for n, (start, end, surface) in enumerate(words_.spans(text)):
        cjk = is_ideograph(surface)
        if previous_end >= 0 and (cjk or previous_cjk) and words_.is_punctuated(text, previous_end, start):
            breaks.append(n)
        previous_end, previous_cjk = end, cjk
        found.append((start, end, surface))
    return found, breaks


def assert_cut_as_spans(text: str) -> None:
    cut = words_.cut(text)
    found, breaks = spans_the_old_way(text)
    assert cut.bounds == [n for start, end, _ in found for n in (start, end)], text
    assert [words_.stem(w) for w in cut.words] == [words_.stem(s) for *_, s in found], text
    assert cut.breaks == breaks, text


PIECES = ["养老金", "，", "。", "５％", "72.5%", "people's", "low-carbon", "（一）", "\u200b", "e\u0301", "ﬁ", "⑵", " "]
PIECES += ["Ａｂ", "\u3000", "2024年", "国民經濟", "\uf900", "\ufa6e", "_", "’s", "１２．５", "…", "Ⅱ", "\u00ad", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12))
def test_cut_finds_what_spans_finds(pieces: list[str]) -> None:
    """Any text, plain or not (fullwidth forms, decomposed accents, ligatures, joiners, unassigned
    compatibility ideographs): the same tokens, offsets and breaks as the rule written per character."""
    assert_cut_as_spans("".join(pieces))


def test_cut_finds_what_spans_finds_in_the_summary(report: Report) -> None:
    for statement in report.statements():
        assert_cut_as_spans(statement.text)
        for quote in statement.official:
            assert_cut_as_spans(quote.text)


def test_every_code_point_of_the_plain_ideograph_blocks_is_a_word_character() -> None:
    """``text.cut`` takes every code point of these blocks for a token (true since Unicode 14)."""
    for low, high in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF)):
        assert all(chr(code).isalnum() for code in range(low, high + 1))


# --- a corpus read from shards ---------------------------------------------------------------------------


def three_reports() -> dict[str, Any]:
    return {
        "a.yaml": minimal_document(
            pensions={2023: [["Pensions rise by 5%.", "Rivers are cleaned."]], 2024: [["Pensions rise again."]]}
        ),
        "b.yaml": minimal_document(rivers={2024: [["Rivers and forests are cleaned.", "Solar farms grow."]]}),
        "c.yaml": minimal_document(solar={2024: [["Solar power grows by 7.5%.", "Pensions of farmers rise."]]}),
    }


def write_reports(directory: Path, documents: dict[str, Any]) -> Path:
    directory.mkdir(exist_ok=True)
    for name, document in documents.items():
        document["report"]["id"] = name.removesuffix(".yaml")
        write_yaml(directory / name, document)
    return directory


QUERIES = [["pension"], ["rivers", "cleaned"], ['"solar farms"'], ["rise"], ["5%"], ["grow"], ["--regex", r"\d"]]


def answers(data: Path, env: dict[str, str] | None = None) -> list[tuple[str, str, int]]:
    found = []
    for query in QUERIES:
        result = run("--data", str(data), "search", *query, "--json", env=env)
        found.append((result.stdout, result.stderr, result.exit_code))
    for args in (["trend", "pension", "solar"], ["search", "rise", "--count"]):
        result = run("--data", str(data), *args, "--json", env=env)
        found.append((result.stdout, result.stderr, result.exit_code))
    return found


def test_shards_answer_as_one_database(tmp_path: Path) -> None:
    """The same reports as one database (no cache) and as a database per report (the cache): every
    hit, score, span, count and trend number the same."""
    data = write_reports(tmp_path / "reports", three_reports())
    env = {"REPORTCLI_CACHE_DIR": str(tmp_path / "cache")}
    cold, warm = answers(data, env), answers(data, env)
    one = answers(data, {"REPORTCLI_NO_CACHE": "1"})
    assert cold == warm == one
    assert all(json.loads(stdout) for stdout, _, _ in one)  # every query found something to compare
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir())
    directory = cache.entry_name(f"directory:{os.path.abspath(data)}")
    assert entries == sorted([cache.entry_name(data / name) for name in three_reports()] + [directory])


def test_a_corpus_of_shards_is_one_corpus_of_every_report(tmp_path: Path) -> None:
    from reportcli.reportfile import load_report

    data = write_reports(tmp_path / "reports", three_reports())
    reports = [load_report(data / name) for name in sorted(three_reports())]
    whole, shards = Corpus(store.build(reports)), Corpus([store.build(r) for r in reports])
    for words in (["pension"], ["rise"], ['"rivers and forests"'], ["solar", "pension"]):
        assert find(whole, words).items == find(shards, words).items
        assert find(whole, words, count=True).items == find(shards, words, count=True).items
    assert trend(whole, ["rise", "solar"]).items == trend(shards, ["rise", "solar"]).items
    assert [s.ref for s in whole.units()] == [s.ref for s in shards.units()]


def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The report ids store.build is asked to build from now on."""
    built: list[str] = []
    real = store.build

    def counted(reports: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(reports, Report):
            built.append(reports.meta.id)
        return real(reports, *args, **kwargs)

    monkeypatch.setattr("reportcli.db.store.build", counted)
    return built


def test_changing_one_report_rebuilds_that_report_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_reports(tmp_path / "reports", three_reports())
    monkeypatch.setenv("REPORTCLI_CACHE_DIR", str(tmp_path / "cache"))
    assert run("--data", str(data), "search", "pension", "--json").exit_code == 0
    built = builds(monkeypatch)
    changed = three_reports()["b.yaml"]
    changed["themes"][0]["years"][2024][0][1]["text"] = "Pension funds grow."
    write_reports(data, {"b.yaml": changed})
    result = run("--data", str(data), "search", "pension", "--json")
    assert built == ["b"]
    assert "Pension funds grow." in result.stdout
    os.utime(data / "a.yaml")  # touched, the same bytes: restamped, not rebuilt
    assert run("--data", str(data), "search", "pension", "--json").stdout == result.stdout
    (data / "c.yaml").unlink()  # taken away: nothing to build
    assert "farmers" not in run("--data", str(data), "search", "pension", "--json").stdout
    assert built == ["b"]


def test_files_cached_apart_are_still_checked_together(tmp_path: Path) -> None:
    """Two files each cached alone, then read as one directory: a shared id is still refused."""
    data = write_reports(tmp_path / "reports", three_reports())
    write_reports(data, {"c.yaml": minimal_document(pensions={2022: [["Old pensions."]]})})  # a's theme id
    env = {"REPORTCLI_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("a.yaml", "c.yaml"):
        assert run("--data", str(data / name), "themes", env=env).exit_code == 0
    result = run("--data", str(data), "themes", env=env)
    assert result.exit_code == 2
    clash = f"{data / 'c.yaml'}: section id 'pensions' is also in {data / 'a.yaml'}"
    assert result.stderr == f"reportcli: {clash}; a corpus needs them unique\n"


# --- many queries or terms in one run ---------------------------------------------------------------------


def test_search_file_answers_each_line_in_one_run_with_one_header(tmp_path: Path) -> None:
    listing = tmp_path / "queries.txt"
    listing.write_text('pension\n\n"carbon peak"\nnowhere-to-be-found\n', encoding="utf-8")
    result = run("search", "--file", str(listing), "--count", "--format", "csv")
    assert result.exit_code == 0, result
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["query", "theme", "year", "hits", "report", "language"] and header not in rows
    assert {row[0] for row in rows} == {"pension", '"carbon peak"'}
    expected = json.loads(run("search", "pension", "--count", "--json").stdout)
    assert sum(int(row[3]) for row in rows if row[0] == "pension") == sum(row["hits"] for row in expected)
    assert result.stderr == "reportcli: 1 of 3 queries found nothing: 'nowhere-to-be-found'\n"


def test_a_list_kept_by_hand_comments_repeats_and_misses_are_said(tmp_path: Path) -> None:
    """Found by a user test: '# pension' was searched as pension (and counted as zeros by trend), a
    repeated line doubled its rows, and only the first query that found nothing was named."""
    listing = tmp_path / "queries.txt"
    misses = [f"nowhere{n}" for n in range(7)]
    listing.write_text("pension\n  # pension, left out for now\n#carbon\npension\n" + "\n".join(misses), "utf-8")
    result = run("search", "--file", str(listing), "--count", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    alone = json.loads(run("search", "pension", "--count", "--json").stdout)
    assert result.exit_code == 0 and {row["query"] for row in rows} == {"pension"}
    assert len(rows) == len(alone)  # asked once
    assert result.stderr == (
        "reportcli: 7 of 8 queries found nothing: 'nowhere0', 'nowhere1', 'nowhere2', 'nowhere3', 'nowhere4' "
        "and 2 more\n"
        "reportcli: queries given more than once are asked once: 'pension'\n"
    )
    counted = run("trend", "pension", "--file", str(listing), "--format", "csv")
    terms = [row["term"] for row in csv.DictReader(io.StringIO(counted.stdout))]
    assert counted.exit_code == 0 and list(dict.fromkeys(terms)) == ["pension", *misses]
    assert terms.count("pension") == terms.count("nowhere0")  # a row per report, once
    assert counted.stderr.splitlines()[:2] == [
        "reportcli: 7 of 8 terms found in no report: 'nowhere0', 'nowhere1', 'nowhere2', 'nowhere3', 'nowhere4' "
        "and 2 more",
        "reportcli: terms given more than once are counted once: 'pension'",
    ]
    chosen = run("trend", "pension", "nowhere0", "--year", "2024", "--format", "csv")
    assert chosen.stderr.startswith("reportcli: 1 of 2 terms found in no report of those chosen: 'nowhere0'\n")


def test_a_term_found_only_in_notes_is_not_said_to_be_found_nowhere() -> None:
    """'qualifier' stands only in a note of the summary: its row counts it, so no line may say it is
    in no report (the first version looked at the occurrences in statements' own words; found by review)."""
    result = run("trend", "pension", "qualifier", "--format", "csv")
    rows = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["term"] == "qualifier"]
    assert any(int(row["count"]) and not int(row["occurrences"]) for row in rows)
    assert "found in no report" not in result.stderr


def test_with_regex_each_line_of_a_list_is_one_pattern(tmp_path: Path) -> None:
    """As grep -f takes it: spaces and quotes are part of the pattern (a line with a space was refused,
    with advice to quote it that then searched for the quotes)."""
    listing = tmp_path / "patterns.txt"
    patterns = ["pension|health care", " pension", '"', "pillar of pension insurance"]
    listing.write_text("\n".join(patterns) + "\n", encoding="utf-8")
    result = run("search", "--regex", "--file", str(listing), "--json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    for pattern in patterns:
        alone = json.loads(run("search", "--regex", pattern, "--json").stdout)
        assert alone, pattern
        assert [dict(hit, query=None) for hit in hits if hit["query"] == pattern] == [
            dict(hit, query=None) for hit in alone
        ]
    spaced = [hit for hit in hits if hit["query"] == " pension"]  # the space kept: each span starts with it
    assert all(hit["text"][start] == " " for hit in spaced for start, _ in hit["spans"])


def test_standard_input_cannot_be_both_the_data_and_the_list() -> None:
    for command in ("search", "trend"):
        for result in (
            run("--data", "-", command, "--file", "-"),
            run(command, "--file", "-", env={"REPORTCLI_DATA": "-"}),
        ):
            assert (result.exit_code, result.stdout) == (2, "")
            assert result.stderr == (
                "reportcli: standard input can hold the data (--data -) or the list (--file -), not both\n"
            )


def test_a_term_or_query_longer_than_the_most_is_refused() -> None:
    for command in ("search", "trend"):
        result = run(command, "x" * 20_001)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.endswith("is 20,001 characters long; the most is 20,000\n")


def test_search_file_hits_say_their_query_and_stdin_works() -> None:
    from typer.testing import CliRunner

    from reportcli.cli import app

    args = ["search", "--file", "-", "--limit", "2", "--json"]
    done = CliRunner().invoke(app, args, input="pension\ncarbon\n", env={"REPORTCLI_DATA": ""})
    hits = json.loads(done.stdout)
    assert [h["query"] for h in hits] == ["pension", "pension", "carbon", "carbon"]
    alone = json.loads(run("search", "pension", "--limit", "2", "--json").stdout)
    assert [{k: v for k, v in h.items() if k != "query"} for h in hits[:2]] == alone
    empty = CliRunner().invoke(app, args, input="", env={"REPORTCLI_DATA": ""})
    assert empty.exit_code == 2


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("pension\n", ["pension"], "reportcli: give the queries as arguments or in --file, not both\n"),
        ("\n\n", [], "reportcli: no queries to search for: the file has no line with words\n"),
        ("pension\n%%\n", [], "reportcli: line 2 ('%%'): query '%%' has no words to search for"),
        ("pension\n# a note\n\npension\n%%\n", [], "reportcli: line 5 ('%%'): query '%%' has no words"),
        ("\xff", [], "not UTF-8 text (invalid byte at offset 0)"),
        ("# all left out\n", [], "reportcli: no queries to search for: the file has no line with words\n"),
        ("养" * 20_001, [], "line 1 ('养养养"),
        ("养" * 20_001, [], "is 20,001 characters long; the most is 20,000\n"),
    ],
)
def test_a_bad_query_file_is_one_line_and_exit_2(tmp_path: Path, content: str, args: list[str], message: str) -> None:
    listing = tmp_path / "queries.txt"
    listing.write_bytes(content.encode("latin-1") if content == "\xff" else content.encode())
    result = run("search", *args, "--file", str(listing))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_trend_takes_any_number_of_terms_outside_a_table(tmp_path: Path, corpus: Corpus) -> None:
    terms = [f"word{n}" for n in range(11)] + ["pension", "carbon"]
    listing = tmp_path / "terms.txt"
    listing.write_text("\n".join(terms[2:]) + "\n", encoding="utf-8")
    result = run("trend", *terms[:2], "--file", str(listing), "--format", "csv")
    assert result.exit_code == 0, result
    rows = result.stdout.splitlines()
    assert rows.count(rows[0]) == 1 and {row.split(",")[0] for row in rows[1:]} == set(terms)
    table = run("trend", *terms[:2], "--file", str(listing), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert table.exit_code == 2 and "a table compares up to 12 side by side" in table.stderr
    with pytest.raises(QueryError, match="13 terms"):
        trend(corpus, terms, most=12)
    assert {row["term"] for row in trend(corpus, terms).items} == set(terms)


def test_many_queries_in_one_run_answer_as_each_alone(corpus: Corpus) -> None:
    queries = ["pension", "carbon peak", '"carbon peak"', "养老金", "elderly care", "十年禁渔"]
    together = find_each(corpus, queries, count=True).items
    for query in queries:
        alone = find(corpus, query.split() if '"' not in query else [query], count=True).items
        assert [dict(row, query=None) for row in together if row["query"] == query] == [
            dict(row, query=None) for row in alone
        ]


# --- only what is printed ---------------------------------------------------------------------------------


def test_a_piped_chinese_search_loads_no_character_table(tmp_path: Path) -> None:
    """The see-also hint is for a table: a pipe neither works it out nor loads OpenCC for it."""
    script = (
        "import sys\n"
        "from reportcli.cli import main\n"
        "sys.argv = ['reportcli', 'search', '养老金', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('opencc' if 'opencc' in sys.modules else 'none')\n"
    )
    env = {**os.environ, "REPORTCLI_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("REPORTCLI_DATA", None)
    subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True, timeout=120)  # cold
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True, timeout=120)
    assert json.loads(warm.stdout) and warm.stderr.decode().endswith("none")


def test_a_long_search_is_paged_in_parts_as_one_table(corpus: Corpus, tmp_path: Path) -> None:
    """On a terminal with a pager, the first screenful goes to the pager before the rest is built; the
    pager receives one table: one header, every hit once, in order."""
    paged = tmp_path / "paged.txt"
    terminal = Terminal(is_terminal=True, colour=False, width=100, height=12, stderr_is_terminal=False, is_tty=True)
    view = choose_view(None, True, terminal)
    view.pager = f"tee {paged}"
    first = find(corpus, ["and"], first=terminal.height)
    assert len(first.items) == terminal.height and first.fact("more") is not None
    whole = find(corpus, ["and"])
    out = io.StringIO()
    emit(first, view, stream=out)
    text = paged.read_text(encoding="utf-8")
    assert text.count("Statement") == 1 and out.getvalue() == ""
    refs = [found.group(1) for line in text.splitlines() if (found := re.match(r"  ([a-z0-9-]+/[0-9./]+) ", line))]
    assert refs == [hit["ref"] for hit in whole.items] and len(refs) > terminal.height


def test_the_rest_is_sent_in_parts_that_join_as_one_table(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hits after the first screen go to the pager a part at a time: the table the pager gets is
    byte for byte the one sent in one part."""
    from reportcli import render

    terminal = Terminal(is_terminal=True, colour=False, width=100, height=12, stderr_is_terminal=False, is_tty=True)
    sent = {}
    for part in (10_000, 7):
        monkeypatch.setattr(render, "PART", part)
        paged = tmp_path / f"paged-{part}.txt"
        view = choose_view(None, True, terminal)
        view.pager = f"tee {paged}"
        emit(find(corpus, ["and"], first=terminal.height), view, stream=io.StringIO())
        sent[part] = paged.read_text(encoding="utf-8")
    assert sent[7] == sent[10_000] and sent[7].count("Statement") == 1


def test_once_the_pager_is_quit_nothing_more_is_built(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an acceptance test: quitting the pager after the first screen of search 发展 gave the
    prompt back 2 s later, as every hit was still built and sent."""
    from reportcli import render
    from reportcli.search import rank

    built = []
    real = rank._hits

    def counted(corpus: Corpus, query: Any, ranked: Any, spans: Any) -> Any:
        built.append(len(ranked))
        return real(corpus, query, ranked, spans)

    real_pager = render._pager

    def read_a_byte_and_quit(command: str) -> Any:
        pager = real_pager("head -c 1")
        assert pager is not None and pager.stdin is not None
        pipe, wait = pager.stdin, pager.wait

        class Sent:  # the first screen sent, the reader has read it and quit: then the run goes on
            def write(self, data: bytes) -> int:
                return pipe.write(data)

            def flush(self) -> None:
                pipe.flush()
                wait(timeout=30)

            def close(self) -> None:
                pipe.close()

        pager.stdin = Sent()  # type: ignore[assignment]
        return pager

    monkeypatch.setattr(rank, "_hits", counted)
    monkeypatch.setattr(render, "PART", 5)
    monkeypatch.setattr(render, "_pager", read_a_byte_and_quit)
    terminal = Terminal(is_terminal=True, colour=False, width=100, height=12, stderr_is_terminal=False, is_tty=True)
    view = choose_view(None, True, terminal)
    view.pager = "less"
    first = find(corpus, ["and"], first=terminal.height)
    total = first.fact("total")
    built.clear()
    emit(first, view, stream=io.StringIO())
    assert total > terminal.height + 30  # more than six parts after the first screen
    assert sum(built) <= 5  # at most the part worked out while the pager was seen to have quit


# --- speed that changes nothing printed --------------------------------------------------------------------

JSON_KEYS = st.one_of(st.text(max_size=8), st.integers(), st.floats(), st.booleans(), st.none())
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(JSON_KEYS, inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_indented_json_is_the_standard_librarys_byte_for_byte(document: Any) -> None:
    """Any document (any text, NaN and infinities, keys of every kind JSON allows, tuples, nesting):
    the same text as json.dumps with ensure_ascii=False and indent=2, which every --json printed."""
    from reportcli.render.flat import to_json

    assert to_json(document) == json.dumps(document, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("document", [{"a": {1, 2}}, [object()], {("a", "b"): 1}])
def test_indented_json_refuses_what_the_standard_library_refuses(document: Any) -> None:
    from reportcli.render.flat import to_json

    with pytest.raises(TypeError):
        json.dumps(document, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        to_json(document)


def test_indented_json_of_every_hit_of_the_summary(corpus: Corpus) -> None:
    from reportcli.render.flat import to_json

    document = find(corpus, ["and"], any_term=True).document
    assert len(document) > 60
    assert to_json(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_reports_read_at_once_are_the_reports_read_one_by_one(tmp_path: Path) -> None:
    """``Corpus.reports_of`` (many sections in one query a database) then ``report_of`` answers as
    ``report_of`` of a fresh corpus does, section by section; a section the data lacks is refused as
    before."""
    from reportcli.db.checked import Damaged
    from reportcli.reportfile import load_report

    data = write_reports(tmp_path / "reports", three_reports())
    databases = [store.build(load_report(data / name)) for name in sorted(three_reports())]
    ids = [section.id for section in Corpus(databases).sections]
    assert len(ids) == 3
    one_by_one = {section: Corpus(databases).report_of(section) for section in ids}
    at_once = Corpus(databases)
    at_once.reports_of([*ids, "no-such-section"])
    assert {section: at_once.report_of(section) for section in ids} == one_by_one
    assert {meta.id for meta in one_by_one.values()} == {"a", "b", "c"}
    with pytest.raises(Damaged):
        at_once.report_of("no-such-section")


# --- --regex: one pass over a block of texts finds every text with a match --------------------------------

regex_pieces = st.sampled_from(["a", "b", "碳", "中", "%", "1", ".", "[ab]", "[^a]", r"\d", r"\w", r"\s", "x|y"])
regex_repeats = st.sampled_from(["", "*", "+", "?", "{2}", "*?", "{1,3}"])


@st.composite
def context_free_patterns(draw: st.DrawFn) -> str:
    parts = [draw(regex_pieces) + draw(regex_repeats) for _ in range(draw(st.integers(1, 4)))]
    pattern = "".join(f"(?:{part})" if "|" in part else part for part in parts)
    return f"(?:{pattern}|{draw(regex_pieces)})" if draw(st.booleans()) else pattern


@settings(max_examples=300)
@given(context_free_patterns(), st.lists(st.text("ab碳中%1 .x", max_size=8), min_size=1, max_size=6))
def test_a_block_pass_finds_every_text_a_pattern_matches_alone(pattern: str, texts: list[str]) -> None:
    import regex

    from reportcli.search.match import _context_free, _touched

    assert _context_free(pattern)
    compiled = regex.compile(pattern, regex.IGNORECASE)
    assume(compiled.search("") is None)  # a pattern that matches the empty text matches every text: no pass
    ends = [sum(len(t) for t in texts[: n + 1]) for n in range(len(texts))]
    touched = set(_touched(compiled.search, "".join(texts), ends, lambda: 1.0))
    alone = {n for n, t in enumerate(texts) if compiled.search(t) is not None}
    assert alone <= touched


@pytest.mark.parametrize(
    "pattern",
    [r"^碳", r"x$", r"\bab", r"(?<=a)b", r"(?i)a", r"a++", r"(?>a+)b", r"\Ab", r"\X\X", r"🇧\Xx", "ab(*SKIP)(*FAIL)|b"],
)
def test_a_pattern_that_can_see_around_a_text_is_run_text_by_text(pattern: str) -> None:
    from reportcli.search.match import _context_free

    assert not _context_free(pattern)


def test_a_grapheme_cluster_is_matched_in_its_own_text(tmp_path: Path) -> None:
    """\\X looks back: after an emoji a joiner and an emoji are one cluster, so a pass over the texts run
    together would not match \\X\\X in the second text, which alone holds two clusters (found by review)."""
    path = write_yaml(tmp_path / "r.yaml", minimal_document(odd={2024: [["\U0001f600", "\u200d\U0001f600"]]}))
    found = json.loads(run("--data", str(path), "search", "--regex", r"\X\X", "--json").stdout)
    assert [(hit["ref"], hit["spans"]) for hit in found] == [("odd/2024/1.2", [[0, 2]])]


def test_regex_hits_are_those_of_a_text_by_text_scan(corpus: Corpus) -> None:
    import regex

    from reportcli.search.match import regex_matches

    patterns = [r"\d+%", "pension|health", "[0-9]+ (?:million|billion)", r"^The", r"s\b", "e", "x*", "."]
    verbs = [r"\. We(*SKIP)(*FAIL)|We", "ion(*PRUNE)s"]  # a branch tried in the text before skips a match
    for pattern in [*patterns, "(?=pension)", "^(?=.*pension)(?=.*rural)", r"\Z", "^(?!.*[.]$)", *verbs]:
        compiled = regex.compile(pattern, regex.IGNORECASE)
        expected, texts = {}, {}
        for first, block, ends in corpus.index.text_blocks():
            for n, (start, end) in enumerate(zip([0, *ends[:-1]], ends, strict=True)):
                texts[first + n] = block[start:end]
                if compiled.search(block[start:end]) is not None:  # an empty match is a match
                    matched = compiled.finditer(block[start:end])
                    expected[first + n] = [m.span() for m in matched if m.end() > m.start()]
        assert expected, pattern
        found = regex_matches(corpus, pattern, False, lambda unit: True)
        assert found.counts == {unit: len(spans) for unit, spans in expected.items()}, pattern
        assert {unit: found.spans(texts[unit]) for unit in found.counts} == expected, pattern
        assert all(texts[unit] == corpus.by_unit([unit])[unit].text for unit in list(expected)[:50])
        some = set(list(expected)[::3]) | {corpus.index.units - 1}  # every third, and the last text
        kept = {unit: len(spans) for unit, spans in expected.items() if unit in some}
        assert regex_matches(corpus, pattern, False, some.__contains__).counts == kept, pattern


def test_a_pattern_whose_only_matches_are_empty_has_no_context_to_show() -> None:
    result = run("search", "--regex", "(?=pension)", "--kwic")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("reportcli: the ")
    assert result.stderr.endswith(
        " hits match only an empty string (a lookahead, an anchor): no text to show in context\n"
    )


def test_statements_read_by_ref_come_in_document_order(tmp_path: Path) -> None:
    """``cite 2024-zh/19`` names a paragraph's sentences first to last: 19.1 to 19.17, not 19.1 to 19.9
    (the order of the refs as text)."""
    from reportcli.db.dataset import Dataset

    path = write_yaml(tmp_path / "r.yaml", minimal_document(odd={2024: [[f"Sentence {n}." for n in range(1, 13)]]}))
    corpus = Dataset(path, use_cache=False).corpus()
    refs = [f"odd/2024/1.{n}" for n in range(1, 13)]
    assert list(corpus.statements_by_ref(reversed(refs))) == refs
    assert list(corpus.statements_by_ref(["odd/2024/1.10", "odd/2024/1.2", "odd/2024/9.9"])) == [
        "odd/2024/1.2",
        "odd/2024/1.10",
    ]


def test_a_pattern_whose_only_matches_are_empty_still_finds_its_statements() -> None:
    """Lookahead alone (``(?=pension)``) or an anchor matches an empty string: the statement matches, as
    in grep and Python's re, with nothing marked; it was "no statement matches", exit 1 (found by review)."""
    marked = json.loads(run("search", "--regex", "pension", "--json").stdout)
    empty = run("search", "--regex", "(?=pension)", "--json")
    assert empty.exit_code == 0
    hits = json.loads(empty.stdout)
    assert {hit["ref"] for hit in hits} == {hit["ref"] for hit in marked}
    assert all(hit["spans"] == [] for hit in hits)
    both = json.loads(run("search", "--regex", "^(?=.*pension)(?=.*rural)", "--json").stdout)
    assert both and all("pension" in h["text"].lower() and "rural" in h["text"].lower() for h in both)


def test_numbers_shifted_to_the_corpus_are_the_same_by_every_path() -> None:
    """``_plus`` (a shard's units' sections and reports, numbered in the corpus): the shortcut for a
    shard of one report (every number 0) gives what adding to each gives."""
    from array import array

    from reportcli.db.index import _plus

    for values in (array("B", [0] * 7), array("H", [0, 3, 3, 9]), array("I", []), array("B", [0])):
        for offset in (0, 1, 70_000):
            shifted = _plus(values, offset)
            assert shifted.typecode == "I" and list(shifted) == [v + offset for v in values]
