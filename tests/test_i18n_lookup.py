"""lossgui.i18n: the Qt-free lookup in the .ts catalogues."""

from __future__ import annotations

import pytest

from lossgui import i18n


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@pytest.fixture
def catalogue_dir(tmp_path, monkeypatch):
    """A folder of hand-written catalogues in place of resources/i18n."""
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    i18n.catalogue.cache_clear()
    yield tmp_path
    i18n.catalogue.cache_clear()


def write_ts(folder, name, body):
    (folder / name).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="zh_CN">\n{body}\n</TS>\n',
        encoding="utf-8",
    )


def test_english_is_the_text_itself():
    assert i18n.language() == "en"
    assert i18n.translate("LanguageMenu", "&Language") == "&Language"


def test_the_shipped_catalogue_translates(chinese):
    assert i18n.translate("LanguageMenu", "&Language") == "语言(&L)"


def test_unfinished_obsolete_and_unknown_text_stays_english(chinese, catalogue_dir):
    write_ts(
        catalogue_dir,
        "a_zh_CN.ts",
        """<context><name>ctx</name>
<message><source>done</source><translation>完成</translation></message>
<message><source>draft</source><translation type="unfinished">草稿</translation></message>
<message><source>gone</source><translation type="vanished">旧</translation></message>
<message><source>empty</source><translation></translation></message>
</context>""",
    )
    write_ts(
        catalogue_dir,
        "b_zh_CN.ts",
        """<context><name>other</name>
<message><source>done</source><translation>另一个</translation></message>
</context>""",
    )
    assert i18n.translate("ctx", "done") == "完成"
    assert i18n.translate("other", "done") == "另一个"  # contexts keep apart
    for text in ("draft", "gone", "empty", "never seen"):
        assert i18n.translate("ctx", text) == text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("en_US.UTF-8", "en"),
        ("de_DE", "en"),
        ("C", "en"),
        ("", "en"),
    ],
)
def test_locale_names_map_to_an_offered_language(locale, expected):
    assert i18n.language_for_locale(locale) == expected


def test_the_system_language_comes_from_the_locale_variables(monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL wins
    assert i18n.system_language() == "en"


def test_an_unknown_language_falls_back():
    try:
        assert i18n.set_language("fr_FR") == "en"
        assert i18n.set_language("zh_HK") == "zh_CN"
    finally:
        i18n.set_language("en")
