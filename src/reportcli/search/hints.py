"""What an empty or partial search says to help: the nearest words to a word the data lacks, words that
occur apart rather than as a phrase, words that never meet in one statement (--any), filters that hid
every hit, and the theme a query names (see also)."""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Sequence

from reportcli import text as words_
from reportcli.db.corpus import Corpus
from reportcli.db.index import Index
from reportcli.language import ZH, is_ideograph
from reportcli.scope import by_alias
from reportcli.search import glossary
from reportcli.search.parse import Query, Term, quoted
from reportcli.search.rank import counted_year, search

SUGGESTED_WORDS = 5  # unknown words of one query that get suggestions


LONGEST_SUGGESTED = 40  # characters: a longer word is no typo of a word in the report


def unknown_words(index: Index, terms: Sequence[Term], also: Sequence[str] = ()) -> dict[str, list[str]]:
    """Query words the report never uses, each with the nearest words it does (for a few, short words),
    or of ``also`` (the glossary's English terms, which reach the Chinese reports: ``hukuo``, hukou)."""
    unknown: dict[str, list[str]] = {}
    for term in terms:
        for word, key in zip(term.words, term.keys, strict=True):
            if word in unknown or index.has_key(key):
                continue
            folded = words_.fold(word)
            near: list[str] = []
            if len(unknown) < SUGGESTED_WORDS and len(folded) <= LONGEST_SUGGESTED:
                # a ratio of 0.75 needs a length between 3/5 and 5/3 of the word's
                candidates = index.words_near(len(folded), (0.6, 5 / 3))
                candidates += [form for form in also if 0.6 * len(folded) <= len(form) <= 5 / 3 * len(folded)]
                close = difflib.get_close_matches(folded, list(dict.fromkeys(candidates)), n=6, cutoff=0.75)
                forms = {words_.stem(n): n for n in reversed(close)}  # one word of a stem: pension, not pensions too
                near = [n for n in close if forms.get(words_.stem(n)) == n][:3]
            unknown[word] = near
    return unknown


def no_match_message(words: Sequence[str], unknown: dict[str, list[str]], corpus: Corpus | None = None) -> str:
    for word, nearest in unknown.items():
        if nearest:
            return f"no match for {quoted(word)}; did you mean {' or '.join(quoted(n) for n in nearest[:2])}?"
        return f"no match for {quoted(word)}: it does not occur in {loaded(corpus)}"
    return f"no statement matches {quoted(' '.join(words))}"


def loaded(corpus: Corpus | None) -> str:
    """What was searched, as a message names it: the report, or the reports loaded."""
    count = 1 if corpus is None else len(corpus.reports)
    return "the report" if count == 1 else f"the {count} reports loaded"


def glossary_words(corpus: Corpus) -> list[str]:
    """The English terms of the glossary, as suggestions for a mistyped English word, when they reach
    something (Chinese reports are loaded); else none."""
    if not any(meta.language == ZH for meta in corpus.reports):
        return []
    return glossary.english_words()


def see_also(corpus: Corpus, query: Query) -> str | None:
    """When the query names a theme (its id, title or an alias: jobs, pensions), where to read all of it."""

    wanted = (
        query.terms[0].text.casefold() if len(query.terms) == 1 else " ".join(t.text for t in query.terms).casefold()
    )
    themes = corpus.themes_named(wanted)  # not every theme: a corpus can have thousands
    named = next((t for t in themes if wanted in (t.id, t.title.casefold())), None) or by_alias(themes, wanted)
    if named is None:
        return None
    return f"see also: reportcli show {named.id} (the theme {named.title!r}, all of it)"


def apart(corpus: Corpus, query: Query) -> str | None:
    """When a phrase or several words find nothing though the words are in the report: say that they
    occur apart (all of them in a statement, not as a phrase) or separately (try --any)."""
    phrases = [t for t in query.terms if len(t.keys) > 1]
    if query.pattern is not None or (not phrases and (query.any_term or len(query.terms) < 2)):
        return None
    single = tuple(dict.fromkeys(Term((w,), (k,)) for t in query.terms for w, k in zip(t.words, t.keys, strict=True)))
    flags = ["-w"] * query.exact + ["--case-sensitive"] * query.case_sensitive
    words = shlex.join([*flags, *(t.words[0] for t in single)])
    if all(is_ideograph(word) for t in query.terms for word in t.words):
        return None  # characters of Chinese apart are not its words apart: nothing to suggest
    asked = quoted(phrases[0].text if phrases else " ".join(t.text for t in query.terms))
    opening = f"no statement has the phrase {asked}" if phrases else f"no statement has all of {asked}"
    if phrases:
        apart = search(corpus, query._replace(terms=single), hits=False).ranked
        if apart:
            noun = "statement has" if len(apart) == 1 else "statements have"
            return f"{opening}, but {len(apart)} {noun} its words apart: reportcli search {words}"
    # statements with any one of a Chinese phrase's characters are most of the data: no use to offer
    # (基础养老金月最低标准提高30元 was offered --any '基' '础' ... '30' '元', found by a user test)
    if query.any_term or len(single) < 2 or any(is_ideograph(term.words[0]) for term in single):
        return None
    some = search(corpus, query._replace(terms=single, any_term=True), hits=False).ranked
    if not some:
        return None
    noun = "statement has" if len(some) == 1 else "statements have"
    return f"{opening}, but {len(some)} {noun} some of its words: reportcli search --any {words}"


def hidden_by_filters(corpus: Corpus, query: Query, words: Sequence[str], filters: dict[str, str | None]) -> str | None:
    """When --theme, --year or --lang hid every hit: say how many there are without them."""
    everywhere = search(corpus, query, hits=False).ranked
    if not everywhere:
        return None
    used = [f"{name} {value}" for name, value in filters.items() if value]
    hits = f"{len(everywhere)} hit" + ("s" if len(everywhere) > 1 else "")
    said = (
        f"no match for {quoted(' '.join(words))} with {' and '.join(used)}, which hid {hits}; "
        f"drop {'them' if len(used) > 1 else 'it'} to see {'them' if len(everywhere) > 1 else 'it'}"
    )
    year_of, index = counted_year(corpus), corpus.index
    moved = {year_of(unit) for unit, _ in everywhere if year_of(unit) != index.year_of(unit)}
    if filters.get("--year") and moved:  # a summary's review of 2023, say, filed under 2024 among the reports
        filed = ", ".join(str(y) for y in sorted(y for y in moved if y is not None))
        said += f" (among other reports, the news summary's statements are filed under its report's year, {filed})"
    return said
