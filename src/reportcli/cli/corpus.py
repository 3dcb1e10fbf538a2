from typing import Annotated

import typer

from reportcli.cli.options import (
    FormatOption,
    JsonOption,
    NoColorOption,
    command_app,
    fields_before_acting,
    output,
    settings,
)

app = command_app()


@app.callback(short_help="Fetch every report since 1954, checked.")
def corpus() -> None:
    """Get every Government Work Report: download the published files, check them, import them.

    After 'reportcli corpus fetch', --corpus (or REPORTCLI_CORPUS=1) makes every command read the
    fetched reports along with the embedded one.

    \b
    Examples:
      reportcli corpus fetch
      reportcli --corpus reports
    """


@app.command("fetch", short_help="Download, verify and import the published reports.")
def fetch(
    ctx: typer.Context,
    mirror: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="URL|DIR",
            show_default=False,
            help="Fetch from a mirror laid out as the published folders (zh/..., en/parallel/...): a URL, or a "
            "directory on this machine. Default: each file at its pinned commit on GitHub.",
        ),
    ] = None,
    retries: Annotated[int, typer.Option("--retries", min=0, max=10, help="Tries again after a broken download.")] = 3,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1.0, max=600.0, help="Seconds a connection may stay silent.")
    ] = 30.0,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Download the published files, verify each SHA-256, and import them into the corpus directory.

    A cut-off download resumes where it stopped (run it again); a file that fails its checksum is
    deleted and nothing is imported. The files and the reports are kept in $REPORTCLI_CORPUS_DIR,
    else $XDG_DATA_HOME/reportcli, else ~/.local/share/reportcli.

    \b
    Examples:
      reportcli corpus fetch
      reportcli corpus fetch --from http://127.0.0.1:8000/
      reportcli corpus fetch --from ~/mirror/corpus
      reportcli --corpus search 新质生产力 --count
    """
    fields_before_acting(ctx, "fetched")
    from reportcli.importer import fetch as fetching

    state = settings(ctx)
    result = fetching.fetch(
        mirror, retries=retries, timeout=timeout, progress=state.progress("downloading"), warm=state.warm_corpus
    )
    output(ctx, result, fmt, as_json, no_color)
