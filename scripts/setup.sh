#!/usr/bin/env bash
# Install what tracuu needs from Debian's packages (Debian 12). Idempotent:
# installs only what is missing. Works as root or through sudo.
set -euo pipefail

packages=(
  gcc g++ clang libclang-rt-14-dev meson ninja-build pkg-config
  libxapian-dev libicu-dev libmicrohttpd-dev libjansson-dev libzstd-dev libsqlite3-dev zlib1g-dev
  zstd poppler-utils python3 ca-certificates curl
  chromium
)
# Node.js runs the browser tests (tests/web); a node installed otherwise
# (nodesource) is kept.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# playwright-core (npm) drives the chromium above in tests/web; it goes
# into tests/web/node_modules (git-ignored), at the version of
# tests/web/package-lock.json. Never `npx playwright install`: the tests use
# Debian's /usr/bin/chromium.
install_playwright() {
  local web
  web="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
  if [ ! -f "$web/node_modules/playwright-core/package.json" ]; then
    echo "setup: npm ci (playwright-core) in tests/web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  install_playwright
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_playwright
