"""What python-for-android starts (buildozer.spec): the app, as ``python -m app`` does.

On a desktop use ``python -m app`` (or ``scripts/run.sh`` on Debian); a tablet's launcher
passes no options, so the embedded defaults apply.
"""
from __future__ import annotations

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main([]))
