#!/usr/bin/env bash
# Installs the Debian 12 packages appeald needs to build, test and fuzz.
# Idempotent: packages already present are left alone. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git clang clang-format clang-tidy libclang-rt-14-dev
  # the fuzz targets (fuzz/): clang 14 cannot compile libstdc++'s std::expected, clang 16 can
  clang-16 libclang-rt-16-dev
  # libraries (see CMakeLists.txt)
  libcurl4-openssl-dev libmimetic-dev libboost-dev libsqlitecpp-dev libsqlite3-dev
  libspdlog-dev libfmt-dev doctest-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libsystemd-dev
  # test peers and corpora
  python3 python3-aiosmtpd dovecot-imapd openssl libpython3.11-testsuite
  # systemd-analyze, for verifying the unit and measuring its exposure score
  systemd
)

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-deps: run as root or install sudo" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Installing dovecot must not start the system's Dovecot: the tests run their own, bound to
# loopback, and nothing here may listen on other addresses. policy-rc.d (exit 101) tells
# invoke-rc.d not to start services during this install; an existing one is left alone.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod 755 "$policy"
  own_policy=1
fi
cleanup() { if [ "$own_policy" -eq 1 ]; then "${sudo_cmd[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
