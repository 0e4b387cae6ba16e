#!/usr/bin/env bash
# PNG snapshots of every page of a built report site, with Debian's headless chromium,
# so a reviewer can look at what was rendered.  Usage: scripts/screenshots.sh SITE_DIR OUT_DIR
set -euo pipefail
site="$1"; out="$2"
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "chromium not found (apt-get install chromium)"; exit 1; }
mkdir -p "$out"
for page in "$site"/*.html; do
  name="$(basename "$page" .html)"
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --hide-scrollbars --window-size=1200,${HEIGHT:-2400} --screenshot="$out/$name.png" "file://$(realpath "$page")" >/dev/null 2>&1
  echo "$out/$name.png"
done
