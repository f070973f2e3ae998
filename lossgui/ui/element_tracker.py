"""``ElementTracker``: the one selected element of the batch, for every view.

A window has one tracker (:meth:`ElementTracker.for_window`). It follows the
current cell of every grid — the logits, the targets, the per-class vectors
and the results — and turns it into a ``(row, column)`` cell of the logits
grid with :func:`lossgui.session.selection.element_for_cell`, the one rule
for every role. Explain and the curves listen to :attr:`elementChanged`; a
click on a curve marker comes back through :meth:`select`, which also makes
the element's cell current in the logits grid. Grids come and go with the
loss, so the tracker is an evaluation view that reconnects after every
recompute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal

from lossgui.session.selection import element_for_cell
from lossgui.ui.result_model import ResultTableModel
from lossgui.ui.tensor_model import TensorTableModel

if TYPE_CHECKING:
    from lossgui.session import Evaluation
    from lossgui.ui.main_window import MainWindow
    from lossgui.ui.table_views import GridView

__all__ = ["ElementTracker"]

_MARK = "lossgui_element_tracker"


class ElementTracker(QObject):
    """The selected element of ``window``'s batch.

    Signals
    -------
    elementChanged(int, int)
        The ``(row, column)`` of the logits grid now selected.
    """

    elementChanged = Signal(int, int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.row = 0
        self.column = 0
        self.reconnect()

    @classmethod
    def for_window(cls, window: MainWindow) -> ElementTracker:
        """The window's tracker, made (and registered as a view) on first use."""
        found = window.findChild(cls)
        if found is None:
            found = cls(window)
            window.add_view(found)
        return found

    @property
    def element(self) -> tuple[int, int]:
        """The selected ``(row, column)`` of the logits grid."""
        return self.row, self.column

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

    def show_evaluation(self, _evaluation: Evaluation) -> None:
        """Evaluation view hook: follow rebuilt grids; keep the element inside."""
        self.reconnect()
        rows, columns = self._grid_shape()
        self.set_element(
            min(self.row, max(rows - 1, 0)), min(self.column, max(columns - 1, 0))
        )

    def set_element(self, row: int, column: int) -> None:
        """Select ``(row, column)`` (and tell listeners) without touching grids."""
        if (row, column) != (self.row, self.column):
            self.row, self.column = row, column
            self.elementChanged.emit(row, column)

    def select(self, row: int, column: int) -> None:
        """Select ``(row, column)`` and make it the logits grid's current cell."""
        self.set_element(row, column)
        views = self._window.tensor_panel.views()
        if not views:
            return
        view = views[0]
        model = view.model()
        if not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return
        index = model.index(row, column)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------- the rule
    def _grid_shape(self) -> tuple[int, int]:
        doc = self._window.controller.document
        rows, columns = doc.table(doc.first_name).shape
        return int(rows), int(columns)

    def _on_changed(
        self, view: GridView, current: QModelIndex, previous: QModelIndex
    ) -> None:
        # A grid that gets the focus with no current cell makes (0, 0) current
        # by itself (raising a dock moves the focus): that is not a selection.
        if not previous.isValid() and (current.row(), current.column()) == (0, 0):
            return
        self._on_current(view, current)

    def _on_current(self, view: GridView, current: QModelIndex) -> None:
        model = view.model()
        if (
            not current.isValid()
            or model is None
            or current.column() >= model.columnCount()
        ):
            return
        rows = model.rowCount()
        cell = (current.row(), current.column())
        if isinstance(model, ResultTableModel):
            column = model.column(current.column())
            width = sum(
                model.column(c).kind == column.kind for c in range(model.columnCount())
            )
            role, cell, table = "results", (cell[0], column.index), (rows, width)
        elif isinstance(model, TensorTableModel):
            try:
                role = self._window.controller.document.slot(model.name).role
            except KeyError:
                return
            table = (rows, model.columnCount())
        else:
            return
        self.set_element(
            *element_for_cell(role, cell, self.element, self._grid_shape(), table)
        )
