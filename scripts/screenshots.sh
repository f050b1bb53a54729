#!/usr/bin/env bash
# Takes the README's screenshots from the real app (docs/screenshots/), on Xvfb if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -z "${DISPLAY:-}" ]; then  # big enough for the 4K screenshots of --matrix
  exec xvfb-run -a -s "-screen 0 3840x2160x24 +extension GLX" .venv/bin/python -m tests.support.screenshots "$@"
fi
exec .venv/bin/python -m tests.support.screenshots "$@"
