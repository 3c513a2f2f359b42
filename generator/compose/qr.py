"""QR codes: the code for a web address as one vector path, measured in modules.

Error correction M (15 % of the code may be damaged: smaller than Q or H), a quiet zone of four
modules on every side (ISO/IEC 18004), at least 15 mm wide with modules of at least 0.5 mm, so a
phone at reading distance resolves them; the checks are made where the block is placed
(compose/graphics.py).
"""

from __future__ import annotations

from generator.inputs.layout_models import MM

__all__ = ["QR_DEFAULT", "QR_LEVEL", "QR_MIN_MODULE", "QR_MIN_SIZE", "QR_QUIET", "qr_modules"]

QR_LEVEL = "M"
QR_QUIET = 4  # modules of quiet zone on every side
QR_MIN_SIZE = 15 * MM
QR_MIN_MODULE = 0.5 * MM
QR_DEFAULT = 20 * MM


def qr_modules(address: str) -> tuple[int, str]:
    """The code's module count, and its dark modules as one PDF path (a rectangle per run of
    dark modules in a row, measured in modules from the quiet zone's bottom-left corner), filled."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(address)
    code.make()
    count = code.getModuleCount()
    side = count + 2 * QR_QUIET
    rects = []
    for row in range(count):
        col = 0
        while col < count:
            if code.isDark(row, col):
                start = col
                while col < count and code.isDark(row, col):
                    col += 1
                rects.append(f"{QR_QUIET + start} {side - QR_QUIET - row - 1} {col - start} 1 re")
            else:
                col += 1
    return count, "\n".join([*rects, "f"])
