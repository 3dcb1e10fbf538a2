"""Shell completion: THEME, --theme, --year and --format complete what the report and the options hold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import minimal_document, run, write_yaml

SCRIPT = Path(sys.executable).with_name("reportcli")


def complete(shell: str, line: str, **env: str) -> list[str]:
    """Ask the completion machinery, as the installed shell script does, for the candidates of ``line``."""
    variables = {"_REPORTCLI_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "bash":
        words = line.split(" ")
        variables = {"_REPORTCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    if shell == "fish":
        variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = run(env={**variables, **env})
    assert result.exit_code == 0, result
    return result.stdout.splitlines()


def test_bash_theme_argument() -> None:
    assert complete("bash", "reportcli show e") == ["ecology", "education", "employment"]
    assert complete("bash", "reportcli diff so") == ["social-security"]


def test_zsh_theme_argument_with_titles() -> None:
    out = "\n".join(complete("zsh", "reportcli show e"))
    assert '"ecology":"Ecology"' in out and '"education":"Education"' in out and "urbanization" not in out


def test_fish_theme_option_includes_sections() -> None:
    assert complete("fish", "reportcli figures --theme r") == ["review\tReview of work in 2023"]
    assert "glossary\tPublic welfare hot words" in complete("fish", "reportcli search x --theme g")
    assert complete("fish", "reportcli show l") == ["lead\tLead"]


@pytest.mark.parametrize(
    "line", ["reportcli figures --year ", "reportcli search x --year 20", "reportcli diff ecology --from "]
)
def test_years_present_in_the_report(line: str) -> None:
    assert complete("bash", line) == ["2023", "2024"]


def test_format_choices() -> None:
    assert complete("bash", "reportcli themes --format ") == ["table", "json", "jsonl", "csv", "tsv", "markdown"]
    assert complete("bash", "reportcli show ecology --format j") == ["json", "jsonl"]


def test_completion_follows_data_option(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", minimal_document(alpha={2031: [["A."]]}, beta={2031: [["B."]]}))
    assert complete("bash", f"reportcli --data {path} show ") == ["alpha", "beta"]
    assert complete("bash", "reportcli figures --year ", REPORTCLI_DATA=str(path)) == ["2031"]


def test_a_broken_data_file_completes_nothing_quietly(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("themes: [")
    assert [c for c in complete("bash", f"reportcli --data {path} show ") if c] == []


def installing_env(home: Path) -> dict[str, str]:
    # Typer reads this when the app is built, so installing is tested in a fresh process.
    return {
        **os.environ,
        "HOME": str(home),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        "PATH": f"{SCRIPT.parent}:{os.environ['PATH']}",
    }


@pytest.mark.skipif(not SCRIPT.exists(), reason="needs the installed command")
@pytest.mark.parametrize(
    ("shell", "installed"),
    [
        ("bash", ".bash_completions/reportcli.sh"),
        ("zsh", ".zfunc/_reportcli"),
        ("fish", ".config/fish/completions/reportcli.fish"),
    ],
)
def test_install_completion(tmp_path: Path, shell: str, installed: str) -> None:
    done = subprocess.run(  # noqa: PLW1510 - the return code is asserted below
        [str(SCRIPT), "--install-completion", shell],
        env=installing_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_REPORTCLI_COMPLETE" in (tmp_path / installed).read_text()


@pytest.mark.skipif(not SCRIPT.exists() or not shutil.which("bash"), reason="needs the installed command and bash")
def test_real_bash_completes_a_theme(tmp_path: Path) -> None:
    env = installing_env(tmp_path)
    subprocess.run([str(SCRIPT), "--install-completion", "bash"], env=env, check=True, capture_output=True)
    script = tmp_path / ".bash_completions" / "reportcli.sh"
    probe = f"""source {script}
COMP_WORDS=(reportcli show e); COMP_CWORD=2
_reportcli_completion reportcli
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["ecology", "education", "employment"]
