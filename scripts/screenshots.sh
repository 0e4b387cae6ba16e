#!/usr/bin/env bash
# PNG snapshots of every page of a built report site, with Debian's headless chromium,
# so a reviewer can look at what was rendered.  Usage: scripts/screenshots.sh SITE_DIR OUT_DIR
set -euo pipefail
site="$1"; out="$2"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ] && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's chromium"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
  browser="$(command -v chromium || true)"
fi
[ -n "$browser" ] || { echo "chromium not found (as root: apt-get install chromium)"; exit 1; }
mkdir -p "$out"
for page in "$site"/*.html "$site"/derivations/*.html; do
  [ -f "$page" ] || continue
  name="$(basename "$(dirname "$page")")-$(basename "$page" .html)"; name="${name#$(basename "$site")-}"
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --hide-scrollbars --window-size=1200,${HEIGHT:-2400} --screenshot="$out/$name.png" "file://$(realpath "$page")" >/dev/null 2>&1
  echo "$out/$name.png"
done
