"""The Typer layer: wires options to the core and funnels every error into one line on stderr."""

import gc
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup
from typer.exceptions import Abort

from reportcli import __version__
from reportcli.cli.options import settings
from reportcli.errors import ExitCode, ReportError
from reportcli.render import GuardedOutput, OutputClosed, OutputFailed, message

PROG = "reportcli"
# One module per command, each with its own Typer app (cli/<name>.py), imported only when that
# command runs: building the Click commands of all of them would cost every run a few milliseconds.
COMMANDS = (
    "themes",
    "show",
    "figures",
    "search",
    "diff",
    "trend",
    "targets",
    "cite",
    "about",
    "reports",
    "import",
    "export",
    "corpus",
    "validate",
)
MODULES = {"import": "imports"}  # a command whose module cannot take its name


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, OutputFailed):  # no descriptor to point anywhere: nothing is pending on it
        pass


class ReportGroup(TyperGroup):
    """Loads each command when it is asked for; runs it and turns whatever it raises into an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            import importlib

            from typer.main import get_command

            module = MODULES.get(cmd_name, cmd_name)
            command = get_command(importlib.import_module(f"reportcli.cli.{module}").app)
            command.name = cmd_name
            self.commands[cmd_name] = command
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click_exceptions.UsageError as exc:
            if args and "Did you mean" not in exc.message:
                import difflib

                if matches := difflib.get_close_matches(args[0], COMMANDS):
                    exc.message = f"{exc.message.rstrip('.')}. Did you mean {', '.join(map(repr, matches))}?"
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        code = self._run(argv, prog_name or PROG, complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(  # noqa: PLR0911 - one return per kind of ending: this is the funnel
        self, argv: list[str], prog_name: str, complete_var: str | None, extra: dict[str, Any]
    ) -> int:
        from reportcli.cli.arguments import fields_after_json, globals_first

        self.typed = argv  # as typed: what a hint that names another command line repeats
        argv = globals_first(fields_after_json(argv), COMMANDS)
        try:
            result = super().main(
                args=argv, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra
            )
            return int(result) if isinstance(result, int) else ExitCode.OK
        except ReportError as exc:
            message(str(exc))
            for line in exc.also:
                message(line)
            return exc.exit_code
        except click_exceptions.NoArgsIsHelpError as exc:
            sys.stderr.write(exc.format_message() + "\n")  # `reportcli` alone: the help, as jq and rg do
            return ExitCode.USAGE
        except click_exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else prog_name
            problem = exc.format_message()
            if problem.startswith("Missing argument") and "--json-fields" in argv:
                word = argv[argv.index("--json-fields") + 1]  # `search --json pension`: gh's reading of it
                problem += f" (the word after --json, {word!r}, names fields: put an argument before --json)"
            message(f"{problem} (see '{command} --help')", prefix=command)
            return ExitCode.USAGE
        except click_exceptions.ClickException as exc:
            message(exc.format_message())
            return exc.exit_code
        except (Abort, KeyboardInterrupt):
            return ExitCode.INTERRUPTED
        except OutputClosed:
            # The reader went away (e.g. `| head -1`): stop quietly, like ripgrep.
            _discard_stdout()
            return ExitCode.OK
        except OutputFailed as exc:
            _discard_stdout()
            message(f"cannot write the output: {exc}")
            return ExitCode.USAGE
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if "--debug" in argv or os.environ.get("REPORTCLI_DEBUG"):
                import traceback

                traceback.print_exc()
            message(f"internal error: {type(exc).__name__}: {exc}; rerun with --debug for details")
            return ExitCode.INTERNAL


app = typer.Typer(
    cls=ReportGroup,
    name=PROG,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            show_default=False,
            help="Report file, or directory of report files, to read; - for standard input (also: "
            "REPORTCLI_DATA). Default: the embedded report.",
        ),
    ] = None,
    corpus: Annotated[
        bool,
        typer.Option(
            "--corpus",
            help="Read every report fetched or imported into the corpus directory, with the embedded one "
            "(also: REPORTCLI_CORPUS=1; 'reportcli corpus fetch' fills it).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Neither read nor write the cache of parsed reports (also: REPORTCLI_NO_CACHE=1)."
        ),
    ] = False,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="FIELDS",
            show_default=False,
            help="Only these fields (comma-separated) in JSON, JSONL, CSV, TSV, Markdown and plain lines; "
            "also written --json FIELDS, as gh does (--json= lists them). An unknown field lists the valid ones.",
        ),
    ] = None,
    json_fields: Annotated[str | None, typer.Option("--json-fields", hidden=True, show_default=False)] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long tables (by default, on a terminal: $REPORTCLI_PAGER, else $PAGER, else less -FRX).",
        ),
    ] = False,
    csv_formulas: Annotated[
        bool,
        typer.Option(
            "--csv-formulas",
            help="In CSV and TSV, keep cells that begin with =, +, - or @ as they are (by default they get a "
            "leading ' so that a spreadsheet does not run them as formulas).",
        ),
    ] = False,
    # Read by the error funnel from argv, which also covers errors raised before this callback runs.
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on an internal error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Look things up in China's Government Work Reports: themes, text, figures, changes, words.

    The embedded data is a news summary of the 2024 report; 'reportcli corpus fetch' gets every
    report since 1954, which --corpus then reads.

    Results are tables on a terminal, plain lines when piped, and JSON, JSONL, CSV, TSV or
    Markdown with --format. Exit codes: 0 results, 1 nothing found, 2 bad usage or bad data,
    3 internal error, 130 interrupted. 'man reportcli' has every command and, under ENVIRONMENT, every
    environment variable reportcli reads.

    \b
    Examples:
      reportcli themes
      reportcli search pension --json | jq -r '.[].ref'
      reportcli --corpus search 碳达峰 --count
      reportcli --data my-report.yaml validate
    """
    state = settings(ctx)
    state.data = data
    state.corpus = corpus
    state.fields = json_fields if json_fields is not None else fields
    state.fields_after_json = json_fields is not None
    state.typed = list(getattr(ctx.find_root().command, "typed", []))
    state.pager = not no_pager
    state.use_cache = not no_cache
    state.formulas = csv_formulas


def main() -> None:
    """Console-script entry point."""
    # What the imports built lives as long as the process: freezing it keeps the garbage collector
    # from walking it again at each collection (an eighth of a short run's instructions otherwise).
    gc.freeze()
    _standard_streams()
    app()


def _standard_streams() -> None:
    """UTF-8 on both streams whatever the locale; a closed stderr becomes /dev/null (messages are lost,
    exit codes still tell); stdout is guarded, so that any failure to write it ends in the funnel."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.stdout = GuardedOutput(sys.stdout)
