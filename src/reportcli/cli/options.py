"""Options shared by every command, defined once, and the per-run settings they fill in."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from reportcli.cli.progress import LoadProgress
from reportcli.errors import QueryError
from reportcli.model import Report
from reportcli.render import Format, Output, emit

if TYPE_CHECKING:
    from reportcli.cache import Loader
    from reportcli.index import Index

T = TypeVar("T")


class Settings:
    """What the global options said; stored on the Typer context as ``ctx.obj``."""

    def __init__(self) -> None:
        self.data: Path | None = None
        self.use_cache = True
        self._loader: Loader | None = None
        self._progress = LoadProgress()

    def loader(self) -> Loader:
        if self._loader is None:
            from reportcli.cache import Loader
            from reportcli.files import default_data_path

            self._loader = Loader(self.data or default_data_path(), use_cache=self.use_cache, progress=self._progress)
        return self._loader

    def report(self) -> Report:
        return self._loaded(lambda loader: loader.report())

    def index(self) -> Index:
        return self._loaded(lambda loader: loader.index())

    def _loaded(self, get: Callable[[Loader], T]) -> T:
        try:
            return get(self.loader())
        finally:
            self._progress.close()


def command_app() -> typer.Typer:
    """The Typer app of one command module: plain help, no completion options of its own."""
    return typer.Typer(rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False)


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


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


def _completion_report(ctx: typer.Context) -> Report | None:
    """The report named on the command line so far (or the embedded one); None if it cannot be read."""
    try:
        data = ctx.find_root().params.get("data") or os.environ.get("REPORTCLI_DATA")
        from reportcli.cache import Loader
        from reportcli.files import default_data_path

        return Loader(Path(data) if data else default_data_path()).report()
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return None


def complete_theme(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    report = _completion_report(ctx)
    if report is None:
        return []
    return [(t.id, t.title) for t in report.themes if t.id.startswith(incomplete.casefold())]


def complete_section(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    extra = [("review", "the 2023 headline figures"), ("glossary", "the public welfare hot words")]
    return complete_theme(ctx, incomplete) + [(i, h) for i, h in extra if i.startswith(incomplete.casefold())]


def complete_year(ctx: typer.Context, incomplete: str) -> list[str]:
    report = _completion_report(ctx)
    if report is None:
        return []
    from reportcli.query import all_years

    return [str(y) for y in all_years(report) if str(y).startswith(incomplete)]


SectionOption = Annotated[
    str | None,
    typer.Option(
        "--theme",
        "-t",
        show_default=False,
        autocompletion=complete_section,
        help="Only this theme; also 'review' (the 2023 headline items) or 'glossary' (the hot words).",
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", "-y", help="Only this year (e.g. 2024).", show_default=False, autocompletion=complete_year),
]


def output_format(fmt: Format | None, as_json: bool) -> Format | None:
    if as_json and fmt not in (None, Format.json):
        raise QueryError(f"--json and --format {fmt.value} conflict; choose one")
    return Format.json if as_json else fmt


def render(output: Output, fmt: Format | None, as_json: bool, no_color: bool) -> None:
    emit(output, output_format(fmt, as_json), no_color=no_color)


def nothing_found(message: str) -> Any:
    """End a query that ran but found nothing: the message on stderr, exit code 1."""
    typer.echo(f"reportcli: {message}", err=True)
    raise typer.Exit(1)
