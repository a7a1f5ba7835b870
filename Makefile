# Makefile — build, test and install homevisit.
# `make run` opens the program; `make test` builds and runs every test.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/homevisit
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=

PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
PKGS        = ncursesw sqlite3 yaml-0.1 nettle

# The Debian package that provides each pkg-config name.
deb_ncursesw = libncurses-dev
deb_sqlite3  = libsqlite3-dev
deb_yaml-0.1 = libyaml-dev
deb_nettle   = nettle-dev
deb_cmocka   = libcmocka-dev

# Stop early, naming the Debian packages to install, if a library is missing.
NEEDS_LIBS := $(filter-out clean distclean uninstall,$(or $(MAKECMDGOALS),all))
ifneq ($(NEEDS_LIBS),)
ifeq ($(shell command -v $(PKG_CONFIG) 2>/dev/null),)
$(error pkg-config is missing: install the Debian package pkg-config (apt-get install pkg-config))
endif
MISSING := $(strip $(foreach p,$(PKGS),$(if $(shell $(PKG_CONFIG) --exists $(p) && echo y),,$(p))))
ifneq ($(MISSING),)
$(error missing libraries ($(MISSING)): install the Debian packages $(foreach p,$(MISSING),$(deb_$(p))) (apt-get install $(foreach p,$(MISSING),$(deb_$(p)))))
endif
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

HV_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Wall -Wextra -Wpedantic \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers \
	-Iinclude $(PKG_CFLAGS) \
	-DHV_VERSION='"$(VERSION)"' -DHV_DATADIR='"$(DATADIR)"' -MMD -MP
ALL_CFLAGS = $(HV_CFLAGS) $(CFLAGS) $(CPPFLAGS)
SAN_FLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC  := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
MAIN_SRC := src/cli/main.c
TEST_SRC := $(wildcard tests/unit/test_*.c)

OBJ      := build/obj
SAN      := build/san
LIB_OBJ  := $(LIB_SRC:%.c=$(OBJ)/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=$(SAN)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=build/tests/%)
SAN_TESTS:= $(TEST_SRC:tests/unit/%.c=build/san-tests/%)

.PHONY: all run test unit sanitize valgrind fuzz bench install uninstall clean distclean check-cmocka check-fuzz FORCE

all: homevisit

# Rebuild everything when the flags change (a new PREFIX changes DATADIR).
build/flags: FORCE
	@mkdir -p build
	@echo '$(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS) $(LDFLAGS)' > $@

$(OBJ)/%.o: %.c build/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(SAN)/%.o: %.c build/flags
	@mkdir -p $(@D)
	$(CC) $(HV_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/libhv.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build/libhv-san.a: $(SAN_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

homevisit: $(OBJ)/src/cli/main.o build/libhv.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

run: homevisit
	./homevisit --rules data/rules/home-visit.yaml

# ---- tests ----

check-cmocka:
	@$(PKG_CONFIG) --exists cmocka || { echo "cmocka is missing: install the Debian package libcmocka-dev (apt-get install libcmocka-dev)" >&2; exit 1; }

CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

build/tests/%: tests/unit/%.c tests/unit/testutil.h build/libhv.a | check-cmocka
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -DHV_SRCDIR='"$(CURDIR)"' -o $@ $< build/libhv.a $(PKG_LIBS) $(CMOCKA_LIBS)

build/san-tests/%: tests/unit/%.c tests/unit/testutil.h build/libhv-san.a | check-cmocka
	@mkdir -p $(@D)
	$(CC) $(HV_CFLAGS) $(SAN_FLAGS) $(CMOCKA_CFLAGS) -DHV_SRCDIR='"$(CURDIR)"' -o $@ $< build/libhv-san.a $(PKG_LIBS) $(CMOCKA_LIBS)

unit: $(TESTS)
	@tests/run.sh --unit build/tests

test: homevisit $(TESTS)
	@tests/run.sh --all build/tests

sanitize: $(SAN_TESTS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests/run.sh --unit build/san-tests

# Every unit-test binary under valgrind: definite and indirect leaks and memory
# errors fail the run (still-reachable memory, such as terminfo's, does not).
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --track-origins=yes \
	--suppressions=tests/valgrind.supp

valgrind: $(TESTS)
	@command -v valgrind >/dev/null 2>&1 || { echo "valgrind is missing: install the Debian package valgrind (apt-get install valgrind)" >&2; exit 1; }
	@HV_TEST_WRAPPER='$(VALGRIND)' tests/run.sh --unit build/tests

# ---- fuzzing: clang's libFuzzer on the three readers of untrusted files ----
# `make fuzz` replays the seeds (the repository's own rule, scenario and import
# files) and tests/data/fuzz/, then fuzzes each harness for FUZZ_SECONDS.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ         := build/fuzz
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC     := $(wildcard src/core/*.c src/rules/*.c src/util/*.c)
FUZZ_OBJ     := $(FUZZ_SRC:%.c=$(FUZZ)/obj/%.o)
FUZZERS      := $(patsubst fuzz/%.c,$(FUZZ)/%,$(wildcard fuzz/fuzz_*.c))
# Debian names clang's runtime libraries (libFuzzer, ASan) by clang's major version.
FUZZ_RT_DEB   = libclang-rt-$(firstword $(subst ., ,$(shell $(FUZZ_CC) -dumpversion 2>/dev/null)))-dev

check-fuzz:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "clang is missing: install the Debian package clang (apt-get install clang)" >&2; exit 1; }
	@mkdir -p $(FUZZ)
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' | \
		$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c -o $(FUZZ)/probe - 2>/dev/null || { \
		echo "libFuzzer is missing: install the Debian package $(FUZZ_RT_DEB) (apt-get install $(FUZZ_RT_DEB))" >&2; exit 1; }

$(FUZZ)/obj/%.o: %.c build/flags | check-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(HV_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ)/libhv-fuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ)/fuzz_%: fuzz/fuzz_%.c $(FUZZ)/libhv-fuzz.a | check-fuzz
	$(FUZZ_CC) $(HV_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -DHV_SRCDIR='"$(CURDIR)"' \
		-o $@ $< $(FUZZ)/libhv-fuzz.a $(PKG_LIBS)

fuzz: $(FUZZERS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# ---- benchmarks: figures written to docs/performance.md ----

BENCH_PROGS = build/bench/gen-visits build/bench/bench-review build/bench/gen-rules \
	build/bench/bench-rules build/bench/bench-startup build/bench/bench-startup-parts \
	build/bench/bench-answer

build/bench/%: bench/%.c build/libhv.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libhv.a $(PKG_LIBS)

# The start-up benchmark runs the program in a pseudo-terminal (forkpty).
build/bench/bench-startup: bench/bench-startup.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lutil

bench: homevisit $(BENCH_PROGS)
	@bench/run.sh

# ---- install ----

SCENARIOS := $(notdir $(wildcard data/scenarios/*.yaml))

install: homevisit
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(MANDIR)/man1
	install -m 755 homevisit $(DESTDIR)$(BINDIR)/homevisit
	install -m 644 data/rules/home-visit.yaml $(DESTDIR)$(DATADIR)/home-visit.yaml
	install -m 644 $(addprefix data/scenarios/,$(SCENARIOS)) $(DESTDIR)$(DATADIR)/scenarios/
	install -m 644 man/homevisit.1 $(DESTDIR)$(MANDIR)/man1/homevisit.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/homevisit $(DESTDIR)$(DATADIR)/home-visit.yaml \
		$(DESTDIR)$(MANDIR)/man1/homevisit.1 \
		$(addprefix $(DESTDIR)$(DATADIR)/scenarios/,$(SCENARIOS))
	-rmdir $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build homevisit

distclean: clean

-include $(LIB_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(FUZZERS:=.d) $(OBJ)/src/cli/main.d
