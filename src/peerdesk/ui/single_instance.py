"""One PeerDesk window per data folder: a second start brings the first forward.

The first instance listens on a local socket named after the user and the data
folder; a second instance for the same folder connects, asks the first to show
itself, and exits.
"""

from __future__ import annotations

import getpass
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"show"


def server_name(data_dir: Path) -> str:
    # Two checksums, not a cryptographic hash: the name needs to be unique, not secret, and
    # hashlib would load OpenSSL (3 MB of memory) on every start.
    key = f"{getpass.getuser()}\0{Path(data_dir).resolve()}".encode()
    return f"peerdesk-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def ask_running_instance(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True when another PeerDesk already has this folder open (and was asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same folder; emits ``show_requested``."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        if not self.server.listen(self.name):
            # a socket left behind by a crashed instance (no one answered, or we would not be here)
            QLocalServer.removeServer(self.name)
            self.server.listen(self.name)
        self.server.newConnection.connect(self._connection)

    def is_listening(self) -> bool:
        return self.server.isListening()

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if MESSAGE in bytes(socket.readAll()):
            self.show_requested.emit()

    def close(self) -> None:
        self.server.close()
