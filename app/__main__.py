"""``python -m app`` / ``citizencode``: start CitizenCode Access on the embedded defaults."""
from __future__ import annotations

import sys
from collections.abc import Sequence

ALREADY_RUNNING = 3  # exit status when another copy holds the data folder


def main(argv: Sequence[str] | None = None) -> int:
    from app.kivy_config import configure
    from app.options import parse_args
    from app.single_instance import AlreadyRunning, hold
    from app.storage.paths import data_dir
    options = parse_args(argv)
    try:
        lock = hold(data_dir(options.data_dir))  # held until this process ends, however
    except AlreadyRunning as error:
        message = _refusal(options.locale, error.folder)
        print(message, file=sys.stderr)
        configure(*options.size, fullscreen=False)
        from app.refusal import RefusalApp
        RefusalApp(message).run()  # the teacher sees why, not just nothing happening
        return ALREADY_RUNNING
    configure(*options.size, fullscreen=options.fullscreen)
    from app.kivy_app import CitizenCodeApp
    CitizenCodeApp(options).run()
    del lock
    return 0


def _refusal(locale: str | None, folder: object) -> str:
    """The teacher's message, in the language the game would have spoken."""
    from accessibility.translator import Translator
    from app.options import system_language
    from app.storage.notices import SECOND_COPY
    return Translator(locale or system_language()).t(SECOND_COPY, folder=str(folder))


if __name__ == "__main__":
    sys.exit(main())
