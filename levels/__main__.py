"""Command line for level authors and teachers.

    python -m levels check [PATH ...] [--json] [--locale fr]
    python -m levels run LEVEL --program FILE.py

``check`` validates every pack (or the given files and folders), runs each reference
solution and exits 1 if anything is wrong, listing every problem (file, level, field,
what to fix). ``run`` runs a learner's Python against a level (an id or a level file)
and prints the outcome as JSON; a bad program or level exits 2 with the reason.
Messages come from the i18n files (this entry point is the one place in ``levels`` that
reads them, through the app's translator).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from levels.editor import EditError, Editor
from levels.interpreter import run_program
from levels.level import LevelError, LevelProblem, load_level
from levels.packs import PACKS_DIR, load_packs
from levels.python_parser import MAX_TEXT, PythonError, parse_python
from levels.safe_yaml import SafeLoadError, read_text
from levels.validator import check


def _translator(locale: str) -> Any:
    from accessibility.translator import Translator
    return Translator(locale)


def _say(translator: Any, key: str, params: dict[str, object]) -> str:
    return str(translator.t(key, **params))


def _problem_line(translator: Any, problem: LevelProblem) -> str:
    where = f"{problem.file} [{problem.level}] {problem.field}"
    return f"{where}: {_say(translator, problem.key, dict(problem.params))}"


def _expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.rglob("*.yml")) if path.is_dir() else [path])
    return files


def cmd_check(args: argparse.Namespace) -> int:
    translator = _translator(args.locale)
    report = check(_expand(args.paths) if args.paths else None, has_text=translator.has_all)
    if args.json:
        print(json.dumps({**report.summary(), "errors": [
            {"file": p.file, "level": p.level, "field": p.field, "key": p.key,
             "message": _say(translator, p.key, dict(p.params))} for p in report.problems]},
            indent=None if not sys.stdout.isatty() else 2))
    else:
        for problem in report.problems:
            print(_problem_line(translator, problem))
        summary = report.summary()
        print(f"{summary['levels']} levels {summary['tracks']}: "
              f"{'all good' if report.ok else str(len(report.problems)) + ' problem(s)'}")
    return 0 if report.ok else 1


def cmd_run(args: argparse.Namespace) -> int:
    translator = _translator(args.locale)
    try:
        if args.level.endswith((".yml", ".yaml")) or Path(args.level).exists():
            level = load_level(Path(args.level))
        else:
            found = load_packs(PACKS_DIR).level(args.level)
            if found is None:
                print(_say(translator, "levels.error.no_such_level", {"level": args.level}),
                      file=sys.stderr)
                return 2
            level = found
    except LevelError as error:
        for problem in error.problems:
            print(_problem_line(translator, problem), file=sys.stderr)
        return 2
    try:
        blocks = parse_python(read_text(Path(args.program), max_bytes=4 * MAX_TEXT))
        Editor(level.palette, max_blocks=level.max_blocks).load(blocks)  # the app's rules
    except SafeLoadError as error:
        print(f"{args.program}: {_say(translator, error.key, error.params)}", file=sys.stderr)
        return 2
    except PythonError as error:
        for bad in error.problems:
            where = _say(translator, "python.where", {"line": bad.line,
                                                      "column": bad.column})
            print(f"{args.program}: {where}: {_say(translator, bad.key, bad.params)}",
                  file=sys.stderr)
        return 2
    except EditError as error:
        print(f"{args.program}: {_say(translator, error.key, error.params)}", file=sys.stderr)
        return 2
    _, outcome = run_program(level.world, blocks, max_steps=level.max_steps, par=level.par)
    print(json.dumps(outcome.as_dict()))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m levels", description=__doc__.split("\n")[0])
    parser.add_argument("--locale", default="en", help="language of the messages")
    sub = parser.add_subparsers(dest="command", required=True)
    checking = sub.add_parser("check", help="validate level packs and their solutions")
    checking.add_argument("paths", nargs="*", help="level files or folders (default: all packs)")
    checking.add_argument("--json", action="store_true", help="print a JSON summary")
    running = sub.add_parser("run", help="run a Python program against a level")
    running.add_argument("level", help="a level id or a level YAML file")
    running.add_argument("--program", required=True, help="a Python file in the game's subset")
    args = parser.parse_args(argv)
    return {"check": cmd_check, "run": cmd_run}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
