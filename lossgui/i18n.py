"""Translations of lossgui's own text, without Qt.

One source of truth per language: the Qt Linguist catalogues
``resources/i18n/<area>_<language>.ts``, extracted from the code by
``pyside6-lupdate`` (``tools/i18n.py update``). The window's widgets translate
through Qt (``QCoreApplication.translate`` with the compiled
``lossgui_<language>.qm``); the Qt-free packages (Explain pages, diagnostics,
receipts, example notes, the command line) call :func:`translate`, which reads
the same ``.ts`` files with the standard library's XML parser.

Marking text::

    from lossgui.i18n import translate

    translate("explain", "The loss of sample {n}").format(n=n)

The first argument is the context (one per area or module, as in the ``.ts``);
the second is the English text, which is also the message id. Text that is
defined before it is shown (tables of labels) is marked with
:func:`QT_TRANSLATE_NOOP` and translated where it is shown. Placeholders are
``str.format`` fields, never f-strings (``lupdate`` reads only literals).

torch's own words stay English: class and argument names, ``reduction='mean'``,
dtypes, and the error messages torch raises (users search for them).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "catalogue",
    "catalogue_files",
    "language",
    "language_for_locale",
    "read_catalogue",
    "set_language",
    "system_language",
    "translate",
]

DEFAULT_LANGUAGE = "en"
#: Language code -> its name in that language (View > Language).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

_current = DEFAULT_LANGUAGE


def language() -> str:
    """The language lossgui's text is shown in now (a key of :data:`LANGUAGES`)."""
    return _current


def set_language(code: str) -> str:
    """Show lossgui's text in ``code`` from now on; returns the code used.

    A code that is not in :data:`LANGUAGES` falls back to the one of its
    language family (``zh_TW`` -> ``zh_CN``) or to English.
    """
    global _current
    chosen = code if code in LANGUAGES else language_for_locale(code)
    _current = chosen
    return chosen


def language_for_locale(name: str) -> str:
    """The language lossgui offers for a locale name (``zh_CN.UTF-8`` -> ``zh_CN``)."""
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    if base in LANGUAGES:
        return base
    family = base.split("_")[0].lower()
    for code in LANGUAGES:
        if code.split("_")[0].lower() == family:
            return code
    return DEFAULT_LANGUAGE


def system_language() -> str:
    """The language of the POSIX locale variables (for code that runs without Qt)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return language_for_locale(value)
    return DEFAULT_LANGUAGE


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for the catalogue; it is translated where it is shown."""
    return text


def translate(context: str, text: str, code: str | None = None) -> str:
    """``text`` in language ``code`` (by default the current one).

    ``text`` itself where no translation exists.
    """
    code = _current if code is None else code
    if code == DEFAULT_LANGUAGE:
        return text
    return catalogue(code).get((context, text), text)


def i18n_dir() -> Path:
    """The folder of the catalogues (``resources/i18n``)."""
    from lossgui.io.bundled import resources_dir

    return resources_dir() / "i18n"


def catalogue_files(code: str) -> list[Path]:
    """Every ``.ts`` catalogue of language ``code``, sorted by name."""
    return sorted(i18n_dir().glob(f"*_{code}.ts"))


def read_catalogue(path: Path) -> dict[tuple[str, str], str | None]:
    """``(context, English text) -> translation`` of one ``.ts`` file.

    The translation is None where it is not finished: empty, or typed
    ``unfinished``, ``obsolete`` or ``vanished`` (as ``lrelease`` leaves
    such entries out of the ``.qm``).
    """
    # deferred: only a non-English session reads catalogues
    import xml.etree.ElementTree as ElementTree

    entries: dict[tuple[str, str], str | None] = {}
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            element = message.find("translation")
            finished = element is not None and element.get("type") is None
            text = element.text if finished and element is not None else None
            entries[(name, message.findtext("source") or "")] = text or None
    return entries


@cache
def catalogue(code: str) -> dict[tuple[str, str], str]:
    """``(context, English text) -> translation`` from every catalogue of ``code``.

    Entries without a finished translation are left out (see
    :func:`read_catalogue`), so their English shows.
    """
    table: dict[tuple[str, str], str] = {}
    for path in catalogue_files(code):
        for key, text in read_catalogue(path).items():
            if text is not None:
                table[key] = text
    return table
