#!/usr/bin/env bash
# DVC Desk developer entry point.
#   ./dev.sh run [dvc-desk options]   set everything up (first time), then launch the app
#   ./dev.sh test [pytest options]    set everything up (first time), then run the whole test suite
#   ./dev.sh bench                    run the benchmarks
#   ./dev.sh setup                    only set up
# Set-up installs the system packages Qt, the PDF and QR checks (zbar-tools) and the kiosk's
# read-aloud (espeak-ng, sox) need (Debian 12, as root or with sudo),
# creates .venv, installs the project with its test extra, compiles the translations and, where
# Node.js is installed, the JavaScript tus client the portal tests use (tests/js, npm ci).
set -euo pipefail
cd "$(dirname "$0")"
VENV=${DVC_VENV:-.venv}
SYSTEM_PACKAGES="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core \
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 poppler-utils zbar-tools python3-venv espeak-ng sox"

system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for p in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

setup() {
  system_packages
  local stamp="$VENV/.installed"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e ".[test]" >&2
    touch "$stamp"
  fi
  "$VENV/bin/python" -m app.i18n >&2
  js_client
}

# tus-js-client, the second independent tus client of the portal tests (tests/js).
js_client() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node.js/npm not found: the tus-js-client tests will be skipped (Debian: apt-get install nodejs npm)." >&2
    return 0
  fi
  local stamp=tests/js/node_modules/.installed
  if [ ! -f "$stamp" ] || [ tests/js/package-lock.json -nt "$stamp" ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) >&2
    touch "$stamp"
  fi
}

cmd=${1:-run}
shift || true
case "$cmd" in
  setup) setup ;;
  run)
    setup
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "No display found: starting the app inside a virtual screen (xvfb-run)." >&2
      exec xvfb-run -a "$VENV/bin/dvc-desk" "$@"
    fi
    exec "$VENV/bin/dvc-desk" "$@"
    ;;
  test)
    setup
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  bench)
    setup
    exec "$VENV/bin/python" -m benchmarks "$@"
    ;;
  *) echo "usage: ./dev.sh run|test|bench|setup [args]" >&2; exit 2 ;;
esac
