#!/usr/bin/env bash
# Installs the system packages `stations` needs from Debian:
#   libgeos-dev, pkg-config   the polygon library the build links against
#   libjs-leaflet             the map library `stations serve` serves from /usr/share/javascript/leaflet
#   chromium, fonts-wqy-microhei  the headless browser of the map page's test (and Chinese glyphs in its screenshot)
#   wrk, curl                 the load benchmark (tools/bench-serve.sh) and the README's examples
# Idempotent: when everything is present it does nothing, so CI and the README can always call it.
set -euo pipefail

packages=(libgeos-dev pkg-config libjs-leaflet chromium fonts-wqy-microhei wrk curl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  echo "installing ${missing[*]}"
  $SUDO apt-get update -q
  # A half-finished earlier install leaves unmet dependencies that block every later install.
  $SUDO apt-get -f install -y -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# pkg-config ends its flags with a space; word splitting in echo drops it.
libs=$(echo $(pkg-config --libs geos))
echo "GEOS $(pkg-config --modversion geos) ready ($libs); Leaflet $(dpkg-query -W -f='${Version}' libjs-leaflet); $(chromium --version 2>/dev/null || echo 'chromium missing')"
