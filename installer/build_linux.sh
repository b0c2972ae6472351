#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/ccdesktop) and run its self-test, as CI does:
#   bash installer/build_linux.sh        (needs: pip install -e '.[build]')
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/ccdesktop.spec

# Run the bundle as on a machine without Python: a bare environment, an empty home
# (the self-test must leave it empty), no display.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 dist/ccdesktop/ccdesktop-cli --self-test
if [ -n "$(ls -A "$home")" ]; then
  echo "self-test left files in its home folder:" >&2
  ls -AR "$home" >&2
  exit 1
fi
du -sh dist/ccdesktop
