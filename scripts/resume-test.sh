#!/usr/bin/env bash
# Interrupt a notebook run mid-way (SIGKILL to Jupyter, the kernel and the runtime's workers, as Ctrl-C,
# the OOM killer or a reboot would) and run it again: the rerun must take every finished task from the
# cache, compute only the rest, and return the full table. Runs the same path as `make report`:
# scripts/execute-notebooks.sh → real Jupyter → tslab kernel → lib/runtime workers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail() { echo "resume test FAILED: $*" >&2; exit 1; }
export RESULTS_DIR="$T/results" FIXTURE_LOG="$T/computations.log" JOBS=2 PROFILE=quick
N=24
/usr/bin/python3 - "$T/resume.ipynb" "$N" <<'PY'
import json, sys
cells = [
  "import { runExperiment } from './lib/runtime/index';\nimport { fixtureExperiment } from './lib/runtime/fixture-tasks';",
  f"const r = await runExperiment(fixtureExperiment('resume-fixture', {sys.argv[2]}, 700));\n"
  "console.log('RESULT ' + JSON.stringify({ tasks: r.tasks, computed: r.computed, cached: r.cached, rows: r.table.shape.height }));",
]
nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None} for c in cells],
      "metadata": {"kernelspec": {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}}, "nbformat": 4, "nbformat_minor": 5}
json.dump(nb, open(sys.argv[1], "w"))
PY
entries() { find "$RESULTS_DIR" -type f -path '*resume-fixture*' ! -name '*.tmp*' ! -name '*.parquet' ! -name '*.json.*' 2>/dev/null | wc -l; }
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }

# 1. start, wait until some tasks are cached, kill the whole process tree
bash scripts/execute-notebooks.sh "$T/first" "$T/resume.ipynb" > "$T/first.log" 2>&1 &
runner=$!
for _ in $(seq 1 600); do
  [ "$(entries)" -ge 4 ] && break
  kill -0 "$runner" 2>/dev/null || fail "the first run ended before it could be interrupted: $(cat "$T/first.log")"
  sleep 0.2
done
[ "$(entries)" -ge 4 ] || fail "no task finished within 120 s: $(tail -20 "$T/first.log")"
pids="$runner $(descendants "$runner")"
kill -9 $pids 2>/dev/null || true
wait "$runner" 2>/dev/null || true
sleep 1
before=$(entries)
[ "$before" -lt "$N" ] || fail "all $N tasks had finished before the kill (make the tasks longer)"
echo "killed the notebook run after $before of $N tasks were cached"

# 2. run again: finished tasks come from the cache, the rest are computed, the table is complete
bash scripts/execute-notebooks.sh "$T/again" "$T/resume.ipynb" > "$T/again.log" 2>&1 || fail "the rerun failed: $(tail -30 "$T/again.log")"
line=$(/usr/bin/python3 -c "
import json,sys
nb=json.load(open(sys.argv[1]))
for c in nb['cells']:
  for o in c.get('outputs',[]):
    t=''.join(o.get('text',''))
    for l in t.splitlines():
      if l.startswith('RESULT '): print(l[7:])
" "$T/again/resume.ipynb")
[ -n "$line" ] || fail "the rerun printed no RESULT line"
read -r tasks computed cached rows < <(echo "$line" | /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print(r['tasks'], r['computed'], r['cached'], r['rows'])")
echo "rerun: $tasks tasks, $cached from the cache, $computed computed, $rows rows"
[ "$tasks" = "$N" ] && [ "$rows" = "$N" ] || fail "expected $N tasks and rows, got $tasks tasks, $rows rows"
[ "$cached" -ge "$before" ] || fail "the rerun took $cached tasks from the cache, but $before were cached before it"
[ $((cached + computed)) = "$N" ] || fail "cached $cached + computed $computed != $N"
total=$(wc -l < "$FIXTURE_LOG")
# each task computes once; a task killed between its computation and its cache write may compute twice (at most JOBS of them)
[ "$total" -le $((N + JOBS)) ] || fail "$total computations for $N tasks: finished tasks were recomputed"
echo "resume test passed: interrupted after $before/$N tasks, resumed with $computed computed ($total computations in all)"
