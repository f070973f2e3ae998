"""The window's language: Qt translators, the setting, View > Language.

The language is chosen before the window builds its widgets: the setting
``view/language`` if the user picked one, else the system locale
(``QLocale.system()``). :func:`install_language` loads lossgui's compiled
catalogue (``resources/i18n/lossgui_<lang>.qm``) and Qt's own
(``qtbase_<lang>.qm``, for the standard dialogs' buttons) into the
application, and sets :mod:`lossgui.i18n`'s language for the Qt-free text.
Switching in View > Language is remembered and applies from the next start
(the menu says so): every widget, plot label and page would otherwise have to
be rebuilt mid-session.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from lossgui import i18n

__all__ = [
    "LANGUAGE_KEY",
    "LanguageMenu",
    "choose_language",
    "install_language",
    "installed_language",
    "uninstall_language",
]

LANGUAGE_KEY = "view/language"
#: What View > Language says of a language that applies from the next start.
_NEXT_TIME = i18n.QT_TRANSLATE_NOOP(
    "LanguageMenu", "lossgui starts in {language} next time."
)

_translators: list[QTranslator] = []


def choose_language(settings: QSettings) -> str:
    """The language to start in: the user's choice, else the system's."""
    chosen = settings.value(LANGUAGE_KEY, "")
    if isinstance(chosen, str) and chosen in i18n.LANGUAGES:
        return chosen
    return i18n.language_for_locale(QLocale.system().name())


def install_language(code: str) -> str:
    """Translate the running application into ``code``; returns the code used.

    Replaces translators this function installed before. English installs
    none (the code's own text is English).
    """
    app = QCoreApplication.instance()
    _remove_translators()
    code = i18n.set_language(code)
    if app is None or code == i18n.DEFAULT_LANGUAGE:
        return code
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    folders = [(str(i18n.i18n_dir()), f"lossgui_{code}"), (qt_folder, f"qtbase_{code}")]
    for folder, name in folders:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
    return code


def _remove_translators() -> None:
    app = QCoreApplication.instance()
    while _translators:
        translator = _translators.pop()
        if app is not None:
            app.removeTranslator(translator)


def uninstall_language() -> None:
    """Remove the translators :func:`install_language` installed (back to English)."""
    _remove_translators()
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def installed_language() -> str:
    """The language the application is translated into now."""
    return i18n.language()


class LanguageMenu(QObject):
    """View > Language: English or 简体中文, remembered, applied at the next start."""

    def __init__(self, menu: QMenu, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.menu = menu.addMenu(
            QCoreApplication.translate("LanguageMenu", "&Language")
        )
        self.menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        current = i18n.language()
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self.menu, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action

    def choose(self, code: str) -> str:
        """Remember ``code`` for the next start; returns the note shown."""
        self.settings.setValue(LANGUAGE_KEY, code)
        if code == i18n.language():
            note = QCoreApplication.translate(
                "LanguageMenu", "lossgui is shown in {language}."
            )
        else:
            # said in both languages: the reader may not read the current one
            note = QCoreApplication.translate("LanguageMenu", _NEXT_TIME)
            note += " " + i18n.translate("LanguageMenu", _NEXT_TIME, code)
        text = note.format(language=i18n.LANGUAGES[code])
        status = getattr(self.window, "show_message", None)
        if callable(status):
            status(text)
        return text
