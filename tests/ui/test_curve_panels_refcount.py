"""Plot updates make many void Qt calls: None must survive them.

PySide6/shiboken6 6.12.0 dropped one reference to None per void call on
Python < 3.12 and aborted the interpreter ("none_dealloc"); pyproject.toml
excludes that release, and this test fails loudly if a leaking one returns.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QPen


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on 3.12+")
def test_void_qt_calls_keep_none_referenced():
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(100):
        pen.setWidthF(1.0)
    assert sys.getrefcount(None) >= before - 10


def test_many_void_calls_do_not_exhaust_none(make_window):
    window = make_window()
    pen = QPen()
    for _ in range(50_000):  # each call lost one reference to None on 6.12/3.11
        pen.setWidthF(1.0)
    for row in range(3):
        window.curves_panel.set_selected(row, 0)
    assert window.curves_panel.selected() == (2, 0)
