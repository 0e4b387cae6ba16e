# The two commands that matter:  make report  (render every notebook to reports/)
#                                make test    (type-check, unit tests, every notebook at PROFILE=quick, verdict stability, a real Slurm run)
# Everything else is a helper for these or for interactive work.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT        := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
JUPYTER     := /usr/bin/jupyter
PROFILE     ?= default
REPORT_DIR  ?= $(ROOT)/reports
PORT        ?= 8888
# Debian packages for real Jupyter (no pip registry here: Python tools come from Debian).
# g++ + libopenblas-dev: native/build.cjs compiles the OpenBLAS/LAPACK addon TF.js's matmuls and the dense eigen-solver use
# (without them everything runs on wasm / TypeScript).
APT_PKGS    := jupyter-nbconvert jupyter-client python3-nbclient jupyter-notebook python3-ipykernel g++ make libopenblas-dev
# make bench only: the PyTorch-CPU peer (Debian's python3-torch over the pthread OpenBLAS)
BENCH_APT_PKGS := python3-torch libopenblas0-pthread
export JUPYTER_PATH := $(ROOT)/env/jupyter

.PHONY: all report test stability claims-diff claims-snapshot setup setup-system setup-node typecheck unit check-notebooks notebooks-quick check-reports \
        notebook bench bench-setup clean clean-notebooks screenshots help

all: help

help:
	@echo "make report     execute every notebook (PROFILE=$(PROFILE)) and write the static site to reports/"
	@echo "make test       type-check, unit tests, output-free notebooks, every notebook at PROFILE=quick"
	@echo "make notebook   Jupyter server with the TypeScript (tslab) kernel, for interactive work"
	@echo "make bench      throughput benchmarks (matmul, training step, Monte Carlo, ...)"
	@echo "make clean-notebooks  strip outputs from notebooks/ before committing"
	@echo "make claims-diff BASE=<claims.json|git ref>  verdicts that changed between two builds"

# ---------------------------------------------------------------- setup
setup: setup-system setup-node

# Installs the Debian packages when missing (needs root, as on CI); otherwise says what to install.
setup-system bench-setup:
	@missing=""; for p in $(if $(filter bench-setup,$@),$(BENCH_APT_PKGS),$(APT_PKGS)); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing  (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# npm ci when node_modules is missing or older than the lock file; then check the install traps.
# The native addon is (re)built when its source changed; a failed build leaves the wasm routes (native/build.cjs).
setup-node: node_modules/.installed
	@node native/build.cjs

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	node -e "require('nodejs-polars'); require('vega'); require('vega-lite'); require('@tensorflow/tfjs-backend-wasm')" \
	  || { echo "a dependency failed to load (see lib/core/dependencies.test.ts)"; exit 1; }
	@touch $@

# ---------------------------------------------------------------- test
test: setup typecheck unit check-notebooks notebooks-quick check-reports stability resume-test slurm-test
	@echo "make test: all passed"

typecheck: setup-node
	npx tsc --noEmit -p tsconfig.json

unit: setup-node
	npx tsx --test $$(find lib scripts -name '*.test.ts' | sort)

check-notebooks:
	/usr/bin/python3 scripts/check-notebooks.py notebooks/*.ipynb
	/usr/bin/python3 scripts/check-references.py

# Every notebook at the quick profile, computed afresh (its own RESULTS_DIR, not the results/ cache); finishes all of them, then fails naming each failure.
notebooks-quick: setup
	rm -rf build/quick
	PROFILE=quick REPORT_DIR=$(ROOT)/build/quick/site RESULTS_DIR=$(ROOT)/build/quick/results bash scripts/execute-notebooks.sh build/quick/executed
	PROFILE=quick npx tsx scripts/build-site.ts build/quick/executed build/quick/site

# Reader's-view checks over every page and plot of the quick site (scripts/check-reports.ts): page weight, outside
# references, heat-map rects without both edges, axis/legend titles, legend order, long decimals in tables.
# Reports per page; --strict-all (the default here) fails on any finding, --strict only on the first three.
CHECK_SITE         ?= build/quick/site
CHECK_REPORTS_FLAGS ?= --strict-all
check-reports: setup-node
	npx tsx scripts/check-reports.ts $(CHECK_SITE) $(CHECK_REPORTS_FLAGS)

# Verdicts must not depend on the run: execute one notebook again at quick and require identical verdicts
# (it has the timing claims, the likeliest to flip). A fresh RESULTS_DIR: every task is recomputed, none read from the first run.
STABLE_NB ?= 00-thermodynamics
stability: notebooks-quick
	rm -rf build/quick/again
	PROFILE=quick REPORT_DIR=$(ROOT)/build/quick/again RESULTS_DIR=$(ROOT)/build/quick/again/results bash scripts/execute-notebooks.sh build/quick/again notebooks/$(STABLE_NB).ipynb
	npx tsx scripts/claims-diff.ts build/quick/site/claims/$(STABLE_NB).json build/quick/again/claims/$(STABLE_NB).json --verdicts-only --fail-on-change

# ---------------------------------------------------------------- report
# NOTEBOOK=04 (or "03 04") renders only those notebooks, e.g. the paper profile of the ones that fit:
#   make slurm-local NOTEBOOK=04 PROFILE=paper SHARDS=2 && make report NOTEBOOK=04 PROFILE=paper REPORT_DIR=reports-paper
REPORT_NOTEBOOKS = $(if $(filter-out all,$(NOTEBOOK)),$(foreach n,$(NOTEBOOK),$(wildcard notebooks/$(n)-*.ipynb)))
# The previous build's claims.json is kept (build/previous-claims.json): the index lists what changed.
report: setup
	mkdir -p build
	if [ -f "$(REPORT_DIR)/claims.json" ]; then cp "$(REPORT_DIR)/claims.json" build/previous-claims.json; fi
	rm -rf build/executed "$(REPORT_DIR)"
	mkdir -p "$(REPORT_DIR)"
	status=0; PROFILE=$(PROFILE) REPORT_DIR="$(REPORT_DIR)" bash scripts/execute-notebooks.sh build/executed $(REPORT_NOTEBOOKS) || status=$$?; \
	PROFILE=$(PROFILE) npx tsx scripts/build-site.ts build/executed "$(REPORT_DIR)" build/previous-claims.json; \
	echo "open $(REPORT_DIR)/index.html"; exit $$status

# What changed between two builds: BASE is a claims.json or a git ref (reads its ledger/claims.$(PROFILE).json);
# HEAD defaults to this build's reports/claims.json.
BASE ?= build/previous-claims.json
HEAD ?= $(REPORT_DIR)/claims.json
claims-diff: setup-node
	PROFILE=$(PROFILE) npx tsx scripts/claims-diff.ts "$(BASE)" "$(HEAD)"

# Commit this build's claims as the reviewed ledger (ledger/claims.$(PROFILE).json), for claims-diff BASE=<ref>.
claims-snapshot:
	mkdir -p ledger
	cp "$(REPORT_DIR)/claims.json" ledger/claims.$(PROFILE).json
	@echo "ledger/claims.$(PROFILE).json updated; commit it with the change it reviews"

# PNG snapshots of the report pages (needs Debian's chromium), for looking at what was rendered.
screenshots:
	bash scripts/screenshots.sh "$(REPORT_DIR)" build/screenshots

# ---------------------------------------------------------------- interactive
notebook: setup
	@echo "Jupyter with the tslab kernel; open the URL printed below (Ctrl-C stops the server)."
	$(JUPYTER) notebook --no-browser --ip=127.0.0.1 --port=$(PORT) --notebook-dir=$(ROOT)/notebooks --MappingKernelManager.default_kernel_name=tslab \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

clean-notebooks:
	/usr/bin/python3 scripts/check-notebooks.py --strip notebooks/*.ipynb

# ---------------------------------------------------------------- bench
# Every bench/*.bench.ts, then issue 14's table: this project before (NATIVE_BLAS=0 NATIVE_LAPACK=0) and after,
# side by side with the PyTorch peer when Debian's python3-torch imports (make bench-setup installs it); build/bench.json.
# BENCH_ONLY=compare runs the table alone; BENCH_REPEATS=n interleaved repeats (default 2).
bench: setup-node
	$(MAKE) --no-print-directory bench-setup || echo "bench: the PyTorch peer is left out (its Debian packages are not installed)"
	npx tsx bench/run.ts

clean:
	rm -rf build reports

# ---------------------------------------------------------------- sweeps (lib/runtime: experiments as task grids)
# make sweep NOTEBOOK=02|EXPERIMENT=<module> [SCHEDULER=local|slurm] [SHARDS=n] [PROFILE=…]   run (local) or submit (slurm) n shards into RESULTS_DIR
# make estimate [NOTEBOOK=02|EXPERIMENT="<module> …"] [PROFILE=…]   tasks and CPU-hours per profile (default: every notebook), from the cached tasks' measured times
# make slurm-test                                     a real one-node Slurm (Debian's slurm-wlm + munge, root) runs the demo grid
# Slurm: SLURM_PARTITION, SLURM_TIME (per array task, e.g. 4:00:00), SLURM_MEM (e.g. 8G), SLURM_CPUS (per array task = its JOBS),
# SBATCH_ARGS (more sbatch options, e.g. --account=abc); RESULTS_DIR must be on a filesystem every node shares.
.PHONY: sweep estimate slurm-test slurm-local resume-test
EXPERIMENT      ?=
NOTEBOOK        ?=
SCHEDULER       ?= local
SHARDS          ?= 1
RESULTS_DIR     ?= $(ROOT)/results
JOBS            ?=
SLURM_PARTITION ?=
SLURM_TIME      ?=
SLURM_MEM       ?=
SLURM_CPUS      ?= 1
SBATCH_ARGS     ?=

sweep: setup-node
	@case "$(SCHEDULER)" in local|slurm) ;; *) echo "SCHEDULER must be local or slurm, but got '$(SCHEDULER)'"; exit 2;; esac
	@if [ -z "$(EXPERIMENT)$(NOTEBOOK)" ]; then echo "make sweep needs NOTEBOOK=00..04|all or EXPERIMENT=<module> (e.g. lib/runtime/demo-experiment.ts)"; exit 2; fi
	PROFILE=$(PROFILE) RESULTS_DIR="$(RESULTS_DIR)" npx tsx scripts/sweep.ts $(EXPERIMENT) $(if $(NOTEBOOK),--notebook $(NOTEBOOK)) --shards $(SHARDS) \
	  $(if $(filter slurm,$(SCHEDULER)),--scheduler slurm --jobs $(SLURM_CPUS) \
	    $(if $(SLURM_PARTITION),--partition $(SLURM_PARTITION)) $(if $(SLURM_TIME),--time $(SLURM_TIME)) \
	    $(if $(SLURM_MEM),--mem $(SLURM_MEM)) $(foreach a,$(SBATCH_ARGS),--sbatch-arg $(a)),$(if $(JOBS),--jobs $(JOBS)))

estimate: setup-node
	PROFILE=$(PROFILE) RESULTS_DIR="$(RESULTS_DIR)" npx tsx scripts/sweep.ts $(EXPERIMENT) $(if $(NOTEBOOK),--notebook $(NOTEBOOK),$(if $(EXPERIMENT),,--notebook all)) --estimate

slurm-test: setup-node
	bash scripts/slurm-test.sh

# No cluster at hand: run a notebook's grids through a throwaway one-node Slurm on this machine (the same sbatch arrays
# make sweep SCHEDULER=slurm submits on a real cluster), e.g. make slurm-local NOTEBOOK=04 PROFILE=paper SHARDS=2.
slurm-local: setup-node
	@if [ -z "$(NOTEBOOK)" ]; then echo "make slurm-local needs NOTEBOOK=00..04"; exit 2; fi
	SWEEP_NOTEBOOK=$(NOTEBOOK) PROFILE=$(PROFILE) RESULTS_DIR="$(RESULTS_DIR)" SHARDS=$(SHARDS) SLURM_TEST_PORT=16827 bash scripts/slurm-test.sh

# Kill a notebook run mid-way (Jupyter, kernel and workers) and run it again: finished tasks come from the cache.
resume-test: setup
	bash scripts/resume-test.sh
