#!/usr/bin/env bash
# Quick start 1: set up whatever is missing, build, and open Shortlist on the demo challenge.
# The demo lives in its own data folder (printed below), never in your real one; set
# SHORTLIST_DATA_DIR to choose another.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_rust
apt_install "${BUILD_PACKAGES[@]}" xvfb xauth
need_node
ui_deps
ui_build

say "Building Shortlist (the first build takes a few minutes)"
cd "$ROOT"
cargo build --quiet -p shortlist-cli -p shortlist-desktop
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

export SHORTLIST_DATA_DIR="${SHORTLIST_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/shortlist-demo}"
"$TARGET/debug/shortlist" demo
say "Opening Shortlist on $SHORTLIST_DATA_DIR"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$TARGET/debug/shortlist-desktop"
else
  say "No display found: running the window inside Xvfb (virtual screen :99 style, see xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$TARGET/debug/shortlist-desktop"
fi
