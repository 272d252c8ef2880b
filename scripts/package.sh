#!/usr/bin/env bash
# Builds Shortlist's Linux release packages, .deb and .rpm, with the Tauri CLI from npm (the
# @tauri-apps/cli 2.x pinned in ui/package-lock.json, which carries a prebuilt binary: no cargo
# install). Each package holds the app (`shortlist-desktop`), the headless CLI (`shortlist`)
# beside it in /usr/bin, the desktop entry, the icons at every size, and the `.shortlist` file
# type (MIME type application/x-shortlist) so that a double-clicked bundle, return or enrolment
# opens in the app. Their runtime dependencies are WebKitGTK 4.1 and GTK 3, never -dev packages.
#
# AppImage is not built: Tauri's AppImage bundler downloads linuxdeploy and its plugins while it
# runs, which a machine with no network beyond the package registries cannot do.
#
# Prints the packages' paths and sizes. Windows and macOS packages come from the release workflow
# (.github/workflows/release.yml, see docs/release.md).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_rust
apt_install "${BUILD_PACKAGES[@]}"
need_node
ui_deps
ui_build

cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

say "Building the CLI (release)"
cargo build --quiet --release --locked -p shortlist-cli

# Tauri ships extra binaries as "external binaries", named with the target triple; it installs
# them beside the app (/usr/bin on Linux) under their plain name. The copy is made here, not
# committed, and the setting is given here so that a plain `cargo build` of the app needs no CLI.
triple="$(rustc -vV | sed -n 's/^host: //p')"
mkdir -p src-tauri/binaries
cp "$TARGET/release/shortlist" "src-tauri/binaries/shortlist-$triple"

say "Building the app and its packages (release)"
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm \
  --config '{"bundle": {"externalBin": ["binaries/shortlist"]}}'

# Tauri compresses the .deb with gzip; Debian's own packages use xz, which halves this one
# (16.7 MB to 8.5 MB). Repacked with dpkg-deb, which keeps the control files as they are. (The
# .rpm is xz-compressed by Tauri itself: bundle.linux.rpm.compression.)
for deb in "$TARGET"/release/bundle/deb/*.deb; do
  unpacked="$(mktemp -d)"
  dpkg-deb --raw-extract "$deb" "$unpacked/pkg"
  dpkg-deb --build -Zxz -z9 --root-owner-group "$unpacked/pkg" "$deb.xz" >/dev/null
  mv "$deb.xz" "$deb"
  rm -rf "$unpacked"
done

for pkg in "$TARGET"/release/bundle/deb/*.deb "$TARGET"/release/bundle/rpm/*.rpm; do
  printf '%s\t%s\n' "$(du -h "$pkg" | cut -f1)" "$pkg"
done
