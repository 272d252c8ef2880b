#!/usr/bin/env bash
# The licences of everything Shortlist ships, for Settings → About:
#   ui/src/licences/rust.json   the crates of shortlist-desktop and the `shortlist` CLI (cargo-about,
#                               configured by about.toml: normal dependencies, shipped platforms)
#   ui/src/licences/npm.json    the npm packages in the UI bundle (Vite's build.license, run by
#                               ui/scripts/licences.mjs, plus the dependencies shipped as CSS)
#   ui/src/licences/fonts.json  hand-written: Liberation Sans (crates/shortlist-pdf/fonts/COPYRIGHT)
#   ui/src/licences/native.json hand-written: OpenSSL, SQLCipher and SQLite, compiled in through build
#                               dependencies, which cargo-about does not list (versions checked by
#                               ui/src/licences.test.ts against Cargo.lock)
#
#   scripts/licences.sh           regenerates rust.json and npm.json
#   scripts/licences.sh --check   regenerates them into a temporary folder and fails when the
#                                 committed files differ (scripts/test.sh runs this)
#
# Takes a couple of minutes: cargo-about reads every crate's licence files. Both runs are
# offline (cargo fetches the crates first), so the output never depends on the network.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) die "usage: scripts/licences.sh [--check]" ;;
esac

need_rust
need_node
cargo_about
ui_deps
cd "$ROOT"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say "Licences: Rust crates (cargo-about $CARGO_ABOUT_VERSION)"
cargo fetch --locked --quiet
# One run per shipped binary, side by side (each is mostly one core reading licence files).
about() {
  cargo about generate --format json --config about.toml --manifest-path "$1" \
    --offline --locked --fail --output-file "$2" 2>"$2.log" \
    || { cat "$2.log" >&2; die "cargo-about failed on $1 (a crate under a licence not accepted in about.toml?)"; }
}
about src-tauri/Cargo.toml "$tmp/desktop.json" &
desktop=$!
about crates/shortlist-cli/Cargo.toml "$tmp/cli.json" &
cli=$!
wait "$desktop"
wait "$cli"
node ui/scripts/licences.mjs rust "$tmp/rust.json" "cargo-about $CARGO_ABOUT_VERSION" "$tmp/desktop.json" "$tmp/cli.json"

say "Licences: npm packages in the UI bundle"
(cd ui && node scripts/licences.mjs npm "$tmp/npm.json")

if $check; then
  cmp -s "$tmp/rust.json" ui/src/licences/rust.json \
    || die "the Rust licence list is out of date: run scripts/licences.sh"
  cmp -s "$tmp/npm.json" ui/src/licences/npm.json \
    || die "the npm licence list is out of date: run scripts/licences.sh"
  say "Licences: ui/src/licences is up to date"
else
  cp "$tmp/rust.json" "$tmp/npm.json" ui/src/licences/
  say "Licences: wrote ui/src/licences/rust.json and npm.json"
fi
