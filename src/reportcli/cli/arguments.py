"""The command line before Click reads it: global options moved in front of the command, wherever they
were typed (``reportcli search pension --data x.yaml``), and gh's ``--json FIELDS`` read as ``--json
--fields FIELDS``. Nothing after ``--`` is touched."""

from __future__ import annotations

import re

# global option -> whether it takes a value
GLOBAL_OPTIONS = {"--data": True, "--corpus": False, "--no-cache": False, "--csv-formulas": False, "--debug": False}
GLOBAL_OPTIONS |= {"--fields": True, "--no-pager": False}
_FIELD_LIST = re.compile(r"[a-z_]+(?:,[a-z_]+)*")


def known_fields() -> set[str]:
    from reportcli.render.columns import COLUMNS

    return {header for columns in COLUMNS.values() for header, _ in columns} | {"score", "label", "kind", "theme"}


# commands that take no argument: a word after their --json can only be a field list
WITHOUT_ARGUMENTS = frozenset({"themes", "figures", "targets", "reports"})


def fields_after_json(argv: list[str], commands: tuple[str, ...]) -> list[str]:
    """``--json ref,text`` (or ``--json=ref,text``) as ``--json --fields ref,text``: the word after
    --json is a field list when it has commas, is one known field name, or follows a command that
    takes no argument (so that ``figures --json nope`` lists the fields rather than failing)."""
    command = _command_index(argv, commands)
    anything = command is not None and argv[command] in WITHOUT_ARGUMENTS
    found: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return found + argv[i:]
        if token.startswith("--json="):
            found += ["--json", "--fields", token.removeprefix("--json=")]
        elif token == "--json" and i + 1 < len(argv) and _fields(argv[i + 1], anything):
            found += ["--json", "--fields", argv[i + 1]]
            i += 1
        else:
            found.append(token)
        i += 1
    return found


def _fields(token: str, anything: bool) -> bool:
    return bool(_FIELD_LIST.fullmatch(token)) and (anything or "," in token or token in known_fields())


def json_word_as_fields(argv: list[str], problem: str) -> list[str] | None:
    """When Click found one unexpected argument and it is the word after --json (``show ecology --json
    nope``), the command line with that word read as fields, so that the field check can list the
    valid ones; else None."""
    extra = re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((\S+)\)", problem)
    if not extra:
        return None
    for i, token in enumerate(argv[:-1]):
        if token == "--":
            return None
        if token == "--json" and argv[i + 1] == extra.group(1) and _FIELD_LIST.fullmatch(argv[i + 1]):
            return [*argv[:i], "--json", "--fields", *argv[i + 1 :]]
    return None


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
