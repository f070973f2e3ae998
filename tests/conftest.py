"""Test set-up shared by every suite: Qt runs offscreen, settings stay in tmp.

Nothing here needs Qt: the Qt-free suites (engine, session, io, properties)
run in an environment without PySide6, pyqtgraph and pytest-qt
(``pytest --ignore=tests/ui``). pytest-qt's binding is chosen through
``PYTEST_QT_API`` rather than a ``qt_api`` ini key, which pytest would reject
as unknown under ``--strict-config`` where pytest-qt is not installed.

The oracle switch: PyTorch is the oracle, not a dependency, so the parity
tests skip themselves without it (``pytest.importorskip("torch")``). Where the
oracle must run, a missing torch is a failure instead: set
``LOSSGUI_REQUIRE_TORCH=1``, or ``CI=true`` as CI services do. The run then
stops at once with a usage error saying how to install the CPU build.
"""

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTEST_QT_API", "pyside6")

import pytest

#: Install line printed when the oracle is required but missing.
TORCH_INSTALL_HINT = (
    "python3 -m pip --python .venv/bin/python install torch==2.13.0 "
    "(plain pip pointed at the environment; not uv add)"
)


def oracle_required() -> bool:
    """Whether a missing torch (or hypothesis) fails the run instead of skipping.

    True under ``LOSSGUI_REQUIRE_TORCH=1`` or ``CI=true``;
    ``LOSSGUI_REQUIRE_TORCH=0`` turns it off even in CI.
    """
    explicit = os.environ.get("LOSSGUI_REQUIRE_TORCH")
    if explicit is not None:
        return explicit.strip().lower() not in {"", "0", "false", "no"}
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    """Stop at once when the oracle is required and cannot be imported."""
    if not oracle_required():
        return
    missing = [
        name
        for name in ("torch", "hypothesis")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise pytest.UsageError(
            f"{' and '.join(missing)} required (CI=true or LOSSGUI_REQUIRE_TORCH=1) "
            f"but not installed; install the CPU build of torch with: "
            f"{TORCH_INSTALL_HINT}; set LOSSGUI_REQUIRE_TORCH=0 to let the parity "
            "tests skip instead"
        )


@pytest.fixture
def qsettings_tmp(tmp_path, monkeypatch):
    """A ``QSettings`` in ``tmp_path``; every default QSettings location points there too.

    Autosave files go to ``tmp_path / "autosave"`` as well. The language
    setting is English, so the suite reads the same on a Chinese machine.

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
    settings = QSettings(str(folder / "lossgui.ini"), QSettings.Format.IniFormat)
    # English whatever the machine's locale (tests of the Chinese UI set it)
    settings.setValue("view/language", "en")
    return settings


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
