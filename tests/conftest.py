"""Test set-up shared by every suite: Qt runs offscreen, settings stay in tmp."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def qsettings_tmp(tmp_path, monkeypatch):
    """A ``QSettings`` in ``tmp_path``; every default QSettings location points there too.

    Autosave files go to ``tmp_path / "autosave"`` as well.

    Qt is imported lazily so the Qt-free suites never load it.
    """
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOSSGUI_AUTOSAVE_DIR", str(tmp_path / "autosave"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return QSettings(str(folder / "lossgui.ini"), QSettings.Format.IniFormat)


def _register_hypothesis_profiles() -> None:
    """``ci`` (the default: fixed seed, small budget) and ``soak`` (thousands).

    Pick one with ``--hypothesis-profile=soak``; registered here because the
    root conftest is read before pytest-hypothesis loads the chosen profile.
    """
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # hypothesis is a test extra
        return
    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile(
        "ci",
        derandomize=True,
        max_examples=60,
        deadline=None,
        suppress_health_check=quiet,
        print_blob=True,
    )
    settings.register_profile(
        "soak",
        max_examples=2000,
        deadline=None,
        suppress_health_check=quiet,
        print_blob=True,
    )
    settings.load_profile("ci")


_register_hypothesis_profiles()
