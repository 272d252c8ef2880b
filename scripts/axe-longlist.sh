#!/usr/bin/env bash
# Issue #18: the published longlist passes axe-core in headless Chromium, from file:// with no
# server. Writes the sample site (shortlist-publish's test `longlist::writes_the_sample_site`),
# then opens every page in Chromium, checks the search and filters work under the site's own
# Content-Security-Policy, and runs axe-core (WCAG 2.2 A and AA, and best practice) on each
# page with the filters hidden and shown. Exits non-zero on any violation.
#
# Needs: apt's chromium (Debian's build, no browser download), and axe-core and
# puppeteer-core from npm, installed into target/axe-tools (nothing added to the repo).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_rust
apt_install chromium fonts-liberation
command -v node >/dev/null || apt_install nodejs npm
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$CHROMIUM" ] || die "Chromium is not installed: apt-get install chromium"

TOOLS="$ROOT/target/axe-tools"
if [ ! -d "$TOOLS/node_modules/axe-core" ] || [ ! -d "$TOOLS/node_modules/puppeteer-core" ]; then
  say "Installing axe-core and puppeteer-core into $TOOLS"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && [ -f package.json ] || echo '{"private":true}' >package.json)
  (cd "$TOOLS" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund axe-core@4 puppeteer-core@24)
fi

SITE="$(mktemp -d)/out"
trap 'rm -rf "$(dirname "$SITE")"' EXIT
say "Writing the sample longlist site to $SITE/longlist-site"
(cd "$ROOT" && SHORTLIST_PUBLISH_OUT="$SITE" cargo test --quiet -p shortlist-publish --test publish \
  longlist::writes_the_sample_site >/dev/null)

say "Running axe-core in headless Chromium"
NODE_PATH="$TOOLS/node_modules" CHROMIUM="$CHROMIUM" SCREENSHOT="${SCREENSHOT:-}" \
  node "$ROOT/scripts/axe-longlist.cjs" "$SITE/longlist-site"
