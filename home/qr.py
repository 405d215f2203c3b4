"""QR codes for printed leaflets, made with segno as inline SVG (no image files, no requests)."""

from __future__ import annotations

import segno
from django.utils.html import escape


def svg(address: str, label: str, scale: int = 4) -> str:
    """An inline SVG QR code for ``address``, named for screen readers by ``label``."""
    code = segno.make(address, error="m")
    drawing = code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", svgclass="qr-code")
    return drawing.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
