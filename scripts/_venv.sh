# Shared by scripts/start and scripts/test: create .venv and install the pinned project.
# Usage: ensure_venv ""      (runtime only)   or   ensure_venv "[dev]"   (with test tools)
ensure_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "lorkit: needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
      exit 1
    fi
    echo "lorkit: creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  # Reinstall only when the pins or the requested extras change.
  local stamp=".venv/.lorkit-installed"
  local pins have
  pins="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
  have="$(cat "$stamp" 2>/dev/null || true)"
  # An install with the test tools also serves the app alone.
  if [ "$have" != "$pins $extras" ] && { [ -n "$extras" ] || [ "$have" != "$pins [dev]" ]; }; then
    echo "lorkit: installing dependencies into .venv (first run takes a minute)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check \
      -c constraints.txt -e ".$extras"
    echo "$pins $extras" > "$stamp"
  fi
}
