#!/usr/bin/env bash
# Execute notebooks with real Jupyter (nbconvert) on the repo's tslab kernel.
# Usage: scripts/execute-notebooks.sh OUTDIR [NOTEBOOK…]   (PROFILE=quick|default|paper)
# Runs every notebook even when one fails (NB_JOBS at a time, default every core), then exits non-zero naming each failure.
# Writes OUTDIR/<name>.ipynb (executed) and OUTDIR/<name>.time (wall seconds).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; shift
mkdir -p "$out"
export JUPYTER_PATH="$root/env/jupyter" PROFILE="${PROFILE:-default}" REPORT_DIR="${REPORT_DIR:-$root/reports}"
# PROGRESS=lines: the runtime prints plain progress lines (nbclient would save every live redraw as an output)
export PROGRESS="${PROGRESS:-lines}" TZ=UTC NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=8192}"
nbs=("$@"); [ ${#nbs[@]} -gt 0 ] || nbs=("$root"/notebooks/*.ipynb)
# Longest first (so the last one to start is a short one): order by the longest wall time this profile took
# with the notebook's current code (build/notebook-times/: the time and a hash of the notebook and its
# lib/experiments folder). Keeping the longest matters: a run from a warm result cache takes seconds and
# would otherwise put a notebook that costs an hour cold at the end. Unknown: the default-profile times below.
times_dir="$root/build/notebook-times/$PROFILE"
mkdir -p "$times_dir"
declare -A known=([01-activation-survey]=2395 [03-meanfield-swish-hessian]=1644 [02-repu-effective-theory]=670 [00-thermodynamics]=343 [04-ising-neuron]=126)
if [ ${#nbs[@]} -gt 1 ]; then
  mapfile -t nbs < <(for nb in "${nbs[@]}"; do
    name="$(basename "$nb" .ipynb)"; t="${known[$name]:-0}"
    [ -s "$times_dir/$name.time" ] && t="$(cat "$times_dir/$name.time")"
    printf '%s\t%s\n' "$t" "$nb"
  done | sort -t$'\t' -k1,1 -g -r | cut -f2-)
fi
timeout_cell="${CELL_TIMEOUT:-1800}"
# Notebooks run in parallel, one kernel each: NB_JOBS at a time (default: every core).
jobs="${NB_JOBS:-$(nproc)}"
case "$jobs" in ''|*[!0-9]*|0) echo "NB_JOBS must be a positive integer, but got '$jobs'" >&2; exit 2;; esac
# The code a notebook's time depends on: the notebook and its experiments folder (notebooks/catalogue.json).
code_hash() {
  local nb="$1" dir
  dir="$(/usr/bin/python3 -c 'import json,sys; print(next((c.get("experiments","") for c in json.load(open(sys.argv[1])) if c["file"]==sys.argv[2]),""))' "$root/notebooks/catalogue.json" "$(basename "$nb")" 2>/dev/null)"
  { cat "$nb"; [ -n "$dir" ] && [ -d "$root/$dir" ] && find "$root/$dir" -type f -name '*.ts' ! -name '*.test.ts' -print0 | sort -z | xargs -0 cat; } | sha1sum | cut -c1-16
}
# Remember the longest wall time seen for this code (a new code hash starts afresh).
record_time() {
  local nb="$1" name="$2" wall="$3" hash old
  hash="$(code_hash "$nb")"
  if [ -s "$times_dir/$name.time" ] && [ "$(cat "$times_dir/$name.hash" 2>/dev/null)" = "$hash" ]; then
    old="$(cat "$times_dir/$name.time")"
    wall="$(awk -v a="$old" -v b="$wall" 'BEGIN{print (a > b) ? a : b}')"
  fi
  echo "$wall" > "$times_dir/$name.time"; echo "$hash" > "$times_dir/$name.hash"
}
run_one() {
  local nb="$1" name start end wall
  name="$(basename "$nb" .ipynb)"
  echo "== executing $name (PROFILE=$PROFILE)"
  start=$(date +%s%N)
  if /usr/bin/python3 "$root/scripts/run-notebook.py" "$nb" "$out/$name.ipynb" "$timeout_cell" > "$out/$name.log" 2>&1; then
    end=$(date +%s%N); wall=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", (b-a)/1e9}')
    echo "$wall" > "$out/$name.time"
    record_time "$nb" "$name" "$wall"
    echo "   $name ok in ${wall}s"
  else
    end=$(date +%s%N); wall=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", (b-a)/1e9}')
    echo "$wall" > "$out/$name.time"
    echo failed > "$out/$name.status"
    mv "$out/$name.ipynb" "$out/$name.failed.ipynb" 2>/dev/null || true
    { echo "   $name FAILED after ${wall}s (partial notebook: $out/$name.failed.ipynb)"
      grep -v "^\[\|^$" "$out/$name.log" | tail -40 | sed 's/^/   | /'; } 
  fi
}
rm -f "$out"/*.status
t0=$(date +%s)
for nb in "${nbs[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_one "$nb" &
done
wait
failed=()
for nb in "${nbs[@]}"; do name="$(basename "$nb" .ipynb)"; [ -f "$out/$name.status" ] && failed+=("$name"); done
echo "wall time for ${#nbs[@]} notebooks with NB_JOBS=$jobs (longest first: ${nbs[*]##*/}): $(( $(date +%s) - t0 )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks failed: ${failed[*]}"
  exit 1
fi
echo "all ${#nbs[@]} notebooks executed"
