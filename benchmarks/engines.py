"""Which engine under search: SQLite FTS5 (trigram, or words the way reportcli cuts them) or
reportcli's own index, built per report. Build time, and what each finds, on the same parsed reports.

Run by a person, not by the tests:

    .venv/bin/python benchmarks/engines.py                       # /tmp/engine-reports (reportcli import)
    .venv/bin/python benchmarks/engines.py --reports DIR --rounds 5

Every report file is read and checked by reportcli's loader once; then, in rounds, each engine indexes
all of it (the statements' own words, and their notes and official words where a summary has them),
in process, CPU time measured. The queries are then asked of each engine, and what each finds
(statements, as a set) compared with reportcli's search (which, with ``--count``, is what a user sees).

- ``fts5-trigram``: an FTS5 table with the trigram tokenizer over the raw text, the anchor of issue 23.
  It finds substrings of three characters or more; a shorter query (most Chinese words are two
  characters) falls back to a full scan (LIKE), and it knows nothing of word forms.
- ``fts5-words``: an FTS5 table (unicode61) over the text as reportcli's index sees it: each token's
  key (a Snowball stem, an ideograph's simplified form), a break where punctuation separates Chinese,
  so that a phrase query finds exactly what reportcli's phrases find. FTS5's bm25() weighs terms
  otherwise than reportcli's BM25 (no notes at half weight, another idf), so ranking would still need
  reportcli's counts.
- ``reportcli index``: reportcli's index alone, of each report (what FTS5 builds, and more: offsets,
  own and attached counts, the texts for --regex).
- ``reportcli``: ``store.build`` of each report alone (its rows, its targets and its index: what one
  cache entry holds), then the corpus read as one.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportcli import text as words_
from reportcli.db import index, store
from reportcli.db.corpus import Corpus
from reportcli.model import Report
from reportcli.reportfile import load_report

QUERIES = ["养老金", "发展", "雾霾", "碳达峰", "长江十年禁渔", "新质生产力", "pension", "carbon peaking", "environment"]


def documents(reports: list[Report]) -> list[tuple[str, str]]:
    """(own words, attached words) of every statement, in corpus order."""
    found = []
    for report in reports:
        attached = store.attached_texts(report)
        for statement in report.statements():
            found.append((statement.text, "\n".join(text for _, text in attached.get(statement.ref, []))))
    return found


def trigram(docs: list[tuple[str, str]]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(text, attached, tokenize='trigram')")
    con.executemany("INSERT INTO t (rowid, text, attached) VALUES (?, ?, ?)", ((n, *d) for n, d in enumerate(docs)))
    return con


BREAK_WORD = "zzbreak"  # a token no text holds


def keyed(text: str) -> str:
    """The text as reportcli's index sees it: keys, with a break word where punctuation stands."""
    cut = words_.cut(text)
    keys = [words_.stem(w).replace('"', "") or "_" for w in cut.words]
    for at in reversed(cut.breaks):
        keys.insert(at, BREAK_WORD)
    return " ".join(keys)


def fts5_words(docs: list[tuple[str, str]]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(text, attached, tokenize='unicode61 remove_diacritics 0')")
    con.executemany(
        "INSERT INTO t (rowid, text, attached) VALUES (?, ?, ?)",
        ((n, keyed(own), keyed(attached)) for n, (own, attached) in enumerate(docs)),
    )
    return con


def ours(reports: list[Report]) -> Corpus:
    return Corpus([store.build(report) for report in reports])


def our_index(reports: list[Report]) -> None:
    """reportcli's index alone (as FTS5 builds one), of each report in a database of its own."""
    for report in reports:
        con = sqlite3.connect(":memory:")
        con.executescript(index.SCHEMA + "CREATE TABLE arrays (name TEXT PRIMARY KEY, data BLOB, checksum INTEGER);")
        builder = index.Builder()
        statements = list(report.statements())
        builder.add(con, statements, {s.section: (0, 0) for s in statements}, store.attached_texts(report))
        builder.finish(con)


def cpu(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    value = action()
    return time.process_time() - started, value


def trigram_units(con: sqlite3.Connection, query: str) -> set[int]:
    words = query.split()
    if all(len(w) >= 3 for w in words):
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        return {n for (n,) in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}
    clauses = " AND ".join("(text LIKE ? OR attached LIKE ?)" for _ in words)
    params = [f"%{w}%" for w in words for _ in (0, 1)]
    return {n for (n,) in con.execute(f"SELECT rowid FROM t WHERE {clauses}", params)}


def words_units(con: sqlite3.Connection, query: str) -> set[int]:
    terms = []
    for word in query.split():
        keys = [words_.stem(w) for w in words_.words(word)]
        terms.append('"' + " ".join(keys) + '"')
    return {n for (n,) in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (" AND ".join(terms),))}


def our_units(corpus: Corpus, query: str) -> set[int]:
    from reportcli.search.match import with_compounds
    from reportcli.search.parse import make_query
    from reportcli.search.rank import search

    parsed = make_query(query.split(), regex=False, any_term=False, case_sensitive=False, key=corpus.index.key)
    parsed = parsed._replace(terms=tuple(with_compounds(corpus.index, t) for t in parsed.terms))
    return {unit for unit, _ in search(corpus, parsed, hits=False).ranked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=Path("/tmp/engine-reports"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.reports.glob("*.yaml"))
    parse_s, reports = cpu(lambda: [load_report(path) for path in paths])
    docs = documents(reports)
    characters = sum(len(a) + len(b) for a, b in docs)
    print(f"{len(paths)} report files, {len(docs):,} statements, {characters:,} characters")
    print(f"parse and check (reportcli's loader, not timed below): {parse_s:.2f} s CPU\n")
    builds: dict[str, list[float]] = {"fts5-trigram": [], "fts5-words": [], "reportcli index": [], "reportcli": []}
    built: dict[str, Any] = {}
    for _ in range(args.rounds):
        for name, action in (
            ("fts5-trigram", lambda: trigram(docs)),
            ("fts5-words", lambda: fts5_words(docs)),
            ("reportcli index", lambda: our_index(reports)),
            ("reportcli", lambda: ours(reports)),
        ):
            seconds, built[name] = cpu(action)
            builds[name].append(seconds)
    base = statistics.median(builds["fts5-trigram"])
    print("| engine | build s CPU (median) | x fts5-trigram |")
    print("|---|---|---|")
    for name, times in builds.items():
        print(f"| {name} | {statistics.median(times):.2f} | {statistics.median(times) / base:.2f} |")
    print("\n| query | reportcli hits | fts5-words hits (same set?) | fts5-trigram hits (same set?) | ms |")
    print("|---|---|---|---|---|")
    corpus: Corpus = built["reportcli"]
    by_words_con: sqlite3.Connection = built["fts5-words"]
    by_trigram_con: sqlite3.Connection = built["fts5-trigram"]
    for query in QUERIES:
        ours_s, mine = cpu(lambda q=query: our_units(corpus, q))  # type: ignore[misc]
        words_s, by_words = cpu(lambda q=query: words_units(by_words_con, q))  # type: ignore[misc]
        tri_s, by_trigram = cpu(lambda q=query: trigram_units(by_trigram_con, q))  # type: ignore[misc]
        print(
            f"| {query} | {len(mine)} | {len(by_words)} ({by_words == mine}) | {len(by_trigram)} "
            f"({by_trigram == mine}) | {ours_s * 1000:.1f} / {words_s * 1000:.1f} / {tri_s * 1000:.1f} |"
        )


if __name__ == "__main__":
    main()
