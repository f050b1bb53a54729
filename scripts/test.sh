#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite. The app tests need a screen: with no
# DISPLAY, the suite runs on a virtual one (Xvfb with Mesa's software OpenGL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PYTHONDONTWRITEBYTECODE=1
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24 +extension GLX" .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest "$@"
