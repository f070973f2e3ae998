"""``CheckedCellDelegate``: a cell editor that keeps refused text and says why.

A spreadsheet does not throw away what the user typed when it cannot take
it. When Enter or Tab would commit text the tensor refuses (not a number, a
class index that is not whole), the editor stays open with the text, a red
frame, the reason as its tooltip (shown at once beside the cell) and in the
status bar. Leaving the cell another way (a click on another cell, an arrow
key) makes the view commit and close the editor; the refused text then comes
back in a new editor on the same cell, marked the same way. Only Escape
abandons it. Once the cell takes a value, a status-bar message about that
cell is cleared: messages about an edit disappear when it is fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

if TYPE_CHECKING:
    from lossgui.ui.table_views import TensorTableView

Index = QModelIndex | QPersistentModelIndex

__all__ = ["REFUSED_STYLE", "CheckedCellDelegate"]

#: The frame of an editor whose text was refused.
REFUSED_STYLE = "QLineEdit { border: 2px solid #d93025; }"
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class CheckedCellDelegate(QStyledItemDelegate):
    """The editing delegate of a :class:`~lossgui.ui.table_views.TensorTableView`."""

    def __init__(self, view: TensorTableView) -> None:
        super().__init__(view)
        self._view = view
        self._cells: dict[int, QPersistentModelIndex] = {}

    # --------------------------------------------------------------- editors
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        """Qt: the standard line edit, remembered with its cell."""
        editor = super().createEditor(parent, option, index)
        self._cells[id(editor)] = QPersistentModelIndex(index)
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        """Qt: forget the editor, hide its tooltip."""
        self._cells.pop(id(editor), None)
        QToolTip.hideText()
        super().destroyEditor(editor, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Qt: keep the editor open (and marked) when its text is refused."""
        if not isinstance(editor, QLineEdit):
            return super().eventFilter(editor, event)
        kind = event.type()
        if (
            kind == QEvent.Type.KeyPress
            and cast(QKeyEvent, event).key() in _COMMIT_KEYS
        ):
            if self._refuse(editor):
                return True
        elif kind == QEvent.Type.FocusOut and self._reason(editor) is not None:
            if not editor.property("refused"):
                self._refuse(editor)
            return True  # still wrong: keep the text, marked, where it is
        return super().eventFilter(editor, event)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        """Qt: write the value; on success clear messages about this cell.

        Refused text (the view commits it when the user leaves the cell)
        comes back in a new editor on the cell once this one is closed.
        """
        super().setModelData(editor, model, index)
        if not isinstance(editor, QLineEdit):
            return
        if self._reason(editor) is None:
            self._clear_cell_messages(model, index)
        else:
            cell, text = QPersistentModelIndex(index), editor.text()
            QTimer.singleShot(0, self, lambda: self._reopen(cell, text))

    def _reopen(self, cell: QPersistentModelIndex, text: str) -> None:
        """Open the editor on ``cell`` again with the refused ``text``."""
        view = self._view
        if not cell.isValid() or cell.model() is not view.model():
            return  # the grid changed meanwhile: the text has no cell any more
        if not view.isVisible():
            return
        index = view.model().index(cell.row(), cell.column())
        view.setCurrentIndex(index)
        trigger = view.EditTrigger.AllEditTriggers
        # Qt takes a null event here; PySide6's stubs want a QEvent.
        if not view.edit(index, trigger, None):  # type: ignore[call-overload]
            return
        editor = view.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            self._refuse(editor)

    # ----------------------------------------------------------------- checks
    def _cell(self, editor: QWidget) -> QModelIndex | None:
        persistent = self._cells.get(id(editor))
        if persistent is None or not persistent.isValid():
            return None
        return persistent.model().index(persistent.row(), persistent.column())

    def _reason(self, editor: QLineEdit) -> str | None:
        index = self._cell(editor)
        if index is None:
            return None
        refusal = getattr(index.model(), "refusal", None)
        return (
            None
            if refusal is None
            else refusal(index.row(), index.column(), editor.text())
        )

    def _refuse(self, editor: QLineEdit) -> bool:
        """Mark ``editor`` if its text is refused; True when it was."""
        reason = self._reason(editor)
        if reason is None:
            self._unmark(editor)
            return False
        editor.setProperty("refused", True)
        editor.setStyleSheet(REFUSED_STYLE)
        editor.setToolTip(reason)
        QToolTip.showText(
            editor.mapToGlobal(QPoint(0, editor.height())), reason, editor
        )
        cell = self._cell(editor)
        assert cell is not None  # a refusal needs the editor's cell (_reason)
        model = cell.model()
        rejected = getattr(model, "rejected", None)
        if rejected is not None:
            rejected.emit(reason)  # the status bar shows it too
        editor.selectAll()
        return True

    @staticmethod
    def _unmark(editor: QLineEdit) -> None:
        if editor.property("refused"):
            editor.setProperty("refused", False)
            editor.setStyleSheet("")
            editor.setToolTip("")
            QToolTip.hideText()

    def _clear_cell_messages(self, model: QAbstractItemModel, index: Index) -> None:
        """Clear a status-bar message about this cell (it is fixed now)."""
        window = self._view.window()
        status = getattr(window, "statusBar", None)
        if status is None:
            return
        bar = status()
        label = getattr(model, "cell_label", None)
        if label is not None and bar.currentMessage().startswith(
            label(index.row(), index.column())
        ):
            bar.clearMessage()
