# Shared by scripts/start and scripts/test: create .venv and install the pinned project.
# Usage: ensure_venv ""      (runtime only)   or   ensure_venv "[dev]"   (with test tools)
ensure_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "lorkit: creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  # Reinstall only when the pins or the requested extras change.
  local stamp=".venv/.lorkit-installed"
  local want
  want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1) $extras"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "lorkit: installing dependencies into .venv (first run takes a minute)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check \
      -c constraints.txt -e ".$extras"
    echo "$want" > "$stamp"
  fi
}
