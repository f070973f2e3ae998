"""Grid columns fit the text the user can see: after edits, scrolls and resizes."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from lossgui.ui.table_views import CELL_PADDING, GridView
from tests.ui.conftest import table

LONG = "-123456.7890123"


def _grid(
    qtbot, rows: int = 300, columns: int = 3
) -> tuple[GridView, QStandardItemModel]:
    model = QStandardItemModel(rows, columns)
    for r in range(rows):
        for c in range(columns):
            model.setItem(r, c, QStandardItem("0.5"))
    view = GridView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(400, 240)
    view.show()
    qtbot.waitExposed(view)
    return view, model


def _clipped_in_view(view: GridView) -> list[tuple[int, int, str]]:
    """The cells inside the viewport whose text is wider than their column."""
    model, metrics = view.model(), view.fontMetrics()
    height, width = view.viewport().height(), view.viewport().width()
    top, left = view.rowAt(0), view.columnAt(0)
    bottom = view.rowAt(height - 1)
    right = view.columnAt(width - 1)
    bottom = model.rowCount() - 1 if bottom < 0 else bottom
    right = model.columnCount() - 1 if right < 0 else right
    out = []
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            text = model.index(r, c).data() or ""
            if metrics.horizontalAdvance(text) + CELL_PADDING > view.columnWidth(c):
                out.append((r, c, text))
    return out


def test_an_edited_cell_in_view_widens_its_column(qtbot):
    view, model = _grid(qtbot)
    model.item(2, 1).setText(LONG)
    assert _clipped_in_view(view) == []


def test_text_changed_out_of_view_fits_once_scrolled_to(qtbot):
    view, model = _grid(qtbot)
    model.item(250, 2).setText(LONG)
    view.scrollTo(model.index(250, 2))
    assert view.rowAt(0) <= 250 <= view.rowAt(view.viewport().height() - 1)
    assert _clipped_in_view(view) == []


def test_a_taller_grid_fits_the_rows_it_now_shows(qtbot):
    view, model = _grid(qtbot)
    shown = view.rowAt(view.viewport().height() - 1)
    model.item(shown + 5, 0).setText(LONG)
    view.resize(400, 600)
    qtbot.wait(1)
    assert view.rowAt(view.viewport().height() - 1) > shown + 5
    assert _clipped_in_view(view) == []


def test_whole_results_grid_rewritten_fits_where_the_user_looks(make_window, qtbot):
    """An evaluation rewrites every result cell; the rows in view fit their text.

    Only the last rows get long numbers, and the user looks at them.
    """
    from tests.benchmarks.bench_edits import document

    window = make_window(document("BCEWithLogitsLoss", 300, 4))
    results = table(window, "resultTable")
    qtbot.waitExposed(window)
    model = results.model()
    results.scrollTo(model.index(model.rowCount() - 1, 0))
    name = window.controller.document.first_name

    def widen(doc):  # long losses and gradients in the last rows only
        doc.tensors[name][-20:] = -123456.789

    window.controller.apply(widen, "widen")
    qtbot.wait(1)
    assert results.rowAt(0) > 100
    assert _clipped_in_view(results) == []
