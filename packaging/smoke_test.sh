#!/usr/bin/env bash
# Smoke test of a built bundle: bash packaging/smoke_test.sh dist/PeerDesk
#
# Runs the bundle as a ward computer would: a clean environment (env -i) with no
# virtual environment or Python on the PATH, an empty home folder, Qt's offscreen
# platform. Checks --version, --screenshot (a new data folder, so the Alembic
# migrations run from the bundle), the window in French, the default data folder,
# demo --screenshot, a chart, an encrypted store (sqlcipher3), the Alembic scripts of
# the team server, and that the bundle folder is never written to.
set -euo pipefail

bundle="${1:?usage: smoke_test.sh DIST/PeerDesk}"
bundle="$(cd "$bundle" && pwd)"
exe="$bundle/peerdesk"
[ -x "$bundle/peerdesk-cli.exe" ] && exe="$bundle/peerdesk-cli.exe"  # Windows: the console one
[ -x "$exe" ] || { echo "smoke_test.sh: no executable in $bundle" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/peerdesk-smoke.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/home"
marker="$tmp/marker"
touch "$marker"
sleep 1  # so that anything written to the bundle from now on is newer than the marker

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The bundle alone: no venv, no Python, no inherited Qt or PeerDesk settings.
run() {
    env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        ${SYSTEMROOT:+SYSTEMROOT="$SYSTEMROOT"} "$exe" "$@"
}

# A PNG that is really one, of the given size, and not blank (a blank one compresses to little).
check_png() {
    local file="$1" want_w="$2" want_h="$3" min_bytes="$4"
    if [ ! -s "$file" ]; then fail "$file was not written"; return; fi
    local sig w h bytes
    sig=$(od -An -tx1 -N8 "$file" | tr -d ' \n')
    [ "$sig" = 89504e470d0a1a0a ] || { fail "$file is not a PNG"; return; }
    read -r w h < <(od -An -tu1 -j16 -N8 "$file" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    bytes=$(wc -c < "$file")
    echo "   $(basename "$file"): ${w}x${h}, $bytes bytes"
    [ "$w" = "$want_w" ] && [ "$h" = "$want_h" ] || fail "$file is ${w}x${h}, not ${want_w}x${want_h}"
    [ "$bytes" -ge "$min_bytes" ] || fail "$file is only $bytes bytes: blank?"
}

step() { printf -- '-- %s\n' "$*"; }

step "peerdesk --version"
version=$(run --version) || fail "--version exited $?"
echo "   $version"
[[ "$version" == "PeerDesk "* ]] || fail "--version printed '$version'"

step "peerdesk --data-dir NEW --screenshot window.png"
run --data-dir "$tmp/data" --screenshot "$tmp/window.png" >/dev/null || fail "--screenshot exited $?"
check_png "$tmp/window.png" 1280 800 20000
[ -f "$tmp/data/peerdesk.db" ] || fail "no database in the --data-dir"

step "peerdesk --lang fr --screenshot window-fr.png (Qt's French words, ICU's French data)"
run --lang fr --data-dir "$tmp/data" --screenshot "$tmp/window-fr.png" >/dev/null || fail "--lang fr --screenshot exited $?"
check_png "$tmp/window-fr.png" 1280 800 20000
if cmp -s "$tmp/window.png" "$tmp/window-fr.png"; then fail "the French window is the English one"; fi

step "peerdesk check (schema made by the bundled migrations)"
checked=$(run check --data-dir "$tmp/data") || fail "check exited $?"
echo "   $checked"
[[ "$checked" == *": ok ("* ]] || fail "check did not report ok"

step "peerdesk --screenshot (default data folder, in the user's home)"
run --screenshot "$tmp/default.png" >/dev/null || fail "--screenshot exited $?"
case "$(uname -s)" in
    Linux) [ -f "$tmp/home/.local/share/PeerDesk/peerdesk.db" ] \
        || fail "the default data folder is not ~/.local/share/PeerDesk" ;;
esac

step "peerdesk demo --screenshot demo.png"
run demo --screenshot "$tmp/demo.png" >/dev/null || fail "demo --screenshot exited $?"
check_png "$tmp/demo.png" 1280 800 60000

step "peerdesk demo --into DIR; chart --kind trend"
run demo --into "$tmp/demo-data" | sed 's/^/   /' || fail "demo --into exited $?"
run chart --data-dir "$tmp/demo-data" --kind trend --out "$tmp/trend.png" >/dev/null || fail "chart exited $?"
check_png "$tmp/trend.png" 960 540 10000

step "a submitted week's export, signed (Ed25519, PyNaCl), and checked by review"
monday=$(date -d "monday last week" +%F)
sunday=$(date -d "$monday + 6 days" +%F)
week=$(date -d "$monday" +%G-W%V)
run add --data-dir "$tmp/data" --date "$monday" --minutes 30 --category advocacy >/dev/null \
    || fail "add exited $?"
run submit --data-dir "$tmp/data" --week "$week" >/dev/null || fail "submit exited $?"
run export --data-dir "$tmp/data" --from "$monday" --to "$sunday" --out "$tmp/week.csv" >/dev/null \
    || fail "export of the submitted week exited $?"
[ -s "$tmp/week.csv.sig" ] || fail "the submitted week's export is not signed"
reviewed=$(run review --check "$tmp/week.csv") || true
grep -q "signed by an unknown key" <<<"$reviewed" && grep -q "1 entry, 0 problems" <<<"$reviewed" \
    || fail "review --check did not find the export signed and whole: $reviewed"

step "peerdesk init --encrypt (sqlcipher3); add; list"
printf 'correct horse battery\n' > "$tmp/pass"
run init --data-dir "$tmp/secret" --encrypt --passphrase-file "$tmp/pass" | sed 's/^/   /' \
    || fail "init --encrypt exited $?"
run add --data-dir "$tmp/secret" --passphrase-file "$tmp/pass" --date "$(date +%F)" --minutes 30 \
    --category advocacy >/dev/null || fail "add to the encrypted store exited $?"
listed=$(run list --data-dir "$tmp/secret" --passphrase-file "$tmp/pass") || fail "list exited $?"
grep -q "1 entry" <<<"$listed" || fail "the encrypted store does not list its entry"
if head -c 16 "$tmp/secret/peerdesk.db" | grep -q "SQLite format 3"; then
    fail "the encrypted store is plain SQLite"
fi

if [ -f "$bundle/install-menu-entry.sh" ]; then
    step "install-menu-entry.sh (Linux menu entry, in the scratch home); --remove"
    menu_env=(env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
    "${menu_env[@]}" sh "$bundle/install-menu-entry.sh" | sed 's/^/   /' || fail "install-menu-entry.sh exited $?"
    entry="$tmp/home/.local/share/applications/peerdesk.desktop"
    grep -qx "Exec=\"$bundle/peerdesk\"" "$entry" || fail "the menu entry does not start $bundle/peerdesk"
    [ -f "$tmp/home/.local/share/icons/hicolor/48x48/apps/peerdesk.png" ] || fail "no menu icon"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$entry" || fail "desktop-file-validate: $entry"
    fi
    linked=$("${menu_env[@]}" "$tmp/home/.local/bin/peerdesk" --version) || fail "~/.local/bin/peerdesk exited $?"
    [ "$linked" = "$version" ] || fail "~/.local/bin/peerdesk printed '$linked'"
    "${menu_env[@]}" sh "$bundle/install-menu-entry.sh" --remove | sed 's/^/   /' || fail "--remove exited $?"
    [ ! -e "$entry" ] && [ ! -e "$tmp/home/.local/bin/peerdesk" ] || fail "--remove left the entry behind"
fi

step "the Alembic scripts Alembic reads by path: the data folder's and the team server's"
for folder in migrations server_migrations; do
    [ -n "$(find "$bundle" -path "*/peerdesk/storage/$folder/env.py" | head -1)" ] \
        || fail "no peerdesk/storage/$folder/env.py in the bundle"
    [ -n "$(find "$bundle" -path "*/peerdesk/storage/$folder/versions/*.py" ! -name __init__.py | head -1)" ] \
        || fail "no peerdesk/storage/$folder/versions/*.py in the bundle"
done

step "the bundle folder was not written to"
changed=$(find "$bundle" -newer "$marker" | head -5)
[ -z "$changed" ] || fail "written inside the bundle: $changed"

if [ "$failures" -gt 0 ]; then
    echo "smoke test: $failures failed" >&2
    exit 1
fi
echo "smoke test: all passed"
