#!/usr/bin/env bash
# Sets up (if needed) and starts the app on the embedded defaults. Extra arguments go to
# the app: --locale fr, --profile single_switch_autoscan, --data-dir DIR, --fullscreen ...
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found, starting the app on a virtual screen (Xvfb)"
  exec xvfb-run -a -s "-screen 0 1280x800x24 +extension GLX" .venv/bin/python -m app "$@"
fi
exec .venv/bin/python -m app "$@"
