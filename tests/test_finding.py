"""Finding and reading as people do: word forms and exact words, compounds, idioms, the names people
type for themes, gh's --json FIELDS, tidy CSVs, layouts at 60, 80 and 120 columns, the export."""

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
from conftest import ROOT, minimal_document, run, write_yaml

ON_TERMINAL = {"FORCE_COLOR": "1", "NO_COLOR": "1", "REPORTCLI_PAGER": ""}


def hits(*args: str) -> list[dict[str, Any]]:
    result = run("search", *args, "--json")
    return list(json.loads(result.stdout)) if result.stdout else []


# --- word forms, exact words, compounds, idioms ---------------------------------------------------------


def test_environment_finds_environmental_and_exact_does_not() -> None:
    broad = {h["ref"] for h in hits("environment")}
    environmental = {h["ref"] for h in hits("environmental")}
    assert environmental and environmental <= broad  # one family of forms, not two
    exact = hits("-w", "environment")
    assert exact and {h["ref"] for h in exact} < broad
    for hit in exact:
        assert all(hit["text"][a:b].casefold() == "environment" for a, b in hit["spans"])


def test_diff_never_calls_a_word_new_because_of_its_form() -> None:
    rows = json.loads(run("diff", "ecology", "--terms", "--json").stdout)
    new = {row["term"].casefold() for row in rows if row["group"] == "new"}
    assert "environment" not in new and "environmental" not in new
    shared = {row["term"].casefold() for row in rows if row["group"] == "shared"}
    assert {"environment", "environmental"} & shared


@pytest.mark.parametrize(("typed", "written"), [("healthcare", "health care"), ("childcare", "child care")])
def test_a_compound_finds_its_split_form_and_the_reverse(typed: str, written: str) -> None:
    found = hits(typed)
    assert found and all(written in h["text"].casefold() or typed in h["text"].casefold() for h in found)
    assert {h["ref"] for h in hits(written)} == {h["ref"] for h in found}
    assert hits("-w", typed) == [] or all(typed in h["text"].casefold() for h in hits("-w", typed))


def test_an_idiom_ranks_below_the_word_itself() -> None:
    found = hits("jobs")
    assert found[0]["ref"] == "employment/2024/1.1"  # "the return of stable jobs"
    idioms = [h for h in found if re.search(r"do a (good|solid) job", h["text"], re.IGNORECASE)]
    assert idioms and all(found.index(h) > 0 for h in idioms)


def test_a_phrase_that_fails_says_its_words_occur_apart() -> None:
    result = run("search", '"care elderly"')
    assert result.exit_code == 1
    assert result.stderr.startswith("reportcli: no statement has the phrase 'care elderly', but 2 statements")
    suggested = re.search(r"reportcli (search .*)$", result.stderr.strip())
    assert suggested is not None and run(*suggested.group(1).split()).exit_code == 0


# --- names people type ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "theme"),
    [("jobs", "employment"), ("environment", "ecology"), ("pensions", "social-security"), ("health", "healthcare")],
)
def test_show_opens_a_theme_by_the_name_people_type(typed: str, theme: str) -> None:
    document = json.loads(run("show", typed, "--json").stdout)
    assert document["id"] == theme


def test_a_misspelt_theme_gets_the_nearest_name() -> None:
    result = run("search", "carbon", "--theme", "enviroment")
    assert result.exit_code == 2 and result.stderr == "reportcli: no section 'enviroment'; did you mean 'ecology'?\n"


def test_a_search_for_a_themes_name_points_to_the_theme() -> None:
    result = run("search", "jobs", env=ON_TERMINAL)
    assert "see also: reportcli show employment" in result.stderr
    assert run(*"show employment".split()).exit_code == 0
    assert "see also" not in run("search", "jobs").stderr  # piped: the result alone


# --- fields, tidy tables -------------------------------------------------------------------------------


def test_json_fields_as_gh_takes_them() -> None:
    objects = json.loads(run("search", "pension", "--json", "ref,text").stdout)
    assert objects and all(set(o) == {"ref", "text"} for o in objects)
    figures = json.loads(run("figures", "--json", "id,value").stdout)
    assert figures and all(list(f) == ["id", "value"] for f in figures)


def test_an_unknown_field_lists_the_valid_ones() -> None:
    result = run("search", "pension", "--json", "ref,nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("reportcli: unknown field 'nope' for search; fields: ref, theme, year,")
    # a command that takes no argument reads any word after --json as fields, as gh does
    result = run("--data", str(ROOT / "data" / "report.yaml"), "figures", "--json", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("reportcli: unknown field 'nope' for figures; fields: id,")


def test_an_unknown_field_after_a_commands_argument_lists_the_valid_ones() -> None:
    # `show ecology` has its argument: the word after --json can only be a field
    result = run("show", "ecology", "--json", "nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("reportcli: unknown field 'nope' for show; fields: ref, year, text,")
    extra = run("show", "ecology", "nope")  # without --json, an extra argument stays one
    assert extra.exit_code == 2 and "unexpected extra argument" in extra.stderr


def test_an_export_with_an_unknown_field_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "reports.db"
    result = run("export", str(target), "--json", "table,nope")
    assert (
        result.exit_code == 2 and result.stderr == "reportcli: unknown field 'nope' for export; fields: table, rows\n"
    )
    assert not target.exists()


def test_a_word_after_json_is_always_a_field_never_a_query_word() -> None:
    """`search pension --json txt` (a script's typo for `--format txt`, or a stray word) is an unknown
    field, exit 2 with the fields listed: never a search for the word "txt" that prints [] and exit 1."""
    typo = run("search", "pension", "--json", "txt")
    assert (typo.exit_code, typo.stdout) == (2, "")
    assert typo.stderr.startswith("reportcli: unknown field 'txt' for search; fields: ref, theme, year,")
    assert "to give 'txt' to search, put it before --json" in typo.stderr
    # the same with a query word after --json: gh's reading, and the line says where the word goes
    misplaced = run("search", "--json", "pension")
    assert (misplaced.exit_code, misplaced.stdout) == (2, "")
    assert "the word after --json, 'pension', names fields: put an argument before --json" in misplaced.stderr
    # a word no field could be named stays an argument
    chinese = run("search", "--json", "养老金")
    assert chinese.exit_code == 0 and json.loads(chinese.stdout)
    phrase = run("search", "--json", '"basic pension"')
    assert phrase.exit_code == 0 and json.loads(phrase.stdout)


def test_json_with_an_empty_value_lists_the_fields_and_each_works() -> None:
    listed = run("figures", "--json=")
    assert (listed.exit_code, listed.stdout) == (2, "")
    prefix = "reportcli: --json takes fields (comma-separated) for figures: "
    assert listed.stderr.startswith(prefix)
    fields = listed.stderr.removeprefix(prefix).strip().split(", ")
    assert {"id", "value", "unit", "ref", "text"} <= set(fields)
    for field in fields:  # every field listed is one the command takes
        taken = run("figures", "--json", field)
        assert taken.exit_code == 0 and all(list(record) == [field] for record in json.loads(taken.stdout)), field


def test_fields_pick_the_columns_of_csv() -> None:
    rows = list(csv.reader(io.StringIO(run("figures", "--format", "csv", "--fields", "id,qualifier,text").stdout)))
    assert rows[0] == ["id", "qualifier", "text"]
    poverty = next(r for r in rows if r[0] == "review-poverty-employment")
    assert poverty[1] == "more than" and poverty[2].startswith("More than 33 million")


def test_the_figures_csv_has_the_sentence_and_the_qualifier() -> None:
    rows = list(csv.DictReader(io.StringIO(run("figures", "--format", "csv").stdout)))
    poverty = next(r for r in rows if r["id"] == "review-poverty-employment")
    assert poverty["text"] == "More than 33 million people have been lifted out of poverty."
    assert poverty["qualifier"] == "more than"
    assert "more than\t33 million" in run("figures").stdout  # and in the plain lines


def test_the_themes_csv_is_long_form() -> None:
    rows = list(csv.DictReader(io.StringIO(run("themes", "--format", "csv").stdout)))
    assert list(rows[0]) == ["id", "title", "year", "inferred", "paragraphs", "statements", "characters", "report"]
    ecology = [(r["year"], r["statements"]) for r in rows if r["id"] == "ecology"]
    assert ecology == [("2023", "10"), ("2024", "20")]
    # --fields picks among the columns the CSV has (the long form's), not those of the JSON
    picked = run("themes", "--format", "csv", "--fields", "id,year")
    assert picked.stdout.splitlines()[:3] == ["id,year", "ecology,2023", "ecology,2024"]
    unknown = run("themes", "--format", "csv", "--fields", "years")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "reportcli: unknown field 'years' for themes; "
        "fields: id, title, year, inferred, paragraphs, statements, characters, report\n"
    )


def test_show_names_the_theme_as_the_other_commands_do() -> None:
    statement = json.loads(run("show", "ecology", "--json").stdout)["statements"][0]
    assert statement["theme"] == statement["section"] == "ecology"


# --- the command line ----------------------------------------------------------------------------------


def test_global_options_work_after_the_command(tmp_path: Path) -> None:
    data = Path(__file__).parents[1] / "data" / "report.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(data.read_bytes())
    after = run("search", "pension", "--data", str(copy), "--no-cache", "--json")
    before = run("--data", str(copy), "--no-cache", "search", "pension", "--json")
    assert after.exit_code == 0 and after.stdout == before.stdout
    after_dashes = run("search", "--", "--data")  # after --, a word to search for
    assert after_dashes.exit_code == 1
    assert after_dashes.stderr == "reportcli: no match for 'data': it does not occur in the report\n"
    for option in ("--data", "--fields"):  # a global option typed last, without its value
        missing = run("figures", option)
        assert missing.exit_code == 2 and missing.stdout == ""
        assert missing.stderr == f"reportcli: Option '{option}' requires an argument. (see 'reportcli --help')\n"


def test_standard_input_as_data_after_the_command() -> None:
    data = Path(__file__).parents[1] / "data" / "report.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "reportcli", "themes", "--json", "--data", "-"],
        input=data.read_bytes(),
        capture_output=True,
        check=False,
        env={**os.environ, "REPORTCLI_DATA": ""},
    )
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 9


def test_command_summaries_are_whole_sentences_at_80_columns() -> None:
    listing = run("--help", env={"COLUMNS": "80"}).stdout.split("Commands:")[1]
    lines = [line for line in listing.splitlines() if line.strip()]
    assert len(lines) >= 14 and all(line.rstrip().endswith(".") and "..." not in line for line in lines)


def test_full_shows_whole_statements_in_a_search_table() -> None:
    text = "The minimum monthly standard of basic pension for urban and rural residents"
    trimmed = run("search", "retirees", env={**ON_TERMINAL, "COLUMNS": "80"}).stdout
    whole = run("search", "retirees", "--full", env={**ON_TERMINAL, "COLUMNS": "80"}).stdout
    assert "…" in trimmed and " ".join(whole.split()).count(text) == 1


@pytest.mark.parametrize(("rows", "columns"), [(40, 80), (24, 60), (40, 130), (12, 100)])
def test_a_screenful_of_hits_fits_the_screen(rows: int, columns: int) -> None:
    """Without a pager, the hits shown on a terminal fit it, with the line that says how many more."""
    env = {**ON_TERMINAL, "LINES": str(rows), "COLUMNS": str(columns)}
    result = run("search", "develop", env=env)
    shown = re.findall(r"^\s*(?:[a-z-]+/\d{4}/\d+\.\d+|glossary/\d+)", result.stdout, re.M)
    total = len(json.loads(run("search", "develop", "--json").stdout))
    assert 1 <= len(shown) < total
    assert result.stdout.count("\n") + 1 <= rows - 1  # the stderr line, and the prompt, still fit
    assert result.stderr.endswith(f"showing {len(shown)} of {total} hits; --limit {total} shows all\n")
    # one hit more would not have fitted
    more = run("search", "develop", "--limit", str(len(shown) + 1), env=env)
    assert more.stdout.count("\n") > rows - 2


# --- layouts at 60, 80 and 120 columns -----------------------------------------------------------------

LAYOUTS = [["figures"], ["search", "pension"], ["diff", "ecology"], ["search", "livelihood", "--limit", "3"]]


def words_of(value: Any) -> set[str]:
    """Every word anywhere in a JSON document."""
    if isinstance(value, dict):
        return set().union(*(words_of(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(words_of(v) for v in value), set())
    return set(re.findall(r"[A-Za-z]+", str(value))) if value is not None else set()


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("command", LAYOUTS, ids=" ".join)
def test_layouts_keep_refs_whole_and_words_uncut(command: list[str], columns: int) -> None:
    screen = run(*command, env={**ON_TERMINAL, "COLUMNS": str(columns), "LINES": "200"}).stdout  # all of it
    assert max(len(line) for line in screen.splitlines()) <= columns
    document = json.loads(run(*command, "--json").stdout)
    refs = {ref for ref in re.findall(r"[a-z-]+/\d{4}/\d+\.\d+|glossary/\d+", json.dumps(document))}
    shown = set(re.findall(r"[a-z-]+/\d{4}/\d+\.\d+|glossary/\d+", screen))
    assert refs and refs <= shown | _not_listed(command, document)
    known = words_of(document) | LAYOUT_WORDS
    cut = {w for line in screen.splitlines() for w in re.findall(r"[A-Za-z]+", line) if w not in known}
    assert cut == set(), f"words cut or unknown at {columns} columns: {sorted(cut)[:10]}"


def _not_listed(command: list[str], document: Any) -> set[str]:
    """Refs a table leaves out on purpose: a diff's JSON has the statements' caveats, not all shown."""
    if command[0] != "diff":
        return set()
    notes = json.dumps([s.get("notes") for s in document["new"] + document["dropped"]])
    return set(re.findall(r"[a-z-]+/\d{4}/\d+\.\d+", notes))


LAYOUT_WORDS = set(
    """restored from the official report note see reportcli show REF repaired source s words differ a caveat
    read it before quoting matched in Statement Ref Tag Figure Unit theme year Continued below similarity
    related not same statement continued New Dropped after new dropped Terms most salient first counts shared
    only number summary leaves out quoted Ecology glossary headline figure statement gives them reworded
    every hit is wording about says whose""".split()
)


# --- the export ----------------------------------------------------------------------------------------


def test_the_export_opens_in_sqlite_utils_and_searches_as_reportcli_does(tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is a test dependency ('.[test]')")
    target = tmp_path / "report.db"
    result = run("export", str(target), "--json")
    assert result.exit_code == 0, result
    db = sqlite_utils.Database(target)
    counts = {table.name: table.count for table in db.tables}
    assert counts["statements"] == 79 and counts["reports"] == 1 and counts["figures"] == 11
    assert counts["notes"] == 27 and counts["repairs"] == 24 and counts["official"] == 76
    assert db["statements"].detect_fts() == "statements_fts"
    for word in ("pension", "carbon", "rural"):
        exported = {row["ref"] for row in db["statements"].search(word)}
        searched = {h["ref"] for h in hits(word) if "text" in h["matched_in"]}
        assert exported == searched, word
    again = run("export", str(target))
    assert again.exit_code == 2 and "exists; --replace writes it again" in again.stderr
    assert run("export", str(target), "--replace").exit_code == 0


def test_an_export_needs_a_file_it_may_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cases = {
        "-": "reportcli: export writes an SQLite file, not standard output; give a file name\n",
        str(tmp_path): f"reportcli: {tmp_path}: is a directory, not a file reportcli writes; give the name of a file "
        "to write\n",
        str(tmp_path / "missing" / "r.db"): f"reportcli: {tmp_path / 'missing' / 'r.db'}: cannot write there",
    }
    for target, stderr in cases.items():
        result = run("export", target, "--replace")
        assert result.exit_code == 2 and result.stdout == "" and result.stderr.startswith(stderr), target
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a file called "-"


# --- keyword in context ---------------------------------------------------------------------------------


def test_kwic_gives_a_line_per_match_that_rebuilds_its_statement() -> None:
    lines = json.loads(run("search", "pension", "--kwic", "--json").stdout)
    texts = {h["ref"]: h["text"] for h in hits("pension")}
    matches = sum(len(h["spans"]) for h in hits("pension"))
    assert len(lines) == matches > len(texts)  # a statement that says it three times gives three lines
    for line in lines:
        assert line["left"] + line["match"] + line["right"] == texts[line["ref"]]
        assert line["match"].casefold().startswith("pension")
        assert texts[line["ref"]][line["start"] : line["end"]] == line["match"]
    plain = run("search", "pension", "--kwic").stdout.splitlines()  # piped: ref, left, match, right
    assert [row.split("\t")[:4] for row in plain] == [[ln["ref"], ln["left"], ln["match"], ln["right"]] for ln in lines]


@pytest.mark.parametrize(("side", "nearest"), [("left", lambda ln: ln["left"].split()[-1]), ("right", None)])
def test_kwic_sorts_by_the_words_either_side_of_the_match(side: str, nearest: Any) -> None:
    lines = json.loads(run("search", "pension", "--kwic", "--sort", side, "--json").stdout)
    if side == "left":  # the word just before the match first, as a concordancer sorts
        words = [re.findall(r"\w+", ln["left"].casefold())[::-1] for ln in lines]
    else:
        words = [re.findall(r"\w+", ln["right"].casefold()) for ln in lines]
    assert words == sorted(words) and len(set(map(tuple, words))) > 2
    ranked = json.loads(run("search", "pension", "--kwic", "--json").stdout)
    assert sorted(map(json.dumps, lines)) == sorted(map(json.dumps, ranked)) and lines != ranked  # the same lines


def test_sorting_by_context_needs_kwic_and_count_takes_no_sort() -> None:
    alone = run("search", "pension", "--sort", "left")
    assert (alone.exit_code, alone.stdout) == (2, "")
    assert (
        alone.stderr == "reportcli: --sort left orders the lines of --kwic by the words left of the match: add --kwic\n"
    )
    counted = run("search", "pension", "--count", "--sort", "year")
    assert counted.exit_code == 2 and "--count counts the hits" in counted.stderr
    wrong = run("search", "pension", "--sort", "date")
    assert wrong.exit_code == 2 and wrong.stderr == "reportcli: --sort takes rank, year, left, right, not 'date'\n"


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_kwic_lines_align_the_match_and_keep_refs_and_matches_whole(columns: int) -> None:
    """A line per match, its ref and its match whole; the matches in one column when there is room for
    context either side (80, 120), else each line stacked under its ref (60: the refs here are long)."""
    screen = run("search", "pension", "--kwic", env={**ON_TERMINAL, "COLUMNS": str(columns), "LINES": "100"}).stdout
    lines = json.loads(run("search", "pension", "--kwic", "--json").stdout)
    rows = screen.splitlines()
    at = [n for n, row in enumerate(rows) if re.match(r"[a-z-]+/\d{4}/\d+\.\d+|glossary/\d+", row)]
    assert len(at) == len(lines) and max(map(len, rows)) <= columns
    stacked = rows[at[0]].rstrip() == lines[0]["ref"] or rows[at[0]].rstrip().endswith("◆")
    assert stacked == (columns == 60)
    starts = set()
    for n, line in zip(at, lines, strict=True):
        assert rows[n].startswith(line["ref"])
        context = rows[n + 1] if stacked else rows[n][len(line["ref"]) :]
        found = re.search(rf"\b{re.escape(line['match'])}\b", context)
        assert found, rows[n : n + 2]
        starts.add(found.start() + (0 if stacked else len(line["ref"])))
    assert stacked or len(starts) == 1  # side by side, every match starts in the same column


def test_a_mistyped_word_is_offered_one_form_of_each_word_near_it(tmp_path: Path) -> None:
    """pension and pensions are one word to search (word forms match): offering both wastes a place."""
    document = minimal_document(security={2024: [["Pensions rose.", "The pension plan grew."], ["A person spoke."]]})
    data = write_yaml(tmp_path / "r.yaml", document)
    result = run("--data", str(data), "search", "pensoin")
    assert (result.exit_code, result.stderr) == (
        1,
        "reportcli: no match for 'pensoin'; did you mean 'pension' or 'person'?\n",
    )
