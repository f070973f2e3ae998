"""Test set-up shared by every suite: Qt runs offscreen, settings stay in tmp."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def qsettings_tmp(tmp_path, monkeypatch):
    """A ``QSettings`` in ``tmp_path``; every default QSettings location points there too.

    Qt is imported lazily so the Qt-free suites never load it.
    """
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return QSettings(str(folder / "lossgui.ini"), QSettings.Format.IniFormat)
