"""Rich renderings for a terminal. Imported only when a table is printed on a terminal.

Every piece of text from the data or the user becomes a ``Text`` object through ``cell()``:
Rich markup in it is never parsed, and control characters are shown, not sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reportcli.model import Result
from reportcli.render.columns import columns_for, marked
from reportcli.render.flat import cell, validate_sentence

if TYPE_CHECKING:
    from reportcli.render import View

BAR_WIDTH = 24
REPAIRED = "†"
NOTED = "◆"


def T(value: Any, style: str = "") -> Text:
    """Literal text: never markup, never a control sequence."""
    return Text(cell(value), style=style)


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


def _statements(result: Result, _: View) -> RenderableType:
    doc = result.document
    labels = result.fact("year_labels", {})
    parts: list[RenderableType] = [Text.assemble(T(doc["title"], "bold"), "  ", T(doc["id"], "cyan"))]
    footnotes: list[RenderableType] = []
    for year in doc["years"]:
        statements = [s for s in doc["statements"] if s["year"] == year]
        inferred = year in doc["inferred_years"]
        label = labels.get(year, "")
        heading = Text(f"\n{year}", style="bold magenta")
        heading.append(f"  {label}" + ("  (year inferred: the source prints none)" if inferred else ""), style="dim")
        parts.append(heading)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        previous = None
        for s in statements:
            if previous is not None and s["paragraph"] != previous:
                grid.add_row("", "")
            previous = s["paragraph"]
            text = T(s["text"])
            if s["repairs"]:
                text.append(f" {REPAIRED}", style="yellow")
            if s["notes"]:
                text.append(f" {NOTED}", style="red")
            grid.add_row(T(s["ref"]), text)
            footnotes.extend(_footnotes(s))
        parts.append(grid)
    if footnotes:
        parts.append(Text(f"\n{REPAIRED} repaired   {NOTED} note", style="bold"))
        parts.extend(footnotes)
    return Group(*parts)


def _footnotes(s: dict[str, Any]) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for r in s["repairs"]:
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
    for n in s["notes"]:
        line = Text.assemble(T(s["ref"], "dim"), f" {NOTED} ", T(n["kind"], "bold"), ": ", T(n["text"]))
        if n["source"]:
            line.append_text(Text.assemble("  (", T(n["source"], "dim italic"), ")"))
        lines.append(Padding(line, (0, 0, 0, 2)))
    return lines


def _figures(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True, caption_justify="left")
    table.add_column("Figure", justify="right", no_wrap=True, style="bold")
    table.add_column("Unit", no_wrap=True)
    table.add_column("Statement", ratio=1)
    table.add_column("Ref (theme/year/…)", style="cyan", no_wrap=True)
    for f in result.items:
        figure = T(f"{f['qualifier']} {f['display']}" if f["qualifier"] else f["display"])
        if f["restored"]:
            figure.append(f" {REPAIRED}", style="yellow")
        statement = T(f["text"])
        for n in f["notes"]:
            statement.append_text(Text.assemble(f" {NOTED} ", T(n["kind"], "red")))
        table.add_row(figure, T(f["unit"]), statement, T(f["ref"]))
    table.caption = f"{REPAIRED} restored from the official report   {NOTED} note (see: reportcli show THEME)"
    return table


def _validate(result: Result, _: View) -> RenderableType:
    sentence = Text(validate_sentence(result.document))
    sentence.stylize("bold green", 0, 2)
    return sentence


HIGHLIGHT = "bold black on yellow"


def snippet(text: str, spans: list[list[int]], width: int) -> Text:
    """``text`` trimmed to about ``width`` characters around its first match, matches highlighted."""
    start, end = _window(text, spans, width)
    piece = Text("…" if start > 0 else "")
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
    if end < len(text):
        cut = text.rfind(" ", first_end, end)
        end = cut if cut > first_end else end
    return start, end


def _merged(spans: list[list[int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted((a, b) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _hits(result: Result, view: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True)
    table.add_column("Ref", style="cyan", no_wrap=True)
    table.add_column("Tag", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("Statement", ratio=1)
    # About two lines of the statement column, trimmed around the first match.
    width = max(40, 2 * (view.terminal.width - 50))
    for hit in result.items:
        where = Text()  # an ordinary statement: its ref says where it is
        if hit["kind"] == "glossary" and hit["label"]:
            where = T(f"glossary: {hit['label']}", "dim")
        elif hit["figures"]:
            where = T("figure: " + ", ".join(f["display"] for f in hit["figures"]), "magenta")
        elif hit["kind"] == "headline" and hit["label"]:
            where = T(f"headline: {hit['label']}", "magenta")
        table.add_row(T(hit["ref"]), where, snippet(hit["text"], hit["spans"], width))
    return table


def _counts(result: Result, _: View) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("Theme", style="cyan")
    table.add_column("Year")
    table.add_column("Hits", justify="right")
    for row in result.items:
        table.add_row(T(row["theme"]), T(row["year"]), T(row["hits"]))
    table.add_row(Text("total", style="bold"), "", Text(str(result.fact("sum")), style="bold"))
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
    parts: list[RenderableType] = [
        Text.assemble(
            T(d["title"], "bold"),
            f"  {start} → {end}   ",
            (f"{len(d['continued'])} continued · {len(d['new'])} new · {len(d['dropped'])} dropped", "dim"),
        )
    ]
    if d["continued"]:
        table = _side_by_side("Continued", start, end)
        for pair in d["continued"]:
            left = Text.assemble(T(pair["from_ref"], "cyan"), "\n", _redline(pair["changes"], "from", colour))
            right = Text.assemble(
                T(pair["to_ref"], "cyan"),
                T(f"  similarity {pair['similarity']:.2f}", "dim"),
                "\n",
                _redline(pair["changes"], "to", colour),
            )
            table.add_row(left, right)
        parts.append(table)
    if d["new"] or d["dropped"]:
        table = _side_by_side("New and dropped", f"dropped after {start}", f"new in {end}")
        for i in range(max(len(d["new"]), len(d["dropped"]))):
            cells = []
            for side in (d["dropped"], d["new"]):
                cells.append(
                    Text.assemble(T(side[i]["ref"], "cyan"), "\n", T(side[i]["text"])) if i < len(side) else Text()
                )
            table.add_row(*cells)
        parts.append(table)
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
    "diff": _diff,
    "diff-terms": _diff_terms,
    "diff-summary": _diff_summary,
    "hits": _hits,
    "counts": _counts,
    "themes": _themes,
    "statements": _statements,
    "figures": _figures,
    "validate": _validate,
}
