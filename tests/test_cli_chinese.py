"""The command line and the file loaders speak Chinese in a zh_CN locale.

Qt-free: ``lossgui export --help`` runs in a subprocess whose POSIX locale
variables say ``zh_CN.UTF-8`` (the CLI picks its language from them), and
the loaders' refusals are translated when :mod:`lossgui.i18n`'s language is
``zh_CN``. The expected Chinese comes from the catalogue
(``resources/i18n/app_zh_CN.ts``), never from the code under test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from lossgui import i18n
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_block, parse_number


def _zh(context: str, english: str) -> str:
    """The catalogue's Chinese for ``english`` (the test fails if there is none)."""
    table = i18n.catalogue("zh_CN")
    assert (context, english) in table, f"no Chinese for {english!r}"
    return table[(context, english)]


def _export_help(locale: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = locale
    env["LC_ALL"] = locale
    return subprocess.run(
        [sys.executable, "-m", "lossgui", "export", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )


@pytest.fixture
def chinese() -> Iterator[None]:
    """lossgui's language is zh_CN for the test, English again afterwards."""
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_export_help_is_chinese_in_a_zh_cn_locale() -> None:
    done = _export_help("zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    for english in (
        "show this help message and exit",
        "the CSV to write",
        "options",
        "usage: ",
    ):
        assert _zh("cli", english).strip() in done.stdout
    assert "show this help message and exit" not in done.stdout
    assert "--reduction" in done.stdout  # option names stay as they are


def test_export_help_is_english_in_the_c_locale() -> None:
    done = _export_help("C.UTF-8")
    assert done.returncode == 0, done.stderr
    assert "show this help message and exit" in done.stdout
    assert "the CSV to write" in done.stdout
    assert "usage: lossgui export" in done.stdout


def test_export_usage_error_is_chinese_in_a_zh_cn_locale() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = env["LC_ALL"] = "zh_CN.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "lossgui", "export", "--loss", "NoSuchLoss", "-o", "x"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    unknown = _zh("cli", "unknown loss '{loss}'; choose one of: {names}")
    assert unknown.split("{loss}")[0] in done.stderr
    assert "NoSuchLoss" in done.stderr  # the user's own words are kept


def test_file_format_error_is_chinese_when_the_language_is_zh_cn(
    chinese: None,
) -> None:
    with pytest.raises(FileFormatError) as caught:
        parse_block("")
    assert str(caught.value) == _zh("io", "there are no numbers in the text")
    with pytest.raises(FileFormatError) as caught:
        parse_number("abc")
    expected = _zh("io", "'{shown}' is not a number").format(shown="abc")
    assert str(caught.value) == expected
    assert expected != "'abc' is not a number"


def test_file_format_error_is_english_otherwise() -> None:
    assert i18n.language() == i18n.DEFAULT_LANGUAGE
    with pytest.raises(FileFormatError, match="^there are no numbers in the text$"):
        parse_block("")
    with pytest.raises(FileFormatError, match="^'abc' is not a number$"):
        parse_number("abc")


def test_every_registry_text_has_chinese() -> None:
    """Each loss's summary and descriptions are in the engine catalogue."""
    from lossgui.engine import LOSSES

    table = i18n.catalogue("zh_CN")
    missing = []
    for spec in LOSSES.values():
        texts = [spec.summary, *(a.doc for a in spec.forward)]
        texts += [p.doc for p in spec.params]
        missing += [t for t in texts if ("engine", t) not in table]
    assert not missing, missing
