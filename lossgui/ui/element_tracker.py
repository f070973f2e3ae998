"""``ElementTracker``: which element of the batch the user is looking at.

It follows the current cell of every grid of the main window (the logits,
the targets, the per-class vectors and the results) and reports it as a
``(row, column)`` cell of the logits grid: a per-sample grid keeps the
column, a per-class vector keeps the row, and a results column maps to the
class it belongs to. Grids come and go with the loss, so the tracker is an
evaluation view that reconnects after every recompute.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Signal

from lossgui.ui.result_model import ResultTableModel
from lossgui.ui.tensor_model import TensorTableModel

__all__ = ["ElementTracker"]

_MARK = "lossgui_element_tracker"


class ElementTracker(QObject):
    """Reports the selected element of ``window``'s grids.

    Signals
    -------
    elementChanged(int, int)
        The ``(row, column)`` of the logits grid now selected.
    """

    elementChanged = Signal(int, int)

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.row = 0
        self.column = 0
        self.reconnect()

    def reconnect(self) -> None:
        """Follow the grids the window has now."""
        for view in self._window.grid_views():
            selection = view.selectionModel()
            if selection is None or selection.property(_MARK):
                continue
            selection.setProperty(_MARK, True)
            selection.currentChanged.connect(
                lambda current, previous, v=view: self._on_changed(v, current, previous)
            )
            view.pressed.connect(lambda index, v=view: self._on_current(v, index))

    def show_evaluation(self, _evaluation) -> None:
        """Evaluation view hook: grids may have been rebuilt; follow the new ones."""
        self.reconnect()

    def set_element(self, row: int, column: int) -> None:
        """Select ``(row, column)`` (and tell listeners) without touching grids."""
        if (row, column) != (self.row, self.column):
            self.row, self.column = row, column
            self.elementChanged.emit(row, column)

    def _on_changed(self, view, current: QModelIndex, previous: QModelIndex) -> None:
        # A grid that gets the focus with no current cell makes (0, 0) current
        # by itself (raising a dock moves the focus): that is not a selection.
        if not previous.isValid() and (current.row(), current.column()) == (0, 0):
            return
        self._on_current(view, current)

    def _on_current(self, view, current: QModelIndex) -> None:
        model = view.model()
        if (
            not current.isValid()
            or model is None
            or current.column() >= model.columnCount()
        ):
            return
        row, column = self.row, self.column
        if isinstance(model, ResultTableModel):
            row = current.row()
            column = model.column(current.column()).index
        elif isinstance(model, TensorTableModel):
            doc = self._window.controller.document
            try:
                role = doc.slot(model.name).role
            except KeyError:
                return
            if role == "classes":
                column = current.column()
            elif role == "rows":
                row = current.row()
            else:
                row, column = current.row(), current.column()
        else:
            return
        self.set_element(row, column)
