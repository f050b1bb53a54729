"""``python -m app`` / ``citizencode``: start CitizenCode Access on the embedded defaults."""
from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.kivy_config import configure
    from app.options import parse_args
    options = parse_args(argv)
    configure(*options.size, fullscreen=options.fullscreen)
    from app.kivy_app import CitizenCodeApp
    CitizenCodeApp(options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
