"""A quote the tool hands out carries its caveats, its ref and its source; every part of the data opens;
every ref the tool prints opens with ``show``; every message that sends a user somewhere works."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Result, run

from reportcli.model import Report
from reportcli.render import Format

POVERTY = "review/2023/3.1"  # "More than 33 million people have been lifted out of poverty."
POVERTY_NOTE = "33 million is the number of people lifted out of poverty who are in work"
PENSION = "social-security/2024/1.3"  # "... raised by 20 yuan", the number restored
NOTE_MARK, REPAIR_MARK = "◆", "†"


def on_terminal(*args: str, columns: int = 100) -> str:
    result = run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns), "LINES": "200"})
    assert result.exit_code == 0, result
    return result.stdout


def rows_of(stdout: str, fmt: str) -> list[dict[str, str]]:
    """The records of a flat format, as dicts by column name."""
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(stdout), delimiter="," if fmt == "csv" else "\t"))
    lines = stdout.splitlines()
    header = [cell.strip().replace("\\_", "_") for cell in lines[0].strip("|").split(" | ")]
    return [dict(zip(header, (c.strip() for c in line.strip("|").split(" | ")), strict=True)) for line in lines[2:]]


# --- caveats travel -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_33_million_statement_carries_its_note_in_json(fmt: str) -> None:
    result = run("search", "poverty", "--format", fmt)
    hits = json.loads(result.stdout) if fmt == "json" else [json.loads(line) for line in result.stdout.splitlines()]
    hit = next(h for h in hits if h["ref"] == POVERTY)
    assert any(POVERTY_NOTE in note["text"] and note["kind"] == "discrepancy" for note in hit["notes"])
    assert hit["official"][0]["at"] == "2024-zh/18.3"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "markdown"])
def test_the_33_million_statement_carries_its_note_in_every_table_format(fmt: str) -> None:
    result = run("search", "poverty", "--format", fmt)
    assert result.exit_code == 0
    row = next(r for r in rows_of(result.stdout, fmt) if r["ref"] == POVERTY)
    assert POVERTY_NOTE in row["notes"]
    assert row["marks"] == NOTE_MARK
    assert "脱贫人口务工规模超过3300万 (2024-zh/18.3)" in row["official"]


def test_the_33_million_statement_carries_a_mark_in_the_plain_piped_lines() -> None:
    lines = run("search", "poverty").stdout.splitlines()
    line = next(line for line in lines if line.startswith(POVERTY + "\t"))
    assert line.split("\t")[2:] == [NOTE_MARK, "news summary"]  # the marks, then whose words
    unmarked = next(line for line in lines if line.startswith("social-security/2024/1.12\t"))
    assert unmarked.split("\t")[2:] == ["", "news summary"]  # a mark means something: none without caveats


def test_the_33_million_statement_carries_its_mark_and_the_legend_in_the_table() -> None:
    screen = on_terminal("search", "poverty")
    row = screen[screen.index(POVERTY) :]
    assert NOTE_MARK in row[: row.index("glossary/3")]
    assert "matched in a note" in screen
    assert "◆ note (a caveat: read it before quoting)" in screen


def test_the_restored_20_yuan_is_marked_and_keeps_the_sources_words_in_search() -> None:
    hit = next(h for h in json.loads(run("search", "pension", "--json").stdout) if h["ref"] == PENSION)
    assert "raised by 20 yuan" in hit["text"]
    assert "raised by yuan" in hit["original"]
    assert [r["repaired"] for r in hit["repairs"]] == ["raised by 20 yuan"]
    plain = next(line for line in run("search", "pension").stdout.splitlines() if line.startswith(PENSION))
    assert plain.endswith(f"\t{REPAIR_MARK} {NOTE_MARK}\tnews summary")


def test_figures_carry_the_caveats_of_their_statement() -> None:
    figures = {f["id"]: f for f in json.loads(run("figures", "--json").stdout)}
    assert POVERTY_NOTE in figures["review-poverty-employment"]["notes"][0]["text"]
    pension = figures["social-security-pension-increase"]
    assert pension["statement"]["original"] is not None and pension["statement"]["repairs"]
    assert pension["statement"]["official"][0]["text"].startswith("城乡居民基础养老金月最低标准提高20元")


def test_diff_carries_the_caveats_of_new_dropped_and_continued_statements() -> None:
    result = json.loads(run("diff", "ecology", "--json").stdout)
    fishing_ban = next(s for s in result["new"] if s["ref"] == "ecology/2024/2.6")
    assert any("1 January 2021" in n["text"] for n in fishing_ban["notes"])
    assert all({"notes", "repairs", "original", "official"} <= s.keys() for s in result["new"] + result["dropped"])
    pair = result["continued"][0]
    assert pair["from_statement"]["official"] and pair["to_statement"]["official"]


def test_a_word_found_only_in_a_note_finds_the_statement_and_says_where() -> None:
    """'backstop' is in no statement: only in the note on what the official text says of coal."""
    hits = json.loads(run("search", "backstop", "--json").stdout)
    assert [(h["ref"], h["matched_in"], h["spans"]) for h in hits] == [("ecology/2024/4.5", ["notes"], [])]


def test_a_note_never_ranks_a_statement_above_one_whose_own_words_match() -> None:
    hits = json.loads(run("search", "work", "--json").stdout)
    places = [h["matched_in"] for h in hits]
    text_first = [i for i, p in enumerate(places) if "text" in p]
    notes_only = [i for i, p in enumerate(places) if "text" not in p]
    assert text_first and notes_only and max(text_first) < min(notes_only)


def test_the_official_words_are_shown_on_request_in_the_table() -> None:
    plain = on_terminal("show", "ecology", "--year", "2024")
    assert "持续推进长江十年禁渔。" not in plain
    official = on_terminal("show", "ecology", "--year", "2024", "--official")
    assert "持续推进长江十年禁渔。" in official and "2024-zh/68.6" in official


def test_statements_that_render_nothing_of_the_report_say_so() -> None:
    lead = json.loads(run("show", "lead", "--json").stdout)["statements"][0]
    assert lead["official"] == [] and "quotes no sentence of the report" in lead["official_none"]
    assert "quotes no sentence of the report" in on_terminal("show", "lead", "--official", columns=300)


# --- every part of the data is reachable --------------------------------------------------------------


@pytest.mark.parametrize(("section", "count"), [("review", 4), ("glossary", 3), ("lead", 1), ("credits", 3)])
def test_show_opens_the_sections_that_are_not_themes(section: str, count: int) -> None:
    result = run("show", section, "--json")
    assert result.exit_code == 0, result
    refs = [s["ref"] for s in json.loads(result.stdout)["statements"]]
    assert len(refs) == count and all(ref.startswith(section + "/") for ref in refs)


def test_search_march_finds_the_lead() -> None:
    hits = json.loads(run("search", "March", "--json").stdout)
    assert [h["ref"] for h in hits] == ["lead/1"]


def test_the_whole_report_in_reading_order(report: Report) -> None:
    document = json.loads(run("show", "--json").stdout)
    kinds = [s["kind"] for s in document["sections"]]
    assert kinds == ["lead", "review", *["theme"] * 9, "glossary", "credits"]
    refs = [s["ref"] for section in document["sections"] for s in section["statements"]]
    assert refs == [s.ref for part in report.parts for s in part.statements()]
    ecology = [s["year"] for s in document["sections"][2]["statements"]]
    assert ecology == sorted(ecology)  # a theme by year: the review of 2023, then the plan for 2024


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_the_whole_report_in_every_format(fmt: str, report: Report) -> None:
    result = run("show", "--format", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    total = sum(1 for part in report.parts for _ in part.statements())
    if fmt in ("csv", "tsv", "markdown"):
        assert len(rows_of(result.stdout, fmt)) == total
    elif fmt == "jsonl":
        assert len(result.stdout.splitlines()) == total
    elif fmt == "table":  # piped, a table is asked for and printed without colour
        assert "lead/1" in result.stdout and "credits/3" in result.stdout
    else:
        json.loads(result.stdout)


def test_about_says_what_the_data_is() -> None:
    about = json.loads(run("about", "--json").stdout)
    assert about["date"] == "2024-03-05" and about["kind"] == "summary"
    assert "livelihood" in about["coverage"] and "targets" in about["omits"]
    assert [c["role"] for c in about["credits"]] == ["photos", "editor", "duty editor"]
    assert "Copyright Law" in about["licence"] and "MIT" in about["licence"]
    assert about["official"]["url"].startswith("https://zh.wikisource.org/")
    assert about["themes_heading"] == {
        "text": "Livelihood areas",
        "original": "Public domain",
        "note": about["themes_heading"]["note"],
    }
    assert "reportcli cite REF" in about["how_to_cite"]


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_about_in_every_format(fmt: str) -> None:
    result = run("about", "--format", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    for fact in ("2024-03-05", "Article 5(1)", "Zhang Xu", "reportcli cite REF"):  # date, licence, credits, how
        assert fact in result.stdout, fact


def test_cite_gives_a_citation_to_paste_with_its_caveats() -> None:
    markdown = run("cite", POVERTY, "--format", "markdown").stdout
    assert markdown.startswith("> “More than 33 million people have been lifted out of poverty.”")
    assert f"`{POVERTY}`" in markdown and "2024-03-05" in markdown
    assert "Official text: 脱贫人口务工规模超过3300万" in markdown
    assert f"Caveat (**discrepancy**): The source is wrong: {POVERTY_NOTE}" in markdown
    plain = run("cite", POVERTY, "ecology/2024/2.6").stdout
    assert plain.count("(reportcli).") == 2 and "Caveat (context): The ban has run since 1 January 2021." in plain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cite", "ecology"], "reportcli: no ref 'ecology'; ecology has text for 2023, 2024"),
        (["cite", "ecology/2024/9.9"], "reportcli: no ref 'ecology/2024/9.9'; ecology/2024 runs from ecology/2024/1.1"),
        (["show", "glossary/9"], "reportcli: no ref 'glossary/9'; glossary runs from glossary/1 to glossary/3"),
        (["show", "lead/2"], "reportcli: no ref 'lead/2'; lead has one: lead/1\n"),
        (["show", "2024-zh/1.1"], "reportcli: 2024-zh/1.1 is in the official report"),
    ],
)
def test_a_ref_that_opens_nothing_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


# --- every ref printed opens --------------------------------------------------------------------------

REF_KEYS = {"ref", "from_ref", "to_ref", "at"}


def refs_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in REF_KEYS and isinstance(item, str):
                yield item
            else:
                yield from refs_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs_in(item)


def printed_refs(report: Report) -> set[str]:
    """Every ref any command prints, in JSON (which carries all that the other formats show)."""
    commands = [
        ["show"],
        ["figures"],
        ["diff"],
        ["about"],
        *(["show", part.id] for part in report.parts),
        *(["diff", theme.id] for theme in report.themes if len(theme.years) > 1),
        *(["search", word] for word in ("poverty", "pension", "carbon peak", "March", "养老金", "work", "backstop")),
        ["show", "ecology/2024/2.6"],
        ["show", "2024-zh/68"],
        ["cite", POVERTY, PENSION],
    ]
    found: set[str] = set()
    for args in commands:
        result = run(*args, "--json")
        assert result.exit_code == 0, (args, result)
        found.update(refs_in(json.loads(result.stdout)))
    return found


def test_every_ref_any_command_prints_opens_with_show(report: Report) -> None:
    refs = printed_refs(report)
    official = {ref for ref in refs if ref.startswith("2024-zh/")}
    assert len(refs - official) >= 79 and len(official) >= 70
    for ref in sorted(refs):
        result = run("show", ref, "--json")
        assert result.exit_code == 0, (ref, result)
        document = json.loads(result.stdout)
        if ref in official:  # a sentence (2024-zh/68.6) or a paragraph (2024-zh/68) of the official report
            quoted = {q["at"] for q in document["quotes"]}
            assert ref in quoted if "." in ref else all(at.startswith(ref + ".") for at in quoted) and quoted
        else:
            assert document["ref"] == ref and document["statement"]["ref"] == ref


def test_a_ref_opens_with_its_neighbours_notes_and_source() -> None:
    document = json.loads(run("show", "ecology/2024/2.6", "--json").stdout)
    assert [s["ref"] for s in document["before"] + document["after"]] == ["ecology/2024/2.5", "ecology/2024/2.7"]
    assert {n["kind"] for n in document["statement"]["notes"]} == {"checked", "context"}
    assert document["statement"]["official"][0]["at"] == "2024-zh/68.6"
    screen = on_terminal("show", "ecology/2024/2.6")
    assert "持续推进长江十年禁渔。" in screen and "The ban has run since 1 January 2021." in screen


# --- messages that send a user somewhere work ---------------------------------------------------------


def followed(message: str) -> list[list[str]]:
    """The commands a message tells the user to run ('reportcli show ecology/2024'), placeholders aside."""
    commands = [shlex.split(command) for command in re.findall(r"'reportcli ([^']*)'", message)]
    return [args for args in commands if not any(word.isupper() for word in args)]


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "review"],
        ["figures", "--theme", "glossary", "--sort", "size"],
        ["show", "ecology/2024/9.9"],
        ["show", "ecology/2031/1.1"],
        ["show", "nowhere/1"],
        ["show", "2024-zh/1.1"],
        ["cite", "review/2023/9.9"],
    ],
)
def test_a_command_a_message_suggests_works_when_followed(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    commands = followed(result.stderr)
    if args[1] == "--theme":  # Typer's own message: 'reportcli figures --help'
        assert commands == [["figures", "--help"]]
    assert commands, result.stderr
    for command in commands:
        assert run(*command).exit_code == 0, (command, result.stderr)


def test_a_ref_a_message_suggests_opens() -> None:
    result = run("show", "ecolgy/2024/2.6")
    meant = re.search(r"did you mean '([^']+)'", result.stderr)
    assert meant is not None and run("show", meant.group(1)).exit_code == 0


def test_a_filter_that_hid_every_hit_says_how_many_and_dropping_it_finds_them() -> None:
    hidden = run("search", "pension", "--theme", "ecology")
    assert (hidden.exit_code, hidden.stdout) == (1, "")
    assert hidden.stderr == (
        "reportcli: no match for 'pension' with --theme ecology, which hid 4 hits; drop it to see them\n"
    )
    assert len(run("search", "pension").stdout.splitlines()) == 4
    both = run("search", "March", "--theme", "ecology", "--year", "2023")
    assert both.stderr.endswith("with --theme ecology and --year 2023, which hid 1 hit; drop them to see it\n")


def test_the_limit_a_message_suggests_shows_every_hit() -> None:
    limited = run("search", "pension", "--limit", "1")
    suggested = re.search(r"--limit (\d+) shows all", limited.stderr)
    assert suggested is not None
    everything = run("search", "pension", "--limit", suggested.group(1))
    assert everything.stderr == "" and len(everything.stdout.splitlines()) == int(suggested.group(1))


def test_a_section_given_as_a_theme_is_sent_to_show_which_opens_it() -> None:
    result: Result = run("diff", "glossary")
    assert followed(result.stderr) == [["show", "glossary"]]
    assert run("show", "glossary").exit_code == 0
