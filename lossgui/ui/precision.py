"""The precision control: one application-wide number of significant digits.

:mod:`lossgui.session.number_format` holds the setting every view formats
with. This module is its Qt side: :func:`set_precision` changes it and tells
whoever listens on :func:`precision_signals` (the window's View > Precision
menu, which remembers the choice and repaints every view). Explain's digit
links call it too, so there is one precision, not one per panel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from lossgui.session import number_format

__all__ = [
    "SETTINGS_KEY",
    "PrecisionSignals",
    "precision_signals",
    "set_precision",
    "stored_precision",
]

SETTINGS_KEY = "view/precision"


class PrecisionSignals(QObject):
    """Announces precision changes.

    Signals
    -------
    changed(int)
        The significant digits now in force.
    """

    changed = Signal(int)


_signals: PrecisionSignals | None = None


def precision_signals() -> PrecisionSignals:
    """The application's precision announcer (made on first use)."""
    global _signals
    if _signals is None:
        _signals = PrecisionSignals(QApplication.instance())
        _signals.destroyed.connect(_forget)
    return _signals


def _forget() -> None:
    global _signals
    _signals = None


def set_precision(digits: int) -> int:
    """Show ``digits`` significant digits in every view; returns the digits used."""
    used = number_format.set_significant_digits(digits)
    precision_signals().changed.emit(used)
    return used


def stored_precision(value: object) -> int:
    """A remembered setting as digits (the default for anything unreadable)."""
    try:
        digits = int(str(value))
    except ValueError:
        return number_format.DEFAULT_DIGITS
    if digits not in number_format.DIGIT_CHOICES:
        return number_format.DEFAULT_DIGITS
    return digits
