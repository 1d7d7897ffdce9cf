# parity — one GNU Makefile (see README.md).
#
#   make            build ./parity (optimised)
#   make deps       install missing Debian packages (idempotent; root or sudo)
#   make run        deps + build + load the demo plan + print its report
#   make check      deps + every test (unit, end-to-end, fuzz replay) built
#                   with ASan/UBSan; ends with "N passed, N failed"
#   make check-unit, check-cli, check-http, check-browser, check-fuzz,
#   check-harden, check-publish, check-mail  one suite; T=PATTERN runs only matching tests
#                   (tests/run-all.sh says how PATTERN is read)
#   make clang-check  every source through clang -Werror (no objects)
#   make fuzz       build libFuzzer targets with clang and run each briefly
#   make bench      benchmarks under bench/

SHELL    := /bin/bash
CC       ?= cc
PKGS     := sqlite3 jansson libxml-2.0 libzip libcmark-gfm libical gsl libsodium xlsxwriter libmicrohttpd freexl \
            gmime-3.0 libcurl
WARN     := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter -Werror
CSTD     := -std=c17 -D_GNU_SOURCE
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lglpk -lm -lpthread  # GLPK has no .pc file
INCS     := -Isrc -Ibuild/gen
# The release binary is hardened: stack protector, fortified libc calls,
# position-independent, relocations read-only after start. (The sanitised
# test build leaves these out: ASan does its own checking.)
HARDEN   := -fstack-protector-strong -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fPIE
HARDEN_LD := -pie -Wl,-z,relro,-z,now

# Debian packages the project needs (build, tests, fuzzing, later issues).
DEBS := gcc make pkg-config clang libclang-rt-14-dev zip unzip sqlite3 \
        libsqlite3-dev libjansson-dev libsodium-dev libgsl-dev \
        libxlsxwriter-dev libxml2-dev libzip-dev libcmark-gfm-dev \
        libcmark-gfm-extensions-dev libical-dev libcurl4-openssl-dev \
        libmicrohttpd-dev libcriterion-dev libfreexl-dev libglpk-dev python3-scipy \
        libgmime-3.0-dev python3-aiosmtpd openssl chromium wrk curl

SRCS     := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
MIGS     := $(sort $(wildcard src/store/migrations/*.sql))
GEN      := build/gen/migrations.c build/gen/assets.c

# Web assets: GOV.UK Frontend from npm (package-lock.json pins it), our
# stylesheet compiled with sass, all embedded in the binary by bin2c.
NODE_STAMP := node_modules/.package-lock.json
CSS        := build/gen/assets/parity.css
ASSETS     := $(CSS) node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
              src/web/assets/init.js src/web/assets/favicon.svg

REL_OBJS := $(patsubst src/%.c,build/rel/%.o,$(SRCS)) build/rel/gen/migrations.o build/rel/gen/assets.o
SAN_OBJS := $(patsubst src/%.c,build/san/%.o,$(SRCS)) build/san/gen/migrations.o build/san/gen/assets.o
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRCS))
FUZZ_SRCS := $(sort $(wildcard fuzz/fuzz_*.c))
REPLAY_BINS := $(patsubst fuzz/%.c,build/replay/%,$(FUZZ_SRCS))

.PHONY: FORCE all deps run check check-build bench fuzz clean _run _check clang-check \
        check-unit check-cli check-http check-browser check-fuzz check-harden check-publish \
        check-mail
all: parity

# One dpkg-query for all packages; apt runs only when one is missing.
deps:
	@missing=$$(dpkg-query -W -f='$${Package} $${Status}\n' $(DEBS) 2>/dev/null | \
	  awk '$$NF == "installed" { ok[$$1] = 1 } END { n = split("$(DEBS)", p, " "); \
	  for (i = 1; i <= n; i++) if (!(p[i] in ok)) printf " %s", p[i] }'); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	else echo "make deps: all Debian packages present"; fi; \
	if ! command -v npm >/dev/null; then \
	  echo "make deps: installing nodejs npm"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q nodejs npm; fi
	@$(MAKE) --no-print-directory $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

build/tools/bin2c: tools/bin2c.c
	@mkdir -p $(@D)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

build/gen/migrations.c: build/tools/bin2c $(MIGS)
	@mkdir -p $(@D)
	build/tools/bin2c migrations $(MIGS) > $@.tmp && mv $@.tmp $@

$(CSS): src/web/assets/parity.scss $(NODE_STAMP)
	@mkdir -p $(@D)
	node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules $< $@

build/gen/assets.c: build/tools/bin2c $(ASSETS)
	@mkdir -p $(@D)
	build/tools/bin2c web_assets $(ASSETS) > $@.tmp && mv $@.tmp $@

# build/rel/flags holds the release compiler and flags; it is rewritten
# (and every release object rebuilt) only when they change.
REL_FLAGS_NOW := $(CC) $(CSTD) -O2 -g $(HARDEN) $(WARN) $(HARDEN_LD)
build/rel/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(REL_FLAGS_NOW)' | cmp -s - $@ || echo '$(REL_FLAGS_NOW)' > $@
FORCE:
build/rel/%.o: src/%.c $(GEN) build/rel/flags
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O2 -g $(HARDEN) $(WARN) $(INCS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<
build/rel/gen/%.o: build/gen/%.c build/rel/flags
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O2 $(HARDEN) $(INCS) -c -o $@ $<
build/san/%.o: src/%.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(SAN) $(WARN) $(INCS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<
build/san/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(SAN) $(INCS) -c -o $@ $<

parity: build/rel/main.o $(REL_OBJS)
	$(CC) $(HARDEN_LD) -o $@ $^ $(PKG_LIBS)
build/san/parity: build/san/main.o $(SAN_OBJS)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c $(SAN_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(SAN) $(WARN) -Wno-missing-prototypes $(INCS) $(PKG_CFLAGS) -MMD -MP -o $@ $< $(SAN_OBJS) $(PKG_LIBS) -lcriterion

build/replay/%: fuzz/%.c fuzz/replay.c $(SAN_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(SAN) $(WARN) -Wno-missing-prototypes $(INCS) $(PKG_CFLAGS) -o $@ $< fuzz/replay.c $(SAN_OBJS) $(PKG_LIBS)

check-build: parity build/san/parity $(UNIT_BINS) $(REPLAY_BINS)

check: deps
	@$(MAKE) --no-print-directory _check
_check: check-build
	@bash tests/run-all.sh

# One suite at a time: make check-unit T=test_stats, make check-cli T=analyze
check-unit: deps
	@$(MAKE) --no-print-directory $(UNIT_BINS) && bash tests/run-all.sh unit
check-cli: deps
	@$(MAKE) --no-print-directory build/san/parity && bash tests/run-all.sh cli
check-http: deps
	@$(MAKE) --no-print-directory build/san/parity && bash tests/run-all.sh http
check-browser: deps
	@$(MAKE) --no-print-directory build/san/parity && bash tests/run-all.sh browser
check-fuzz: deps
	@$(MAKE) --no-print-directory $(REPLAY_BINS) && bash tests/run-all.sh fuzz
check-publish: deps
	@bash tests/run-all.sh publish
check-mail: deps
	@$(MAKE) --no-print-directory build/san/parity && bash tests/run-all.sh mail
check-harden: deps
	@$(MAKE) --no-print-directory parity && bash tests/run-all.sh build

# Every C file through clang's front end with our warnings as errors
# (gcc builds the objects; this keeps `make CC=clang` clean too).
CLANG_CHECK_FLAGS = $(CSTD) $(WARN) $(INCS) $(PKG_CFLAGS) -fsyntax-only
clang-check: $(GEN)
	@rc=0; for f in $(SRCS) src/main.c; do \
	  clang $(CLANG_CHECK_FLAGS) $$f || rc=1; done; \
	for f in $(UNIT_SRCS) $(FUZZ_SRCS) fuzz/replay.c; do \
	  clang $(CLANG_CHECK_FLAGS) -Wno-missing-prototypes $$f || rc=1; done; \
	exit $$rc

run: deps
	@$(MAKE) --no-print-directory _run
_run: parity
	@bash data/demo/run-demo.sh

# libFuzzer targets (clang). FUZZ_SECONDS per target, default 30;
# FUZZ_TARGETS="fuzz_csv fuzz_http" runs only those. The
# committed seeds in fuzz/corpus/ are read; what the fuzzer learns goes to
# build/fuzz/ so the repository does not grow by itself.
FUZZ_SECONDS ?= 30
fuzz: deps
	@$(MAKE) --no-print-directory CC=clang _fuzz
_fuzz: $(GEN)
	@mkdir -p build/fuzz
	@set -e; for f in $(or $(FUZZ_TARGETS:%=fuzz/%.c),$(FUZZ_SRCS)); do \
	  n=$$(basename $$f .c); \
	  clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined $(INCS) $(PKG_CFLAGS) \
	    -o build/fuzz/$$n $$f $(SRCS) $(GEN) $(PKG_LIBS); \
	  mkdir -p build/fuzz/corpus/$$n build/fuzz/crashes; \
	  echo "== $$n ($(FUZZ_SECONDS)s)"; \
	  build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=build/fuzz/crashes/$$n- build/fuzz/corpus/$$n fuzz/corpus/$$n; \
	done
	@echo "New inputs are in build/fuzz/corpus/; crashes in build/fuzz/crashes/."
	@echo "Copy a crash into fuzz/corpus/<target>/ once fixed, so make check replays it."

bench: parity build/bench/sdc_bench
	@bash bench/run.sh
	@build/bench/sdc_bench
	@bash bench/publish.sh

# Secondary suppression on a year's publication (figures only).
build/bench/sdc_bench: bench/sdc_bench.c build/rel/publish/sdc.o build/rel/core/xalloc.o build/rel/core/err.o
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O2 -g $(WARN) $(INCS) -o $@ $^

# The disclosure audit's timing on a synthetic year and four quarters
# (bench/audit_bench.c says what it builds): make build/bench/audit_bench
build/bench/audit_bench: bench/audit_bench.c $(REL_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O2 $(HARDEN) $(WARN) $(INCS) $(HARDEN_LD) -o $@ $< $(REL_OBJS) $(PKG_LIBS)

clean:
	rm -rf build parity

-include $(shell find build -name '*.d' 2>/dev/null)
