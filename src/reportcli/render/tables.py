"""Rich renderings for a terminal. Imported only when a table is printed on a terminal.

Every piece of text from the data or the user becomes a ``Text`` object through ``cell()``:
Rich markup in it is never parsed, and control characters are shown, not sent.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from rich._wrap import words as _rich_words
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reportcli.model import Result
from reportcli.render.columns import (
    FROM_CAVEATED,
    LEGEND,
    NOTED,
    REPAIRED,
    REPORT_LEGEND,
    columns_for,
    marked,
    marks,
)
from reportcli.render.escape import cell
from reportcli.render.flat import validate_sentence
from reportcli.render.layout import Column, Records, flow, lay_out, table, widths

if TYPE_CHECKING:
    from reportcli.render.view import View

BAR_WIDTH = 24


# Rich wraps a line at its spaces and folds a longer word at any cell: a Chinese sentence, one "word",
# could be cut inside a number (城镇调查失业率5 / .5%左右). A word holding wide characters is offered to
# Rich's line divider as pieces instead: a run of digits and Latin letters with the marks inside numbers
# (5.5%, 1,244, C919) whole, a closing mark with what it closes (，。、) so that no line begins with it,
# and every other character alone. Words of narrow characters (English) are divided as Rich divides them.
_RUN = re.compile(
    r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
    r"(?:[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a.,%\uff0e\uff05\u2030]*"
    r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a%\uff05\u2030])?"
    r"[，。、；：？！”’）》」』】.,;:?!)\]]*"
    r"|.[，。、；：？！”’）》」』】.,;:?!)\]]*",
    re.DOTALL,
)


def _words(text: str) -> Iterator[tuple[int, int, str]]:
    """Rich's words of a line (a word with the spaces after it), a word with wide characters in pieces."""
    for start, end, word in _rich_words(text):
        stripped = word.rstrip()
        if cell_len(stripped) == len(stripped):
            yield start, end, word
            continue
        pieces = [m.span() for m in _RUN.finditer(stripped)]
        for n, (a, b) in enumerate(pieces):
            last = n == len(pieces) - 1
            yield start + a, (end if last else start + b), word[a:] if last else word[a:b]


def _keep_numbers_whole() -> None:
    """Give Rich's line divider the pieces above (once; only when its divider still reads ``words``)."""
    import rich._wrap

    if getattr(rich._wrap, "words", None) is _rich_words:
        rich._wrap.words = _words


_keep_numbers_whole()  # every table is drawn by this module: when it is imported, tables are coming


def T(value: Any, style: str = "") -> Text:
    """Literal text: never markup, never a control sequence."""
    return Text(cell(value), style=style, overflow="fold")  # a word wider than the column (CJK has no spaces) folds


def print_table(result: Result, view: View, stream: IO[str]) -> None:
    console = Console(
        file=stream,
        force_terminal=True,  # the view says this is a terminal (or FORCE_COLOR asked for one)
        color_system="auto" if view.colour else None,
        width=view.terminal.width,
        markup=False,
        emoji=False,
        highlight=False,
    )
    render = RENDERERS.get(result.kind, _generic)
    console.print(render(result, view))


def items_that_fit(result: Result, view: View, lines: int) -> int:
    """The most leading items whose table, as drawn at the terminal's width, takes at most ``lines``
    lines (at least one item). Each item takes a line at least, so at most ``lines`` items are tried,
    by bisection: a handful of renderings of a screenful each."""

    def height(count: int) -> int:
        buffer = io.StringIO()
        print_table(result._replace(items=result.items[:count]), view, buffer)
        return buffer.getvalue().count("\n")

    low, high = 1, min(len(result.items), max(1, lines))
    if height(high) <= lines:
        return high
    while low < high:  # height(low) fits, or low is 1; height(high) does not fit
        middle = (low + high + 1) // 2
        if height(middle) <= lines:
            low = middle
        else:
            high = middle - 1
    return low


PROSE_HEADERS = {"text", "title", "statement", "reason", "caveats", "notes"}


def _generic(result: Result, view: View) -> RenderableType:
    columns = columns_for(result.kind)
    shown = [Column(header, whole=header not in PROSE_HEADERS, floor=20) for header, _get in columns]
    rows = [[T(get(item)) for _, get in columns] for item in result.items]
    return lay_out(Records(shown, rows), view.terminal.width)


def _themes(result: Result, view: View) -> RenderableType:
    widest = max((y["characters"] for item in result.items for y in item["per_year"]), default=1) or 1
    bar_width = max(4, min(BAR_WIDTH, view.terminal.width - 70))
    rows = []
    inferred_any = False
    for item in result.items:
        years = Text()
        counts = Text()
        bars = Text()
        for i, y in enumerate(item["per_year"]):
            sep = "\n" if i else ""
            mark = "*" if y["inferred"] else ""
            inferred_any |= y["inferred"]
            years.append(f"{sep}{y['year']}{mark}")
            counts.append(f"{sep}{y['statements']}")
            filled = max(1, round(bar_width * y["characters"] / widest)) if y["characters"] else 0
            bars.append(sep)
            bars.append("█" * filled, style="green" if y["year"] % 2 else "blue")
            bars.append(f" {y['characters']:,} ch", style="dim")
        rows.append([T(item["id"]), T(item["title"]), years, counts, bars])
    columns = [
        Column("Theme", style="cyan"),
        Column("Title", whole=False, floor=16),
        Column("Year", justify="right"),
        Column("Stmts", justify="right"),
        Column("Text"),
    ]
    caption = None
    if inferred_any:
        caption = Text(f"* year inferred: the source prints no year for this section ({result.fact('inferred_means')})")
    return lay_out(Records(columns, rows, head=(0, 1), caption=caption), view.terminal.width)


def _statements(result: Result, view: View) -> RenderableType:
    doc = result.document
    parts: list[RenderableType] = [Text.assemble(T(doc["title"], "bold"), "  ", T(doc["id"], "cyan"))]
    footnotes: list[RenderableType] = []
    parts += _statement_blocks(doc["statements"], result, view, footnotes, set(doc.get("inferred_years", [])))
    parts += _legend(footnotes)
    return Group(*parts)


def _statement_blocks(
    statements: list[dict[str, Any]],
    result: Result,
    view: View,
    footnotes: list[RenderableType],
    inferred: set[int],
) -> list[RenderableType]:
    """Statements under a heading for each year (none for the glossary, the lead, the credits), refs on
    the left, marks after the text, a blank line between paragraphs; their footnotes collected."""
    labels = result.fact("year_labels", {})
    by_year = result.fact("years", True)  # a full report's statements all have its year: no headings
    parts: list[RenderableType] = []
    year: Any = object()
    grid: Table | None = None
    previous = None
    for s in statements:
        if grid is None or (by_year and s["year"] != year):
            year = s["year"]
            if year is not None and by_year:
                heading = Text(f"\n{year}", style="bold magenta")
                label = labels.get(year, "")
                heading.append(
                    f"  {label}" + ("  (year inferred: the source prints none)" if year in inferred else ""),
                    style="dim",
                )
                parts.append(heading)
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column(ratio=1)
            parts.append(grid)
            previous = None
        if previous is not None and s["paragraph"] != previous:
            grid.add_row("", "")
        previous = s["paragraph"]
        grid.add_row(T(s["ref"]), _marked(s))
        if view.official:
            for quote in s.get("official") or []:
                words = Text.assemble(T(quote["text"], "dim"), ("  " + quote["at"], "dim cyan"), overflow="fold")
                grid.add_row("", words)
            if s.get("official_none"):
                grid.add_row("", T(f"official words: none ({s['official_none']})", "dim italic"))
        footnotes.extend(_footnotes(s))
    return parts


def _marked(s: dict[str, Any], text: Text | None = None) -> Text:
    """A statement's text (or the given rendering of it) followed by its marks."""
    shown = text if text is not None else T(s["text"])
    if s.get("repairs") or s.get("notes") or s.get("report_caveats"):
        shown.append(" ")  # the marks together, so that a line never breaks between them
    if s.get("repairs"):
        shown.append(REPAIRED, style="yellow")
    if s.get("notes"):
        shown.append(NOTED, style="red")
    if s.get("report_caveats"):
        shown.append(FROM_CAVEATED, style="magenta")
    return shown


def _legend(footnotes: list[RenderableType]) -> list[RenderableType]:
    if not footnotes:
        return []
    return [Text(f"\n{LEGEND}", style="bold"), *footnotes]


def _footnotes(s: dict[str, Any]) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for r in s.get("repairs") or []:
        line = Text.assemble(
            T(s["ref"], "dim"),
            f" {REPAIRED} ",
            T(repr(r["original"]), "red"),
            " → ",
            T(repr(r["repaired"]), "green"),
            "  ",
            T(r["reason"], "dim"),
        )
        lines.append(Padding(line, (0, 0, 0, 2)))
    for n in s.get("notes") or []:
        line = Text.assemble(T(s["ref"], "dim"), f" {NOTED} ", T(n["kind"], "bold"), ": ", T(n["text"]))
        if n["source"]:
            line.append_text(Text.assemble("  (", T(n["source"], "dim italic"), ")"))
        lines.append(Padding(line, (0, 0, 0, 2)))
    return lines


def _report(result: Result, view: View) -> RenderableType:
    """The whole report in reading order: each section under its title."""
    doc = result.document
    parts: list[RenderableType] = [Text.assemble(T(doc["title"], "bold"), "  ", T(doc.get("date") or "", "dim"))]
    footnotes: list[RenderableType] = []
    for section in doc["sections"]:
        parts.append(Text.assemble("\n", T(section["title"], "bold underline"), "  ", T(section["id"], "cyan")))
        inferred = {s["year"] for s in section["statements"] if s.get("year_inferred")}
        parts += _statement_blocks(section["statements"], result, view, footnotes, inferred)
    parts += _legend(footnotes)
    return Group(*parts)


def _official_lines(s: dict[str, Any]) -> list[RenderableType]:
    """The official words a statement renders, with where they stand, or why there are none."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for quote in s.get("official") or []:
        where = ", ".join(
            f"{name} {quote[key]}" for name, key in (("part", "part"), ("sub-part", "subpart")) if quote.get(key)
        )
        place = f"{where}, paragraph {quote['paragraph']}, sentence {quote['sentence']}".lstrip(", ")
        words = Text.assemble(T(quote["text"]), "\n", (quote["at"], "cyan"), ("  " + place, "dim"), overflow="fold")
        grid.add_row("official", words)
    if s.get("official_none"):
        grid.add_row("official", T(f"none: {s['official_none']}", "dim"))
    translation = s.get("translation") or []
    for other in translation:
        label = "English" if other["source"] == "official translation" else "Chinese"
        together = sum(o.get("of") == other.get("of") for o in translation)
        words = Text.assemble(
            T(other["text"] or "(its report is not loaded)"),
            "\n",
            (other["ref"], "cyan"),
            (f"  {other['source']}" + (f" of {other['of']}" if other.get("of") else ""), "dim"),
            (f", one of {together} sentences aligned as one group", "dim") if together > 1 else "",
            (f"  {_doubt(other)}", "yellow") if other["uncertain"] else "",
            overflow="fold",
        )
        grid.add_row(label, words)
    return [Padding(grid, (0, 0, 0, 2))] if grid.row_count else []


UNCERTAIN = "uncertain link: the aligned pair stretched far; check it"


def _doubt(other: dict[str, Any]) -> str:
    """Why a link to the other language is uncertain, as the import found it."""
    return f"uncertain link: {other['check']}; check it" if other.get("check") else UNCERTAIN


def _translation(hit: dict[str, Any]) -> Text:
    """Under a hit (--official): the sentences of the other language that render it, with their refs."""
    shown = Text()
    translation = hit.get("translation") or []
    for other in translation:
        together = sum(o.get("of") == other.get("of") for o in translation)
        shown.append_text(
            Text.assemble(
                "\n",
                T(other["text"] or "(its report is not loaded)", "dim"),
                ("  " + other["ref"], "dim cyan"),
                (f"  {other['source']}" + (f" of {other['of']}" if other.get("of") else ""), "dim"),
                (f", one of {together} aligned as a group", "dim") if together > 1 else "",
                ("  uncertain link", "yellow") if other["uncertain"] else "",
            )
        )
    return shown


def _statement(result: Result, view: View) -> RenderableType:
    """One statement with its neighbours; its footnotes and official words beneath."""
    doc = result.document
    section = doc["section"]
    parts: list[RenderableType] = [Text.assemble(T(section["title"], "bold"), "  ", T(section["id"], "cyan"))]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in result.items:
        cited = item["role"] == "cited"
        ref = T(item["ref"], "bold cyan" if cited else "dim")
        grid.add_row(
            ref, _marked(item, T(item["text"], "bold" if cited else "dim")) if cited else T(item["text"], "dim")
        )
    parts += [grid, Text("")]
    parts += _official_lines(doc["statement"])
    parts += _legend(_footnotes(doc["statement"]))
    return Group(*parts)


def _quoted(result: Result, view: View) -> RenderableType:
    """A sentence of the official report, as the statements that render it quote it."""
    doc = result.document
    official = doc["official"]
    head = Text.assemble(T(doc["ref"], "bold cyan"), "  ", T(official["title"], "dim"))
    parts: list[RenderableType] = [head]
    parts += [Padding(T(q["text"]), (0, 0, 0, 2)) for q in doc["quotes"]]
    parts.append(Text("\nrendered by", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="cyan", no_wrap=True)
    grid.add_column(ratio=1)
    footnotes: list[RenderableType] = []
    for item in result.items:
        grid.add_row(T(item["ref"]), _marked(item))
        footnotes += _footnotes(item)
    parts.append(grid)
    parts += _legend(footnotes)
    return Group(*parts)


def _card(head: Text, body: RenderableType) -> RenderableType:
    """One record stacked by hand (a diff's new or dropped statement): its head line (refs never cut:
    they fold only on a terminal narrower than they are), its text indented beneath."""
    head.no_wrap = False
    head.overflow = "fold"
    return Group(head, Padding(body, (0, 0, 1, 4)))


def _figures(result: Result, view: View) -> RenderableType:
    official_any = False
    rows = []
    for f in result.items:
        if f.get("stated_unit"):  # the report's own words, which state the qualifier (左右): glossed after
            english = f.get("english") if f.get("english") and f["english"] not in f["display"] else None
            gloss = "; ".join(x for x in (f["qualifier"], english) if x)
            shown = f"{f['display']} ({gloss})" if gloss else f["display"]
        elif f["qualifier"]:
            shown = f"{f['qualifier']} {f['display']}"
        else:
            shown = f["display"]
        figure = T(shown, "bold")
        if f["restored"]:
            figure.append(f" {REPAIRED}", style="yellow")
        if f.get("report_caveats"):
            figure.append(f" {FROM_CAVEATED}", style="magenta")
        if f["source"] == "official":
            official_any = True
            statement = Text.assemble(("official report only: ", "magenta"), T(f["official"]["text"]))
        else:
            statement = T(f["text"])
        for n in [*f["notes"], *f["statement"]["notes"]]:
            statement.append_text(Text.assemble(f" {NOTED} ", T(n["kind"], "red")))
        rows.append([figure, T(f["unit"]), statement, T(f["ref"])])
    caption = f"{REPAIRED} restored from the official report   {NOTED} note (see: reportcli show REF)"
    if official_any:
        caption += "\nofficial report only: a number the summary leaves out, quoted from the official report"
    if any(f.get("report_caveats") for f in result.items):
        caption += f"\n{REPORT_LEGEND}"
    columns = [
        Column("Figure", justify="right"),
        Column("Unit", style="dim"),
        Column("Statement", whole=False, floor=40, ratio=1, label=False),
        Column("Ref (theme/year/…)", style="cyan"),
    ]
    records = Records(columns, rows, head=(0, 1, 3), caption=Text(caption, style="dim"), expand=True)
    return lay_out(records, view.terminal.width)


def _citation(result: Result, _: View) -> RenderableType:
    from reportcli.render import prose

    return Text(prose.citations(result.items, style=result.fact("style", "plain")).rstrip("\n"))


def _about(result: Result, _: View) -> RenderableType:
    from reportcli.render import prose

    text = Text()
    for block in prose.about(result.document).rstrip("\n").split("\n\n"):
        title, _newline, body = block.partition("\n")
        text.append(title + "\n", style="bold")
        text.append(body + "\n\n")
    text.rstrip()
    return text


def _validate(result: Result, _: View) -> RenderableType:
    sentence = Text(validate_sentence(result.document))
    sentence.stylize("bold green", 0, 2)
    return sentence


HIGHLIGHT = "bold black on yellow"


def highlighted(text: str, spans: list[list[int]]) -> Text:
    """The whole text with its matches highlighted (search --full)."""
    return snippet(text, spans, max(len(text), 1))


def snippet(text: str, spans: list[list[int]], width: int) -> Text:
    """``text`` trimmed to about ``width`` characters around its first match, matches highlighted."""
    start, end = _window(text, spans, width)
    piece = Text("…" if start > 0 else "", overflow="fold")
    cursor = start
    for span_start, span_end in _merged(spans):
        a, b = max(span_start, cursor), min(span_end, end)
        if a >= b:
            continue
        piece.append(cell(text[cursor:a]))
        piece.append(cell(text[a:b]), style=HIGHLIGHT)
        cursor = b
    piece.append(cell(text[cursor:end]))
    if end < len(text):
        piece.append("…")
    return piece


def _window(text: str, spans: list[list[int]], width: int) -> tuple[int, int]:
    """Where to cut: about a quarter of the width before the first match, at word boundaries."""
    if len(text) <= width:
        return 0, len(text)
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, min(first_start - width // 4, len(text) - width))
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), max(start + width, first_end))
    if end < len(text) and not text[end].isspace():  # never in the middle of a word
        cut = text.rfind(" ", first_end, end)
        if cut > first_end:
            end = cut
        else:
            following = text.find(" ", end)
            end = following if following != -1 else len(text)
    return start, end


def _merged(spans: list[list[int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted((a, b) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


TAG_WIDTH = 24  # the most a hit's label (glossary term, headline, figures) takes in a table: it wraps there
SOURCE_STYLES = {"news summary": "yellow", "official translation": "green", "official text": "dim"}
PART_TAG_WIDTH = 16  # a label's width in a table drawn in parts (a long search on a terminal)


def _tag_lines(hit: dict[str, Any], several: bool) -> list[tuple[str, str]]:
    """What a hit's tag says, a line each: whose words it is (when the data holds more than one source),
    the glossary's Chinese that reached it, its glossary label, figures or headline. An ordinary
    statement of one source has none: its ref says where it is."""
    lines = []
    if several and hit.get("source"):
        lines.append((hit["source"], SOURCE_STYLES.get(hit["source"], "")))
    if via := hit.get("via"):
        lines.append(("glossary: " + "、".join(form for v in via for form in v["matched"]), "yellow"))
    if hit["kind"] == "glossary" and hit["label"]:
        lines.append((f"glossary: {hit['label']}", "dim"))
    elif hit["figures"]:
        lines.append(("figure: " + ", ".join(f["display"] for f in hit["figures"]), "magenta"))
    elif hit["kind"] == "headline" and hit["label"]:
        lines.append((f"headline: {hit['label']}", "magenta"))
    return lines


def _hits(result: Result, view: View) -> RenderableType:
    rows: list[list[Text]] = []
    texts: list[tuple[str, list[list[int]]]] = []
    several = (result.fact("sources") or 1) > 1  # whose words each hit is, when the data holds more than one
    for hit in result.items:
        lines = _tag_lines(hit, several)
        tag = Text("\n").join(T(line, style) for line, style in lines)
        rows.append([T(hit["ref"], "cyan"), tag, T(hit["text"])])
        texts.append((hit["text"], hit["spans"]))
    tags = result.fact("tags")  # drawn in parts: whether any part may have a tag
    columns = [
        Column("Ref", least=result.fact("ref_width") or 0),
        # drawn in parts, the tag column is as wide in each (its labels wrap there), narrower than at most
        Column("Tag", whole=False, cap=PART_TAG_WIDTH if tags else TAG_WIDTH, least=PART_TAG_WIDTH if tags else 0),
        Column("Statement", whole=False, floor=40, ratio=1, label=False),
    ]
    if not tags and not any(row[1].plain for row in rows):  # no hit has a label: no empty column for it
        columns.pop(1)
        rows = [[ref, statement] for ref, _tag, statement in rows]
    records = Records(columns, rows, head=(0, 1) if len(columns) == 3 else (0,), expand=True)
    given = widths(records, view.terminal.width)  # the statement column's width, to trim each text to
    room = given[-1] if given is not None else view.terminal.width - 4
    width = max(40, 2 * room)  # about two lines of it around the first match (all of it with --full)
    for row, hit, (text, spans) in zip(rows, result.items, texts, strict=True):
        shown = _marked(hit, highlighted(text, spans) if view.full else snippet(text, spans, width))
        for place in hit.get("matched_in") or []:
            if place == "notes":
                shown.append_text(
                    Text.assemble("\n", (f"{NOTED} matched in a note: ", "red"), T(_first(hit["notes"]), "dim"))
                )
            elif place == "official" and not view.official and "text" not in hit["matched_in"]:
                shown.append_text(
                    Text.assemble("\n", ("matched in the official words: ", "dim"), T(_first(hit["official"])))
                )
        if view.official:
            for quote in hit.get("official") or []:
                shown.append_text(Text.assemble("\n", T(quote["text"], "dim"), ("  " + quote["at"], "dim cyan")))
            shown.append_text(_translation(hit))
        row[-1] = shown
    # A long result may be drawn in parts (render.emit): the first without the legend ("open"), the
    # rest without the header ("continued"), the legend after all of them, the columns as wide in all
    # (as the longest ref, and the tags', when the result says some hit may have one).
    every = [] if result.fact("open") else result.fact("all", result.items)
    legends = []
    if any(h.get("repairs") or h.get("notes") for h in every):
        legends.append(f"{LEGEND}: 'reportcli show REF' gives them")
    if any(h.get("report_caveats") for h in every):
        legends.append(REPORT_LEGEND)
    if not several and every and all(h.get("source") == "news summary" for h in every):
        legends.append("every hit is a news summary's wording, not the official text: 'reportcli about' says whose")
    legend = Text("\n".join(legends), style="dim") if legends else None
    return lay_out(records._replace(caption=legend, header=not result.fact("continued")), view.terminal.width)


KWIC_LEAST = 12  # cells of context either side, below which a line is stacked: ref above, context below


def _tail(text: str, width: int) -> str:
    """The end of ``text`` that fits ``width`` cells, after an ellipsis if any of it is left out."""
    if cell_len(text) <= width:
        return text
    kept = ""
    for char in reversed(text):
        if cell_len(kept) + cell_len(char) > width - 1:
            break
        kept = char + kept
    return "…" + kept


def _head(text: str, width: int) -> str:
    """The start of ``text`` that fits ``width`` cells, before an ellipsis if any of it is left out."""
    if cell_len(text) <= width:
        return text
    kept = ""
    for char in text:
        if cell_len(kept) + cell_len(char) > width - 1:
            break
        kept += char
    return kept + "…"


def _kwic(result: Result, view: View) -> RenderableType:
    """Keyword in context: the ref, then the words before the match right-aligned, the match in a column
    of its own, the words after it; the context either side trimmed to the room the terminal has (the
    JSON has all of it), the ref and the match never. Too narrow for context either side, each line is
    stacked: its ref, then its context beneath."""
    width = view.terminal.width
    rows = []
    for item in result.items:
        ref = T(item["ref"], "cyan")
        if mark := marks(item):
            ref.append(f" {mark}", style="yellow")
        left = " ".join(cell(item["left"]).split())
        right = " ".join(cell(item["right"]).split())
        rows.append((ref, left, T(item["match"], HIGHLIGHT), right))
    ref_width = max((cell_len(ref.plain) for ref, *_ in rows), default=0)
    match_width = max((cell_len(match.plain) for *_, match, _ in rows), default=0)
    side = (width - ref_width - match_width - 4) // 2
    out: list[RenderableType] = []
    if side >= KWIC_LEAST:
        for ref, left, match, right in rows:
            shown_left = _tail(left, side)
            line = Text(overflow="fold")
            line.append_text(ref)
            line.append(" " * (ref_width - cell_len(ref.plain) + 2 + side - cell_len(shown_left)))
            line.append(shown_left)
            line.append(" ")
            line.append_text(match)
            room = width - ref_width - 2 - side - 1 - cell_len(match.plain) - 1
            line.append(" " + _head(right, max(room, 1)))
            out.append(line)
    else:
        room = max(width - 4, 8)
        for ref, left, match, right in rows:
            context = Text.assemble(_tail(left, room // 2), " ", match, " ", overflow="fold")
            context.append(_head(right, max(room - cell_len(context.plain), 1)))
            out.append(_card(ref, context))
    if any(marks(item) for item in result.items):
        out.append(Text(f"{LEGEND}: 'reportcli show REF' gives them", style="dim"))
    return Group(*out)


def _first(items: list[dict[str, Any]]) -> str:
    return items[0]["text"] if items else ""


def _counts(result: Result, view: View) -> RenderableType:
    several = len({row.get("report") for row in result.items}) > 1
    columns = [
        *([Column("Report", style="cyan")] if several else []),
        Column("Theme", style="cyan"),
        Column("Year"),
        Column("Hits", justify="right"),
    ]
    rows = [
        [*([T(row.get("report"))] if several else []), T(row["theme"] or ""), T(row["year"]), T(row["hits"])]
        for row in result.items
    ]
    total = [Text("total", style="bold"), Text(""), Text(str(result.fact("sum")), style="bold")]
    rows.append([*([Text("")] if several else []), *total])
    head = (0, 1, 2) if several else (0, 1)
    return lay_out(Records(columns, rows, head=head), view.terminal.width)


def _flags(item: dict[str, Any]) -> Text:
    """A report's kind (when it is not a full report), its completeness (when it is not complete) and the
    kinds of its caveats."""
    flags = [item["kind"]] if item["kind"] != "full" else []
    flags += [item["completeness"]] if item["completeness"] != "complete" else []
    flags += [c if isinstance(c, str) else c["kind"] for c in item["caveats"] if c not in flags]
    return T(" ".join(dict.fromkeys(flags)), "yellow")


def _delivered(item: dict[str, Any]) -> str:
    """The day a report was delivered; over two days, ISO 8601's short form (1955-07-05/06, 1981-11-30/12-01)."""
    date, until = item.get("date") or "", item.get("date_until")
    if not until:
        return date
    shared = 0
    while shared < 2 and date.split("-")[shared] == until.split("-")[shared]:
        shared += 1
    return f"{date}/{'-'.join(until.split('-')[shared:])}"


def _reports(result: Result, view: View) -> RenderableType:
    columns = [  # a summary says so among its flags: a column of "full" would push the table past 120
        Column("Report", style="cyan"),
        Column("Title", whole=False, floor=16),
        Column("Date"),
        Column("Speaker"),
        Column("Parts", justify="right"),
        Column("Sentences", justify="right"),
        Column("Chars", justify="right"),
        Column("Flags", whole=False, style="yellow"),
    ]
    rows = [
        [
            T(item["id"]),
            T(item["title"]),
            T(_delivered(item)),
            T(_speaker(item)),
            T(item["parts"] or ""),
            T(f"{item['statements']:,}" if item["statements"] is not None else ""),
            T(f"{item['characters']:,}"),
            _flags(item),
        ]
        for item in result.items
    ]
    return lay_out(Records(columns, rows, head=(0, 1)), view.terminal.width)


def _trend(result: Result, view: View) -> RenderableType:
    """A row per report and year, a column per term: its count and a bar for its rate (scaled within
    each language: rates per character and per word do not compare)."""
    summaries = result.fact("terms", [])
    terms = [t["term"] for t in summaries]
    peak: dict[tuple[str, str], float] = {}
    for row in result.items:
        key = (row["term"], row["language"])
        peak[key] = max(peak.get(key, 0.0), row["rate"])
    width = max(4, min(BAR_WIDTH, (view.terminal.width - 20) // max(len(terms), 1) - 8))
    by_place: dict[tuple[Any, Any], dict[str, dict[str, Any]]] = {}
    for row in result.items:
        by_place.setdefault((row["year"], row["report"]), {})[row["term"]] = row
    rows: list[list[Text]] = []
    for (year, report), cells in sorted(by_place.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        first = next(iter(cells.values()))
        row_cells: list[Text] = [T(year), T(report)]
        if first.get("report_caveats"):
            row_cells[1].append(f" {FROM_CAVEATED}", style="magenta")
        for i, term in enumerate(terms):
            item = cells.get(term)
            if item is None:
                row_cells.append(Text(""))
                continue
            most = peak.get((term, item["language"]), 0.0)
            filled = round(width * item["rate"] / most) if most else 0
            bar = Text("█" * filled if item["count"] else "", style=("green", "blue", "magenta", "yellow")[i % 4])
            bar.append(f" {item['occurrences']}" if item["count"] else " ·", style="dim")
            row_cells.append(bar)
        rows.append(row_cells)
    lines = [_trend_line(t) for t in summaries]
    if rows:
        lines.append(
            "each bar: the report's rate (per 10,000 characters in Chinese, words in English), scaled within "
            "each language; the number: occurrences"
        )
    if any(row.get("report_caveats") for row in result.items):
        lines.append(REPORT_LEGEND)
    columns = [Column("Year", style="cyan"), Column("Report", style="dim"), *(Column(cell(term)) for term in terms)]
    records = Records(columns, rows, head=(0, 1))
    # below the table, not its caption: a caption wraps at the table's width, a narrow one for one term
    return Group(lay_out(records, view.terminal.width), Text("\n".join(lines), overflow="fold"))


def _trend_line(summary: dict[str, Any]) -> str:
    """What a term's rows add up to, and what was counted for it (the glossary's Chinese, said as such)."""
    ways = [way for way in summary.get("counted", []) if way["glossary"]]
    counted = "; ".join(
        f"in {'Chinese' if way.get('language') == 'zh' else 'English'} as {way['searched']}" for way in ways
    )
    if ways:
        counted += f" (reportcli's glossary entry {ways[0]['glossary']}, not the official translation)"
    within = f" in {summary['within']}" if summary.get("within") else ""
    if summary["first"] is None:
        line = f"{summary['term']}: found in none of these reports"
    else:
        totals = summary.get("totals") or {}
        times = (
            f"{totals['zh']} times in the Chinese, {totals['en']} in the English"
            if totals.get("zh") and totals.get("en")
            else f"{summary['total']} times in all"
        )
        line = (
            f"{summary['term']}{within}: first {summary['first']}, last {summary['last']}, peak {summary['peak']} "
            f"({summary['peak_rate']} per {summary['per']}), {times}"
        )
    return f"{line}; counted {counted}" if counted else line


QUALIFIER_MARKS = {"around": "≈", "at least": "≥", "at most": "≤", "below": "<", "range": "", None: ""}
OUTCOME_QUALIFIERS = {"over": ">", "around": "≈", "nearly": "≈", "at most": "≤", "below": "<", None: ""}
RESULT_STYLES = {"met": "green", "missed": "red", "unclear": "yellow", "not set": "dim", "no outcome stated": "dim"}


def _figure_text(mark: str, amount: str | None, english: str | None) -> str:
    """A figure as the report states it (its own unit), and in English words where they differ."""
    stated = f"{mark}{amount or ''}"
    if english and english != amount:
        return f"{stated} ({mark}{english})" if amount else f"{mark}{english}"
    return stated


def _target_text(item: dict[str, Any]) -> Text:
    if item["status"] is None:
        return T("—", "dim")
    if item["status"] != "set":
        return T("not set", "yellow")
    return T(_figure_text(QUALIFIER_MARKS.get(item["qualifier"], ""), item["amount"], item["english"]))


def _outcome_text(outcome: dict[str, Any] | None) -> Text:
    if outcome is None:
        return T("—", "dim")
    mark = OUTCOME_QUALIFIERS.get(outcome["qualifier"], "")
    basis = " year-end" if outcome.get("basis") == "year-end" else ""
    return T(_figure_text(mark, outcome["amount"], outcome["english"]) + basis)


def _targets(result: Result, view: View) -> RenderableType:
    """A row per year and indicator: the target as stated and in English, the outcome the next report
    states, met or missed, and both refs."""
    columns = [
        Column("Year", style="cyan"),
        Column("Indicator", whole=False, floor=12),
        Column("Target"),
        Column("Outcome"),
        Column("Result"),
        Column("Target ref", style="dim"),
        Column("Outcome ref", style="dim"),
        Column("", style="yellow", label=False),
    ]
    rows = [
        [
            T(item["year"]),
            T(item["label"]),
            _target_text(item),
            _outcome_text(item["outcome"]),
            T(item["result"], RESULT_STYLES.get(item["result"], "")),
            T(item["ref"] or "—"),
            T((item["outcome"] or {}).get("ref") or "—"),
            T(marks(item)),
        ]
        for item in result.items
    ]
    caption = Text(
        "≈ around  ≥ at least  ≤ at most  < below  > over; each figure as the report states it, in English "
        "in brackets; the outcome as the next report's review states it (docs/TARGETS.md: what met means)"
        + (f"\n{REPORT_LEGEND}" if any(FROM_CAVEATED in marks(item) for item in result.items) else "")
        + "".join(f"\n{NOTED} {years}: {text}" for text, years in _noted_years(result.items).items())
        + (f"\n{unread}" + _english_loaded(result.fact("unread_english")) if (unread := result.fact("unread")) else "")
    )
    return lay_out(Records(columns, rows, head=(0, 1), caption=caption), view.terminal.width)


def _speaker(item: dict[str, Any]) -> str:
    """The speaker as the report names them, with the name in pinyin beside a Chinese one (李强 Li Qiang),
    so that a reader of either script knows who spoke."""
    speaker, pinyin = item.get("speaker") or "", item.get("speaker_pinyin")
    return f"{speaker} {pinyin}" if pinyin and speaker and pinyin != speaker else speaker


def _noted_years(items: list[dict[str, Any]]) -> dict[str, str]:
    """Each note of the rows once, with the years of the rows that carry it (first to last)."""
    years: dict[str, list[int]] = {}
    for item in items:
        for note in item["notes"]:
            if item["year"] not in years.setdefault(note["text"], []):
                years[note["text"]].append(item["year"])
    return {text: ", ".join(map(str, found)) for text, found in years.items()}


def _english_loaded(reports: list[str] | None) -> str:
    """Where the official English of a year whose Chinese is not loaded may be read, by a person."""
    if not reports:
        return ""
    return f" (its official English is: 'reportcli --corpus show {reports[0]}', not read for outcomes)"


def _fetched(result: Result, view: View) -> RenderableType:
    columns = [
        Column("File", style="cyan"),
        Column("Status"),
        Column("Bytes", justify="right"),
        Column("SHA-256", style="dim"),
    ]
    rows = [[T(item["name"]), T(item["status"]), T(f"{item['bytes']:,}"), T(item["sha256"])] for item in result.items]
    return lay_out(Records(columns, rows), view.terminal.width)


def _imported(result: Result, view: View) -> RenderableType:
    columns = [
        Column("Report", style="cyan"),
        Column("Source", style="dim"),
        Column("Title", whole=False, floor=20),
        Column("Sentences", justify="right"),
        Column("Kept", justify="right"),
        Column("Removed", justify="right"),
        Column("Flags", whole=False, style="yellow"),
    ]
    rows = [
        [
            T(item["id"]),
            T(item["source"]),
            T(item["title"]),
            T(f"{item['sentences']:,}"),
            T(f"{item['characters']:,}"),
            T(f"{item['removed']:,}"),
            _flags(item),
        ]
        for item in result.items
    ]
    return lay_out(Records(columns, rows, head=(0, 1)), view.terminal.width)


REMOVED_STYLE = "red strike"
ADDED_STYLE = "bold green"


def _redline(changes: list[dict[str, str]], side: str, colour: bool) -> Text:
    """One side of a continued pair with its changed words marked (in colour, or as [-x-] / {+x+})."""
    text = Text()
    for change in changes:
        op = change["op"]
        if op == "equal":
            piece = T(change["text"])
        elif op == "removed" and side == "from":
            piece = T(change["text"], REMOVED_STYLE) if colour else T(marked(op, change["text"]))
        elif op == "added" and side == "to":
            piece = T(change["text"], ADDED_STYLE) if colour else T(marked(op, change["text"]))
        else:
            continue
        if text:
            text.append(" ")
        text.append_text(piece)
    return text


def _diff(result: Result, view: View) -> RenderableType:
    """A diff, the news first: what was compared and how much of each kind, the terms that came and
    went, the parts paired (two reports), the new statements, the dropped ones, then the continued
    pairs with their changed words."""
    d = result.document
    width = view.terminal.width
    start, end = result.fact("labels") or (str(d["from"]), str(d["to"]))
    counts = d.get("counts") or {k: len(d[k]) for k in ("continued", "new", "dropped")}
    tally = f"{counts['continued']} continued"
    if "changed" in counts:
        tally += f" ({counts['changed']} reworded)"
    tally += f" · {counts['new']} new · {counts['dropped']} dropped"
    if counts.get("set_aside"):
        tally += f" · {counts['set_aside']} set aside"
    parts: list[RenderableType] = [
        Text.assemble(T(d["title"], "bold"), "  ", T(f"{start} → {end}"), "   ", (tally, "dim"), overflow="fold")
    ]
    if caveated := result.fact("caveated"):  # said at the head too: on stderr it comes after the whole diff
        parts.append(Text(f"{FROM_CAVEATED} {caveated}", style="magenta"))
    if only := result.fact("only"):
        parts.append(Text(f"only the {only} statements (--only {only})", style="dim"))
    if d.get("set_aside"):
        reasons = Counter(item["reason"] for item in d["set_aside"])
        said = ", ".join(f"{n} {reason}{'s' if n > 1 else ''}" for reason, n in sorted(reasons.items()))
        parts.append(Text(f"set aside, never paired: {said} (--json lists them)", style="dim"))
    top_terms = result.fact("top_terms") or {}
    if any(top_terms.values()):
        parts.append(_term_lists(top_terms, start, end, width))
    if len(d.get("parts") or []) > 1:
        parts.append(_parts_table(d["parts"], width))
    for title, items in ((f"New in {end}", d["new"]), (f"Dropped after {start}", d["dropped"])):
        if items:  # each list on its own: a new statement and a dropped one are not a pair
            parts.append(Text(f"\n{title} ({len(items)})", style="bold"))
            parts += [_card(T(item["ref"], "cyan"), T(item["text"])) for item in items]
    if d["continued"]:
        heading = "Reworded" if only == "changed" else "Continued"
        parts.append(
            Text.assemble(
                (f"\n{heading} ({len(d['continued'])})", "bold"),
                (f"  (below {result.fact('related_below')} similarity: related, not the same statement)", "dim"),
            )
        )
        parts.append(_continued(d["continued"], start, end, view))
    return Group(*parts)


def _continued(pairs: list[dict[str, Any]], start: str, end: str, view: View) -> RenderableType:
    """Continued pairs side by side (each side under its ref), or stacked: the two refs, then each side
    under the other, with its changed words marked."""
    rows: list[list[Text]] = []
    cards: list[tuple[Text, Text]] = []
    for pair in pairs:
        strength = ("related", "yellow") if pair["related"] else ("continued", "green")
        label = Text.assemble((f"{strength[0]} {pair['similarity']:.2f}", strength[1]))
        before = _redline(pair["changes"], "from", view.colour)
        after = _redline(pair["changes"], "to", view.colour)
        rows.append(
            [
                Text.assemble(T(pair["from_ref"], "cyan"), "\n", before),
                Text.assemble(T(pair["to_ref"], "cyan"), "  ", label, "\n", after),
            ]
        )
        head = Text.assemble(T(pair["from_ref"], "cyan"), " → ", T(pair["to_ref"], "cyan"), "  ", label)
        body = Text.assemble((f"{start}  ", "dim"), before, "\n", (f"{end}  ", "dim"), after)
        cards.append((head, body))
    columns = [Column(start, whole=False, floor=30, ratio=1), Column(end, whole=False, floor=30, ratio=1)]
    records = Records(columns, rows, expand=True, stacked=lambda row: _card(*cards[row]))
    return lay_out(records, view.terminal.width)


def _term_lists(top_terms: dict[str, list[dict[str, Any]]], start: str, end: str, width: int) -> RenderableType:
    """The most salient terms of each group, with their counts: three columns when every term fits
    whole, else each group's terms flowed under its heading."""
    groups = [
        (header, top_terms.get(group) or [])
        for group, header in (("new", f"new in {end}"), ("dropped", f"dropped after {start}"), ("shared", "shared"))
    ]
    groups = [(header, terms) for header, terms in groups if terms]
    title = Text(f"\nTerms (most salient first; counts {start}→{end})", style="bold")

    def entry(term: dict[str, Any]) -> Text:
        return Text.assemble(T(term["term"]), (f" {term['from_count']}→{term['to_count']}", "dim"))

    rows = [
        [entry(terms[i]) if i < len(terms) else Text() for _, terms in groups]
        for i in range(max((len(terms) for _, terms in groups), default=0))
    ]
    records = Records([Column(header, style="") for header, _ in groups], rows, title=title)
    given = widths(records, width)
    if given is not None:
        return Group(title, table(records, given))
    lines: list[RenderableType] = [title]
    for header, terms in groups:
        lines.append(Text(header, style="bold magenta"))
        lines += [Padding(line, (0, 0, 0, 2)) for line in flow([[entry(t)] for t in terms], width - 2)]
    return Group(*lines)


def _parts_table(rows: list[dict[str, Any]], width: int) -> RenderableType:
    """The parts of two reports paired, then those in no pair; stacked, each pair's two headings one
    under the other."""
    columns = [
        Column("From", style="cyan"),
        Column("Heading", whole=False, floor=12),
        Column("To", style="cyan"),
        Column("Heading", whole=False, floor=12),
        Column("Similarity", justify="right"),
    ]
    cells = []
    cards = []
    for row in rows:
        score = T(f"{row['similarity']:.2f}" if row["similarity"] is not None else row["status"])
        cells.append(
            [T(row["from"] or "—"), T(row["from_title"] or ""), T(row["to"] or "—"), T(row["to_title"] or ""), score]
        )
        head = Text.assemble(T(row["from"] or "—", "cyan"), " → ", T(row["to"] or "—", "cyan"), "  ", score)
        body = Text("\n".join(cell(t) for t in (row["from_title"], row["to_title"]) if t))
        cards.append((head, body))
    title = Text("\nParts (paired by their headings; — in no pair)", style="bold")
    return lay_out(Records(columns, cells, title=title, stacked=lambda n: _card(*cards[n])), width)


def _diff_terms(result: Result, view: View) -> RenderableType:
    grouped: dict[str, list[dict[str, Any]]] = {"new": [], "dropped": [], "shared": []}
    for row in result.items:
        grouped[row["group"]].append(row)
    columns = [
        Column("Group", style="magenta"),
        Column("Term"),
        Column(str(result.fact("from", "from")), justify="right"),
        Column(str(result.fact("to", "to")), justify="right"),
        Column("Salience", justify="right", style="dim"),
    ]
    rows = [
        [T(group), T(row["term"]), T(row["from_count"]), T(row["to_count"]), T(f"{row['salience']:.1f}")]
        for group, items in grouped.items()
        for row in items
    ]
    return lay_out(Records(columns, rows, head=(0, 1)), view.terminal.width)


def _diff_summary(result: Result, view: View) -> RenderableType:
    spans = {(row["from"], row["to"]) for row in result.items}
    same_years = len(spans) == 1
    title = None
    if same_years:
        start, end = next(iter(spans))
        title = Text(f"{start} → {end}", style="bold")
    columns = [
        Column("Theme", style="cyan"),
        *([] if same_years else [Column("Years")]),
        Column("Cont.", justify="right"),
        Column("New", justify="right"),
        Column("Drop.", justify="right"),
        Column("Terms: + new, − dropped", whole=False, floor=24, ratio=1, label=False),
    ]
    rows = []
    for row in result.items:
        terms = Text.assemble(
            ("+ ", "green"), T(", ".join(row["new_terms"])), "\n", ("− ", "red"), T(", ".join(row["dropped_terms"]))
        )
        years = [] if same_years else [T(f"{row['from']}→{row['to']}")]
        rows.append([T(row["theme"]), *years, T(row["continued"]), T(row["new"]), T(row["dropped"]), terms])
    return lay_out(Records(columns, rows, title=title, expand=True), view.terminal.width)


RENDERERS: dict[str, Callable[[Result, View], RenderableType]] = {
    "report": _report,
    "statement": _statement,
    "quoted": _quoted,
    "citation": _citation,
    "about": _about,
    "diff": _diff,
    "diff-terms": _diff_terms,
    "diff-summary": _diff_summary,
    "hits": _hits,
    "kwic": _kwic,
    "batch-hits": _hits,
    "counts": _counts,
    "reports": _reports,
    "imported": _imported,
    "fetched": _fetched,
    "trend": _trend,
    "targets": _targets,
    "themes": _themes,
    "statements": _statements,
    "figures": _figures,
    "validate": _validate,
}
