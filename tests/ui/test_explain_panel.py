"""The explain panel: follows the selection and every edit, light and dark."""

from __future__ import annotations

import numpy as np
from conftest import label, table
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QDockWidget, QTextBrowser

from lossgui.session import new_document
from lossgui.session.explain.html import DARK, LIGHT
from lossgui.session.number_format import fmt
from lossgui.ui.theme import apply_theme


def panel(window) -> QTextBrowser:
    """The explain panel, brought to the front (it renders only when on screen)."""
    view = window.findChild(QTextBrowser, "explainView")
    assert view is not None
    dock = window.understanding.explain_dock
    if view.visibleRegion().isEmpty():
        dock.show()
        dock.raise_()
        QApplication.processEvents()
    return view


def test_hidden_panel_waits_until_shown(make_window, qtbot):
    window = make_window()
    view = window.findChild(QTextBrowser, "explainView")
    assert view.visibleRegion().isEmpty()  # behind the Curves tab at start
    window.controller.set_cells("input", [0], [0], [2.0])
    assert "exp(−2)" not in view.html
    window.understanding.explain_dock.raise_()
    qtbot.waitUntil(lambda: "exp(−2)" in view.html, timeout=2000)


def test_panel_is_a_dock_view_with_the_first_element(make_window):
    window = make_window()
    dock = window.findChild(QDockWidget, "ExplainDock")
    assert dock is not None and dock.widget() is panel(window)
    assert dock.toggleViewAction() in window.window_actions.view_menu.actions()
    text = panel(window).toPlainText()
    assert "element [0]" in text
    # at the window's precision, as in the header
    p = fmt(np.float32(0.31002552))
    assert f"−(1·log({p}) + (1 − 1)·log(1 − {p}))" in text
    assert label(window, "lossValue").text() in text


def test_selecting_cells_of_any_grid_explains_that_element(make_window):
    window = make_window()
    view = table(window, "inputTable")
    view.setCurrentIndex(view.model().index(2, 0))
    assert "element [2]" in panel(window).toPlainText()
    results = table(window, "resultTable")
    results.setCurrentIndex(results.model().index(1, 1))
    assert "element [1]" in panel(window).toPlainText()
    target = table(window, "targetTable")
    target.setCurrentIndex(target.model().index(2, 0))
    assert "element [2]" in panel(window).toPlainText()
    target.setCurrentIndex(target.model().index(0, 0))
    assert "element [0]" in panel(window).toPlainText()


def test_raising_the_dock_keeps_the_selected_element(make_window):
    window = make_window()
    view = table(window, "inputTable")
    view.setCurrentIndex(view.model().index(2, 0))  # panel still behind Curves
    assert "element [2]" in panel(window).toPlainText()


def test_class_columns_and_rows_map_to_the_logit(make_window):
    window = make_window(new_document("CrossEntropyLoss"))
    view = table(window, "inputTable")
    view.setCurrentIndex(view.model().index(1, 4))
    assert "element [1, 4]" in panel(window).toPlainText()
    target = table(window, "targetTable")  # one class index per row: keeps column
    target.setCurrentIndex(target.model().index(2, 0))
    text = panel(window).toPlainText()
    assert "element [2, 4]" in text and "p4 − [4 = y]" in text.replace("\n", " ")


def test_every_edit_updates_the_explanation(make_window):
    window = make_window()
    window.controller.set_cells("input", [0], [0], [2.0])
    text = panel(window).toPlainText()
    assert "1 / (1 + exp(−2))" in text and "0.8808" in text
    window.controller.set_setting("reduction", "sum")
    assert "Reduction 'sum'" in panel(window).toPlainText()
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert "exp(−(−0.8))" in panel(window).toPlainText()


def test_digit_links_change_the_precision(make_window):
    window = make_window()
    browser = panel(window)
    browser.anchorClicked.emit(QUrl("digits:6"))
    assert browser.digits == 6
    assert "1.08279" in browser.toPlainText()


def test_error_sessions_show_torch_s_message(make_window):
    window = make_window()
    window.controller.set_setting("input_mode", "raw")
    window.controller.set_loss("BCELoss")
    assert "between 0 and 1" in panel(window).toPlainText()


def test_light_and_dark_palettes(make_window, qtbot):
    window = make_window()
    app = QApplication.instance()
    browser = panel(window)
    apply_theme(app, "dark")
    qtbot.waitUntil(lambda: DARK.value in browser.html, timeout=2000)
    assert LIGHT.value not in browser.html
    apply_theme(app, "light")
    qtbot.waitUntil(lambda: LIGHT.value in browser.html, timeout=2000)
    assert DARK.value not in browser.html


def test_large_batches_stay_quick(make_window):
    window = make_window()
    window.controller.resize(200_000, 1)
    window.controller.randomize(3)
    text = panel(window).toPlainText()
    assert "200,000 value(s)" in text
    assert np.isfinite(float(window.evaluation.value))


def test_an_unchanged_explanation_keeps_its_laid_out_page(make_window):
    window = make_window()
    view = panel(window)
    view.refresh()
    changes = []
    view.document().contentsChanged.connect(lambda: changes.append(1))
    view.refresh()  # same element, same numbers: nothing to lay out again
    assert changes == []
    view.set_digits(6)
    assert changes  # a different page is set


def test_an_edit_lays_the_page_out_at_one_width(make_window):
    """The page is laid out once per edit: a scroll bar that came and went
    with the new page laid it out at two widths (half of setHtml's time)."""
    window = make_window(new_document("CrossEntropyLoss"))
    view = panel(window)
    view.resize(view.width(), 200)  # a page longer than the panel
    QApplication.processEvents()
    widths: list[float] = []
    model = table(window, "inputTable").model()
    for value in ("0.25", "-1.5", "3"):
        widths.clear()
        layout = view.document().documentLayout()
        layout.documentSizeChanged.connect(lambda size: widths.append(size.width()))
        assert model.setData(model.index(0, 0), value)
        QApplication.processEvents()
        assert widths and len(set(widths)) == 1, widths
