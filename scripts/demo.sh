#!/usr/bin/env bash
# Set up Dyad and run it on the bundled example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dyad demo "$@"
