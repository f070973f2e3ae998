"""Saving the curve plots (PNG, SVG through pyqtgraph's exporters) and data (CSV).

Images go through a temporary file beside the target and a rename, like
:mod:`lossgui.io.atomic`, so a failed export never leaves half a file. The
CSV is written by :func:`lossgui.io.curve_csv.write_columns_csv`, not by
pyqtgraph.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.io.curve_csv import write_columns_csv
from lossgui.session.curves import CurveSet, curve_columns

if TYPE_CHECKING:
    from xml.dom.minidom import Element

    from PySide6.QtWidgets import QGraphicsItem

    from lossgui.ui.plots.panel import CurvesPanel

__all__ = ["ExportMenu", "export_csv", "export_image"]

#: Suffix -> the file dialog's filter (English; translated where shown).
_FILTERS = {
    ".png": QT_TRANSLATE_NOOP("ExportMenu", "PNG image (*.png)"),
    ".svg": QT_TRANSLATE_NOOP("ExportMenu", "SVG drawing (*.svg)"),
    ".csv": QT_TRANSLATE_NOOP("ExportMenu", "CSV table (*.csv)"),
}


@contextlib.contextmanager
def _closed_paths_tolerated() -> Iterator[None]:
    """Let pyqtgraph 0.14's SVG exporter read Qt's closed paths (``... Z``).

    Its ``correctCoordinates`` expects every token of a path's ``d`` to be
    ``x,y`` and fails on the ``Z`` Qt 6 writes after closed shapes
    (pyqtgraph issue #3495, fixed after 0.14.0). For the duration of one
    export, the ``Z`` tokens are taken out before it runs and put back at the
    end of each path afterwards.
    """
    # Any: the module is pyqtgraph's (untyped), and its function is replaced.
    module: Any = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def tolerant(
        node: Element, defs: Sequence[Element], item: QGraphicsItem, options: object
    ) -> object:
        closed: list[Element] = []
        for path in node.getElementsByTagName("path"):
            data = path.getAttribute("d")
            if "Z" in data or "z" in data:
                tokens = data.replace("Z", " ").replace("z", " ").split()
                path.setAttribute("d", " ".join(tokens))
                closed.append(path)
        result = original(node, defs, item, options)
        for path in closed:
            path.setAttribute("d", path.getAttribute("d").rstrip() + " Z")
        return result

    module.correctCoordinates = tolerant
    try:
        yield
    finally:
        module.correctCoordinates = original


def export_image(plot: pg.PlotWidget, path: str | os.PathLike[str]) -> Path:
    """Save ``plot`` as PNG (twice its size on screen) or SVG, by suffix.

    Raises
    ------
    ValueError
        For a suffix other than ``.png`` and ``.svg``.
    OSError
        When the file cannot be written.
    """
    # Imported here, not at start-up: pyqtgraph.exporters (and the csv,
    # xml.dom and h5py/matplotlib probes it brings) is needed only to export.
    import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)

    target = Path(path)
    suffix = target.suffix.lower()
    item = plot.getPlotItem()
    if suffix == ".png":
        exporter = pg.exporters.ImageExporter(item)
        width = int(item.sceneBoundingRect().width())
        exporter.parameters()["width"] = max(2 * width, 800)
    elif suffix == ".svg":
        exporter = pg.exporters.SVGExporter(item)
    else:
        raise ValueError(f"cannot export a plot as {suffix or 'a file without suffix'}")
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=suffix, dir=target.parent
    )
    os.close(handle)
    try:
        with _closed_paths_tolerated():
            exporter.export(fileName=temporary)
        if not os.path.getsize(temporary):
            raise OSError(f"nothing was written to {target}")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def export_csv(curve_set: CurveSet, path: str | os.PathLike[str]) -> int:
    """Write the curves' data (``x``, then a column per curve); returns the rows."""
    return write_columns_csv(path, curve_columns(curve_set))


class ExportMenu(QMenu):
    """The Export button's menu; asks for a file name, then saves.

    Parameters
    ----------
    panel : CurvesPanel
        Supplies :attr:`loss_plot`, :attr:`grad_plot`, :attr:`curve_set` and
        ``show_message``.
    """

    def __init__(self, panel: CurvesPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        for text, which, suffix in (
            (
                QCoreApplication.translate("ExportMenu", "Loss plot as PNG…"),
                "loss",
                ".png",
            ),
            (
                QCoreApplication.translate("ExportMenu", "Loss plot as SVG…"),
                "loss",
                ".svg",
            ),
            (
                QCoreApplication.translate("ExportMenu", "Gradient plot as PNG…"),
                "grad",
                ".png",
            ),
            (
                QCoreApplication.translate("ExportMenu", "Gradient plot as SVG…"),
                "grad",
                ".svg",
            ),
        ):
            action = self.addAction(text)
            action.setObjectName(f"export_{which}_{suffix[1:]}")
            action.triggered.connect(
                lambda _=False, w=which, s=suffix: self.save_plot(w, s)
            )
        self.addSeparator()
        action = self.addAction(
            QCoreApplication.translate("ExportMenu", "Curve data as CSV…")
        )
        action.setObjectName("export_csv")
        action.triggered.connect(lambda _=False: self.save_csv())

    def _ask(self, title: str, name: str, suffix: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self._panel,
            title,
            name + suffix,
            QCoreApplication.translate("ExportMenu", _FILTERS[suffix]),
        )
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == suffix else chosen.with_suffix(suffix)

    def save_plot(self, which: str, suffix: str) -> Path | None:
        """Ask for a file and save the loss or gradient plot there."""
        plot = self._panel.loss_plot if which == "loss" else self._panel.grad_plot
        title = (
            QCoreApplication.translate("ExportMenu", "Save the loss plot")
            if which == "loss"
            else QCoreApplication.translate("ExportMenu", "Save the grad plot")
        )
        path = self._ask(title, f"{self._stem()}-{which}", suffix)
        if path is None:
            return None
        try:
            export_image(plot, path)
        except (OSError, ValueError) as exc:
            self._panel.show_message(
                QCoreApplication.translate(
                    "ExportMenu", "Export failed: {reason}"
                ).format(reason=exc)
            )
            return None
        self._panel.show_message(
            QCoreApplication.translate("ExportMenu", "Saved {path}").format(path=path)
        )
        return path

    def save_csv(self) -> Path | None:
        """Ask for a file and write the curve data there."""
        curve_set = self._panel.curve_set
        if curve_set is None or not curve_set.curves:
            self._panel.show_message(
                QCoreApplication.translate(
                    "ExportMenu", "There are no curves to export"
                )
            )
            return None
        path = self._ask(
            QCoreApplication.translate("ExportMenu", "Save the curve data"),
            f"{self._stem()}-curves",
            ".csv",
        )
        if path is None:
            return None
        try:
            rows = export_csv(curve_set, path)
        except OSError as exc:
            self._panel.show_message(
                QCoreApplication.translate(
                    "ExportMenu", "Export failed: {reason}"
                ).format(reason=exc)
            )
            return None
        self._panel.show_message(
            QCoreApplication.translate(
                "ExportMenu", "Saved {rows} rows to {path}"
            ).format(rows=rows, path=path)
        )
        return path

    def _stem(self) -> str:
        curve_set = self._panel.curve_set
        title = "curves" if curve_set is None else curve_set.title.split()[0]
        return "".join(ch for ch in title if ch.isalnum() or ch in "_-") or "curves"
