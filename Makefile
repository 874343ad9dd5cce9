# Groundswell: `make run` serves a demo campaign on http://127.0.0.1:8080; `make test` is what CI runs.

SWIFT       ?= swift
DATA        ?= data
DB          ?= $(DATA)/groundswell.sqlite
BIN_DIR     := .build/release
BIN         := $(BIN_DIR)/groundswell
PYTHON      ?= python3
VENV        := .build/venv
VENV_PYTHON := $(VENV)/bin/python

.PHONY: run build deps test-deps test test-swift test-reliability test-privacy test-mail test-browser bench fuzz drill clean

## `$(call apt_install,PACKAGES)`: installs those of the Debian packages that are missing, as root or through sudo.
apt_install = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## The system libraries the server builds against: SQLite, zlib, and libcurl for SMTP.
deps:
	@$(call apt_install,libsqlite3-dev zlib1g-dev libcurl4-openssl-dev)

## What the test suites need beyond the toolchain: headless Chromium and its driver (browser suite),
## slowhttptest and a C compiler (reliability suite), openssl (the mail suite makes its relay's certificate),
## and the pinned Python packages in $(VENV).
test-deps: deps $(VENV)/installed
	@$(call apt_install,chromium chromium-driver slowhttptest gcc openssl)

## The virtual environment, rebuilt when a pin changes (python3-venv is Debian's ensurepip).
$(VENV)/installed: Tests/requirements.txt Tests/requirements-axe.txt
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { $(call apt_install,python3 python3-venv); }
	$(PYTHON) -m venv $(VENV)
	$(VENV_PYTHON) -m pip install -q --disable-pip-version-check -r Tests/requirements.txt
	$(VENV_PYTHON) -m pip install -q --disable-pip-version-check --no-deps --ignore-requires-python \
		-r Tests/requirements-axe.txt
	@touch $@

build: deps
	$(SWIFT) build -c release --product groundswell

## Build, create the database, load the demo campaign into an empty one, serve.
run: build
	@mkdir -p $(DATA)
	@if [ ! -s $(DB) ]; then $(BIN) demo --db $(DB) --migrations Migrations; fi
	$(BIN) serve --host 127.0.0.1 --port 8080 --db $(DB) --public Public --migrations Migrations --mail-preview

## Everything CI runs: the Swift suites, then the browser tests against the release binary.
test: test-deps test-swift test-reliability test-privacy test-mail test-browser

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The real server killed with SIGKILL under load and restarted: nothing acknowledged may be lost.
test-reliability: test-deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(VENV_PYTHON) -m pytest -q Tests/Reliability

## The adversarial privacy suite (PRIVACY.md): insiders with the database, the invitation list, exports and events.
test-privacy: test-deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(VENV_PYTHON) -m pytest -q Tests/Privacy

## Mail through a real relay (aiosmtpd, STARTTLS on an openssl-made certificate, AUTH): invitations, crashes, outages.
test-mail: test-deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(VENV_PYTHON) -m pytest -q Tests/Mail

## The browser suite drives the debug binary `test-swift` built, to spare CI a second (release) build.
test-browser: test-deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(VENV_PYTHON) -m pytest -q Tests/Browser

## Load tests (issue 9), not part of `make test`: seeds (cached in .build/bench/), wrk and nginx,
## a Markdown table in Benchmarks/results/. BENCH_DURATION (s per workload) and BENCH_SIZES override.
## Then the coding queue at 10,000 items (issue 20): two teams of two claiming and saving pages, percentiles printed.
bench: build
	@$(call apt_install,wrk nginx)
	PATH="$$PATH:/usr/sbin" $(PYTHON) Benchmarks/run.py
	$(PYTHON) Benchmarks/coding_queue.py

## The restore drill (issue 25), not part of `make test`: the server serves under load while Litestream replicates,
## the database is destroyed and restored; prints RPO and RTO. The release binary by default (CI runs the debug one).
DRILL_BUILD   ?= release
DRILL_SECONDS ?= 20
DRILL_WRITERS ?= 4
drill: deps $(VENV)/installed
	$(SWIFT) build -c $(DRILL_BUILD) --product groundswell
	GROUNDSWELL_BIN=.build/$(DRILL_BUILD)/groundswell DRILL_SECONDS=$(DRILL_SECONDS) DRILL_WRITERS=$(DRILL_WRITERS) \
		$(VENV_PYTHON) Tests/Drill/drill.py

clean:
	rm -rf .build

## libFuzzer over the request parser and chunked decoder, then every input compared with llhttp.
## FUZZ_SECONDS bounds a local run (an hour is a real one); CI sets FUZZ_RUNS with a fixed seed so it is repeatable.
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= -1
FUZZ_SEED    ?= 0
FUZZ_BIN     := .build/fuzz/parser-fuzzer
fuzz: deps $(VENV)/installed
	@rm -rf .build/fuzz/corpus && mkdir -p .build/fuzz/corpus
	swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzHTTP \
		-I Sources/CZlib -I Sources/CLinux Sources/HTTP/*.swift Tests/Fuzz/ParserFuzzer.swift -o $(FUZZ_BIN)
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_len=4096 -timeout=5 \
		-artifact_prefix=.build/fuzz/ .build/fuzz/corpus Tests/Fuzz/corpus
	swiftc -O -parse-as-library -module-name VerdictHTTP -I Sources/CZlib -I Sources/CLinux \
		Sources/HTTP/*.swift Tests/Fuzz/ParserVerdict.swift -o .build/fuzz/parser-verdict
	$(VENV_PYTHON) Tests/Fuzz/compare_llhttp.py .build/fuzz/parser-verdict Tests/Fuzz/corpus .build/fuzz/corpus

## Soak (issue 10), not part of `make test`: SOAK_SECONDS (default 600) of mixed traffic, hostile clients and
## SIGKILL restarts against the debug binary, ending with the crash-safety and privacy invariants.
SOAK_SECONDS ?= 600
.PHONY: soak
soak: deps $(VENV)/installed
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell SOAK_SECONDS=$(SOAK_SECONDS) $(VENV_PYTHON) Tests/Reliability/soak.py
