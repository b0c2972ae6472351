"""Draw the app's icon and write ``installer/windows/ccdesktop.ico`` (16 to 256 px).

Run once when the design changes (``python installer/make_icon.py``); the .ico is
kept in the repository so a Windows build needs nothing but this folder. A clipboard
with a check mark: a training record that counts.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256)
OUTPUT = Path(__file__).resolve().parent / "windows" / "ccdesktop.ico"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    # the board
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(31, 94, 140))
    painter.drawRoundedRect(QRectF(40, 28, 176, 216), 24, 24)
    painter.setBrush(QColor(250, 250, 247))
    painter.drawRoundedRect(QRectF(60, 58, 136, 166), 10, 10)
    # the clip
    painter.setBrush(QColor(200, 205, 210))
    painter.drawRoundedRect(QRectF(92, 14, 72, 40), 12, 12)
    # the check mark
    pen = QPen(
        QColor(34, 139, 64),
        26,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath(QPointF(88, 142))
    check.lineTo(QPointF(118, 176))
    check.lineTo(QPointF(170, 100))
    painter.drawPath(check)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: list[bytes]) -> bytes:
    """An ICO file of PNG images (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(SIZES, images, strict=True):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    OUTPUT.write_bytes(ico([png_bytes(draw(size)) for size in SIZES]))
    png = OUTPUT.with_suffix(".png")
    draw(256).save(str(png), "PNG")
    print(f"wrote {OUTPUT} and {png}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
