"""Every view right in every state: examples × losses × dock tabs × themes.

The full product (every bundled example × every loss of the selector ×
every tabified right dock in front × light/dark) is about 29 × 26 × 4 × 2 ≈
6000 states, too slow to walk one by one. One walk covers it instead:

- The pair ``(example i, loss j)`` is visited with the tab and theme of
  combination ``(i + j) mod (2 T)`` (``T`` tabs): as ``i`` runs over the
  examples (at least ``2 T`` of them), every loss meets every (tab, theme)
  pair, and every example meets every loss.
- Each combination is one theme and one tab in front, so the theme changes
  once per combination. Its pairs come example by example: the example is
  opened from the Examples menu (every example thus opens under every tab
  and theme), then each of its losses is selected, and Undo returns to the
  example for the next one (checked too: one undo step back to the example).
  After an example's last loss the next example opens from there.

Every state met this way is the minimum: each of the ``examples × losses``
switches needs the example in front first (an open or an Undo), so the walk
makes about ``2 × examples × losses`` document changes, and the window's
own cost per change sets the time.

Each state fails on an exception (``sys.excepthook`` and the status bar's
internal-error path, :meth:`MainWindow.report_error`); with Curves in front,
on a batch marker outside the plotted x-range; with Compare losses in
front, on a row whose value differs from :func:`lossgui.engine.compute` on
that row's own tensors, or on a table that does not show every row.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest
from conftest import select_loss
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QTableWidget

from lossgui.engine import compute
from lossgui.io.bundled import list_examples
from lossgui.session.receipt import short

THEMES = ("light", "dark")


def right_tabs(window) -> list[QDockWidget]:
    """The Curves dock and every dock tabified with it."""
    curves = window.findChild(QDockWidget, "CurvesDock")
    tabs = [curves, *window.tabifiedDockWidgets(curves)]
    assert len(tabs) >= 3, [d.objectName() for d in tabs]
    return tabs


def loss_names(window) -> list[str]:
    combo = window.findChild(QComboBox, "lossCombo")
    names = [combo.itemData(i, Qt.ItemDataRole.UserRole) for i in range(combo.count())]
    return [n for n in names if n]


def same_document(a, b) -> bool:
    """Same loss, settings and tensors."""
    if (a.loss, a.reduction, a.input_mode, a.target_mode, a.dtype) != (
        b.loss,
        b.reduction,
        b.input_mode,
        b.target_mode,
        b.dtype,
    ):
        return False
    mine, theirs = {**a.tensors, **a.tensor_params}, {**b.tensors, **b.tensor_params}
    return mine.keys() == theirs.keys() and all(
        np.array_equal(mine[k], theirs[k], equal_nan=True) for k in mine
    )


class Checker:
    """Collects failures; ``check`` inspects the tab in front."""

    def __init__(self, window, qtbot):
        self.window = window
        self.qtbot = qtbot
        self.failures: list[str] = []
        self.errors: list[BaseException] = []
        window.report_error = self.errors.append
        self.tabs = right_tabs(window)
        self.theme = ""
        self.examples = window.files.example_actions

    def state(self, theme: str, tab: QDockWidget) -> None:
        if theme != self.theme:
            self.window.window_actions.set_theme(theme)
            self.theme = theme
        tab.raise_()
        self.qtbot.wait(0)

    def check(self, where: str, tab: QDockWidget) -> None:
        self.qtbot.wait(0)
        if self.errors:
            self.failures.append(f"{where}: internal error {self.errors!r}")
            self.errors.clear()
        if tab.widget() is self.window.curves_panel:
            self._markers_in_view(where)
        elif tab.widget() is self.window.understanding.compare:
            self._compare_rows(where)

    def _markers_in_view(self, where: str) -> None:
        panel = self.window.curves_panel
        if panel.curve_set is None or panel.curve_set.error:
            return
        x, _ = panel.loss_plot.marker_data()
        if not x.size:
            return
        low, high = panel.loss_plot.getViewBox().viewRange()[0]
        if x.min() < low or x.max() > high:
            self.failures.append(
                f"{where}: markers {x.min():g}…{x.max():g} outside {low:g}…{high:g}"
            )

    def _compare_rows(self, where: str) -> None:
        panel = self.window.understanding.compare
        comparison = panel.comparison
        if comparison is None:
            self.failures.append(f"{where}: no comparison drawn")
            return
        table = self.window.findChild(QTableWidget, "compareTable")
        if table.rowCount() != len(comparison.rows):
            self.failures.append(f"{where}: {table.rowCount()} rows drawn")
        for r, row in enumerate(comparison.rows):
            item = table.item(r, 1)
            if item is None or not item.text():
                self.failures.append(f"{where}: row {row.label} has no value cell")
            if row.absent or row.error or row.evaluation is None:
                continue
            ev = row.evaluation
            first = ev.result.activated
            first = ev.inputs[0][1] if first is None else first
            rest = [a for _, a in ev.inputs[1:]]
            value = float(
                np.asarray(compute(ev.loss, first, *rest, **dict(ev.kwargs)).value)
            )
            if not (value == row.value or (np.isnan(value) and np.isnan(row.value))):
                self.failures.append(
                    f"{where}: {row.label} shows {row.value!r}, compute gives {value!r}"
                )
            if item is not None and item.text() != short(row.value, 5):
                self.failures.append(f"{where}: {row.label} cell {item.text()!r}")


@pytest.fixture
def checker(make_window, qtbot, monkeypatch):
    hooked: list[str] = []

    def hook(kind, value, _tb):
        hooked.append(f"{kind.__name__}: {value}")

    monkeypatch.setattr(sys, "excepthook", hook)
    window = make_window()
    window.resize(1366, 768)
    check = Checker(window, qtbot)
    yield check
    check.failures.extend(f"sys.excepthook: {text}" for text in hooked)


def covering_visits(
    stems: list[str], losses: list[str], combos: int
) -> dict[int, list[tuple[str, str]]]:
    """``(example, loss)`` pairs per (theme, tab) combination, see the docstring."""
    visits: dict[int, list[tuple[str, str]]] = {c: [] for c in range(combos)}
    for i, stem in enumerate(stems):
        for j, loss in enumerate(losses):
            visits[(i + j) % combos].append((stem, loss))
    return visits


def test_every_example_has_a_menu_entry(checker):
    assert sorted(checker.examples) == sorted(e.path.stem for e in list_examples())
    assert len(checker.examples) >= 20


def test_every_example_under_every_tab_and_theme_with_every_loss(checker):
    stems = sorted(checker.examples)
    losses = loss_names(checker.window)
    combos = [(theme, tab) for theme in THEMES for tab in checker.tabs]
    assert len(stems) >= len(combos), "too few examples to cover every pair"
    assert len(losses) >= len(combos), "too few losses to open every example"
    controller = checker.window.controller
    opened: set[tuple[str, str, str]] = set()
    switched: set[tuple[str, str]] = set()
    met: set[tuple[str, str, str]] = set()
    for c, pairs in covering_visits(stems, losses, len(combos)).items():
        theme, tab = combos[c]
        checker.state(theme, tab)
        where = f"{tab.objectName()}, {theme}"
        for k, (stem, loss) in enumerate(pairs):
            if k == 0 or stem != pairs[k - 1][0]:
                checker.examples[stem].trigger()
                checker.check(f"{stem} [{where}]", tab)
                opened.add((stem, tab.objectName(), theme))
                example = controller.document.copy()
            select_loss(checker.window, loss)
            checker.check(f"{stem} → {loss} [{where}]", tab)
            switched.add((stem, loss))
            met.add((loss, tab.objectName(), theme))
            if k + 1 == len(pairs) or pairs[k + 1][0] != stem:
                continue  # the next example opens from this state
            if not same_document(controller.document, example):
                controller.undo_stack.undo()  # back to the example for its next loss
            assert same_document(controller.document, example), f"Undo after {loss}"
            checker.check(f"{stem} → {loss} → Undo [{where}]", tab)
    tab_names = [tab.objectName() for tab in checker.tabs]
    assert opened == {(s, t, th) for s in stems for t in tab_names for th in THEMES}
    assert switched == {(s, loss) for s in stems for loss in losses}
    assert met == {(loss, t, th) for loss in losses for t in tab_names for th in THEMES}
    assert checker.failures == []
