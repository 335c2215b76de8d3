#!/usr/bin/env bash
# Set up Dyad with its test dependencies, lint, type-check src/, then run the tests.
#   bash scripts/test.sh            everything, as CI runs it (CI=true: the quality gate must run)
#   bash scripts/test.sh --fast     lint, mypy and the unit tests only (no model, browser, Spark,
#                                   slow or quality tests); about a minute
# Any other arguments go to pytest: bash scripts/test.sh -k store, bash scripts/test.sh --fast -x
set -euo pipefail
cd "$(dirname "$0")/.."
fast=()
if [ "${1:-}" = "--fast" ]; then
  shift
  fast=(-m "not model and not browser and not spark and not slow and not quality")
else
  bash scripts/system-packages.sh  # Chromium and Java: only the browser and Spark tests need them
fi
bash scripts/setup.sh "[dev]"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/python -m mypy src
.venv/bin/python -m pytest "${fast[@]}" "$@"
