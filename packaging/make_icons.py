"""Render the app icon from its SVG source: PNG sizes and a Windows .ico.

    python packaging/make_icons.py            # writes resources/icons/peerdesk-{16..512}.png and peerdesk.ico
    python packaging/make_icons.py --check    # exit 1 if the committed files differ from a fresh render

Run it after editing resources/icons/peerdesk.svg and commit what it writes. It needs
only PySide6 (QtSvg renders the SVG into a QImage); the .ico container is written here
by hand: 16, 24, 32 and 48 px as 32-bit bitmaps, which every Windows tool reads, and
64, 128 and 256 px as PNG, as Windows has read them since Vista.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "peerdesk.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_BITMAP_MAX = 48  # larger sizes are stored as PNG inside the .ico


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data)


def bmp_icon_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory on little-endian
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(height - 1, -1, -1):
        line = bytes(image.constScanLine(y))[: width * 4]
        if sys.byteorder == "big":  # ARGB32 is stored ARGB there; ICO wants B, G, R, A
            line = b"".join(line[i : i + 4][::-1] for i in range(0, len(line), 4))
        rows.append(line)
    mask_row = ((width + 31) // 32) * 4  # 1 bit a pixel, rows padded to 32 bits; all 0: alpha decides
    return header + b"".join(rows) + bytes(mask_row * height)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = []
    for size in ICO_SIZES:
        image = images[size]
        data = bmp_icon_bytes(image) if size <= ICO_BITMAP_MAX else png_bytes(image)
        entries.append((size, data))
    out = struct.pack("<HHH", 0, 1, len(entries))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return out + directory + blobs


def build() -> dict[str, bytes]:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - kept alive
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a valid SVG")
    images = {size: render(renderer, size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    files = {f"peerdesk-{size}.png": png_bytes(images[size]) for size in PNG_SIZES}
    files["peerdesk.ico"] = ico_bytes(images)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        stale = [name for name, data in files.items() if not (ICONS / name).exists()
                 or (ICONS / name).read_bytes() != data]
        for name in stale:
            print(f"make_icons: resources/icons/{name} is out of date; run packaging/make_icons.py")
        return 1 if stale else 0
    for name, data in files.items():
        (ICONS / name).write_bytes(data)
        print(f"resources/icons/{name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
