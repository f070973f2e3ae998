"""Light, dark and system palettes on the Fusion style.

Fusion draws every widget from the palette, so one ``QPalette`` per theme
makes the whole window readable in both; ``"system"`` restores the palette
the platform gave the application at start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["THEMES", "apply_theme", "dark_palette", "light_palette", "theme_label"]

THEMES = ("system", "light", "dark")
#: Each theme's name in View > Theme (translated where it is shown).
THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("Theme", "System"),
    "light": QT_TRANSLATE_NOOP("Theme", "Light"),
    "dark": QT_TRANSLATE_NOOP("Theme", "Dark"),
}
_SYSTEM_PALETTE_KEY = "_lossgui_system_palette"


def theme_label(name: str) -> str:
    """``name``'s menu text in the window's language ("System", "Light", "Dark")."""
    return QCoreApplication.translate("Theme", THEME_LABELS.get(name, name.title()))


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for text, links and selections."""
    p = QPalette()
    role = QPalette.ColorRole
    window, base, alt = QColor(50, 50, 54), QColor(27, 27, 29), QColor(36, 36, 39)
    text, muted = QColor(232, 232, 232), QColor(150, 150, 150)
    colours = {
        role.Window: window,
        role.WindowText: text,
        role.Base: base,
        role.AlternateBase: alt,
        role.ToolTipBase: QColor(60, 60, 64),
        role.ToolTipText: text,
        role.PlaceholderText: muted,
        role.Text: text,
        role.Button: QColor(60, 60, 64),
        role.ButtonText: text,
        role.BrightText: QColor(255, 110, 110),
        role.Light: QColor(95, 95, 100),
        role.Midlight: QColor(75, 75, 80),
        role.Mid: QColor(50, 50, 54),
        role.Dark: QColor(25, 25, 27),
        role.Shadow: QColor(10, 10, 10),
        role.Highlight: QColor(42, 130, 218),
        role.HighlightedText: QColor(255, 255, 255),
        role.Link: QColor(100, 170, 255),
        role.LinkVisited: QColor(170, 140, 255),
    }
    for r, colour in colours.items():
        p.setColor(r, colour)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(120, 120, 120))
    p.setColor(disabled, role.Base, QColor(40, 40, 43))
    p.setColor(disabled, role.Button, QColor(45, 45, 48))
    return p


def apply_theme(app: QApplication, name: str) -> str:
    """Switch ``app`` to the Fusion style with theme ``name``; returns the theme used.

    Unknown names fall back to ``"system"``.
    """
    if app.property(_SYSTEM_PALETTE_KEY) is None:
        app.setProperty(_SYSTEM_PALETTE_KEY, QPalette(app.palette()))
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if name == "dark":
        app.setPalette(dark_palette())
    elif name == "light":
        app.setPalette(light_palette())
    else:
        name = "system"
        app.setPalette(app.property(_SYSTEM_PALETTE_KEY))
    return name
