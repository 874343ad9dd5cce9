# Groundswell: `make run` serves a demo campaign on http://127.0.0.1:8080; `make test` is what CI runs.

SWIFT      ?= swift
DATA       ?= data
DB         ?= $(DATA)/groundswell.sqlite
BIN_DIR    := .build/release
BIN        := $(BIN_DIR)/groundswell
PYTHON     ?= python3

.PHONY: run build deps test test-swift test-reliability test-browser bench fuzz clean

## Install the two system libraries only when they are missing (Debian).
deps:
	@missing=""; for p in libsqlite3-dev zlib1g-dev; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product groundswell

## Build, create the database, load the demo campaign into an empty one, serve.
run: build
	@mkdir -p $(DATA)
	@if [ ! -s $(DB) ]; then $(BIN) demo --db $(DB) --migrations Migrations; fi
	$(BIN) serve --host 127.0.0.1 --port 8080 --db $(DB) --public Public --migrations Migrations

## Everything CI runs: the Swift suites, then the browser tests against the release binary.
test: deps test-swift test-reliability test-browser

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The real server killed with SIGKILL under load and restarted: nothing acknowledged may be lost.
test-reliability: deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(PYTHON) -m pytest -q Tests/Reliability

## The browser suite drives the debug binary `test-swift` built, to spare CI a second (release) build.
test-browser: deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell $(PYTHON) -m pytest -q Tests/Browser

## Load tests (issue 9), not part of `make test`: seeds (cached in .build/bench/), wrk and nginx,
## a Markdown table in Benchmarks/results/. BENCH_DURATION (s per workload) and BENCH_SIZES override.
bench: build
	@missing=""; for p in wrk nginx; do PATH="$$PATH:/usr/sbin" command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi
	PATH="$$PATH:/usr/sbin" $(PYTHON) Benchmarks/run.py

clean:
	rm -rf .build

## libFuzzer over the request parser and chunked decoder, then every input compared with llhttp.
## FUZZ_SECONDS bounds a local run (an hour is a real one); CI sets FUZZ_RUNS with a fixed seed so it is repeatable.
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= -1
FUZZ_SEED    ?= 0
FUZZ_BIN     := .build/fuzz/parser-fuzzer
fuzz: deps
	@rm -rf .build/fuzz/corpus && mkdir -p .build/fuzz/corpus
	swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzHTTP \
		-I Sources/CZlib -I Sources/CLinux Sources/HTTP/*.swift Tests/Fuzz/ParserFuzzer.swift -o $(FUZZ_BIN)
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_len=4096 -timeout=5 \
		-artifact_prefix=.build/fuzz/ .build/fuzz/corpus Tests/Fuzz/corpus
	swiftc -O -parse-as-library -module-name VerdictHTTP -I Sources/CZlib -I Sources/CLinux \
		Sources/HTTP/*.swift Tests/Fuzz/ParserVerdict.swift -o .build/fuzz/parser-verdict
	$(PYTHON) -m pip install -q --disable-pip-version-check llhttp
	$(PYTHON) Tests/Fuzz/compare_llhttp.py .build/fuzz/parser-verdict Tests/Fuzz/corpus .build/fuzz/corpus

## Soak (issue 10), not part of `make test`: SOAK_SECONDS (default 600) of mixed traffic, hostile clients and
## SIGKILL restarts against the debug binary, ending with the crash-safety and privacy invariants.
SOAK_SECONDS ?= 600
.PHONY: soak
soak: deps
	$(SWIFT) build --product groundswell
	GROUNDSWELL_BIN=.build/debug/groundswell SOAK_SECONDS=$(SOAK_SECONDS) $(PYTHON) Tests/Reliability/soak.py
