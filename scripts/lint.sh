#!/usr/bin/env bash
# Lint and type-check: ruff (pyflakes, pycodestyle, bugbear, pyupgrade) and mypy, as configured
# in pyproject.toml. Run by .ci/run before the tests; needs scripts/setup.sh's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m ruff check .
.venv/bin/python -m mypy
