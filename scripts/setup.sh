# Sourced by start.sh and test.sh: installs only what is missing, so a second run is quick.
# Debian 12 / Ubuntu 22.04+ (apt). Needs Rust (rustup) and Node.js >= 20.19 with npm.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# System packages: build (WebKitGTK and friends), run headless (Xvfb), drive the webview
# (WebKitWebDriver) and check PDFs.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
# dbus-daemon: the E2E journeys run on a private session bus (dbus-run-session), which is how the
# app keeps one window per data folder. fonts-dejavu-core: the one font a bare Debian machine
# has, for the journeys run as such a machine (see dejavu_only_fonts).
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver qpdf poppler-utils dbus-daemon fonts-dejavu-core)

need_rust() {
  command -v cargo >/dev/null || die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again."
}

need_node() {
  if ! command -v node >/dev/null; then
    apt_install nodejs npm
  fi
  local v
  v="$(node -p 'process.versions.node')"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js $v is too old for the UI build (Vite 8 needs 20.19 or newer): install Node.js 20.19+ or 22, then run this again."
}

# npm packages, reinstalled only when package-lock.json changed since the last install.
ui_deps() {
  local stamp="$ROOT/ui/node_modules/.shortlist-installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/ui/package-lock.json" -nt "$stamp" ]; then
    say "Installing UI packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

ui_build() {
  say "Building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

tauri_driver() {
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    say "Installing tauri-driver 2 (about a minute)"
    cargo install tauri-driver --locked --version '^2' --quiet
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}

# cargo-about lists the Rust crates' licences for Settings → About (scripts/licences.sh). Pinned:
# another version may word its output differently, and the committed list is checked byte for byte.
CARGO_ABOUT_VERSION=0.9.3
cargo_about() {
  if [ "$(cargo about --version 2>/dev/null)" != "cargo-about $CARGO_ABOUT_VERSION" ]; then
    say "Installing cargo-about $CARGO_ABOUT_VERSION (a few minutes)"
    cargo install cargo-about --locked --version "=$CARGO_ABOUT_VERSION" --features cli --quiet
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}

# A fontconfig file that offers only DejaVu, as a bare Debian 12 machine does (no Arial-compatible
# font). Prints its path. The include keeps the generic family aliases, without which WebKit
# draws a blank page; the cache is the config's own, so the real one is never touched.
dejavu_only_fonts() {
  local dir="${TMPDIR:-/tmp}/shortlist-dejavu-only"
  mkdir -p "$dir/cache"
  cat >"$dir/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>$dir/cache</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
CONF
  printf '%s\n' "$dir/fonts.conf"
}
