#!/usr/bin/env bash
# Screenshots the run report of a training output directory with headless Chromium, to check it renders offline.
# Usage: bench/render-report.sh DIR [PNG [WIDTHxHEIGHT]]   (default PNG: DIR/report.png, size 1200x2400)
# Writes DIR/report.html first if it is missing. Needs Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:?usage: bench/render-report.sh DIR [PNG [WIDTHxHEIGHT]]}"
DIR="$(cd "$DIR" && pwd)"
PNG="${2:-$DIR/report.png}"
SIZE="${3:-1200x2400}"

BROWSER="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$BROWSER" ]; then
  echo "render-report: no chromium on PATH; on Debian: apt-get install -y chromium" >&2
  exit 2
fi
if [ ! -f "$DIR/report.html" ]; then
  "$ROOT/submit-scripts/embeddings" report --vectors "$DIR"
fi

PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
# No network, no sync, a throw-away profile: the page must render from the file alone.
"$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$PROFILE" --screenshot="$PNG" --window-size="${SIZE/x/,}" \
  "file://$DIR/report.html" 2>/dev/null
echo "render-report: wrote $PNG" >&2
