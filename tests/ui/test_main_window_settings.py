"""Window state in QSettings (in tmp), themes, the view hook, the excepthook."""

from __future__ import annotations

import sys

from conftest import label
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from lossgui.ui.app import install_excepthook
from lossgui.ui.theme import dark_palette


def test_settings_live_in_the_temporary_folder(make_window, qsettings_tmp, tmp_path):
    window = make_window()
    window.resize(760, 560)  # fits the offscreen 800x600 screen
    size = window.size()
    window.close()
    qsettings_tmp.sync()
    assert qsettings_tmp.fileName().startswith(str(tmp_path))
    assert qsettings_tmp.value("window/geometry") is not None
    again = make_window()
    assert again.size() == size


def test_theme_menu_switches_palettes(make_window, qsettings_tmp):
    window = make_window()
    app = QApplication.instance()
    window.window_actions.theme_actions["dark"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert app.style().name().lower() == "fusion"
    assert qsettings_tmp.value("view/theme") == "dark"
    window.window_actions.theme_actions["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    window.window_actions.theme_actions["system"].trigger()
    assert qsettings_tmp.value("view/theme") == "system"


def test_dark_palette_text_contrasts_with_base():
    palette = dark_palette()
    text = palette.color(QPalette.ColorRole.Text).lightness()
    base = palette.color(QPalette.ColorRole.Base).lightness()
    assert text - base > 150


class RecordingView(QLabel):
    def __init__(self):
        super().__init__()
        self.seen = []

    def show_evaluation(self, evaluation):
        self.seen.append(evaluation)


def test_dock_views_receive_every_evaluation(make_window):
    window = make_window()
    view = RecordingView()
    dock = window.add_dock_view(view, "Curves")
    assert dock.objectName() == "CurvesDock"
    assert view.seen == [window.evaluation]  # the current one at once
    window.controller.set_setting("reduction", "sum")
    assert len(view.seen) == 2 and view.seen[-1] is window.evaluation
    assert view.seen[-1].reduction == "sum"


def test_recompute_is_guarded(make_window, monkeypatch, caplog):
    window = make_window()

    def broken(_doc):
        raise RuntimeError("engine bug")

    monkeypatch.setattr("lossgui.session.document.SessionDocument.evaluate", broken)
    window.controller.set_setting("reduction", "sum")  # must not raise into Qt
    assert (
        "Internal error: RuntimeError: engine bug"
        in window.statusBar().currentMessage()
    )
    assert label(window, "lossValue").text() == "1.0828"  # last good evaluation stays


def test_excepthook_reports_to_the_status_bar(make_window, capsys):
    window = make_window()
    previous = install_excepthook(window)
    try:
        try:
            raise ValueError("boom")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert window.statusBar().currentMessage() == "Internal error: ValueError: boom"
    assert "ValueError: boom" in capsys.readouterr().err
