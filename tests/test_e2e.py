"""A few runs of the installed command in real subprocesses, as a user's shell would run it."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_terminal

SCRIPT = Path(sys.executable).with_name("reportcli")
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"reportcli is not installed beside {sys.executable}")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPORTCLI_", "NO_COLOR", "FORCE_COLOR"))}
    return {**env, **extra}


def sh(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 - callers assert the return code
        ["bash", "-o", "pipefail", "-c", command],
        cwd="/",
        capture_output=True,
        text=True,
        env=clean_env(PATH=f"{SCRIPT.parent}:{os.environ['PATH']}", **env),
        timeout=60,
    )


def test_themes_from_the_root_directory_uses_the_embedded_data() -> None:
    done = sh("reportcli themes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("ecology\tEcology\t2023 2024")
    assert done.stderr == ""


def test_closed_pipe_ends_quietly() -> None:
    done = sh("reportcli show ecology | head -1")
    assert (done.returncode, done.stderr) == (0, "")
    first = "Strengthen the governance of ecological and environmental protection, and accelerate the green"
    assert done.stdout == f"ecology/2023/1.1\t{first} transformation of development mode.\n"


def test_figures_json_into_jq_or_python() -> None:
    if shutil.which("jq"):
        done = sh(
            """reportcli figures --json | jq -c '[.[] | select(.unit == "yuan" and .source == "summary") | .value]'"""
        )
        assert done.stdout.strip() == "[1000000000000,20]"
    done = sh("reportcli figures --json")
    figures = json.loads(done.stdout)
    assert [f["value"] for f in figures if f["unit"] == "yuan" and f["source"] == "summary"] == [1_000_000_000_000, 20]


def test_python_dash_m() -> None:
    done = subprocess.run([sys.executable, "-m", "reportcli", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("reportcli ")


def run_in_terminal(*args: str, **env: str) -> str:
    """Run reportcli with a pseudo-terminal as stdout, and return what it wrote."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPT), *args],
        stdout=terminal,
        stderr=subprocess.DEVNULL,
        env=clean_env(**{"COLUMNS": "100", "TERM": "xterm-256color", "REPORTCLI_PAGER": "", **env}),
    )
    os.close(terminal)
    written = read_terminal(controller)
    process.wait(timeout=60)
    return written.decode("utf-8")


def test_a_terminal_gets_colour_and_no_color_turns_it_off() -> None:
    coloured = run_in_terminal("themes")
    assert "\x1b[" in coloured and "█" in coloured
    plain = run_in_terminal("themes", NO_COLOR="1")
    assert "\x1b[" not in plain and "█" in plain
    assert "\x1b[" not in run_in_terminal("themes", "--no-color")


COMMANDS = ["themes", "show ecology", "figures", "search carbon", "diff ecology", "diff", "validate"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["", "--json", "--format csv"])
def test_a_reader_that_takes_one_byte_leaves_no_noise(command: str, fmt: str) -> None:
    done = sh(f"reportcli {command} {fmt} | head -c 1")
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout) == 1


def test_c_locale_still_writes_utf8() -> None:
    done = sh("reportcli figures --json", LC_ALL="C", LANG="C")
    pension = next(f for f in json.loads(done.stdout) if f["id"] == "social-security-pension-increase")
    assert done.returncode == 0 and "城乡居民" in pension["notes"][0]["text"]
    plain = sh("reportcli show ecology | head -3", LC_ALL="C", LANG="C")
    assert plain.returncode == 0 and plain.stderr == ""


@pytest.mark.parametrize("columns", ["20", "300"])
@pytest.mark.parametrize(
    "command", [["themes"], ["show", "ecology"], ["figures"], ["search", "carbon"], ["diff", "ecology"], ["diff"]]
)
def test_narrow_and_wide_terminals(columns: str, command: list[str]) -> None:
    screen = run_in_terminal(*command, "--no-color", COLUMNS=columns)
    assert screen.strip() and "Traceback" not in screen
    widths = {len(line) for line in screen.replace("\r", "").split("\n") if line.strip()}
    assert max(widths) <= int(columns)


def test_twenty_runs_at_once_agree() -> None:
    env = clean_env()
    processes = [
        subprocess.Popen(
            [str(SCRIPT), "search", "carbon", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for _ in range(20)
    ]
    outputs = {process.communicate(timeout=120) for process in processes}
    assert len(outputs) == 1
    stdout, stderr = outputs.pop()
    assert stderr == b"" and json.loads(stdout)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["", "--json"])
def test_output_that_cannot_be_written_is_one_line_and_exit_2(fmt: str) -> None:
    done = sh(f"reportcli themes {fmt} > /dev/full")
    assert done.returncode == 2
    assert done.stderr == "reportcli: cannot write the output: No space left on device\n"
