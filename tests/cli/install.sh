# install.sh — make names the Debian package of a missing library; make install
# and uninstall honour PREFIX and DESTDIR, and the installed program finds its
# rule file where it was installed.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh

SRC=$TESTTMP/src
mkdir -p "$SRC"
cp -r Makefile include src data man "$SRC"/
# A pkg-config that cannot find libyaml, as on a machine without libyaml-dev.
printf '#!/bin/sh\n[ "$1" = --exists ] && [ "$2" = yaml-0.1 ] && exit 1\nexec pkg-config "$@"\n' >"$TESTTMP/pkg-config"
chmod +x "$TESTTMP/pkg-config"
out=$(make -C "$SRC" PKG_CONFIG="$TESTTMP/pkg-config" 2>&1)
check "a_missing_library_names_the_debian_package" grep -q "missing libraries (yaml-0.1): install the Debian packages libyaml-dev" <<<"$out"
check "a_missing_library_builds_nothing" test ! -e "$SRC/homevisit"

PREFIX=$TESTTMP/prefix
make -s -C "$SRC" -j2 PREFIX="$PREFIX" install >"$TESTTMP/build.log" 2>&1
check_eq "make_install_succeeds" 0 "$?"
check "the_program_is_installed" test -x "$PREFIX/bin/homevisit"
check "the_rulebook_is_installed" cmp -s data/rules/home-visit.yaml "$PREFIX/share/homevisit/home-visit.yaml"
check "the_man_page_is_installed" test -f "$PREFIX/share/man/man1/homevisit.1"
check_eq "every_scenario_is_installed" "$(ls data/scenarios)" "$(ls "$PREFIX/share/homevisit/scenarios")"
(cd "$TESTTMP" && env -u HOMEVISIT_RULES "$PREFIX/bin/homevisit" scenario check) >"$TESTTMP/out" 2>&1
check_eq "the_installed_program_finds_and_passes_its_scenarios" "$(ls data/scenarios | wc -l)" \
	"$(grep -c "^$PREFIX/share/homevisit/scenarios/.*: ok" "$TESTTMP/out")"
(cd "$TESTTMP" && env -u HOMEVISIT_RULES "$PREFIX/bin/homevisit" rules check) >"$TESTTMP/out" 2>&1
check "the_installed_program_finds_its_rulebook" grep -q "^$PREFIX/share/homevisit/home-visit.yaml: ok" "$TESTTMP/out"
make -s -C "$SRC" PREFIX="$PREFIX" DESTDIR="$TESTTMP/stage" install >>"$TESTTMP/build.log" 2>&1
check "destdir_stages_under_its_root" test -x "$TESTTMP/stage$PREFIX/bin/homevisit"
make -s -C "$SRC" PREFIX="$PREFIX" uninstall >>"$TESTTMP/build.log" 2>&1
check "uninstall_removes_the_program" test ! -e "$PREFIX/bin/homevisit"
check "uninstall_removes_the_rulebook_folder" test ! -e "$PREFIX/share/homevisit"
check "uninstall_removes_the_man_page" test ! -e "$PREFIX/share/man/man1/homevisit.1"

tap_done
