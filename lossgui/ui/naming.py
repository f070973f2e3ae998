"""``named(widget, name)``: set a stable objectName inline (tests rely on them)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

__all__ = ["named"]

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give ``widget`` the objectName ``name`` and return it."""
    widget.setObjectName(name)
    return widget
