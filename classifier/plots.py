"""Figures for the written reports: matplotlib without a display, PNG out."""

from __future__ import annotations

import io
from pathlib import Path


def pyplot():
    import matplotlib

    matplotlib.use("Agg")  # reports are written on servers without a screen
    import matplotlib.pyplot as plt

    return plt


def png(fig) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    pyplot().close(fig)
    return buffer.getvalue()


def save(fig, path: Path) -> Path:
    path.write_bytes(png(fig))
    return path
