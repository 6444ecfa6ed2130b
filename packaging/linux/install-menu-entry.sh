#!/bin/sh
# Put PeerDesk in this user's application menu, for the PeerDesk folder this script sits in:
#
#   ./install-menu-entry.sh            # menu entry, icon, and `peerdesk` in ~/.local/bin
#   ./install-menu-entry.sh --remove   # take them out again (the records are not touched)
#
# Copy the PeerDesk folder where it is to stay first (for example ~/.local/opt/PeerDesk, or
# /opt/PeerDesk for every user); run this again after moving it. Needs no internet and no
# admin rights. PeerDesk keeps its records in ~/.local/share/PeerDesk, never in its own folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
res="$here/_internal/peerdesk/resources"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$share/applications"
icons="$share/icons/hicolor"
bin="$HOME/.local/bin"
sizes="16 32 48 64 128 256 512"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/peerdesk.desktop" "$icons/scalable/apps/peerdesk.svg"
    for s in $sizes; do rm -f "$icons/${s}x${s}/apps/peerdesk.png"; done
    [ -L "$bin/peerdesk" ] && rm -f "$bin/peerdesk"
    refresh
    echo "PeerDesk's menu entry is removed. Your records in $share/PeerDesk are kept."
    exit 0
fi

[ -x "$here/peerdesk" ] && [ -f "$res/peerdesk.desktop" ] || {
    echo "install-menu-entry.sh: run it from inside the PeerDesk folder" >&2
    exit 1
}

case "$here" in
    *[\\\"\`\$\&\|%]*)
        echo "install-menu-entry.sh: move the PeerDesk folder to a path without \\ \" \` \$ & | or %" >&2
        exit 1 ;;
esac

mkdir -p "$apps" "$bin" "$icons/scalable/apps"
# The menu entry starts this folder's peerdesk, wherever the folder is.
sed -e "s|^Exec=peerdesk|Exec=\"$here/peerdesk\"|" -e "s|^TryExec=peerdesk|TryExec=$here/peerdesk|" \
    "$res/peerdesk.desktop" > "$apps/peerdesk.desktop"
for s in $sizes; do
    mkdir -p "$icons/${s}x${s}/apps"
    cp "$res/icons/peerdesk-$s.png" "$icons/${s}x${s}/apps/peerdesk.png"
done
cp "$res/icons/peerdesk.svg" "$icons/scalable/apps/peerdesk.svg"
ln -sf "$here/peerdesk" "$bin/peerdesk"
refresh
echo "PeerDesk is in the application menu (Office), and 'peerdesk' in $bin."
