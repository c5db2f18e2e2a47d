#!/usr/bin/env bash
# Installs the system libraries `stations` builds against: GEOS (libgeos-dev) and pkg-config.
# Idempotent: when both are already present it does nothing, so CI and the README can always call it.
set -euo pipefail

need_install() {
  ! pkg-config --exists geos 2>/dev/null || ! [ -e /usr/include/geos_c.h ]
}

if need_install; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # A half-finished earlier install leaves unmet dependencies that block every later install.
  $SUDO apt-get -f install -y -q
  $SUDO apt-get install -y -q --no-install-recommends libgeos-dev pkg-config
fi

# pkg-config ends its flags with a space; word splitting in echo drops it.
libs=$(echo $(pkg-config --libs geos))
echo "GEOS $(pkg-config --modversion geos) ready ($libs)"
