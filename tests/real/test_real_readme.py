"""The README's examples on the full reports print what the README says they print: each `console` block
whose commands read the corpus is run on the imported reports, and its output compared line for line
(the access date a citation gives is the day it is run, and is compared as such).

Reads the published texts in ../shared/; the module skips, saying why, where they are absent.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, corpus_missing, run

if missing := corpus_missing():
    pytest.skip(missing, allow_module_level=True)

# the access date a citation gives: Chicago's (accessed December 7, 2026), GB/T 7714's [2026-12-07]
ACCESSED = re.compile(r"\(accessed [A-Z][a-z]+ \d{1,2}, \d{4}\)|(?<=\))\[\d{4}-\d\d-\d\d\]")


class Example:
    def __init__(self, command: str, shown: list[str]) -> None:
        self.command, self.shown = command, shown

    def __repr__(self) -> str:
        return f"$ {self.command}"


def examples() -> list[Example]:
    """Every command of the README's console blocks that reads the corpus (or a file one wrote), with
    the lines the README shows after it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[Example] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        lines = block.splitlines()
        n = 0
        while n < len(lines):
            if not lines[n].startswith("$ "):
                n += 1
                continue
            command = lines[n][2:]
            while command.endswith("\\"):
                n += 1
                command = command[:-1] + lines[n].strip()
            shown = []
            while n + 1 < len(lines) and not lines[n + 1].startswith("$ "):
                n += 1
                shown.append(lines[n])
            found.append(Example(re.sub(r"\s+#.*$", "", command).strip(), shown))
            n += 1
    return [e for e in found if "--corpus" in e.command or e.command.startswith("head ")]


def undated(lines: list[str]) -> list[str]:
    return [ACCESSED.sub("(accessed DAY)", line) for line in lines]


def test_the_readme_has_the_examples_the_issues_ask_for() -> None:
    commands = [e.command for e in examples()]
    for style in ("", " --style chicago", " --style gbt7714"):
        assert f"reportcli --corpus cite 2024-zh/68.6{style}" in commands
    assert any(c.startswith("reportcli --corpus cite 2024-en/") for c in commands)
    assert any(c.startswith("reportcli --corpus targets --indicator gdp-growth --year 1992..") for c in commands)


def test_every_corpus_example_prints_what_the_readme_shows(imported: tuple[Path, Any]) -> None:
    out, _ = imported
    written: dict[str, str] = {}  # a file an example wrote (> growth.csv): its text
    checked = 0
    for example in examples():
        command, _, into = example.command.partition(" > ")
        command, _, pipe = command.partition(" | ")
        words = shlex.split(command)
        if words[0] == "head":  # head -N FILE, of a file an earlier example wrote
            count, name = int(words[1].lstrip("-")), words[2]
            printed = written[name].splitlines()[:count]
        else:
            assert words[:2] == ["reportcli", "--corpus"], example
            result = run("--data", str(out), *words[2:])
            assert result.exit_code == 0, (example, result)
            printed = result.stdout.splitlines()
            if pipe:  # the one filter the README uses: the citation styles out of the JSON
                assert pipe == "jq -r '.[0].styles[]'", example
                printed = list(json.loads(result.stdout)[0]["styles"].values())
            if into:
                written[into.strip()] = result.stdout
                printed = []
        assert undated(printed) == undated(example.shown), example
        checked += 1
    assert checked >= 7
