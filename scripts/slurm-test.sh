#!/bin/bash
# A real single-node Slurm (Debian's slurm-wlm and munge, installed if missing, as root), started in a temp dir:
# the runtime's demo experiment (lib/runtime/demo-experiment.ts, PROFILE=quick) is submitted as a job array of
# shards into a shared RESULTS_DIR; then the same experiment run here must take every task from that cache
# (zero computed) and give the same table as a fresh local run. Every daemon it starts is stopped on exit.
# Bounded waits throughout; on failure it prints the Slurm logs. Env: SLURM_TEST_TIMEOUT (s, default 300),
# SLURM_TEST_PORT (slurmctld port, default 16817; slurmd uses +1), SHARDS (default 3), KEEP=1 keeps the temp dir.
# SWEEP_NOTEBOOK=NN (make slurm-local): instead of the demo, submit that notebook's task grids at $PROFILE into
# $RESULTS_DIR (default results/) as $SHARDS-shard job arrays on this throwaway cluster, wait for them (no time limit
# unless SLURM_TEST_TIMEOUT), and leave the filled cache for make report / execute-notebooks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
START=$SECONDS
TIMEOUT="${SLURM_TEST_TIMEOUT:-300}"
PORT="${SLURM_TEST_PORT:-16817}"
SHARDS="${SHARDS:-3}"
EXPERIMENT=lib/runtime/demo-experiment.ts
say() { echo "slurm-test: $*"; }
fail() { echo "slurm-test: FAILED: $*" >&2; show_logs; exit 1; }
show_logs() {
  [ -n "${T:-}" ] && [ -d "$T" ] || return 0
  for f in "$T"/slurmctld.log "$T"/slurmd.log "$T"/munged.log "$T"/results/slurm/*.out; do
    [ -f "$f" ] && { echo "----- $f (last 40 lines)" >&2; tail -n 40 "$f" >&2; }
  done
  return 0
}

# ---- install (root only)
need=()
for b in slurmctld slurmd sbatch squeue scontrol munged mungekey; do command -v "$b" >/dev/null 2>&1 || need+=("$b"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "slurm-test: missing ${need[*]}; as root: apt-get install slurm-wlm munge" >&2; exit 1; fi
  say "installing slurm-wlm and munge (missing: ${need[*]})"
  t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
  say "installed in $((SECONDS - t0)) s"
fi
[ "$(id -u)" = 0 ] || { echo "slurm-test: must run as root (SlurmUser=root, a one-node cluster in a temp dir)" >&2; exit 1; }

T="$(mktemp -d /tmp/slurm-test.XXXXXX)"
chmod 700 "$T"
PIDS=()
cleanup() {
  local rc=$?
  set +e
  if [ -n "${SLURM_CONF:-}" ] && [ ${#PIDS[@]} -gt 0 ]; then
    # cancel what is left and let slurmd end its job steps (bounded) before the daemons go
    timeout 10 scancel --quiet --user=root >/dev/null 2>&1
    for _ in $(seq 1 30); do [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 1 50); do
    alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break; sleep 0.1
  done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  # anything still holding a file in our temp dir was started by this test (job steps, their processes): end it
  for fd in /proc/[0-9]*/fd/*; do
    case "$(readlink "$fd" 2>/dev/null)" in "$T"/*) p="${fd#/proc/}"; p="${p%%/*}"; [ "$p" != $$ ] && [ "$p" != "$(cat "$T/munged.pid" 2>/dev/null)" ] && kill -9 "$p" 2>/dev/null;; esac
  done
  if [ -f "$T/munged.pid" ]; then
    mp="$(cat "$T/munged.pid")"; kill "$mp" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$mp" 2>/dev/null || break; sleep 0.1; done  # it writes its seed file on exit
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "slurm-test: kept $T"; else rm -rf "$T"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- munge: our own key, socket and daemon
mungekey --create --keyfile="$T/munge.key" >/dev/null 2>&1 || { dd if=/dev/urandom of="$T/munge.key" bs=1024 count=1 status=none; }
chmod 600 "$T/munge.key"
SOCK="$T/munge.socket"
munged --force --key-file="$T/munge.key" --socket="$SOCK" --pid-file="$T/munged.pid" --log-file="$T/munged.log" \
  --seed-file="$T/munged.seed" >/dev/null 2>&1 || fail "munged did not start"
for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
munge --socket="$SOCK" -n </dev/null | unmunge --socket="$SOCK" >/dev/null || fail "munge round trip failed"

# ---- slurm.conf: one node with this machine's CPUs and memory (as slurmd -C reports them)
HOST="$(hostname -s)"
NODELINE="$(slurmd -C | head -n 1)"
CPUS="$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$NODELINE")"
MEM="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$NODELINE")"
MEM=$((MEM * 9 / 10))
mkdir -p "$T/state" "$T/spool" "$T/results"
export SLURM_CONF="$T/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=sweeptest
SlurmctldHost=$HOST
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
MinJobAge=600
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=$([ -n "${SWEEP_NOTEBOOK:-}" ] && echo UNLIMITED || echo 30) State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >>"$T/slurmctld.log" 2>&1 & PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 & PIDS+=($!)
state=""
for _ in $(seq 1 60); do
  state="$(timeout 5 sinfo -h -o %T 2>/dev/null | head -n 1 || true)"
  [ "$state" = idle ] && break
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || fail "a Slurm daemon exited at start"; done
  sleep 0.5
done
[ "$state" = idle ] || fail "node not idle after 30 s (state '$state')"
say "slurmctld and slurmd up ($CPUS CPUs, ${MEM} MB) after $((SECONDS - START)) s"

# ---- make slurm-local: one notebook's grids through this cluster, into the caller's RESULTS_DIR
if [ -n "${SWEEP_NOTEBOOK:-}" ]; then
  export PROFILE="${PROFILE:-default}" RESULTS_DIR="${RESULTS_DIR:-$ROOT/results}" PROGRESS=lines
  mkdir -p "$RESULTS_DIR"
  out="$(timeout 600 npx tsx scripts/sweep.ts --notebook "$SWEEP_NOTEBOOK" --scheduler slurm --shards "$SHARDS" --jobs 1)" || fail "submission failed: $out"
  echo "$out"
  ids="$(sed -n 's/^.*submitted job array \([0-9]*\).* and collect job \([0-9]*\).*/\1 \2/p' <<<"$out" | tr '\n' ' ')"
  [ -n "${ids// /}" ] || fail "could not read the job ids from: $out"
  jobs_csv="$(tr -s ' ' ',' <<<"$ids" | sed 's/^,//; s/,$//')"
  limit="${SLURM_TEST_TIMEOUT:-0}"; t_sub=$SECONDS; last=0
  while [ -n "$(timeout 10 squeue -h -j "$jobs_csv" -o %i 2>/dev/null || echo unknown)" ]; do
    [ "$limit" = 0 ] || [ $((SECONDS - t_sub)) -lt "$limit" ] || { squeue >&2; fail "jobs still queued or running after ${limit} s"; }
    if [ $((SECONDS - last)) -ge 60 ]; then last=$SECONDS; say "$(timeout 10 squeue -h -j "$jobs_csv" -o '%i %T' 2>/dev/null | awk '{n[$2]++} END {for (k in n) printf "%s %d  ", k, n[k]}')· $(( (SECONDS - t_sub) / 60 )) min"; fi
    sleep 2
  done
  bad="$(for j in $ids; do timeout 10 scontrol -o show job "$j" 2>/dev/null; done | grep -v 'JobState=COMPLETED' | grep -o 'JobId=[0-9]* .*JobState=[A-Z_]*' | cut -c1-200 || true)"
  [ -z "$bad" ] || fail "jobs did not complete: $bad"
  say "notebook $SWEEP_NOTEBOOK at PROFILE=$PROFILE: every job array and collect job completed after $(( (SECONDS - t_sub) / 60 )) min; results in $RESULTS_DIR"
  exit 0
fi

# ---- submit the demo grid as $SHARDS shards (plus the collect job) into the shared RESULTS_DIR
export PROFILE=quick RESULTS_DIR="$T/results" PROGRESS=lines
out="$(timeout 180 npx tsx scripts/sweep.ts "$EXPERIMENT" --scheduler slurm --shards "$SHARDS" --jobs 1 --time 10)" || fail "submission failed: $out"
echo "$out"
ARRAY="$(sed -n 's/^.*submitted job array \([0-9]*\).*/\1/p' <<<"$out")"
COLLECT="$(sed -n 's/.* and collect job \([0-9]*\).*/\1/p' <<<"$out")"
[ -n "$ARRAY" ] && [ -n "$COLLECT" ] || fail "could not read the job ids from: $out"
deadline=$((SECONDS + TIMEOUT))
while [ -n "$(timeout 10 squeue -h -j "$ARRAY,$COLLECT" -o %i 2>/dev/null || echo unknown)" ]; do
  [ $SECONDS -lt $deadline ] || { squeue >&2; fail "jobs still queued or running after ${TIMEOUT} s"; }
  sleep 1
done
for j in $(seq 0 $((SHARDS - 1))); do
  info="$(timeout 10 scontrol -o show job "${ARRAY}_$j" 2>/dev/null || true)"
  grep -q 'JobState=COMPLETED' <<<"$info" && grep -q 'ExitCode=0:0' <<<"$info" \
    || fail "array task ${ARRAY}_$j did not complete: $(grep -o 'JobState=[A-Z_]* .*ExitCode=[0-9:]*' <<<"$info" | head -c 300)"
done
timeout 10 scontrol -o show job "$COLLECT" | grep -q 'JobState=COMPLETED' || fail "collect job $COLLECT did not complete"
[ -f "$T/results/demo-grid-v1.parquet" ] || fail "the collect job wrote no table"
say "job array $ARRAY ($SHARDS shards) and collect job $COLLECT completed after $((SECONDS - START)) s"

# ---- here, against the Slurm-filled cache: every task from the cache
cp "$T/results/demo-grid-v1.parquet" "$T/slurm.parquet"
timeout 180 npx tsx scripts/sweep.ts "$EXPERIMENT" --summary "$T/again.json" || fail "local rerun failed"
# ---- a fresh local run in its own cache
RESULTS_DIR="$T/fresh" timeout 300 npx tsx scripts/sweep.ts "$EXPERIMENT" --summary "$T/fresh.json" || fail "fresh local run failed"
node --require "$(node -p "require.resolve('tsx/cjs')")" -e "
  const pl = require('nodejs-polars');
  const again = require('$T/again.json')[0], fresh = require('$T/fresh.json')[0];
  if (again.computed !== 0 || again.cached !== again.tasks) { console.error('rerun computed', again.computed, 'of', again.tasks, 'tasks'); process.exit(1); }
  if (fresh.computed !== fresh.tasks) { console.error('fresh run took', fresh.cached, 'tasks from a cache'); process.exit(1); }
  const a = pl.readParquet('$T/slurm.parquet'), b = pl.readParquet('$T/results/demo-grid-v1.parquet'), c = pl.readParquet('$T/fresh/demo-grid-v1.parquet');
  if (!a.frameEqual(b, true)) { console.error('the table from the cache differs from the collect job table'); process.exit(1); }
  if (!b.frameEqual(c, true)) { console.error('Slurm table:\n' + b.toString() + '\nfresh local table:\n' + c.toString()); process.exit(1); }
  console.log('slurm-test: ' + again.tasks + ' tasks: rerun here computed 0 (all cached); table equal to a fresh local run (' + c.shape.height + ' rows)');
" || fail "comparison failed"
say "passed in $((SECONDS - START)) s"
