"""Options shared by every command, defined once; the per-run settings they fill in; the end of a command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reportcli.errors import NothingFound, QueryError
from reportcli.language import EN, ZH
from reportcli.model import Result
from reportcli.render import Format, Terminal, choose_view, emit, message

if TYPE_CHECKING:
    from pathlib import Path

    from reportcli.db.corpus import Corpus
    from reportcli.db.dataset import Dataset


class Settings:
    """What the global options said, and what this run knows of its terminal; stored as ``ctx.obj``."""

    def __init__(self) -> None:
        self.data: str | None = None
        self.corpus = False  # --corpus
        self.fields: str | None = None  # --fields (or --json FIELDS)
        self.fields_after_json = False  # the fields were the word after --json
        self.typed: list[str] = []  # the command line as typed, after the program's name
        self.pager = True  # not --no-pager
        self.use_cache = True
        self.formulas = False  # --csv-formulas
        self.terminal = Terminal.detect()
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from reportcli.db.dataset import Dataset, chosen_source

            progress = None
            if self.terminal.stderr_is_terminal:  # a bar only where a person can see it
                from reportcli.cli.progress import LoadProgress

                progress = LoadProgress()
            source = chosen_source(self.data, self.corpus)
            self._dataset = Dataset(
                source, use_cache=self.use_cache, progress=progress, warn=message, derive=derived_results
            )
        return self._dataset

    def warm_corpus(self) -> None:
        """Build the corpus's database into the cache now (after a fetch), so that the first --corpus
        query is quick."""
        from reportcli.db.dataset import Dataset, chosen_source

        dataset = Dataset(chosen_source(None, corpus=True), use_cache=self.use_cache, derive=derived_results)
        if dataset.use_cache:  # nothing to keep when the cache is off (--no-cache, REPORTCLI_NO_CACHE)
            dataset.answer(lambda corpus: None)  # a damaged entry found on the way is built again

    def progress(self, stage: str) -> Callable[[float], None] | None:
        """A progress bar on stderr for a long step (after a second; only on a terminal): told the
        fraction done, it goes away at 1."""
        if not self.terminal.stderr_is_terminal:
            return None
        from reportcli.cli.progress import LoadProgress

        bar = LoadProgress()
        return lambda fraction: bar(stage, fraction)

    def answer(self, query: Callable[..., Result], *args: Any, **options: Any) -> Result:
        """The result of one core call, ``query(corpus, *args, **options)``, on this run's data.

        When that data is the embedded summary (nothing chosen) and the call finds nothing or cannot
        be answered, the imported corpus is asked the same, and what it has is said with the command
        that shows it (``elsewhere``): the summary stays the default, so that a command means the
        same on every machine, as git's and gh's do, and the corpus is one flag away."""

        def ask(corpus: Corpus) -> Result:
            return query(corpus, *args, **options)

        try:
            result = self.dataset().answer(ask)
        except QueryError as exc:
            if (hint := self.elsewhere(ask)) is not None:
                exc.also = (*exc.also, hint)
            raise
        if result.empty and (hint := self.elsewhere(ask)) is not None:
            result = result._replace(facts={**(result.facts or {}), "elsewhere": hint})
        return result

    def _imported(self) -> Path | None:
        """The directory of an imported corpus, when this run read the embedded summary by default."""
        import os

        from reportcli.db.dataset import CORPUS_ENV, DATA_ENV
        from reportcli.db.home import reports_dir
        from reportcli.errors import ReportError

        if self.data is not None or self.corpus or os.environ.get(DATA_ENV) or os.environ.get(CORPUS_ENV):
            return None
        try:
            directory = reports_dir()
            return directory if directory.is_dir() and any(directory.glob("*.yaml")) else None
        except (OSError, ReportError):
            return None

    def elsewhere(self, ask: Callable[[Corpus], Result]) -> str | None:
        """What the imported corpus has for a query that the embedded summary could not answer, and the
        command line that shows it; None when the summary was not the default's, or no corpus is
        imported, or it has nothing either. The corpus is asked only when the cache holds it ready (a
        query that found nothing never waits for a corpus to be built): otherwise the line says where
        it is."""
        from reportcli.db.dataset import Dataset, chosen_source
        from reportcli.errors import ReportError

        directory = self._imported()
        if directory is None:
            return None
        command = " ".join(shell_word(word) for word in ["reportcli", "--corpus", *self.typed])
        try:
            dataset = Dataset(chosen_source(None, corpus=True), use_cache=self.use_cache, derive=derived_results)
            corpus = dataset.warm()
            found = dataset.answer(ask) if corpus is not None else None
        except ReportError:
            return None
        if corpus is None:
            return f"this read the summary alone; the corpus imported in {directory} may have it: {command}"
        if found is None or found.empty:
            return None
        reports = sum(1 for meta in corpus.reports if meta.kind != "summary")
        return f"the imported corpus ({reports} reports) has {_amount(found)}: {command}"


def shell_word(word: str) -> str:
    """A word as a shell would need it typed: as it is when nothing in it is special to the shell (乡村振兴
    stays bare), else quoted."""
    import re
    import shlex

    return word if re.fullmatch(r"[^\s'\"\\$`!*?&;|<>()\[\]{}#~=%^]+", word) else shlex.quote(word)


def _amount(result: Result) -> str:
    """How much a result holds, in words: 35 hits, 1 target, 3 times in 2 reports; "it" for one
    document (a statement, a section)."""
    total = result.fact("total")
    if isinstance(total, int):
        return _counted(total, result.fact("noun", "results"))
    if result.kind == "counts":
        return _counted(result.fact("sum"), "hits")
    if result.kind == "trend":
        said = sum(row["occurrences"] for row in result.items)
        places = len({row["report"] for row in result.items if row["count"]})
        return f"{_counted(said, 'occurrences')} in {_counted(places, 'reports')}"
    if result.kind == "targets":
        set_ = sum(1 for row in result.items if row.get("status"))
        told = sum(1 for row in result.items if row.get("outcome"))
        return f"{_counted(set_, 'targets')} and {_counted(told, 'outcomes')}"
    nouns = {"figures": "figures", "reports": "reports"}
    if result.kind in nouns:
        return _counted(len(result.items), nouns[result.kind])
    return "it"


def _counted(n: int, noun: str) -> str:
    return f"{n:,} {noun.removesuffix('s') if n == 1 else noun}"


def derived_results(corpus: Corpus, progress: Callable[[float], None] | None) -> dict[str, Any]:
    """What a cache entry keeps beside the data (``Dataset(derive=...)``): the summary diff of every theme."""
    from reportcli.diff.themes import kept_summaries

    return kept_summaries(corpus, progress)


def command_app() -> typer.Typer:
    """The Typer app of one command module: plain help, no completion options of its own."""
    return typer.Typer(rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False)


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


# --- shell completion, from the data the command line names so far ----------------------------------


def _completion_corpus(ctx: typer.Context) -> Corpus | None:
    """The corpus named on the command line so far (or the embedded one); None if it cannot be read."""
    try:
        from reportcli.db.dataset import Dataset, chosen_source

        params = ctx.find_root().params
        source = chosen_source(params.get("data"), bool(params.get("corpus")))
        return Dataset(source, derive=derived_results).answer(lambda corpus: corpus)
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return None


def complete_theme(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    corpus = _completion_corpus(ctx)
    if corpus is None:
        return []
    return [(t.id, t.title) for t in corpus.themes if t.id.startswith(incomplete.casefold())]


def complete_section(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Themes, then the report's other sections (review, glossary, lead, credits) that it has."""
    corpus = _completion_corpus(ctx)
    if corpus is None:
        return []
    wanted = incomplete.casefold()
    themes = [(s.id, s.title) for s in corpus.sections if s.kind == "theme" and s.id.startswith(wanted)]
    others = [(s.id, s.title) for s in corpus.sections if s.kind != "theme" and s.id.startswith(wanted)]
    return themes + others


def complete_year(ctx: typer.Context, incomplete: str) -> list[str]:
    corpus = _completion_corpus(ctx)
    if corpus is None:
        return []
    return [str(y) for y in corpus.years() if str(y).startswith(incomplete)]


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: a table on a terminal, plain lines when piped.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour or other ANSI codes (also: NO_COLOR=1).")]
OfficialOption = Annotated[
    bool,
    typer.Option(
        "--official",
        "-o",
        help="In a table, show under each statement the official words it renders: the Chinese of an English "
        "sentence, the official English of a Chinese one.",
    ),
]


def output(
    ctx: typer.Context,
    result: Result,
    fmt: Format | None,
    as_json: bool,
    no_color: bool,
    official: bool = False,
    full: bool = False,
) -> None:
    """Print a command's result as the flags ask; a result that found nothing then ends with exit code 1."""
    if as_json and fmt not in (None, Format.json):
        raise QueryError(f"--json and --format {fmt.value} conflict; choose one")
    state = settings(ctx)
    chosen = Format.json if as_json else fmt
    fields = _chosen_fields(ctx, result, state.fields, chosen)
    if fields and chosen in (None, Format.table) and state.terminal.is_terminal:
        chosen = Format.json  # fields are for scripts: a table has its own columns
    view = choose_view(
        chosen,
        no_color,
        state.terminal,
        formulas=state.formulas,
        official=official,
        fields=fields,
        full=full,
        pager=state.pager,
    )
    emit(result, view)
    if result.empty:
        error = NothingFound(result.empty)
        if hint := result.fact("elsewhere"):
            error.also = (hint,)
        raise error


def prints_table(ctx: typer.Context, fmt: Format | None, as_json: bool) -> bool:
    """Whether the result will be printed as a table (what ``output`` will choose): a terminal, no
    format asked for but a table, no --fields. Work only a table shows can then be left undone."""
    state = settings(ctx)
    return not as_json and fmt in (None, Format.table) and state.terminal.is_terminal and state.fields is None


MAX_LIST_BYTES = 16 * 2**20  # a file of queries or terms


def lines_of(name: str, data: str | None = None, whole: bool = False) -> list[tuple[int, str]]:
    """The lines of a file of queries or terms (``-``: standard input), UTF-8, each with its number:
    blank lines and lines that begin with # (comments, as in a list of terms kept by hand) left out;
    each stripped of spaces around it, unless ``whole`` (a regular expression's, which may begin or
    end with one). ``data``: the --data of the run, which may not read standard input too (nor may
    $REPORTCLI_DATA)."""
    import os
    import sys

    from reportcli.db.dataset import DATA_ENV
    from reportcli.reportfile.files import shown

    if name == "-" and (data if data is not None else os.environ.get(DATA_ENV, "").strip()) == "-":
        raise QueryError("standard input can hold the data (--data -) or the list (--file -), not both")

    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_LIST_BYTES + 1)
        else:
            with open(name, "rb") as file:
                raw = file.read(MAX_LIST_BYTES + 1)
    except FileNotFoundError:
        raise QueryError(f"{shown(name)}: no such file") from None
    except (OSError, AttributeError, ValueError) as exc:
        raise QueryError(f"{shown(name)}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    if len(raw) > MAX_LIST_BYTES:
        raise QueryError(f"{shown(name)}: more than {MAX_LIST_BYTES // 2**20} MiB of queries")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{shown(name)}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    return [
        (number, line if whole else line.strip())
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def fields_before_acting(ctx: typer.Context, kind: str) -> None:
    """For a command that writes (export, import, fetch): refuse unknown --fields before it acts, not
    after the files are written."""
    from reportcli.render.columns import COLUMNS

    _checked_fields(ctx, settings(ctx).fields, [h for h, _ in COLUMNS[kind]])


def _chosen_fields(
    ctx: typer.Context, result: Result, asked: str | None, chosen: Format | None
) -> tuple[str, ...] | None:
    """The fields --fields names, each checked against those the records of the chosen format have
    (the long form's, in CSV, TSV and Markdown), or one line listing them."""
    if asked is None:
        return None
    from reportcli.render.columns import COLUMNS
    from reportcli.render.flat import records

    kind, items = records(result, chosen.value if chosen else "plain")
    valid = list(dict.fromkeys([h for h, _ in COLUMNS.get(kind, [])] + [k for i in items for k in i]))
    return _checked_fields(ctx, asked, valid)


def _checked_fields(ctx: typer.Context, asked: str | None, valid: list[str]) -> tuple[str, ...] | None:
    """The fields asked for, or one line that lists them all: for a field that does not exist, or for
    ``--json=`` with none (exit 2 either way, as for any usage error). A single word after --json that
    is no field may have been meant as an argument: the line says where an argument goes."""
    if asked is None:
        return None
    names = tuple(f.strip() for f in asked.split(",") if f.strip())
    unknown = [n for n in names if n not in valid]
    command = ctx.command_path.removeprefix("reportcli ")
    if not names:
        raise QueryError(f"--json takes fields (comma-separated) for {command}: {', '.join(valid)}")
    if unknown:
        from reportcli.cli.arguments import WITHOUT_ARGUMENTS

        line = f"unknown field {unknown[0]!r} for {command}; fields: {', '.join(valid)}"
        state = settings(ctx)
        if state.fields_after_json and len(names) == 1 and command.split()[0] not in WITHOUT_ARGUMENTS:
            line += f" (a word after --json names fields: to give {names[0]!r} to {command}, put it before --json)"
        raise QueryError(line)
    return names


SectionOption = Annotated[
    str | None,
    typer.Option(
        "--theme",
        "-t",
        show_default=False,
        autocompletion=complete_section,
        help="Only this theme; also 'review' (the 2023 headline items), 'glossary' (the hot words), 'lead', 'credits'.",
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", "-y", help="Only this year (e.g. 2024).", show_default=False, autocompletion=complete_year),
]
YearsOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR|FROM..TO",
        help="Only this year (2024) or these years (2015..2020, 2015-2020, ..2000, 2010..).",
        show_default=False,
        autocompletion=complete_year,
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        help="Only reports in this language: zh (Chinese) or en (English).",
        show_default=False,
        autocompletion=lambda: [ZH, EN],
    ),
]
