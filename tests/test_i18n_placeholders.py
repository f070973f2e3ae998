"""Every translation keeps to its English text's ``str.format`` fields.

A translation that names a field the English does not have (or misspells
one) would raise ``KeyError`` in ``.format`` only when the app runs in that
language; one with a broken brace would raise ``ValueError``. A translation
may leave a field out (Chinese needs no plural "s", for instance).
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from lossgui.i18n import read_catalogue

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
CATALOGUES = sorted(I18N.glob("*_*.ts"))


def fields(text: str) -> set[tuple[str, str, str | None]]:
    """The ``(name, format spec, conversion)`` of every replacement field."""
    return {
        (name, spec or "", conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def translations(path: Path) -> list[tuple[str, str, str]]:
    """``(context, source, translation)`` of every finished entry."""
    return [
        (context, source, text)
        for (context, source), text in read_catalogue(path).items()
        if text is not None
    ]


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 7


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_translations_use_only_their_source_fields(path):
    wrong = []
    for context, source, text in translations(path):
        try:
            source_fields = fields(source)
        except ValueError:  # not a format string (literal braces): must match as is
            if text.count("{") != source.count("{"):
                wrong.append((context, source, text, "braces differ"))
            continue
        try:
            extra = fields(text) - source_fields
        except ValueError as exc:
            wrong.append((context, source, text, str(exc)))
            continue
        if extra:
            wrong.append((context, source, text, f"fields not in the source: {extra}"))
    assert not wrong, "\n".join(map(str, wrong[:20]))
