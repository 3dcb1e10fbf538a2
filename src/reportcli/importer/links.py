"""The official English beside the Chinese: each Chinese sentence of a report linked to the sentences of
its official English translation, through the aligned pairs of a parallel CSV (``sources.pairs``).

A pair's Chinese and English are matched to the two reports' sentences by their text, compared as a
reader compares them (NFKC, no spaces, in Chinese; runs of spaces as one, in English), one or two
sentences a side, in order. A pair that matches no sentence of either report (a sentence the import
cut differently, or text only one side holds) links nothing: nothing is guessed. The pairs come from a
third party and are imperfect: a pair whose alignment cost is LOW_CONFIDENCE or more (the worst tenth,
among which the wrong pairs sit) is kept, flagged as uncertain, so that a reader checks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reportcli.importer import structure
from reportcli.importer.sources import Pair
from reportcli.language import EN, ZH
from reportcli.model import LOW_CONFIDENCE


class Link(NamedTuple):
    """Sentences of the Chinese report and of the English one that render each other."""

    chinese: tuple[tuple[int, int], ...]  # (paragraph, sentence) of the Chinese report
    english: tuple[tuple[int, int], ...]  # of the English report
    cost: float
    pair: int  # the pair's number in the parallel CSV
    check: str | None = None  # why the link is doubtful beyond its cost (``glossary.disagreement``)

    @property
    def uncertain(self) -> bool:
        return self.cost >= LOW_CONFIDENCE or self.check is not None


def _zh(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _en(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _places(paragraphs: Sequence[Sequence[str]], chinese: bool) -> dict[str, list[tuple[int, int]]]:
    """Every sentence's text (as compared) -> where it stands; a text said twice stands in two places."""
    norm = _zh if chinese else _en
    found: dict[str, list[tuple[int, int]]] = {}
    for p, sentences in enumerate(paragraphs, 1):
        for s, sentence in enumerate(sentences, 1):
            found.setdefault(norm(sentence), []).append((p, s))
    return found


def _locate(text: str, places: dict[str, list[tuple[int, int]]], chinese: bool) -> tuple[tuple[int, int], ...]:
    """Where a pair's side stands in a report: its sentences, consecutive, each found by its text (or the
    whole side as one sentence); nothing when they are not there, or not together, or not once."""
    norm = _zh if chinese else _en
    whole = places.get(norm(text), [])
    if len(whole) == 1:
        return (whole[0],)
    pieces = [norm(piece) for piece in structure.sentences(text.strip(), ZH if chinese else EN)]
    if len(pieces) < 2:
        return ()
    firsts = places.get(pieces[0], [])
    for start in firsts:
        run = [start]
        for piece in pieces[1:]:
            nexts = [at for at in places.get(piece, []) if at in _after(run[-1])]
            if len(nexts) != 1:
                break
            run.append(nexts[0])
        else:
            if len(firsts) == 1:
                return tuple(run)
    return ()


def _after(at: tuple[int, int]) -> set[tuple[int, int]]:
    """The places that can follow a sentence: the next one of its paragraph, the first of the next."""
    return {(at[0], at[1] + 1), (at[0] + 1, 1)}


def link(
    chinese: Sequence[Sequence[str]],
    english: Sequence[Sequence[str]],
    pairs: Sequence[Pair],
    check: Callable[[str, str, Sequence[str]], str | None] | None = None,
) -> list[Link]:
    """The links the pairs make between a Chinese report's sentences and an English report's (each a list
    of paragraphs of sentences), in the Chinese order; a pair found on both sides makes one. ``check``
    says of a link's Chinese and English (and the English sentences either side of it) why it may be
    wrong (the glossary's terms of the two sides differ), to flag it whatever its cost."""
    zh_places, en_places = _places(chinese, True), _places(english, False)
    order = [(p, s) for p, sentences in enumerate(english, 1) for s in range(1, len(sentences) + 1)]
    position = {at: n for n, at in enumerate(order)}
    links = []
    for pair in pairs:
        zh = _locate(pair.chinese, zh_places, True)
        en = _locate(pair.english, en_places, False)
        if zh and en:
            doubt = None
            if check is not None:
                first, last = position[en[0]], position[en[-1]]
                beside = [
                    english[p - 1][s - 1] for p, s in order[max(first - 1, 0) : first] + order[last + 1 : last + 2]
                ]
                doubt = check(
                    "".join(chinese[p - 1][s - 1] for p, s in zh),
                    " ".join(english[p - 1][s - 1] for p, s in en),
                    beside,
                )
            links.append(Link(zh, en, pair.cost, pair.id, doubt))
    return _shifted(sorted(links, key=lambda found: found.chinese))


SHIFTED = "two or more pairs of its paragraph have glossary terms that differ: its pairs may be shifted by a sentence"


def _shifted(links: list[Link]) -> list[Link]:
    """A paragraph where two or more links are in doubt is likely paired one sentence off throughout (the
    third party's aligner slipped): its other links are flagged too, saying why."""
    doubted: dict[int, int] = {}
    for found in links:
        if found.check is not None:
            doubted[found.chinese[0][0]] = doubted.get(found.chinese[0][0], 0) + 1
    return [
        found._replace(check=SHIFTED) if found.check is None and doubted.get(found.chinese[0][0], 0) >= 2 else found
        for found in links
    ]
