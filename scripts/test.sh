#!/usr/bin/env bash
# Quick start 2: set up whatever is missing and run every test: formatting, lints, the UI type
# check and unit tests, the licence lists, the Rust tests (core, CLI, mock-runtime IPC, binding
# staleness), the end-to-end journeys in the real app under Xvfb (twice: as the machine is, and
# with only DejaVu installed), and the .deb built, installed, used and uninstalled.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_rust
apt_install "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
need_node
tauri_driver
cargo_about
ui_deps
cd "$ROOT"

say "UI: type check and unit tests"
(cd ui && npm run --silent check && npm run --silent test)
ui_build

say "Rust: format and lints"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings

say "Licences: the lists Settings → About shows are current (cargo-about, Vite)"
bash scripts/licences.sh --check

say "Architecture: nothing under crates/ depends on Tauri"
for manifest in crates/*/Cargo.toml; do
  if cargo tree --quiet --manifest-path "$manifest" --edges normal,build --prefix none | grep -q '^tauri'; then
    die "$(dirname "$manifest") depends on Tauri: the core crates must stay Tauri-free"
  fi
done

say "Building the app and the CLI"
cargo build --quiet -p shortlist-cli -p shortlist-desktop

say "Rust tests"
# The PDF checks (qpdf, pdftotext) skip on a machine without the tools; here they must run.
SHORTLIST_REQUIRE_PDF_TOOLS=1 cargo test --workspace

# Each run has a session bus of its own (dbus-run-session), as a desktop session has: a second
# start of the app on the same data folder hands its file to the first over it.
e2e() {
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test --workspace --test e2e -- --ignored --test-threads=1
}

say "End-to-end journeys in the real app (Xvfb + tauri-driver + WebKitWebDriver)"
e2e

say "The same journeys with only DejaVu installed, as on a bare Debian machine (the app ships its font)"
FONTCONFIG_FILE="$(dejavu_only_fonts)" e2e

say "The .deb, built, installed, opening a bundle from the installed app, and uninstalled"
bash scripts/package-test.sh
