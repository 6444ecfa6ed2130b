#!/usr/bin/env bash
# Build PeerDesk's one-folder bundle, dist/PeerDesk, from this checkout, then smoke-test it.
#
#   bash packaging/build.sh            # needs Python 3.11+ (python3, or $PYTHON) and the package index
#
# Steps: a fresh virtual environment in a temporary folder; the pinned build tools
# (packaging/requirements-build.txt, packaging/constraints.txt); PeerDesk installed
# from a copy of this checkout (not editable, so the bundle holds what a wheel holds);
# PyInstaller with packaging/peerdesk.spec; then packaging/smoke_test.sh on the result,
# with no virtual environment on the PATH. Prints the bundle's size and the time taken.
# Exits non-zero when any step fails. Nothing is written to the checkout but dist/PeerDesk.
#
# Fails too when the bundle is larger than MAX_MB megabytes (default 120, as `du -sb`
# counts them): packaging/README.md says what the bundle leaves out to stay under it.
#
# Environment: PYTHON (default python3), DIST (default <checkout>/dist),
# KEEP_BUILD=1 keeps the temporary build folder and says where it is, MAX_MB,
# CC (the C compiler that makes the smaller ICU data library on Linux; default cc).
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
dist="${DIST:-$repo/dist}"
python="${PYTHON:-python3}"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || fail "$python is $("$python" --version 2>&1); PeerDesk needs Python 3.11 or newer (set PYTHON)"
if [ "$(uname -s)" = Linux ]; then
    # packaging/icu_data.py links the smaller ICU data library with it
    command -v "${CC:-cc}" >/dev/null \
        || fail "no C compiler (${CC:-cc}) to make the smaller ICU data library; Debian/Ubuntu: apt-get install gcc (or set CC)"
fi
max_mb="${MAX_MB:-120}"

work="$(mktemp -d "${TMPDIR:-/tmp}/peerdesk-build.XXXXXX")"
if [ "${KEEP_BUILD:-0}" = 1 ]; then
    trap 'echo "build folder kept: $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi

say "fresh build environment ($("$python" --version 2>&1))"
"$python" -m venv "$work/venv"
if [ -x "$work/venv/bin/python" ]; then
    py="$work/venv/bin/python"
else
    py="$work/venv/Scripts/python.exe"  # Git Bash on Windows
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$py" -m pip install --quiet -c "$here/constraints.txt" -r "$here/requirements-build.txt"

say "PeerDesk from this checkout, with its pinned dependencies"
# A copy, so that setuptools' build/ and *.egg-info never land in the checkout and no
# stale build output finds its way into the wheel.
mkdir "$work/src"
tar -C "$repo" --exclude=__pycache__ --exclude='*.pyc' --exclude='*.egg-info' \
    -cf - pyproject.toml README.md src resources | tar -C "$work/src" -xf -
"$py" -m pip install --quiet --no-build-isolation -c "$here/constraints.txt" "$work/src"

# Every package in the environment must be pinned: a new dependency fails here, not later.
unpinned=$(
    "$py" - "$here/constraints.txt" <<'EOF'
import re, sys
from importlib import metadata

def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()

pinned = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#")[0].strip()
    if "==" in line:
        pinned.add(norm(line.split("==")[0]))
installed = {norm(d.metadata["Name"]) for d in metadata.distributions()}
print(" ".join(sorted(installed - pinned - {"peerdesk", "pip"})))
EOF
)
[ -z "$unpinned" ] || fail "not pinned in packaging/constraints.txt: $unpinned"
"$py" -m pip freeze --all > "$work/freeze.txt"

say "PyInstaller"
rm -rf "$dist/PeerDesk"
# Run from the build folder so the checkout's src/ can never shadow the installed package.
(cd "$work" && "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" "$here/peerdesk.spec")
if [ "$(uname -s)" = Linux ]; then
    install -m 755 "$here/linux/install-menu-entry.sh" "$dist/PeerDesk/"
fi
built=$(date +%s)

if [ "$(uname -s)" = Linux ]; then
    # Qt's X11 plugin links a few xcb libraries that PyInstaller can only bundle if this
    # machine has them; a ward computer without them could then not open the window.
    internal="$dist/PeerDesk/_internal"
    missing=$(LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" \
        ldd "$internal/PySide6/Qt/plugins/platforms/libqxcb.so" | awk '/not found/ {print $1}' | sort -u | xargs)
    if [ -n "$missing" ]; then
        echo "build.sh: warning: not bundled, as this machine lacks them: $missing" >&2
        echo "build.sh: (Debian/Ubuntu: apt-get install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0, then build again)" >&2
    fi
fi

say "smoke test"
bash "$here/smoke_test.sh" "$dist/PeerDesk"

size_mib=$(du -sm "$dist/PeerDesk" | cut -f1)
size_bytes=$(du -sb "$dist/PeerDesk" | cut -f1)
size_mb=$(( (size_bytes + 500000) / 1000000 ))
files=$(find "$dist/PeerDesk" -type f | wc -l)
say "done"
echo "bundle:   $dist/PeerDesk"
echo "size:     $size_mb MB ($size_bytes bytes, $size_mib MiB on disk, $files files; at most $max_mb MB)"
echo "time:     $((built - started)) s to build, $(( $(date +%s) - started )) s with the smoke test"
[ "$size_bytes" -le $((max_mb * 1000000)) ] \
    || fail "the bundle is larger than $max_mb MB (du -sb: $size_bytes bytes); packaging/README.md says what it leaves out"
