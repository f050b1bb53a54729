#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite. The app tests need a screen: with no
# DISPLAY, the suite runs on a virtual one (Xvfb with Mesa's software OpenGL).
# It runs on every core (pytest-xdist, each worker with its own app window); a worker that
# runs dry takes queued tests from a busy one, so the long window tests do not leave a core
# idle at the end. `-n 0` runs it in one process (for -s, --pdb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PYTHONDONTWRITEBYTECODE=1
PARALLEL=(-n auto --maxprocesses 4 --dist worksteal)
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24 +extension GLX" .venv/bin/python -m pytest "${PARALLEL[@]}" "$@"
fi
exec .venv/bin/python -m pytest "${PARALLEL[@]}" "$@"
