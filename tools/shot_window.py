"""The screenshot tools' shared set-up: a themed lossgui window with throwaway settings.

Used by ``screenshot.py``, ``curve_shots.py`` and ``explain_shots.py`` (run
as scripts, so they import this module from their own folder).
"""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def shot_window(
    theme: str, size: str, prefix: str = "lossgui-shot-", language: str = "en"
):
    """``(app, window)``: a MainWindow in ``theme`` and ``language``, sized "WxH".

    Settings go to a fresh temporary folder, so the user's are never read
    or written.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from lossgui.ui.main_window import MainWindow
    from lossgui.ui.theme import apply_theme

    folder = tempfile.mkdtemp(prefix=prefix)
    settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)
    settings.setValue("view/language", language)
    apply_theme(app, theme)
    window = MainWindow(settings=settings)
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    return app, window
