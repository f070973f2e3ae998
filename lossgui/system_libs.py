"""The Linux system libraries Qt's xcb platform plugin needs, checked before Qt starts.

On a bare Linux machine the PySide6 wheel runs, but the window does not
open: Qt aborts with "could not load the Qt platform plugin "xcb"" and a list
of plugin names that does not say which *system* library is missing. This
module tries to load each library the xcb plugin links (by its soname, with
:func:`ctypes.CDLL`, without importing Qt) and turns the missing ones into a
one-line hint naming the Debian/Ubuntu packages that provide them.

The check applies only when Qt will pick the xcb plugin: on Linux, with
``QT_QPA_PLATFORM`` unset or ``xcb``, no ``WAYLAND_DISPLAY`` and a
``DISPLAY``.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from lossgui.i18n import translate

__all__ = [
    "XCB_LIBRARIES",
    "missing_libraries",
    "missing_libraries_hint",
    "uses_xcb",
]

#: soname -> the Debian/Ubuntu package that ships it: what ``libqxcb.so`` and
#: ``libQt6XcbQpa.so`` of PySide6 6.x link beyond a minimal system (the list
#: Qt documents for X11, checked with ``ldd`` and ``apt-cache show``).
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

Loader = Callable[[str], bool]


def _loads(soname: str) -> bool:
    """Whether the dynamic linker finds and loads ``soname``."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """Whether Qt will open its windows through the xcb (X11) plugin."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested and requested.split(":")[0] != "xcb":
        return False
    return not env.get("WAYLAND_DISPLAY") and bool(env.get("DISPLAY"))


def missing_libraries(load: Loader = _loads) -> list[str]:
    """The sonames of :data:`XCB_LIBRARIES` that cannot be loaded."""
    return [soname for soname in XCB_LIBRARIES if not load(soname)]


def missing_libraries_hint(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader = _loads,
) -> str | None:
    """A one-line hint naming the missing libraries and packages, or None.

    None when Qt will not use xcb or every library loads.

    Examples
    --------
    >>> missing_libraries_hint({"DISPLAY": ":0"}, "linux",
    ...                        lambda name: name != "libxcb-icccm.so.4")
    'lossgui: Qt cannot open a window: missing system libraries libxcb-icccm.so.4 (sudo apt install libxcb-icccm4); see README, Set-up'
    """  # noqa: E501 - the hint is one line
    if not uses_xcb(environ, platform):
        return None
    missing = missing_libraries(load)
    if not missing:
        return None
    packages = " ".join(XCB_LIBRARIES[soname] for soname in missing)
    text = translate(
        "cli",
        "lossgui: Qt cannot open a window: missing system libraries {libraries} "
        "(sudo apt install {packages}); see README, Set-up",
    )
    return text.format(libraries=", ".join(missing), packages=packages)
