"""The English-Chinese glossary of policy terms (data/glossary.yaml; how it was built and reviewed:
docs/GLOSSARY.md): the only way an English query reaches the Chinese reports.

An English word or phrase is looked up by its word forms (``pensions`` finds the entry ``pension``,
``peaking carbon emissions`` the entry whose official rendering it is); an entry gives the Chinese
forms the reports used across the decades (计划生育, 人口与计划生育), and the longer strings inside
which one of them is another word (养老金 inside 养老金融). A term the glossary does not know is not
guessed or translated: it is searched in English only, and the answer says so. What is searched, and
from which entry, is always part of the answer: glossary terms are reportcli's, not the official
translation's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from reportcli import text as words_
from reportcli.errors import DataError
from reportcli.language import is_chinese
from reportcli.search.parse import Key, Term, term_of

GLOSSARY = "glossary"  # how a searched form is labelled when it comes from an entry
ENGLISH_COVERAGE = "the official English translation covers 2024-2026 only, and each report partly"


class Entry(NamedTuple):
    id: str
    en: str
    also: tuple[str, ...]
    zh: tuple[str, ...]
    exclude: tuple[str, ...]
    official: str | None

    @property
    def english(self) -> tuple[str, ...]:
        """Every English form a user may type for it."""
        return (self.en, *self.also, *((self.official,) if self.official else ()))


def path() -> Path:
    """The glossary embedded in the installed package (or the checkout's data/, when run from source)."""
    package = Path(__file__).resolve().parents[1]
    embedded = package / "data" / "glossary.yaml"
    return embedded if embedded.is_file() else package.parents[1] / "data" / "glossary.yaml"


def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as its word forms compare (the keys search and diff use)."""
    return tuple(words_.stem(word) for word in words_.words(phrase))


def _exact(phrase: str) -> tuple[str, ...]:
    """A phrase as typed, casefolded: what tells two entries apart whose words share their stems
    (agricultural cooperation, agricultural cooperatives)."""
    return tuple(words_.fold(word) for word in words_.words(phrase))


@cache
def entries() -> tuple[Entry, ...]:
    """Every entry, read once a run and checked (a broken glossary is one line, never a wrong answer)."""
    return _kept()[0]


@cache
def _kept() -> tuple[tuple[Entry, ...], list[Any]]:
    """The entries and the keys of their English forms (``_index``), worked out from the file or read
    from the cache (``kept``, made from the same bytes by the same build); checked either way."""
    from reportcli.db import kept
    from reportcli.reportfile.files import read_bytes

    where = path()
    raw = read_bytes(where)
    try:
        return _checked(kept.value("glossary", raw, lambda: _worked_out(raw, where)), where)
    except DataError:  # what the cache held is not what this build keeps: the file decides (and says)
        return _checked(_worked_out(raw, where), where)


def _checked(document: Any, where: Path) -> tuple[tuple[Entry, ...], list[Any]]:
    if not isinstance(document, dict):
        raise DataError(f"{where}: expected a list of entries")
    found = tuple(_entry(item, where, n) for n, item in enumerate(_listed(document.get("entries"), where)))
    keys = document.get("keys")
    if not isinstance(keys, list) or not _keys_fit(keys, found):
        raise DataError(f"{where}: the keys of its English forms do not fit its entries")
    return found, keys


def _worked_out(raw: bytes, where: Path) -> dict[str, Any]:
    from reportcli.reportfile import yamlsafe
    from reportcli.reportfile.files import decode

    document = _listed(yamlsafe.parse(decode(raw, where), where.name), where)
    found = [_entry(item, where, n) for n, item in enumerate(document)]
    keys = [[[list(_exact(form)), list(_key(form))] for form in entry.english] for entry in found]
    return {"entries": document, "keys": keys}


def _listed(document: Any, where: Path) -> list[Any]:
    if not isinstance(document, list):
        raise DataError(f"{where}: expected a list of entries")
    return document


def _keys_fit(keys: list[Any], found: tuple[Entry, ...]) -> bool:
    """Whether ``keys`` has, for each entry, a pair of word lists per English form."""
    return len(keys) == len(found) and all(
        isinstance(pairs, list)
        and len(pairs) == len(entry.english)
        and all(
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in pair)
            for pair in pairs
        )
        for pairs, entry in zip(keys, found, strict=False)
    )


def _entry(item: Any, where: Path, n: int) -> Entry:
    def texts(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataError(f"{where}: entry {n + 1}: expected a list of words")
        return tuple(value)

    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("en"), str):
        raise DataError(f"{where}: entry {n + 1}: expected a mapping with an id and an English term")
    zh = texts(item.get("zh"))
    if not zh or not all(is_chinese(form) for form in zh):
        raise DataError(f"{where}: entry {item['id']!r}: its Chinese forms must be Chinese")
    official = item.get("official")
    return Entry(
        id=item["id"],
        en=item["en"],
        also=texts(item.get("also", [])),
        zh=zh,
        exclude=texts(item.get("exclude", [])),
        official=official if isinstance(official, str) else None,
    )


@cache
def _index() -> tuple[dict[tuple[str, ...], Entry], dict[tuple[str, ...], Entry]]:
    """The entries by the exact words of their English forms, and by their word forms where the stemmer
    keeps most of each word (``faithful``: "urban" is no form of urbanization, whose stem it is)."""
    exact: dict[tuple[str, ...], Entry] = {}
    stems: dict[tuple[str, ...], Entry] = {}
    found, keys = _kept()
    for entry, pairs in zip(found, keys, strict=True):
        for as_typed, word_forms in pairs:
            exact.setdefault(tuple(as_typed), entry)
            if faithful(as_typed, word_forms):
                stems.setdefault(tuple(word_forms), entry)  # the first entry keeps a word form two could claim
    return exact, stems


def faithful(words: Sequence[str], stems: Sequence[str]) -> bool:
    """Whether the stemmer kept most of each word (pension: pension; urbanization: urban, another word)."""
    return all(len(stem) >= 0.7 * len(word) for stem, word in zip(stems, words, strict=True))


@cache
def english_words() -> list[str]:
    """Every English form of every entry, casefolded, once each (for suggestions)."""
    return list(dict.fromkeys(form.casefold() for entry in entries() for form in entry.english))


def disagreement(chinese: str, english: str, beside: Sequence[str] = ()) -> str | None:
    """Why two sentences said to render each other (an aligned pair) may not: each side holds a term of
    some entry and no entry is held by both, or the Chinese holds terms that its English lacks and an
    English sentence ``beside`` it holds (the pair is likely a sentence off); None when they share an
    entry, or there is nothing to tell by."""
    starting = _chinese_forms()
    held_zh = {
        entry.id
        for char in set(chinese)
        for form, entry in starting.get(char, ())
        if form in chinese and not any(x in chinese for x in entry.exclude)
    }
    if not held_zh:
        return None
    held_en = _english_entries(english)
    if held_zh & held_en:
        return None
    if held_en:
        return (
            f"its glossary terms differ ({', '.join(sorted(held_zh))} in the Chinese; "
            f"{', '.join(sorted(held_en))} in the English)"
        )
    nearby = sorted(held_zh & {e for text in beside for e in _english_entries(text)})
    if nearby:
        return f"its glossary terms ({', '.join(nearby)}) are in the English sentence beside its pair, not in it"
    return None


@cache
def _chinese_forms() -> dict[str, list[tuple[str, Entry]]]:
    """Every Chinese form with its entry, by its first character (a sentence is looked up by its own)."""
    found: dict[str, list[tuple[str, Entry]]] = {}
    for entry in entries():
        for form in entry.zh:
            found.setdefault(form[0], []).append((form, entry))
    return found


def _english_entries(english: str) -> set[str]:
    """The entries whose English forms an English text holds, in any word form where the stemmer keeps
    most of each word (pension, pensions), else as written (urbanization: its stem, urban, is another
    word: "urban and rural areas" is not urbanization)."""
    faithful, longest = _faithful()
    words = words_.words(english)
    keys = [(words_.stem(word), words_.fold(word)) for word in words]
    found = set()
    for start in range(len(keys)):
        for size in range(1, min(longest, len(keys) - start) + 1):
            window = keys[start : start + size]
            for key in (tuple(k[0] for k in window), tuple(k[1] for k in window)):
                entry = faithful.get(key)
                if entry is not None:
                    found.add(entry.id)
    return found


@cache
def _faithful() -> tuple[dict[tuple[str, ...], Entry], int]:
    """Each English form keyed by its word forms where the stemmer keeps most of every word, else by
    its words as written (casefolded); and the most words a form has."""
    keyed: dict[tuple[str, ...], Entry] = {}
    for entry in entries():
        for form in entry.english:
            words = words_.words(form)
            stems = tuple(words_.stem(w) for w in words)
            keyed.setdefault(stems if faithful(words, stems) else tuple(words_.fold(w) for w in words), entry)
    return keyed, max((len(key) for key in keyed), default=0)


def lookup(phrase: str) -> Entry | None:
    """The entry an English word or phrase names, as typed or in another of its word forms; None for
    Chinese, for a phrase the glossary does not know, or for one without words."""
    if is_chinese(phrase) or not words_.words(phrase):
        return None
    exact, stems = _index()
    return exact.get(_exact(phrase)) or stems.get(_key(phrase))


def searched(phrase: str, entry: Entry | None) -> dict[str, Any]:
    """What a query for ``phrase`` searched, as the answer states it: the English as typed, and the
    Chinese forms of its entry (labelled as the glossary's), or why there are none."""
    if entry is None:
        return {"term": phrase, "english": [phrase], "chinese": [], "glossary": None, "note": ENGLISH_COVERAGE}
    return {
        "term": phrase,
        "english": [phrase],
        "chinese": list(entry.zh),
        "glossary": {"id": entry.id, "en": entry.en, "official": entry.official, "source": GLOSSARY},
        "note": None,
    }


def expanded(term: Term, key: Key, chinese_too: bool = True) -> Term:
    """An English term with its glossary entry's other English forms (``peaking carbon emissions``, the
    official rendering of ``carbon peak``) and, ``chinese_too``, its Chinese forms among its
    alternatives (and the strings that exclude them), so that one search finds every wording of the
    term; any other term as it is. A term typed with symbols is taken as typed."""
    if term.symbols or term.glossary is not None:
        return term
    entry = lookup(term.text)
    if entry is None:
        return term
    forms = _forms(entry.english, key) + (_forms(entry.zh, key) if chinese_too else [])
    added = tuple(f for f in forms if f not in term.forms and not any(_holds(f, own) for own in term.forms))
    return term._replace(
        alternatives=(*term.alternatives, *added), excluded=entry.exclude, glossary=entry.id, reached=added
    )


def chinese(term: Term, key: Key) -> Term | None:
    """The Chinese forms of an English term's entry as one term (to count in the Chinese reports), or
    None when the glossary does not know it."""
    entry = lookup(term.text) if not term.symbols else None
    if entry is None:
        return None
    first, *others = _forms(entry.zh, key)
    words = tuple(words_.words(entry.zh[0]))
    return Term(
        words, first, alternatives=tuple(others), excluded=entry.exclude, glossary=entry.id, reached=(first, *others)
    )


def _forms(written: Sequence[str], key: Key) -> list[tuple[str, ...]]:
    """Each form as the index keys it (its words; symbols among them aside), each once, less a form that
    holds another ("household registration system" holds "household registration"): every match of it
    is one of the other's, and counted twice it doubled a term's occurrences."""
    found = []
    for form in written:
        term = term_of(form, key)
        if term is not None and term.keys not in found:
            found.append(term.keys)
    return [keys for keys in found if not any(_holds(keys, other) for other in found)]


def _holds(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """Whether ``shorter`` stands in ``longer``, key after key, and is shorter."""
    size = len(shorter)
    return 0 < size < len(longer) and any(
        tuple(longer[i : i + size]) == tuple(shorter) for i in range(len(longer) - size + 1)
    )


def forms_of(term: Term, text: str, key: Key) -> bool:
    """Whether ``text`` (a match of the term) is one of the forms its glossary entry gave it."""
    found = term_of(text, key)
    return found is not None and found.keys in term.reached


def entry(entry_id: str) -> Entry:
    """The entry of this id (one the glossary holds: a term carries only those)."""
    return next(e for e in entries() if e.id == entry_id)
