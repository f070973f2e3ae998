"""Rich text for the curve plots: titles with small-print notes, marker tips."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from lossgui.session.curve_set import CurveSet, Markers
from lossgui.session.receipt import short

__all__ = ["NOTE_CHARS", "marker_tip", "notes_html", "title_html"]

#: Notes longer than this are cut (the full text is in the plot's tooltip).
NOTE_CHARS = 110


def notes_html(lines: Sequence[str]) -> str:
    """Small-print lines for a plot title, each cut to :data:`NOTE_CHARS`."""
    cut = [
        line if len(line) <= NOTE_CHARS else line[: NOTE_CHARS - 1] + "…"
        for line in lines
    ]
    return "<br>".join(
        f"<span style='font-size:8pt'>{html.escape(line)}</span>" for line in cut
    )


def title_html(cs: CurveSet) -> str:
    """The loss plot's title: the set's title, then its error and notes."""
    lines = list(cs.notes)
    if cs.error is not None:
        lines.insert(
            0,
            QCoreApplication.translate("PlotText", "No curves: {reason}").format(
                reason=cs.error.splitlines()[0]
            ),
        )
    title = f"<b>{html.escape(cs.title)}</b>"
    return f"{title}<br>{notes_html(lines)}" if lines else title


def marker_tip(markers: Markers | None, index: int) -> str:
    """A marker's tooltip: its element, value, loss and gradient."""
    if markers is None or not 0 <= index < markers.rows.size:
        return ""
    element = QCoreApplication.translate("PlotText", "element [{row}, {column}]")
    return (
        element.format(row=markers.rows[index], column=markers.cols[index]) + "\n"
        f"x = {short(markers.x[index])}\n"
        f"ℓ = {short(markers.loss[index])}\n"
        f"∂ℓ/∂x = {short(markers.grad[index])}"
    )
