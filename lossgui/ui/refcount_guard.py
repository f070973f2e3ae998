"""Keep ``None``, ``True`` and ``False`` alive under shiboken6 6.12 on Python < 3.12.

shiboken6 6.12.0 hands ``None`` back from every void C++ method
(``QLabel.setText``, ``QGraphicsItem.update``, ...) without taking a
reference for it. From Python 3.12 on these singletons are immortal and the
missing reference does no harm; on Python 3.10/3.11 every such call lowers
``None``'s reference count by one, and after a few thousand calls (about
3,700 in a fresh interpreter: a handful of plot updates) the interpreter
aborts with ``Fatal Python error: none_dealloc: deallocating None``. Some
paths do the same to the booleans (``bool_dealloc``).

:func:`install` adds ``2**40`` references to each of the three singletons,
once, which makes them as good as immortal, as Python 3.12 does. On 3.12+
and on interpreters other than CPython it does nothing.
"""

from __future__ import annotations

import ctypes
import platform
import sys

__all__ = ["BALLAST", "install"]

#: References added to each singleton (a leak of one per call never reaches it).
BALLAST = 1 << 40
_installed = False


def install() -> bool:
    """Add :data:`BALLAST` references to ``None``, ``True`` and ``False`` once.

    Returns
    -------
    bool
        True if the references were added by this call.
    """
    global _installed
    if (
        _installed
        or sys.version_info >= (3, 12)
        or platform.python_implementation() != "CPython"
    ):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += BALLAST
    _installed = True
    return True
