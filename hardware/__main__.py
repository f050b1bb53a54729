"""``python -m hardware list [--json]``: the switch devices plugged in and their profiles.
``python -m hardware profiles [--json] [--directory DIR]``: the known profiles and the control
ids they give; a bad profile file is skipped and said (exit 1)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hardware.device_profiles import PROFILES_DIR, ProfileFileError, load_profiles
from hardware.discovery import discover


def _list(as_json: bool) -> int:
    found = discover()
    if as_json:
        print(json.dumps([f.to_json() for f in found], indent=2))
        return 0
    if not found:
        print("No serial ports and no input devices found.")
        return 0
    for f in found:
        profile = f"{f.source} (profile {f.profile}, matched by {f.matched_by})" if f.profile \
            else "no profile (choose one by hand)"
        access = "" if f.readable else "  [no permission: see hardware/README.md]"
        print(f"{f.kind:6} {f.device:22} {f.usb or '-':9}  {f.name or '?'}\n"
              f"       -> {profile}{access}")
    return 0


def _profiles(as_json: bool, directory: Path = PROFILES_DIR) -> int:
    problems: list[ProfileFileError] = []
    profiles = load_profiles(directory, problems)
    for problem in problems:
        print(f"hardware: bad profile file skipped: {problem}", file=sys.stderr)
    if as_json:
        print(json.dumps([{"id": p.id, "name": p.name, "kind": p.kind, "source": p.source,
                           "usb": [str(u) for u in p.usb + p.usb_generic],
                           "controls": p.control_ids(),
                           "roles": {r: list(c) for r, c in p.roles.items()}}
                          for p in profiles], indent=2))
        return 1 if problems else 0
    for p in profiles:
        roles = ", ".join(f"{role}={'/'.join(c)}" for role, c in p.roles.items()) or "-"
        print(f"{p.id:26} {p.source:34} {p.name}\n{'':26} controls: "
              f"{' '.join(p.controls) or 'any key'}; roles: {roles}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hardware",
                                     description="Find switch devices and their profiles.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("list", "devices plugged in now"), ("profiles", "known device profiles")):
        command = sub.add_parser(name, help=text)
        command.add_argument("--json", action="store_true", help="print JSON")
        command.add_argument("--directory", type=Path, default=PROFILES_DIR,
                             help="the profile files to use (to check new ones)")
    args = parser.parse_args(argv)
    try:
        return _list(args.json) if args.command == "list" \
            else _profiles(args.json, args.directory)
    except ProfileFileError as exc:
        print(f"hardware: bad profile file: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
