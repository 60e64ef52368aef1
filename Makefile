# cleanread: the targets of DESIGN.md (build, run, test, eval, bench) and
# the steps they are made of. Nothing here needs a tool beyond Go, node (with
# npm) and (for the browser tests) chromium, which .ci/run installs.

GO      ?= go
GOROOT  = $(shell $(GO) env GOROOT)
# The evaluation data lives beside the repository, never inside it.
CORPUS  ?= ../shared/corpus
SCORER  ?= $(dir $(abspath $(CORPUS)))eval
PRED    ?= eval-out/pred
ADDR    ?= 127.0.0.1:8080
# Go sources to check with gofmt (not vendored or generated trees).
GOFILES  = $(shell find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*')

.PHONY: all build cli wasm run test lint test-go test-wasm test-browser eval bench bench-browser clean

all: build

## build: the web bundle (the wasm and the static files under web/dist/),
## then bin/cleanread, which embeds that bundle for `cleanread serve`
build: wasm
	$(MAKE) --no-print-directory cli

# The CLI alone (enough for make eval); its serve needs a bundle built first.
cli:
	$(GO) build -trimpath -o bin/cleanread ./cmd/cleanread

# web/cmd/bundle builds ./wasm with GOOS=js GOARCH=wasm, hashes and
# precompresses it with wasm_exec.js and web/static (see web/doc.go).
wasm:
	$(GO) run ./web/cmd/bundle -o web/dist

## run: build everything, then serve the demo on $(ADDR)
run: build
	bin/cleanread serve -addr $(ADDR)

## test: every test. go test runs last, so its summary closes the output.
test: lint test-wasm test-browser test-go

# Vetted for js/wasm too: the packages that go into the wasm (the CLI and
# the web server, with their chromedp tests, are native only).
lint:
	@unformatted=$$(gofmt -l $(GOFILES)); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/...

# The core (short cases: the pathological ones run natively) and the wasm
# adapter run under node through Go's own exec wrapper.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -short -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" ./core/... ./wasm/...
	# 100,000 nested elements must not overflow the wasm stack either, as
	# HTML or as a browser's flat tree (200,000 deep, a million siblings).
	GOOS=js GOARCH=wasm $(GO) test -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" -run 'TestHostileBounded/100k_nested|TestFlatHostile' ./core

# Browser end-to-end tests. They are Go tests in web/ (chromedp driving
# chromium), so go test runs them; this step checks that the bundle and the
# binary build as make run builds them.
test-browser: build

test-go:
	$(GO) test ./...

## eval: run the CLI over $(CORPUS) and print the score table and the worst pages
eval: cli
	@test -d "$(CORPUS)" || { echo "make eval: no corpus at $(CORPUS): the evaluation data lives in ../shared beside the repository (or set CORPUS=DIR)" >&2; exit 1; }
	@test -f "$(SCORER)/score.go" || { echo "make eval: no scorer at $(SCORER)/score.go (set SCORER=DIR)" >&2; exit 1; }
	$(GO) run ./tools/eval -cli bin/cleanread -corpus "$(CORPUS)" -scorer "$(SCORER)" -pred "$(PRED)"

## bench: Go benchmarks of the pipeline
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./core/...

## bench-browser: the browser benchmark alone (web/perf_test.go, also part of
## go test): our wasm against Readability.js and native Go on the same pages,
## cold start, wasm memory; the tables also go to eval-out/bench-browser.md
bench-browser:
	@mkdir -p eval-out
	CLEANREAD_PERF_OUT=$(abspath eval-out/bench-browser.md) $(GO) test -run '^TestBrowserPerf$$' -count=1 -v ./web/

clean:
	rm -rf bin eval-out
	find web/dist -mindepth 1 ! -name .gitignore ! -name .gitkeep -delete
