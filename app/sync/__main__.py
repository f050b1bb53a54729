"""Classroom sync from a terminal, for the teacher or the school's IT (same rules as the game).

    python -m app.sync status
    python -m app.sync on --endpoint https://lrs.school.example/xAPI --username class5b
    python -m app.sync send
    python -m app.sync off

The password is asked for (or read from stdin with ``--password-stdin``), never taken from
the command line, where other users of the machine could read it.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from accessibility.message import Message
from accessibility.translator import Translator
from app.options import system_language
from app.storage.paths import database_path
from app.storage.store import ProgressStore
from app.sync.sender import Outcome, Round, Sender
from app.sync.settings import sync_presenter, sync_status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.sync",
                                     description="Send learning statements to the school's LRS.")
    parser.add_argument("command", choices=("status", "on", "off", "send"))
    parser.add_argument("--endpoint", default=None, help="the LRS's xAPI address")
    parser.add_argument("--username", default=None)
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the progress folder, if not the default")
    parser.add_argument("--locale", default=None, help="language of the messages")
    return parser


def main(argv: list[str] | None = None, say: Callable[[str], None] = print) -> int:
    args = _parser().parse_args(argv)
    t = Translator(args.locale or system_language()).t
    said: list[str] = []

    def tell(message: Message) -> None:
        said.append(message.key)
        say(t(message.key, **message.params))

    with ProgressStore(database_path(args.data_dir)) as store:
        last: Round | None = None
        presenter = sync_presenter(store, wake=lambda: None, on_message=tell)
        if args.command == "off" and presenter.form.enabled:
            presenter.toggle()
        elif args.command == "on":
            form = presenter.form
            password = None
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
            elif args.username is not None or not form.password:
                password = getpass.getpass(t("sync.settings.password") + ": ")
            if not presenter.set_address(args.endpoint or form.endpoint,
                                         args.username if args.username is not None
                                         else form.username, password):
                return 2
            if not presenter.form.enabled:
                presenter.toggle()
        elif args.command == "send":
            last = Sender(store.path).run()
        if said:
            return 2
        key, params = sync_status(store, last)
        say(t(key, **params))
        return 1 if last is not None and last.outcome not in (Outcome.DONE, Outcome.OFF) else 0


if __name__ == "__main__":
    sys.exit(main())
