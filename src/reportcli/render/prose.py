"""Results read as prose rather than rows: a citation to paste, and what the data is (``about``).

Laid out from the fields the query returned: the citation says what the data holds (the source, the
ref, the official words and where they stand, every caveat), in plain text or in Markdown.
"""

from __future__ import annotations

from typing import Any

from reportcli.render.escape import visible


def _where(quote: dict[str, Any]) -> str:
    parts = []
    if quote.get("part"):
        parts.append(f"part {quote['part']}")
    if quote.get("subpart"):
        parts.append(f"sub-part {quote['subpart']}")
    parts.append(f"paragraph {quote['paragraph']}, sentence {quote['sentence']}")
    return ", ".join(parts)


def _source(item: dict[str, Any]) -> str:
    source = item["source"]
    if source.get("file"):  # a full report: who gave it, at which session, when, and where its text is
        who = " ".join(
            x for x in (source.get("speaker"), f"({source['speaker_zh']})" if source.get("speaker_zh") else None) if x
        )
        said = ", ".join(x for x in (who, source.get("role")) if x)
        occasion = ", ".join(x for x in (source.get("session"), source.get("date") or "undated") if x)
        official = source.get("translation") == "official" and "official English translation" not in source["report"]
        translation = ", the official English translation" if official else ""
        where = ", ".join(x for x in (source.get("readable_url") or source.get("url"),) if x)
        text = ", ".join(x for x in (source.get("publisher"), f"{source['file']}", where) if x)
        return f"{said + ': ' if said else ''}{source['report']}{translation} ({occasion}); text: {text}"
    pieces = [f'"{source["title"]}"']
    if source.get("kind"):
        pieces.append(source["kind"])
    if source.get("report"):
        pieces.append(f"of the {source['report']}")
    if source.get("date"):
        pieces.append(f"({source['date']})")
    return " ".join(pieces)


def citation(item: dict[str, Any], markdown: bool = False) -> str:
    """One statement as a citation: the quote, its source and ref, the official words, the caveats."""
    quote = f"\u201c{item['text']}\u201d"
    ref = f"`{item['ref']}`" if markdown else item["ref"]
    lines = [f"{quote} \u2014 {_source(item)}; statement {ref} (reportcli)."]
    for caveat in item.get("report_caveats") or []:
        lines.append(f"Caveat on the whole text ({caveat['kind']}): {caveat['text']}")
    for official in item["official"]:
        report = item.get("official_report") or "the official report"
        lines.append(f"Official text: {official['text']} ({report}, {_where(official)}; {official['at']}).")
    if item.get("official_none"):
        lines.append(f"Official text: none ({item['official_none']})")
    lines += _counterparts(item.get("translation") or [])
    if item.get("translation_none"):
        lines.append(f"Other language: {item['translation_none']}")
    if item.get("original"):
        lines.append(f"The source's own words: \u201c{item['original']}\u201d (repaired here).")
    for note in item["notes"]:
        kind = f"**{note['kind']}**" if markdown else note["kind"]
        source = f" Source: {note['source']}." if note.get("source") else ""
        lines.append(f"Caveat ({kind}): {note['text']}{source}")
    if markdown:
        return "\n".join(f"> {visible(line)}" if i == 0 else f">\n> {visible(line)}" for i, line in enumerate(lines))
    return "\n".join(visible(line) for line in lines)


def _counterparts(translation: list[dict[str, Any]]) -> list[str]:
    """The other language's words, a line per aligned group: sentences paired as a group (two English
    sentences with two Chinese) are given together, never one of them as the rendering of one."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for other in translation:
        if other["text"] is not None:
            groups.setdefault(other.get("of"), []).append(other)
    lines = []
    for of, group in groups.items():
        label = "Official translation" if group[0]["source"] == "official translation" else "Official text"
        label += f" of {of}" if of else ""
        if len(group) > 1:
            label += f", {len(group)} sentences aligned as one group"
        label += " (as the published parallel file pairs them)"  # a third party's pairs, not the publisher's
        reasons = [o["check"] for o in group if o.get("check")]
        check = (
            f"; {reasons[0]}: check it"
            if reasons
            else "; a loose pair of the aligned texts: check it"
            if any(o["uncertain"] for o in group)
            else ""
        )
        words = ("" if group[0]["source"] == "official text" else " ").join(
            o["text"] for o in group
        )  # Chinese: no spaces
        lines.append(f"{label}: {words} ({', '.join(o['ref'] for o in group)}{check}).")
    return lines


def styled(item: dict[str, Any], style: str, markdown: bool = False) -> str:
    """A citation in a standard style (laid out by the query: ``styles``), then what to know of it."""
    lines = [f"\u201c{item['text']}\u201d", item["styles"][style]]
    lines += [f"Caveat on the whole text ({c['kind']}): {c['text']}" for c in item.get("report_caveats") or []]
    lines += [f"Caveat ({n['kind']}): {n['text']}" for n in item["notes"]]
    lines += _counterparts(item.get("translation") or [])
    lines += [f"Other language: {item['translation_none']}"] if item.get("translation_none") else []
    if markdown:
        return "\n".join(f"> {visible(line)}" if i == 0 else f">\n> {visible(line)}" for i, line in enumerate(lines))
    return "\n".join(visible(line) for line in lines)


def citations(items: list[dict[str, Any]], markdown: bool = False, style: str = "plain") -> str:
    if style != "plain":
        return "\n\n".join(styled(item, style, markdown) for item in items) + "\n"
    return "\n\n".join(citation(item, markdown) for item in items) + "\n"


def _heading(heading: dict[str, Any] | None) -> str:
    if not heading or not heading.get("original"):
        return ""
    return (
        f"The themes stand under \u201c{heading['text']}\u201d; the source prints "
        f"\u201c{heading['original']}\u201d: {heading['note']['text']}"
    )


def about(document: dict[str, Any], markdown: bool = False) -> str:
    """What the data is, as a short text in sections."""
    sections = _corpus(document) if "reports" in document else _report(document)
    head = "## " if markdown else ""
    blocks = []
    for title, lines in sections:
        body = "\n".join(visible(line) for line in lines if line)
        if body:
            blocks.append(f"{head}{visible(title)}\n{body}")
    return "\n\n".join(blocks) + "\n"


def _report(document: dict[str, Any]) -> list[tuple[str, list[str]]]:
    source = document["source"]
    official = document.get("official")
    counts = document["counts"]
    heading = document.get("themes_heading")
    speaker = " ".join(x for x in (document.get("role"), document.get("speaker")) if x)
    if document.get("speaker_pinyin"):  # a full report: the name as an English reader says it, then as written
        name = f"{document['speaker_pinyin']} ({document['speaker_zh']})" if document.get("speaker_zh") else ""
        speaker = ", ".join(x for x in (name or document["speaker_pinyin"], document.get("role_en")) if x)
    summary = document["kind"] == "summary"
    sources = document.get("sources") or {}
    removed = ", ".join(f"{kind} {n['characters']:,}" for kind, n in document.get("removed", {}).items())
    return [
        (
            document["title"],
            [
                document.get("session") or document.get("event") or "",
                _delivered(document),
                f"Delivered by {speaker}." if speaker else "",
                _kind(document),
                f"Approved by the NPC on {document['approved']}." if document.get("approved") else "",
                _published(document),
            ],
        ),
        ("Where these facts come from", [f"{field}: {where}" for field, where in sources.items()]),
        ("The two published copies", [document.get("copies") or ""]),
        (
            "The text",
            [
                f'"{source["title"]}": {source["kind"]}.' if source.get("title") else "",
                f"{source['file']}, line {source['record']} (sha256 {source['sha256']})" if source.get("file") else "",
                f"Published as: {source['origin']}" if source.get("origin") else "",
                f"Taken from: {source.get('readable_url') or source['url']}" if source.get("url") else "",
                f"Language: {document['language']}; "
                + ("a summary of the report." if summary else f"the full text, {document['completeness']}."),
            ],
        ),
        ("Caveats", [f"{c['kind']}: {c['text']} ({c['source']})" for c in document.get("caveats", [])]),
        ("What it covers", [document.get("coverage") or ""]),
        ("What it leaves out", [document.get("omits") or ""]),
        (
            "What reportcli adds" if summary else "What reportcli holds",
            [
                f"{counts['statements']} statements, each with a ref; {counts['repairs']} repairs of the source's "
                f"defects, its own words kept beside; {counts['notes']} notes; {counts['figures']} figures "
                f"({counts['official_figures']} stated only by the official report); "
                f"{counts['statements_with_official_words']} statements linked to the official words they render."
                if summary
                else f"{counts['statements']} sentences, each with a ref.",
                f"Cleaning removed, in characters: {removed}." if removed else "",
                _heading(heading),
            ],
        ),
        (
            "The official report",
            [f"{official['title']}: {official['source']}, {official['url']}" if official else ""],
        ),
        ("Credits", [f"{c['role']}: {c['text']}" for c in document["credits"]]),
        ("Licence", [document.get("licence") or "not stated"]),
        ("How to cite", [document["how_to_cite"]]),
    ]


def _delivered(document: dict[str, Any]) -> str:
    if not document.get("date"):
        return ""
    until = f" to {document['date_until']}" if document.get("date_until") else ""
    return f"Delivered {document['date']}{until}."


def _kind(document: dict[str, Any]) -> str:
    if not document.get("report_kind"):
        return ""
    plan = f" ({document['five_year_plan']})" if document.get("five_year_plan") else ""
    return f"Kind: {document['report_kind']}{plan}."


def _published(document: dict[str, Any]) -> str:
    if not document.get("publisher"):
        return ""
    translation = ", the official translation" if document.get("translation") == "official" else ""
    return f"Published by {document['publisher']}{translation}."


def _corpus(document: dict[str, Any]) -> list[tuple[str, list[str]]]:
    kinds = ", ".join(f"{n} {kind}" for kind, n in document["kinds"].items())
    return [
        (
            "The corpus",
            [f"{document['reports']} reports ({kinds}), {document['years']}, in {', '.join(document['languages'])}."],
        ),
        (
            "Sources",
            [
                f"{s['file']} (sha256 {s['sha256'][:16]}…): {s['reports']} reports"
                + (f"; published as {s['origin']}" if s.get("origin") else "")
                for s in document["sources"]
            ],
        ),
        ("Caveats", [f"{c['report']}: {c['kind']}: {c['text']}" for c in document["caveats"]]),
        ("Licence", [document["licence"]]),
        ("How to cite", [document["how_to_cite"]]),
    ]
