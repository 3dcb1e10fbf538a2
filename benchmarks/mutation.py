"""How well the tests hold the domain rules: one-line mutants of the rule modules, each run against the
tests of that rule; a mutant the tests still pass is a rule no test holds.

    .venv/bin/python benchmarks/mutation.py                       # this checkout, ~10 minutes
    .venv/bin/python benchmarks/mutation.py --without-corpus      # as a clean clone runs (no ../shared)
    .venv/bin/python benchmarks/mutation.py --root /tmp/old       # another checkout (an older commit)

Mutants are made from the syntax tree, deterministically: a comparison flipped (< and <=, == and !=,
in and not in), `and` for `or`, + for -, a number one more, a `not` dropped. Of every rule module's
sites, PER_MODULE evenly spaced ones are tried. Each mutant is written over the module (the original
is put back whatever happens) and the module's tests run with `-x`; a failing run kills it. Modules
and tests are named by concept with the paths they have had, so that an older layout is measured too.
Run by a person, never by the test suite; docs/DEVELOPMENT.md records the figures.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parents[1]
PER_MODULE = 4
TIMEOUT = 300

# concept -> (the module's paths, newest first; the tests that hold it, by their paths over time)
RULES: dict[str, tuple[list[str], list[str]]] = {
    "refs": (
        ["refs.py"],
        ["test_refs.py", "test_query.py", "test_reading.py", "test_official.py", "test_real_official.py"],
    ),
    "names and years": (
        ["scope.py", "query.py"],
        ["test_refs.py", "test_query.py", "test_reading.py", "test_finding.py"],
    ),
    "query parsing": (["search/parse.py", "search.py"], ["test_search.py", "test_finding.py"]),
    "matching": (["search/match.py"], ["test_search.py", "test_finding.py"]),
    "ranking": (["search/rank.py"], ["test_search.py", "test_finding.py"]),
    "alignment": (
        ["diff/align.py", "diff.py"],
        ["test_diff.py", "test_fixture_corpus.py", "test_trend.py", "test_real_trend.py"],
    ),
    "terms": (
        ["diff/terms.py", "reportdiff.py"],
        ["test_diff.py", "test_fixture_corpus.py", "test_trend.py", "test_real_trend.py"],
    ),
    "trend": (["search/trend.py", "trend.py"], ["test_trend.py", "test_fixture_corpus.py", "test_real_trend.py"]),
    "targets": (
        ["extract/targets.py", "targets.py"],
        ["test_targets.py", "test_trend.py", "test_fixture_corpus.py", "test_real_trend.py", "test_real_targets.py"],
    ),
    "sentences and parts": (
        ["importer/structure.py"],
        ["test_import.py", "test_corpus.py", "test_fixture_corpus.py", "test_real_import.py", "test_real_parts.py"],
    ),
    "cleaning": (
        ["importer/clean.py"],
        ["test_import.py", "test_corpus.py", "test_fixture_corpus.py", "test_real_import.py", "test_real_copies.py"],
    ),
}

FLIPS: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
}


class Site(NamedTuple):
    line: int
    what: str
    path: tuple[int, ...]  # where the node is: indices into ast.walk order
    operator: int  # which operator of a comparison


def sites(tree: ast.AST) -> list[Site]:
    """Every place a mutant can be made, inside functions only (not docstrings or module constants)."""
    found: list[Site] = []
    nodes = list(ast.walk(tree))
    inside: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(child) for child in ast.walk(node))
    for number, node in enumerate(nodes):
        if id(node) not in inside:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in FLIPS:
                    found.append(Site(line, f"{type(op).__name__} -> {FLIPS[type(op)].__name__}", (number,), i))
        elif isinstance(node, ast.BoolOp | ast.BinOp) and type(node.op) in FLIPS:
            found.append(Site(line, f"{type(node.op).__name__} -> {FLIPS[type(node.op)].__name__}", (number,), 0))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool)
        ):
            found.append(Site(line, f"{node.value!r} -> {node.value + 1!r}", (number,), 0))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            found.append(Site(line, "not dropped", (number,), 0))
    return found


def mutant(tree: ast.AST, site: Site) -> str:
    changed = copy.deepcopy(tree)
    node = list(ast.walk(changed))[site.path[0]]
    if isinstance(node, ast.Compare):
        node.ops[site.operator] = FLIPS[type(node.ops[site.operator])]()
    elif isinstance(node, ast.BoolOp | ast.BinOp):
        node.op = FLIPS[type(node.op)]()
    elif isinstance(node, ast.Constant) and (value := _number(node)) is not None:
        node.value = value + 1
    elif isinstance(node, ast.UnaryOp):
        parent = next(p for p in ast.walk(changed) for f, v in ast.iter_fields(p) if v is node or _holds(v, node))
        _replace(parent, node, node.operand)
    return ast.unparse(changed)


def _number(node: ast.AST) -> int | float | None:
    """A number written in the code (not True or False), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return node.value
    return None


def _holds(value: object, node: ast.AST) -> bool:
    return isinstance(value, list) and any(item is node for item in value)


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new


def chosen(all_sites: list[Site], count: int) -> list[Site]:
    if len(all_sites) <= count:
        return all_sites
    step = len(all_sites) / count
    return [all_sites[int(i * step + step / 2)] for i in range(count)]


def first_existing(root: Path, base: str, candidates: list[str]) -> Path | None:
    return next((root / base / c for c in candidates if (root / base / c).is_file()), None)


def run_tests(root: Path, tests: list[Path], env: dict[str, str]) -> bool:
    """Whether the tests pass (the mutant survives)."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *map(str, tests)]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return False  # a mutant that hangs the tests is caught
    return done.returncode == 0


def mutants(root: Path) -> Iterator[tuple[str, Path, list[Path], ast.AST, Site]]:
    for concept, (modules, tests) in RULES.items():
        module = first_existing(root, "src/reportcli", modules)
        found_tests = [
            path for t in tests for path in (root / "tests" / t, root / "tests" / "real" / t) if path.is_file()
        ]
        if module is None or not found_tests:
            print(f"  {concept}: not in this checkout", file=sys.stderr)
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for site in chosen(sites(tree), PER_MODULE):
            yield concept, module, found_tests, tree, site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="the checkout to mutate (default: this one)")
    parser.add_argument("--without-corpus", action="store_true", help="as a clean clone: no ../shared/corpus")
    args = parser.parse_args()
    root = args.root.resolve()
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    shared = HERE.parent / "shared"  # the published texts beside this checkout, wherever --root is
    env |= {
        "REPORTCLI_SHARED_CORPUS": str(shared / "corpus"),
        "REPORTCLI_SOURCE": str(shared / "seed" / "source-article.txt"),
    }
    if args.without_corpus:
        env |= {"REPORTCLI_SHARED_CORPUS": "/nonexistent", "REPORTCLI_SOURCE": "/nonexistent/source.txt"}
    started = time.monotonic()
    rows: list[tuple[str, str, bool]] = []
    for concept, module, tests, tree, site in mutants(root):
        original = module.read_text(encoding="utf-8")
        try:
            module.write_text(mutant(tree, site), encoding="utf-8")
            survived = run_tests(root, tests, env)
        finally:
            module.write_text(original, encoding="utf-8")
        where = f"{module.relative_to(root / 'src/reportcli')}:{site.line} {site.what}"
        rows.append((concept, where, survived))
        print(f"{'SURVIVED' if survived else 'killed  '}  {concept:20} {where}", flush=True)
    caught = sum(1 for *_, survived in rows if not survived)
    print(f"\n{caught} of {len(rows)} mutants caught ({time.monotonic() - started:.0f} s; root {root})")


if __name__ == "__main__":
    main()
