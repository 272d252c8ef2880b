#!/usr/bin/env bash
# The installed package, tested as a judge's laptop would have it (issue #13): build the .deb,
# install it into this machine, check what it put where, open a bundle given as the installed
# app's argument (WebDriver against /usr/bin/shortlist-desktop), run the installed CLI, then
# uninstall and check that the user's data folder is still there. Needs root (or sudo): it
# installs a package. scripts/test.sh runs it last.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bash "$ROOT/scripts/package.sh"

cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
shopt -s nullglob
debs=("$TARGET"/release/bundle/deb/*.deb)
[ ${#debs[@]} -eq 1 ] || die "expected one .deb in $TARGET/release/bundle/deb, found ${#debs[@]}"
deb="${debs[0]}"
package="$(dpkg-deb --field "$deb" Package)"
say "Package $package: $(du -h "$deb" | cut -f1) ($deb)"

say "Its declared dependencies: runtime libraries, never -dev packages"
depends="$(dpkg-deb --field "$deb" Depends)"
echo "  Depends: $depends"
case "$depends" in *-dev*) die "the package depends on a -dev package: $depends" ;; esac
case "$depends" in *libwebkit2gtk-4.1-0*) ;; *) die "the package does not declare the WebKitGTK 4.1 runtime" ;; esac

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

say "Installing it"
$SUDO apt-get install -y -qq --no-install-recommends "$deb" >/dev/null

for path in /usr/bin/shortlist-desktop /usr/bin/shortlist /usr/share/mime/packages/shortlist.xml \
  /usr/share/icons/hicolor/16x16/apps/shortlist-desktop.png /usr/share/icons/hicolor/512x512/apps/shortlist-desktop.png; do
  [ -e "$path" ] || die "the package did not install $path"
done
desktop="$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$')" || die "no desktop entry installed"
grep -q '^MimeType=.*application/x-shortlist' "$desktop" || die "$desktop does not open application/x-shortlist files"
# Without a field code the file manager starts the app but never tells it which file.
grep -q '^Exec=shortlist-desktop %F$' "$desktop" || die "$desktop does not hand the double-clicked file to the app (Exec lacks %F)"
# shared-mime-info's trigger compiles the installed type into the database file managers read.
[ -e /usr/share/mime/application/x-shortlist.xml ] || die "the .shortlist type was not registered with shared-mime-info"
echo "  app, CLI, desktop entry ($desktop), icons and the .shortlist file type are in place"

say "The installed CLI"
/usr/bin/shortlist --help >/dev/null
# A data folder in the default place, for a user whose home is the scratch folder.
HOME="$scratch/home" /usr/bin/shortlist demo >/dev/null
data="$scratch/home/.local/share/shortlist/shortlist.sqlite3"
[ -f "$data" ] || die "the installed CLI did not write its data to $data"

say "The installed app opens a bundle given as its argument (WebDriver, Xvfb)"
tauri_driver
SHORTLIST_APP_BIN=/usr/bin/shortlist-desktop SHORTLIST_CLI_BIN=/usr/bin/shortlist \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --workspace --test e2e files:: -- --ignored --test-threads=1

say "Uninstalling it"
$SUDO apt-get remove -y -qq "$package" >/dev/null
for path in /usr/bin/shortlist-desktop /usr/bin/shortlist; do
  [ ! -e "$path" ] || die "uninstalling left $path behind"
done
[ -f "$data" ] || die "uninstalling removed the user's data ($data)"
echo "  removed the app and the CLI; the user's data folder is untouched"
