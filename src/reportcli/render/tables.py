"""Rich renderings for a terminal. Imported only when a table is printed on a terminal.

Every piece of text from the data or the user becomes a ``Text`` object through ``cell()``:
Rich markup in it is never parsed, and control characters are shown, not sent.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reportcli.model import Result
from reportcli.render.columns import LEGEND, NOTED, REPAIRED, columns_for, marked
from reportcli.render.escape import cell
from reportcli.render.flat import validate_sentence

if TYPE_CHECKING:
    from reportcli.render.view import View

BAR_WIDTH = 24


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


def _generic(result: Result, _: View) -> RenderableType:
    columns = columns_for(result.kind)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    for header, _get in columns:
        table.add_column(header)
    for item in result.items:
        table.add_row(*(T(get(item)) for _, get in columns))
    return table


def _themes(result: Result, view: View) -> RenderableType:
    widest = max((y["characters"] for item in result.items for y in item["per_year"]), default=1) or 1
    bar_width = max(4, min(BAR_WIDTH, view.terminal.width - 70))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption_justify="left")
    table.add_column("Theme", style="cyan", no_wrap=True)
    table.add_column("Title", ratio=1, min_width=16)
    table.add_column("Year", justify="right")
    table.add_column("Stmts", justify="right")
    table.add_column("Text", no_wrap=True)
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
        table.add_row(T(item["id"]), T(item["title"]), years, counts, bars)
    if inferred_any:
        table.caption = f"* year inferred: the source prints no year for this section ({result.fact('inferred_means')})"
    return table


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
    if s.get("repairs"):
        shown.append(f" {REPAIRED}", style="yellow")
    if s.get("notes"):
        shown.append(f" {NOTED}", style="red")
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
    return [Padding(grid, (0, 0, 0, 2))] if grid.row_count else []


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


WIDE = 110  # columns from which a record's text gets a column of its own; below, it goes under its ref


def _card(head: Text, body: RenderableType) -> RenderableType:
    """One record stacked: its head line (refs never cut: they have no spaces to break at), its text
    indented beneath."""
    head.no_wrap = False
    head.overflow = "fold"  # (a ref is cut only when the terminal is narrower than it: 20 columns, say)
    return Group(head, Padding(body, (0, 0, 1, 4)))


def _figures(result: Result, view: View) -> RenderableType:
    official_any = False
    rows = []
    for f in result.items:
        figure = T(f"{f['qualifier']} {f['display']}" if f["qualifier"] else f["display"], "bold")
        if f["restored"]:
            figure.append(f" {REPAIRED}", style="yellow")
        if f["source"] == "official":
            official_any = True
            statement = Text.assemble(("official report only: ", "magenta"), T(f["official"]["text"]))
        else:
            statement = T(f["text"])
        for n in [*f["notes"], *f["statement"]["notes"]]:
            statement.append_text(Text.assemble(f" {NOTED} ", T(n["kind"], "red")))
        rows.append((figure, f, statement))
    caption = f"{REPAIRED} restored from the official report   {NOTED} note (see: reportcli show REF)"
    if official_any:
        caption += "\nofficial report only: a number the summary leaves out, quoted from the official report"
    if view.terminal.width < WIDE:
        cards = [
            _card(Text.assemble(figure, "  ", T(f["unit"], "dim"), "  ", T(f["ref"], "cyan")), statement)
            for figure, f, statement in rows
        ]
        return Group(*cards, Text(caption, style="dim"))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, caption_justify="left")
    table.add_column("Figure", justify="right", no_wrap=True, max_width=28)
    table.add_column("Unit", no_wrap=True)
    table.add_column("Statement", ratio=1, min_width=40)
    table.add_column("Ref (theme/year/…)", style="cyan", no_wrap=True)
    for figure, f, statement in rows:
        table.add_row(figure, T(f["unit"]), statement, T(f["ref"]))
    table.caption = caption
    return table


def _citation(result: Result, _: View) -> RenderableType:
    from reportcli.render import prose

    return Text(prose.citations(result.items).rstrip("\n"))


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


TAG_WIDTH = 24  # the column of a hit's label (glossary term, headline, figures) in the wide table


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a space, with an ellipsis: never in the middle of a word
    (unless its first word alone is wider)."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return (text[:cut] if cut > 0 else text[: width - 1]).rstrip(" ,:;") + "…"


def _hits(result: Result, view: View) -> RenderableType:
    wide = view.terminal.width >= WIDE - 10
    # About two lines of the statement column, trimmed around the first match (all of it with --full).
    width = max(40, 2 * (view.terminal.width - (50 if wide else 8)))
    rows = []
    for hit in result.items:
        tag, style = "", ""  # an ordinary statement: its ref says where it is
        if hit["kind"] == "glossary" and hit["label"]:
            tag, style = f"glossary: {hit['label']}", "dim"
        elif hit["figures"]:
            tag, style = "figure: " + ", ".join(f["display"] for f in hit["figures"]), "magenta"
        elif hit["kind"] == "headline" and hit["label"]:
            tag, style = f"headline: {hit['label']}", "magenta"
        where = T(clipped(tag, TAG_WIDTH) if wide else tag, style)  # stacked, the head line has room
        text = highlighted(hit["text"], hit["spans"]) if view.full else snippet(hit["text"], hit["spans"], width)
        shown = _marked(hit, text)
        for place in hit.get("matched_in") or []:
            if place == "notes":
                shown.append_text(
                    Text.assemble("\n", (f"{NOTED} matched in a note: ", "red"), T(_first(hit["notes"]), "dim"))
                )
            elif place == "official" and not view.official:
                shown.append_text(
                    Text.assemble("\n", ("matched in the official words: ", "dim"), T(_first(hit["official"])))
                )
        if view.official:
            for quote in hit.get("official") or []:
                shown.append_text(Text.assemble("\n", T(quote["text"], "dim"), ("  " + quote["at"], "dim cyan")))
        rows.append((T(hit["ref"], "cyan"), where, shown))
    legend = f"{LEGEND}: 'reportcli show REF' gives them"
    # A long result may be drawn in parts (render.emit): the first without the legend ("open"), the
    # rest without the header ("continued"), the legend after all of them, the columns as wide in all
    # (as the longest ref, and the tags', when the result says some hit may have one).
    marked_any = not result.fact("open") and any(
        hit.get("repairs") or hit.get("notes") for hit in result.fact("all", result.items)
    )
    if not wide:
        cards = [_card(Text.assemble(ref, "  ", where), shown) for ref, where, shown in rows]
        return Group(*cards, *([Text(legend, style="dim")] if marked_any else []))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, show_header=not result.fact("continued"))
    table.add_column("Ref", no_wrap=True, min_width=result.fact("ref_width"))
    tag_width = TAG_WIDTH if result.fact("tags") else len("Tag")  # as wide in every part, with a header or not
    table.add_column("Tag", max_width=TAG_WIDTH, no_wrap=True, min_width=tag_width)
    table.add_column("Statement", ratio=1, min_width=40)
    for row in rows:
        table.add_row(*row)
    if marked_any:
        table.caption = legend
        table.caption_justify = "left"
    return table


def _first(items: list[dict[str, Any]]) -> str:
    return items[0]["text"] if items else ""


def _counts(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    several = len({row.get("report") for row in result.items}) > 1
    if several:
        table.add_column("Report", style="cyan", no_wrap=True)
    table.add_column("Theme", style="cyan")
    table.add_column("Year")
    table.add_column("Hits", justify="right")
    for row in result.items:
        cells = [T(row["theme"] or ""), T(row["year"]), T(row["hits"])]
        table.add_row(*([T(row.get("report"))] if several else []), *cells)
    total: list[RenderableType] = [Text("total", style="bold"), "", Text(str(result.fact("sum")), style="bold")]
    table.add_row(*([""] if several else []), *total)
    return table


def _flags(item: dict[str, Any]) -> Text:
    """A report's completeness (when it is not complete) and the kinds of its caveats."""
    flags = [item["completeness"]] if item["completeness"] != "complete" else []
    flags += [c if isinstance(c, str) else c["kind"] for c in item["caveats"] if c not in flags]
    return T(" ".join(dict.fromkeys(flags)), "yellow")


def _reports(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("Report", style="cyan", no_wrap=True)
    table.add_column("Kind")
    table.add_column("Title", ratio=1, min_width=12)
    table.add_column("Speaker", no_wrap=True)
    table.add_column("Parts", justify="right")
    table.add_column("Sentences", justify="right")
    table.add_column("Chars", justify="right")
    table.add_column("Flags")
    for item in result.items:
        table.add_row(
            T(item["id"]),
            T(item["kind"]),
            T(item["title"]),
            T(item["speaker"] or ""),
            T(item["parts"] or ""),
            T(f"{item['statements']:,}" if item["statements"] is not None else ""),
            T(f"{item['characters']:,}"),
            _flags(item),
        )
    return table


def _trend(result: Result, view: View) -> RenderableType:
    """A row per report and year, a column per term: its count and a bar for its rate."""
    summaries = result.fact("terms", [])
    terms = [t["term"] for t in summaries]
    peak = {t["term"]: t["peak_rate"] or 0 for t in summaries}
    width = max(4, min(BAR_WIDTH, (view.terminal.width - 20) // max(len(terms), 1) - 8))
    by_place: dict[tuple[Any, Any], dict[str, dict[str, Any]]] = {}
    for row in result.items:
        by_place.setdefault((row["year"], row["report"]), {})[row["term"]] = row
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption_justify="left")
    table.add_column("Year", style="cyan", no_wrap=True)
    table.add_column("Report", style="dim", no_wrap=True)
    for term in terms:
        table.add_column(T(term), no_wrap=True)
    for (year, report), cells in sorted(by_place.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        row_cells: list[RenderableType] = [T(year), T(report)]
        for i, term in enumerate(terms):
            item = cells.get(term)
            if item is None:
                row_cells.append("")
                continue
            filled = round(width * item["rate"] / peak[term]) if peak[term] else 0
            bar = Text("█" * filled if item["count"] else "", style=("green", "blue", "magenta", "yellow")[i % 4])
            bar.append(f" {item['occurrences']}" if item["count"] else " ·", style="dim")
            row_cells.append(bar)
        table.add_row(*row_cells)
    lines = []
    for t in summaries:
        if t["first"] is None:
            lines.append(f"{t['term']}: found in none of these reports")
        else:
            lines.append(
                f"{t['term']}: first {t['first']}, last {t['last']}, peak {t['peak']} "
                f"({t['peak_rate']} per 10,000), {t['total']} times in all"
            )
    table.caption = "\n".join(lines)
    return table


QUALIFIER_MARKS = {"around": "≈", "at least": "≥", "at most": "≤", "below": "<", "range": "", None: ""}
SHORT = {
    "gdp-growth": "GDP",
    "cpi": "CPI",
    "new-urban-jobs": "Jobs",
    "unemployment-registered": "Unempl. reg.",
    "unemployment-surveyed": "Unempl. surv.",
    "deficit-ratio": "Deficit %",
    "deficit": "Deficit",
    "grain-output": "Grain",
}


def _target_cell(item: dict[str, Any]) -> Text:
    if item["status"] != "set":
        return T("not set", "yellow")
    unit = item["stated_unit"] or ""
    value, high = item["value"], item["high"]
    scale = {"%": 1, "万人": 1e4, "万个": 1e4, "亿元": 1e8, "万亿元": 1e12, "万亿斤": 5e8, "亿斤": 5e4}.get(unit, 1)
    shown = f"{value / scale:g}" + (f"-{high / scale:g}" if high is not None else "") + unit
    return T(QUALIFIER_MARKS.get(item["qualifier"], "") + shown)


def _targets(result: Result, _: View) -> RenderableType:
    """A row per year, a column per indicator."""
    indicators = result.fact("indicators", [])
    by_year: dict[int, dict[str, dict[str, Any]]] = {}
    for item in result.items:
        by_year.setdefault(item["year"], {})[item["indicator"]] = item
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption_justify="left")
    table.add_column("Year", style="cyan", no_wrap=True)
    for indicator in indicators:
        table.add_column(SHORT.get(indicator, indicator), no_wrap=True)
    for year in result.fact("years", sorted(by_year)):
        cells = by_year.get(year, {})
        table.add_row(T(year), *(_target_cell(cells[i]) if i in cells else T("—", "dim") for i in indicators))
    table.caption = "≈ around  ≥ at least  ≤ at most  < below; — not found in the text (--json gives each ref)"
    return table


def _fetched(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("File", style="cyan", no_wrap=True)
    table.add_column("Status")
    table.add_column("Bytes", justify="right")
    table.add_column("SHA-256", style="dim", no_wrap=True)
    for item in result.items:
        table.add_row(T(item["name"]), T(item["status"]), T(f"{item['bytes']:,}"), T(item["sha256"][:16] + "…"))
    return table


def _imported(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption_justify="left")
    table.add_column("Report", style="cyan", no_wrap=True)
    table.add_column("Source", no_wrap=True)
    table.add_column("Title", ratio=1, min_width=12)
    table.add_column("Sentences", justify="right")
    table.add_column("Kept", justify="right")
    table.add_column("Removed", justify="right")
    table.add_column("Flags")
    for item in result.items:
        table.add_row(
            T(item["id"]),
            T(item["source"], "dim"),
            T(item["title"]),
            T(f"{item['sentences']:,}"),
            T(f"{item['characters']:,}"),
            T(f"{item['removed']:,}"),
            _flags(item),
        )
    return table


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


def _side_by_side(title: str, left: str, right: str) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        header_style="bold magenta",
        expand=True,
        show_lines=False,
    )
    table.add_column(left, ratio=1)
    table.add_column(right, ratio=1)
    return table


def _diff(result: Result, view: View) -> RenderableType:
    d = result.document
    colour = view.colour
    start, end = str(d["from"]), str(d["to"])
    wide = view.terminal.width >= 100
    parts: list[RenderableType] = [
        Text.assemble(
            T(d["title"], "bold"),
            f"  {start} → {end}   ",
            (f"{len(d['continued'])} continued · {len(d['new'])} new · {len(d['dropped'])} dropped", "dim"),
        )
    ]
    if d["continued"]:
        heading = Text.assemble(
            ("\nContinued", "bold"),
            (f"  (below {result.fact('related_below')} similarity: related, not the same statement)", "dim"),
        )
        parts.append(heading)
        table = _side_by_side("", start, end) if wide else None
        for pair in d["continued"]:
            strength = ("related", "yellow") if pair["related"] else ("continued", "green")
            label = Text.assemble((f"{strength[0]} {pair['similarity']:.2f}", strength[1]))
            before = _redline(pair["changes"], "from", colour)
            after = _redline(pair["changes"], "to", colour)
            if table is not None:
                table.add_row(
                    Text.assemble(T(pair["from_ref"], "cyan"), "\n", before),
                    Text.assemble(T(pair["to_ref"], "cyan"), "  ", label, "\n", after),
                )
            else:
                head = Text.assemble(T(pair["from_ref"], "cyan"), " → ", T(pair["to_ref"], "cyan"), "  ", label)
                body = Text.assemble((f"{start}  ", "dim"), before, "\n", (f"{end}  ", "dim"), after)
                parts.append(_card(head, body))
        if table is not None:
            parts.append(table)
    for title, items in ((f"New in {end}", d["new"]), (f"Dropped after {start}", d["dropped"])):
        if items:  # each list on its own: a new statement and a dropped one are not a pair
            parts.append(Text(f"\n{title}", style="bold"))
            parts += [_card(T(item["ref"], "cyan"), T(item["text"])) for item in items]
    parts.append(_term_lists(result.fact("top_terms"), start, end))
    return Group(*parts)


def _term_lists(top_terms: dict[str, list[dict[str, Any]]], start: str, end: str) -> Table:
    table = Table(
        title=f"Terms (most salient first; counts {start}→{end})",
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        header_style="bold magenta",
        expand=True,
    )
    for header in (f"new in {end}", f"dropped after {start}", "shared"):
        table.add_column(header, ratio=1)
    columns = [top_terms[g] for g in ("new", "dropped", "shared")]
    for i in range(max(map(len, columns), default=0)):
        table.add_row(
            *(
                Text.assemble(T(col[i]["term"]), (f" {col[i]['from_count']}→{col[i]['to_count']}", "dim"))
                if i < len(col)
                else Text()
                for col in columns
            )
        )
    return table


def _diff_terms(result: Result, _: View) -> RenderableType:
    grouped: dict[str, list[dict[str, Any]]] = {"new": [], "dropped": [], "shared": []}
    for row in result.items:
        grouped[row["group"]].append(row)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    for header, justify in (
        ("Group", "left"),
        ("Term", "left"),
        (str(result.fact("from", "from")), "right"),
        (str(result.fact("to", "to")), "right"),
        ("Salience", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for group, rows in grouped.items():
        for row in rows:
            table.add_row(
                T(group, "magenta"),
                T(row["term"]),
                T(row["from_count"]),
                T(row["to_count"]),
                T(f"{row['salience']:.1f}", "dim"),
            )
    return table


def _diff_summary(result: Result, _: View) -> RenderableType:
    spans = {(row["from"], row["to"]) for row in result.items}
    same_years = len(spans) == 1
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, title_justify="left", title_style="bold")
    if same_years:
        start, end = next(iter(spans))
        table.title = f"{start} → {end}"
    table.add_column("Theme", style="cyan", no_wrap=True)
    if not same_years:
        table.add_column("Years", no_wrap=True)
    for header in ("Cont.", "New", "Drop."):
        table.add_column(header, justify="right")
    table.add_column("Terms: + new, − dropped", ratio=1)
    for row in result.items:
        terms = Text.assemble(
            ("+ ", "green"), T(", ".join(row["new_terms"])), "\n", ("− ", "red"), T(", ".join(row["dropped_terms"]))
        )
        years = [] if same_years else [T(f"{row['from']}→{row['to']}")]
        table.add_row(T(row["theme"]), *years, T(row["continued"]), T(row["new"]), T(row["dropped"]), terms)
    return table


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
