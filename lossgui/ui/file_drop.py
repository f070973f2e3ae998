"""Dropping files on the window: sessions open, arrays go into the grid below.

An event filter on the main window (its child widgets do not take drops, so
Qt hands drags to the window). A ``.json`` file opens as a session; an
array file is imported at once when its arrays map obviously onto the
tensors (by name, or a single array onto the grid it was dropped on, else
onto the first tensor), and through the assignment dialog otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from lossgui.io.arrays import ARRAY_SUFFIXES
from lossgui.ui.table_views import TensorTableView

if TYPE_CHECKING:
    from lossgui.ui.file_actions import FileActions
    from lossgui.ui.main_window import MainWindow

__all__ = ["DROP_SUFFIXES", "FileDropFilter"]

DROP_SUFFIXES = (".json", *ARRAY_SUFFIXES)


def _paths(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in DROP_SUFFIXES
    ]


def grid_at(window: MainWindow, pos: QPoint) -> TensorTableView | None:
    """The tensor grid under ``pos`` (window coordinates), if any."""
    widget: QWidget | None = window.childAt(pos)
    while widget is not None and not isinstance(widget, TensorTableView):
        widget = widget.parentWidget()
    return widget


class FileDropFilter(QObject):
    """Accepts file drags on ``window`` and routes the drop."""

    def __init__(self, window: MainWindow, files: FileActions) -> None:
        super().__init__(window)
        self.window = window
        self.files = files
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: accept drags of supported files; handle the drop."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag = cast(
                QDropEvent, event
            )  # QDragEnterEvent < QDragMoveEvent < QDropEvent
            if _paths(drag):
                drag.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            drop = cast(QDropEvent, event)
            paths = _paths(drop)
            if not paths:
                return False
            drop.acceptProposedAction()
            self.drop(paths[0], drop.position().toPoint())
            return True
        return False

    def drop(self, path: Path, pos: QPoint | None = None) -> bool:
        """Open or import ``path`` dropped at ``pos``; True when something changed."""
        if self.window.background.busy:
            return False
        if path.suffix.lower() == ".json":
            return bool(self.files.sessions.open_path(path))
        grid = grid_at(self.window, pos) if pos is not None else None
        preferred = grid.model().name if grid is not None else None
        return self.files.importer.import_file(path, preferred)
