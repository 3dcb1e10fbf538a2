"""The command line before Click reads it: global options moved in front of the command, wherever they
were typed (``reportcli search pension --data x.yaml``), and gh's ``--json FIELDS`` read as ``--json
--json-fields FIELDS``. Nothing after ``--`` is touched."""

from __future__ import annotations

import re

# global option -> whether it takes a value
GLOBAL_OPTIONS = {"--data": True, "--corpus": False, "--no-cache": False, "--csv-formulas": False, "--debug": False}
GLOBAL_OPTIONS |= {"--fields": True, "--no-pager": False, "--json-fields": True}
# what a list of fields looks like: names of letters, digits and underscores, separated by commas
FIELD_LIST = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)*")

# commands that take no argument: a word after their --json can only be meant as fields
WITHOUT_ARGUMENTS = frozenset({"themes", "figures", "targets", "reports", "about"})


def fields_after_json(argv: list[str]) -> list[str]:
    """``--json ref,text`` (or ``--json=ref,text``) as ``--json --json-fields ref,text``.

    As gh reads it, the word after --json is the list of fields whenever it is written like one
    (letters, digits, underscores and commas), whatever the command and whatever the word: ``search
    pension --json txt`` asks for a field ``txt``, which does not exist (exit 2, the fields listed),
    never for the word "txt" to be searched. A word no field could be named (养老金, a ref, "a
    phrase", an option) stays what it is. ``--json=`` with nothing after it asks for the fields."""
    found: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return found + argv[i:]
        if token.startswith("--json="):
            found += ["--json", "--json-fields", token.removeprefix("--json=")]
        elif token == "--json" and i + 1 < len(argv) and FIELD_LIST.fullmatch(argv[i + 1]):
            found += ["--json", "--json-fields", argv[i + 1]]
            i += 1
        else:
            found.append(token)
        i += 1
    return found


def globals_first(argv: list[str], commands: tuple[str, ...]) -> list[str]:
    """The global options typed after the command, moved before it (with their values)."""
    command = _command_index(argv, commands)
    if command is None:
        return argv
    moved: list[str] = []
    kept: list[str] = []
    i = command + 1
    while i < len(argv):
        token = argv[i]
        if token == "--":
            kept += argv[i:]
            break
        name = token.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if GLOBAL_OPTIONS[name] and "=" not in token and i + 1 == len(argv):
                # no value: Click is to say so, not take the command for the value
                return argv[:command] + moved + [token]
            moved.append(token)
            if GLOBAL_OPTIONS[name] and "=" not in token and i + 1 < len(argv):
                moved.append(argv[i + 1])
                i += 1
        else:
            kept.append(token)
        i += 1
    return argv[:command] + moved + argv[command : command + 1] + kept


def _command_index(argv: list[str], commands: tuple[str, ...]) -> int | None:
    return next((i for i, token in enumerate(argv) if token in commands and _is_word(argv, i)), None)


def _is_word(argv: list[str], i: int) -> bool:
    """Whether argv[i] stands where a command does: not the value of a global option before it."""
    if i == 0:
        return True
    before = argv[i - 1]
    return not (GLOBAL_OPTIONS.get(before))
