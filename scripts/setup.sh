#!/usr/bin/env bash
# Install what tracuu needs from Debian's packages (Debian 12). Idempotent:
# installs only what is missing. Works as root or through sudo.
set -euo pipefail

packages=(
  gcc g++ clang libclang-rt-14-dev meson ninja-build pkg-config
  libxapian-dev libicu-dev libmicrohttpd-dev libjansson-dev libzstd-dev libsqlite3-dev zlib1g-dev
  zstd poppler-utils python3 ca-certificates curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
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
