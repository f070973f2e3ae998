"""A seeded monkey: random actions on the real main window.

Cell edits with random (and garbage) text, pastes of junk and of big blocks,
N and C resized to their minimum and back, loss / reduction / dtype / mode
switches in the middle of it, parameters at their extremes, undo/redo storms,
inserting and removing rows and columns, random logits, fills, and CSV exports
to unwritable paths (dialogs patched). Nothing may raise (pytest-qt fails on
exceptions in Qt virtual methods and slots; the window's own catch-all
``report_error`` is patched to record instead of hiding), Qt may not warn,
and at the end the window shows exactly what the document evaluates to, and
the document survives a save and reopen.

Every kind of action runs at least once (the first round takes each once,
in a seeded order), the rest are drawn by weight. ``LOSSGUI_MONKEY_ACTIONS``
sets the number of actions (default 150, about ten seconds; thousands for a
long run, see the README); ``LOSSGUI_MONKEY_SEED`` the seed. The window is
checked against the document every :data:`CHECK_EVERY` actions and at the end.
"""

from __future__ import annotations

import os
import random
import traceback

import numpy as np
import pytest
from conftest import label
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QTableView,
)

from lossgui.engine import compute
from lossgui.io.session_file import documents_equal, read_session, write_session
from lossgui.ui.results_panel import value_text

ACTIONS = int(os.environ.get("LOSSGUI_MONKEY_ACTIONS", "150"))
SEED = int(os.environ.get("LOSSGUI_MONKEY_SEED", "20261125"))
#: Actions between two checks that the window shows what the document holds.
CHECK_EVERY = 50

TEXTS = (
    "0", "1", "-1", "0.5", "2.5e3", "-7", "1e308", "-1e308", "1e-320", "1e400",
    "nan", "NaN", "inf", "-inf", "+inf", "Infinity", "", " ", "abc", "1,5", "1.2.3",
    "0x10", "１", "∞", "--1", "1e", "e5", "__import__('os').system('touch pwned-marker')",
    "[1, 2]", "None", "True", "3", "100", "-100", "1" * 400, "\t2\n", "'1'", "💥",
)  # fmt: skip
JUNK_PASTES = (
    "a\tb\nc", "1\t2\t3\n4", "\n\n\n", "1;2;3", "nan\tinf\n-inf\t0",
    "__import__('os').system('touch pwned-marker')", "[[1, 2], [3, 4]]", "1e999\t-1e999",
    "\x00\x01\x02", "1\t\t\t2", "💥\t1",
)  # fmt: skip


def _big_block(rng: random.Random) -> str:
    rows, cols = rng.randint(1, 40), rng.randint(1, 8)
    values = np.random.default_rng(rng.getrandbits(32)).normal(0, 5, (rows, cols))
    return "\n".join("\t".join(f"{v:.6g}" for v in row) for row in values)


class Monkey:
    """Picks and performs random actions on ``window``."""

    def __init__(self, window, rng: random.Random, tmp_path, monkeypatch):
        self.window = window
        self.rng = rng
        self.tmp_path = tmp_path
        self.counts: dict[str, int] = {}
        self.export_target = str(tmp_path)
        monkeypatch.setattr(
            "lossgui.ui.file_export.QFileDialog.getSaveFileName",
            lambda *a, **k: (self.export_target, "CSV (*.csv)"),
        )
        for box in ("critical", "information", "warning"):
            monkeypatch.setattr(
                f"lossgui.ui.file_export.QMessageBox.{box}", lambda *a, **k: None
            )
        monkeypatch.setattr(
            "lossgui.ui.actions.QInputDialog.getText",
            lambda *a, **k: (self.rng.choice(TEXTS), self.rng.random() < 0.8),
        )
        self.actions = [
            (30, self.edit_cell),
            (6, self.paste),
            (4, self.resize),
            (4, self.switch_loss),
            (4, self.switch_combo),
            (6, self.set_param),
            (3, self.toggle_tensor_param),
            (5, self.undo_redo_storm),
            (3, self.insert_remove),
            (1, self.random_logits),
            (1, self.fill),
            (1, self.export),
        ]
        self.weights = [w for w, _ in self.actions]
        self.first_round = [a for _, a in self.actions]
        self.rng.shuffle(self.first_round)

    def step(self) -> None:
        """One action: each kind once in the first round, then drawn by weight."""
        if self.first_round:
            action = self.first_round.pop()
        else:
            (action,) = self.rng.choices(
                [a for _, a in self.actions], weights=self.weights
            )
        self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
        action()

    # ------------------------------------------------------------- helpers
    def _view(self):
        views = [
            *self.window.tensor_panel.views(),
            *self.window.param_panel.views.values(),
        ]
        return self.rng.choice(views)

    def _index(self, model):
        rows, cols = model.rowCount(), model.columnCount()
        r = (
            self.rng.randint(-1, rows)
            if self.rng.random() < 0.1
            else self.rng.randrange(max(rows, 1))
        )
        c = (
            self.rng.randint(-1, cols)
            if self.rng.random() < 0.1
            else self.rng.randrange(max(cols, 1))
        )
        return model.index(r, c)

    def _combo_pick(self, combo: QComboBox) -> None:
        model = combo.model()
        enabled = [
            i
            for i in range(combo.count())
            if model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled
        ]
        if enabled:
            combo.setCurrentIndex(self.rng.choice(enabled))

    # ------------------------------------------------------------- actions
    def edit_cell(self) -> None:
        model = self._view().model()
        text = self.rng.choice(TEXTS)
        if self.rng.random() < 0.3:
            text = repr(self.rng.uniform(-50, 50))
        model.setData(self._index(model), text)

    def paste(self) -> None:
        view = self._view()
        model = view.model()
        index = self._index(model)
        if index.isValid():
            view.setCurrentIndex(index)
        text = (
            self.rng.choice(JUNK_PASTES)
            if self.rng.random() < 0.5
            else _big_block(self.rng)
        )
        view.paste_text(text)

    def resize(self) -> None:
        grid = self.window.grid_controls
        spin = self.rng.choice((grid.rows_spin, grid.columns_spin))
        spin.setValue(self.rng.choice((0, 1, 1, 2, 3, 5, 12, spin.value() + 1)))

    def switch_loss(self) -> None:
        self._combo_pick(self.window.loss_controls.loss_combo)

    def switch_combo(self) -> None:
        controls = self.window.loss_controls
        combo = self.rng.choice(
            (
                controls.reduction_combo,
                controls.dtype_combo,
                controls.input_combo,
                controls.target_combo,
            )
        )
        if combo.isEnabled():
            self._combo_pick(combo)

    def set_param(self) -> None:
        editors = list(self.window.param_panel._editors.values())
        if not editors:
            return
        editor = self.rng.choice(editors)
        if isinstance(editor, QCheckBox):
            editor.toggle()
        elif isinstance(editor, QComboBox):
            self._combo_pick(editor)
        elif isinstance(editor, QSpinBox):
            editor.setValue(
                self.rng.choice((editor.minimum(), editor.maximum(), 0, 1, 2, -1))
            )
        elif isinstance(editor, QDoubleSpinBox):
            extremes = (0.0, -0.0, 1.0, -1.0, 1e-300, 1e300, -1e300, 0.5, 1.5)
            extremes += (float("inf"), float("-inf"), 1e-12, 2.0)
            editor.setValue(self.rng.choice(extremes))

    def toggle_tensor_param(self) -> None:
        checks = list(self.window.param_panel._checks.values())
        if checks:
            self.rng.choice(checks).toggle()

    def undo_redo_storm(self) -> None:
        stack = self.window.controller.undo_stack
        for _ in range(self.rng.randint(1, 25)):
            if self.rng.random() < 0.55:
                stack.undo()
            else:
                stack.redo()

    def insert_remove(self) -> None:
        actions = self.window.window_actions
        view = self._view()
        model = view.model()
        index = self._index(model)
        if index.isValid():
            view.setCurrentIndex(index)
        if self.rng.random() < 0.3:
            view.selectAll()
        self.window.window_actions.set_active_view(view)
        self.rng.choice(
            (
                actions.insert_row_action,
                actions.remove_rows_action,
                actions.insert_column_action,
                actions.remove_columns_action,
            )
        ).trigger()

    def random_logits(self) -> None:
        self.window.window_actions.random_action.trigger()

    def fill(self) -> None:
        self.window.window_actions.fill_action.trigger()

    def export(self) -> None:
        self.export_target = self.rng.choice(
            (
                "/proc/lossgui-no-such-dir/out.csv",
                str(self.tmp_path / "missing" / "dir" / "out.csv"),
                str(self.tmp_path),  # a directory
                "/out-of-reach.csv" if os.geteuid() != 0 else "/proc/version",
                str(self.tmp_path / "fine.csv"),
            )
        )
        self.window.files.export_action.trigger()


def _equal_arrays(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return (
        a.dtype == b.dtype
        and a.shape == b.shape
        and np.array_equal(a, b, equal_nan=True)
    )


def check_consistent(window, tmp_path) -> None:
    """The window shows what the document evaluates to; save + reopen is lossless."""
    doc = window.controller.document
    fresh = doc.evaluate()
    shown = label(window, "lossValue").text()
    if fresh.error is not None:
        assert shown == "error"
        assert window.evaluation.error.torch_text == fresh.error.torch_text
    else:
        assert shown == value_text(np.asarray(fresh.value))
        assert _equal_arrays(window.evaluation.value, fresh.value)
    if doc.spec.activation is None:
        direct = dict(fresh.kwargs)
        try:
            expected = compute(doc.loss, *(a for _, a in fresh.inputs), **direct)
        except ValueError as exc:
            assert fresh.error is not None, exc
        else:
            assert _equal_arrays(expected.value, fresh.value)
    path = tmp_path / "monkey-session.json"
    write_session(path, doc)
    reopened = read_session(path).document
    assert documents_equal(doc, reopened)
    again = reopened.evaluate()
    assert (again.error is None) == (fresh.error is None)
    if fresh.error is None:
        assert _equal_arrays(again.value, fresh.value)


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_monkey_main_window(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window()
    internal: list[BaseException] = []
    monkeypatch.setattr(window, "report_error", internal.append)
    rng = random.Random(SEED)
    monkey = Monkey(window, rng, tmp_path, monkeypatch)
    for i in range(ACTIONS):
        monkey.step()
        assert not internal, f"action {i}: internal error " + "".join(
            traceback.format_exception(internal[0])
        )
        if i % CHECK_EVERY == CHECK_EVERY - 1:
            qtbot.wait(1)  # let queued events (deleteLater, timers) run
            check_consistent(window, tmp_path)
    qtbot.wait(1)
    check_consistent(window, tmp_path)
    print(f"monkey: {ACTIONS} actions, seed {SEED}: {sorted(monkey.counts.items())}")
    assert sum(monkey.counts.values()) == ACTIONS
    if len(monkey.actions) <= ACTIONS:
        assert set(monkey.counts) == {a.__name__ for _, a in monkey.actions}
    assert not (tmp_path / "x").exists()


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("values", [("inf", "-inf", "nan"), ("1e308", "-1e308", "0")])
def test_extreme_values_paint_without_crashing(make_window, qtbot, values):
    # Found by the monkey: markers at ±inf or ±1e308 gave the scatter item an
    # inf/NaN bounding rect and Qt segfaulted in GraphicsView.paintEvent.
    window = make_window()
    internal: list[BaseException] = []
    window.report_error = internal.append
    for table_name in ("inputTable", "targetTable"):
        model = window.findChild(QTableView, table_name).model()
        for row, text in enumerate(values):
            model.setData(model.index(row, 0), text)
        window.repaint()
        qtbot.wait(20)
    assert not internal
