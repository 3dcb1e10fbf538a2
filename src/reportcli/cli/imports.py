from pathlib import Path
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


@app.command("import", short_help="Turn published texts into report files.")
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
            help="Published files: Wikisource JSON lines, YEAR<TAB>TEXT lines, English texts, parallel CSVs.",
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            show_default=False,
            help="Where to write the report files. Default: the corpus directory that --corpus reads.",
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Leave out, with a warning, a record that cannot be imported, rather than import nothing.",
        ),
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Turn published report texts into report files, one per report, every cleaning step recorded.

    Parts, sub-parts, paragraphs and sentences are read off the text; licence footers, zero-width
    characters, title blocks and runs of whitespace go, each removal recorded, and the title, date
    and speaker a title block states go into the metadata. Where two files hold the same year, the
    Wikisource pages win; NPC resolutions are skipped. Prints one row per report written, and on
    stderr what was skipped and how much was removed.

    All or nothing: every file is read back as --data reads it before any is put in place, and a
    record that cannot be imported stops the import, naming its line, with --out as it was
    (--skip-bad leaves it out instead, with a warning).

    \b
    Examples:
      reportcli import government_work_reports.jsonl hprc_gov_reports1954-2022.tsv en/*.txt
      reportcli import government_work_reports.jsonl --out reports/ --json | jq length
      reportcli --data reports/ search 碳达峰 --count
    """
    fields_before_acting(ctx, "imported")
    from reportcli.importer.run import import_files
    from reportcli.render import message

    state = settings(ctx)
    directory = out or _corpus_directory()
    result = import_files(files, directory, state.progress("importing"), skip_bad=skip_bad, warn=message)
    output(ctx, result, fmt, as_json, no_color)


def _corpus_directory() -> Path:
    from reportcli.db import home as library

    library.checked(library.home(), create=True)
    return library.reports_dir()
