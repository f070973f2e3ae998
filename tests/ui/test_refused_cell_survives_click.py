"""A refused cell entry survives a click elsewhere, as in a spreadsheet.

Typing text the tensor cannot take and then clicking another cell (or
pressing an arrow key) used to commit the text, have it refused and close
the editor: the typed text was gone. The editor now comes back on the same
cell with the text, the red frame and the reason; Escape still abandons it.
"""

from __future__ import annotations

from conftest import table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox

from lossgui.ui.cell_editor import REFUSED_STYLE


def open_editor(qtbot, view, row: int, col: int) -> QLineEdit:
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    assert view.edit(index, view.EditTrigger.AllEditTriggers, None)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible, timeout=1000)
    return editor


def open_editors(view) -> list[QLineEdit]:
    return [e for e in view.findChildren(QLineEdit) if e.isVisible()]


def other_cell(view):
    model = view.model()
    return model.index(1, 0) if model.rowCount() > 1 else model.index(0, 1)


def click(qtbot, view, index) -> None:
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(index).center(),
    )


def kept_editor(qtbot, view, row: int, col: int, text: str) -> QLineEdit:
    """Wait for the editor to come back on (row, col) with ``text``."""
    qtbot.waitUntil(lambda: len(open_editors(view)) == 1, timeout=1000)
    (editor,) = open_editors(view)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (row, col)
    assert view.indexWidget(view.model().index(row, col)) is editor
    assert editor.text() == text
    return editor


def test_clicking_another_cell_keeps_the_refused_text(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    before = window.controller.document.tensors["input"].copy()
    editor = open_editor(qtbot, view, 0, 0)
    qtbot.keyClicks(editor, "abc")

    click(qtbot, view, other_cell(view))

    editor = kept_editor(qtbot, view, 0, 0, "abc")
    assert editor.property("refused") is True
    assert editor.styleSheet() == REFUSED_STYLE
    assert "not a number" in editor.toolTip()
    assert "not a number" in window.statusBar().currentMessage()
    assert (window.controller.document.tensors["input"] == before).all()

    editor.setText("0.25")  # fixed: the entry goes in, the mark and message go
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.document.tensors["input"].flat[0] == 0.25)
    assert window.statusBar().currentMessage() == ""


def test_an_arrow_key_keeps_the_refused_text(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    editor = open_editor(qtbot, view, 0, 0)
    editor.setText("1,5,")
    down = Qt.Key.Key_Down if view.model().rowCount() > 1 else Qt.Key.Key_Right
    qtbot.keyClick(editor, down)
    assert kept_editor(qtbot, view, 0, 0, "1,5,").property("refused") is True


def test_escape_still_abandons_the_refused_text(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    before = window.controller.document.tensors["input"].copy()
    editor = open_editor(qtbot, view, 0, 0)
    qtbot.keyClicks(editor, "abc")
    click(qtbot, view, other_cell(view))
    editor = kept_editor(qtbot, view, 0, 0, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(10)
    assert open_editors(view) == []
    assert (window.controller.document.tensors["input"] == before).all()


def test_a_valid_entry_still_moves_with_the_click(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    editor = open_editor(qtbot, view, 0, 0)
    editor.setText("0.5")
    target = other_cell(view)
    click(qtbot, view, target)
    qtbot.waitUntil(lambda: window.controller.document.tensors["input"].flat[0] == 0.5)
    qtbot.wait(10)
    assert open_editors(view) == []
    assert view.currentIndex() == target


def test_focus_moving_to_another_widget_keeps_the_editor_marked(make_window, qtbot):
    window = make_window()
    window.activateWindow()  # focus events only reach an active window
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    view = table(window, "inputTable")
    editor = open_editor(qtbot, view, 0, 0)
    qtbot.waitUntil(editor.hasFocus, timeout=1000)
    qtbot.keyClicks(editor, "abc")
    rows = window.findChild(QSpinBox, "rowsSpin")
    rows.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(rows.hasFocus, timeout=1000)
    qtbot.wait(10)
    assert open_editors(view) == [editor]  # not closed, not reopened
    assert editor.text() == "abc"
    assert editor.property("refused") is True
    assert "not a number" in editor.toolTip()
    assert rows.hasFocus()  # the focus stays where the user put it
