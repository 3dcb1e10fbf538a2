"""Never a traceback, whatever the streams, the terminal or the data source: real processes, real descriptors.

Each case asserts the exit code, the one line on stderr (or none), and that what is printed is what
the data says.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import minimal_document, read_terminal, write_yaml

PYTHON = [sys.executable, "-m", "reportcli"]
FULL = Path("/dev/full")


def sh(command: str, *, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """A command line as a shell runs it, with ``reportcli`` meaning this Python's module."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NO_COLOR", "FORCE_COLOR"))}
    environment |= {"REPORTCLI_DATA": "", **env}
    prefix = " ".join(PYTHON)
    return subprocess.run(  # noqa: PLW1510 - callers assert the return code
        ["bash", "-c", command.replace("reportcli", prefix, 1)],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


# --- standard streams: closed, full, gone ----------------------------------------------------------

COMMANDS = ["themes", "search carbon", "show ecology --json", "--version", "--help"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_stdout_is_one_line_and_exit_2(command: str) -> None:
    done = sh(f"reportcli {command} >&-")
    assert (done.returncode, done.stderr) == (2, "reportcli: cannot write the output: standard output is closed\n")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_stdout_is_one_line_and_exit_2(command: str) -> None:
    done = sh(f"reportcli {command} > /dev/full")
    assert (done.returncode, done.stderr) == (2, "reportcli: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_stderr_changes_nothing_of_the_result(command: str) -> None:
    expected = sh(f"reportcli {command}")
    done = sh(f"reportcli {command} 2>&-")
    assert (done.returncode, done.stdout) == (0, expected.stdout)
    assert done.stdout


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
def test_a_full_stderr_does_not_fail_a_search_that_found_something() -> None:
    """The 'showing 1 of N' note cannot be written: the search still succeeded."""
    done = sh("reportcli search carbon --limit 1 2> /dev/full")
    assert done.returncode == 0 and done.stdout.startswith("ecology/2024/4.1\t")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
def test_a_full_stderr_keeps_the_exit_code_of_an_error() -> None:
    assert sh("reportcli show nowhere 2> /dev/full").returncode == 2


def test_a_reader_that_leaves_ends_quietly() -> None:
    done = sh("set -o pipefail; reportcli search carbon | head -1")
    assert (done.returncode, done.stderr) == (0, "")


# --- data that is not a regular file -----------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_before_it_is_read(device: str) -> None:
    """/dev/zero would never end, /dev/urandom neither: a device is no report file, whatever it holds."""
    done = sh(f"reportcli --data {device} themes")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"reportcli: {device}: is a character device, not a report file\n"


def test_standard_input_that_is_a_device_is_refused() -> None:
    done = sh("reportcli --data - themes < /dev/zero")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "reportcli: -: standard input is a character device, not a report file; pipe a file into it (< FILE)\n"
    )


def test_a_fifo_in_a_data_directory_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO named like a report file, that nothing writes to: once, opening it hung before anything
    was read; now it opens without blocking, reads as nothing, and is named. The other file is untouched."""
    write_yaml(tmp_path / "a.yaml", minimal_document(a={2024: [["Pensions rise."]]}))
    before = (tmp_path / "a.yaml").read_bytes()
    os.mkfifo(tmp_path / "b.yaml")
    for data in (tmp_path, tmp_path / "b.yaml"):
        done = sh(f"reportcli --data '{data}' themes")
        assert (done.returncode, done.stdout) == (2, "")
        assert (
            done.stderr
            == f"reportcli: {tmp_path / 'b.yaml'}: is a FIFO that nothing was written to, not a report file\n"
        )
    assert (tmp_path / "a.yaml").read_bytes() == before


def test_a_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "r.yaml"
    os.mkfifo(fifo)
    text = write_yaml(tmp_path / "src.yaml", minimal_document(a={2024: [["Pensions rise."]]})).read_text()
    done = sh(f"cat '{tmp_path / 'src.yaml'}' > '{fifo}' & sleep 0.2; reportcli --data '{fifo}' show a; wait")
    assert (done.returncode, done.stdout, done.stderr) == (0, "a/2024/1.1\tPensions rise.\n", ""), text


def test_standard_input_and_a_pipe_as_data(tmp_path: Path) -> None:
    text = write_yaml(tmp_path / "r.yaml", minimal_document(a={2024: [["Pensions rise."]]})).read_text()
    for command in ("reportcli --data - show a", "cat | reportcli --data /dev/stdin show a"):
        done = sh(command, stdin=text)
        assert (done.returncode, done.stdout, done.stderr) == (0, "a/2024/1.1\tPensions rise.\n", ""), command


def test_an_empty_data_option_is_refused() -> None:
    done = sh("reportcli --data '' themes")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "reportcli: --data is empty; give a report file, or - for standard input\n"


def test_a_data_file_whose_name_is_not_utf8_is_named_in_escapes(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write("schema: 1\nreport: {title: t}\nthemes: []\n")
    done = subprocess.run([*PYTHON, "validate", name, "--json"], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8"))["path"].endswith("caf\\xe9.yaml")  # valid UTF-8, visible


def test_a_very_long_argument_is_not_echoed_whole() -> None:
    word = "x" * 100_000
    done = subprocess.run([*PYTHON, "show", word], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert len(done.stderr) < 1000 and "characters left out" in done.stderr


# --- terminals of every size ---------------------------------------------------------------------------


def on_terminal(*args: str, **env: str) -> tuple[int, str]:
    """Run reportcli with a pseudo-terminal as stdout: (exit code, what it wrote)."""
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NO_COLOR", "FORCE_COLOR"))}
    process = subprocess.Popen(
        [*PYTHON, *args],
        stdout=terminal,
        stderr=subprocess.DEVNULL,
        env={**environment, "REPORTCLI_DATA": "", "REPORTCLI_PAGER": "", "TERM": "xterm-256color", **env},
    )
    os.close(terminal)
    written = read_terminal(controller)
    code = process.wait(timeout=60)
    return code, written.decode("utf-8").replace("\r", "")


@pytest.mark.parametrize("columns", ["0", "1", "-5", "abc", "99999999"])
def test_a_nonsense_terminal_width_falls_back_to_a_usable_one(columns: str) -> None:
    code, screen = on_terminal("figures", "--theme", "review", "--no-color", COLUMNS=columns, LINES="40")
    assert code == 0
    assert "33 million" in screen and "review/2023/3.1" in screen
    assert max(len(line) for line in screen.splitlines()) <= 1000


@pytest.mark.parametrize("lines", ["0", "1", "-3"])
def test_a_nonsense_terminal_height_still_shows_a_screenful(lines: str) -> None:
    code, screen = on_terminal("search", "carbon", "--no-color", COLUMNS="100", LINES=lines)
    assert code == 0 and "ecology/2024/4.1" in screen


# --- a pager for long tables, on a terminal only -------------------------------------------------------


def test_a_long_table_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"sh -c 'cat > {paged}'"
    code, screen = on_terminal("diff", "ecology", "--no-color", COLUMNS="100", LINES="20", REPORTCLI_PAGER=pager)
    assert code == 0 and screen.strip() == ""
    assert "ecology/2024/4.1" in paged.read_text(encoding="utf-8")


def test_a_table_that_fits_the_screen_is_not_paged(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"sh -c 'cat > {paged}'"
    code, screen = on_terminal("themes", "--no-color", COLUMNS="100", LINES="60", REPORTCLI_PAGER=pager)
    assert code == 0 and "ecology" in screen and not paged.exists()


def test_no_pager_and_a_pipe_print_directly(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"sh -c 'cat > {paged}'"
    code, screen = on_terminal(
        "diff", "ecology", "--no-pager", "--no-color", COLUMNS="100", LINES="20", REPORTCLI_PAGER=pager
    )
    assert code == 0 and "ecology/2024/4.1" in screen and not paged.exists()
    piped = subprocess.run(
        [*PYTHON, "diff", "ecology"],
        capture_output=True,
        text=True,
        env={**os.environ, "REPORTCLI_DATA": "", "REPORTCLI_PAGER": pager},
        check=False,
    )
    assert "ecology/2024/4.1" in piped.stdout and not paged.exists()


def test_a_pager_that_cannot_start_leaves_the_table_on_the_screen(capsys: pytest.CaptureFixture[str]) -> None:
    code, screen = on_terminal(
        "diff", "ecology", "--no-color", COLUMNS="100", LINES="20", REPORTCLI_PAGER="/nonexistent/pager"
    )
    assert code == 0 and "ecology/2024/4.1" in screen
    from reportcli.render import _pager

    assert _pager("/nonexistent/pager") is None  # and it says so (it was silent: found by a user test)
    assert capsys.readouterr().err == (
        "reportcli: the pager '/nonexistent/pager' could not be started (No such file or directory); "
        "printed without it (--no-pager skips it)\n"
    )
