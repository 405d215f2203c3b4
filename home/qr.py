"""QR codes for printed leaflets, made with segno as inline SVG (no image files, no requests)."""

from __future__ import annotations

from functools import lru_cache

import segno
from django.utils.html import escape


# Drawing a code was over half of a print pack's page time, and the same address and label
# always give the same drawing: each process keeps the last few.
@lru_cache(maxsize=256)
def svg(address: str, label: str, scale: int = 4) -> str:
    """An inline SVG QR code for ``address``, named for screen readers by ``label``."""
    code = segno.make(address, error="m")
    drawing = code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", svgclass="qr-code")
    return drawing.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
