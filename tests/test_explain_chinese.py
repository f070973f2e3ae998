"""Explanations in Chinese: the prose is translated, the numbers are untouched.

Every session of ``test_explain_steps`` (every loss in the registry at each
reduction, plus the special layouts) is explained at every cell twice, in
English and in Simplified Chinese. The Chinese page must carry the same
steps (symbols, substituted arithmetic, shown values) as the English one,
its numbers must recompute to their shown values exactly as the English
test demands, its HTML must render, and its prose (heading, section titles,
notes, remarks) must be Chinese and keep every number of the English
sentence: a translation that drops or renames a ``{placeholder}`` or
rewrites a number fails here.
"""

from __future__ import annotations

import re

import pytest
from test_explain_steps import SESSIONS, check, every_cell, final_values_are_the_engines

from lossgui import i18n
from lossgui.engine.registry import LOSSES
from lossgui.session.explain import Explanation, explain
from lossgui.session.explain.html import to_html

CJK = re.compile(r"[\u4e00-\u9fff]")
DIGITS = re.compile(r"[0-9]+")
#: Two English words in a row: prose, where a formula has symbols and calls.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,} [A-Za-z]{3,}")

SESSIONS_BY_NAME = dict(SESSIONS)


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def pages(doc, language: str) -> list[tuple[object, Explanation]]:
    """Every cell's evaluation and explanation of ``doc`` in ``language``."""
    previous = i18n.language()
    i18n.set_language(language)
    try:
        return list(every_cell(doc))
    finally:
        i18n.set_language(previous)


def numbers(explanation: Explanation) -> list[tuple[str, str, str, str]]:
    """What a translation must not change: each step's symbol and arithmetic."""
    return [
        (step.symbol, step.substituted, step.shown, repr(step.value))
        for step in explanation.steps()
    ]


def prose(explanation: Explanation) -> list[str]:
    """The page's sentences: heading, titles, lines, captions, notes, remarks."""
    texts = [explanation.heading, *explanation.notes]
    for section in explanation.sections:
        texts.append(section.title)
        texts += section.lines
        texts += [table.caption for table in section.tables]
        texts += [step.note for step in section.steps if step.note]
    return texts


def test_every_loss_is_among_the_sessions():
    named = {name for name, _ in SESSIONS}
    for loss in LOSSES:
        assert {f"{loss}-{r}" for r in ("mean", "sum", "none")} <= named, loss


@pytest.mark.parametrize("doc", [d for _, d in SESSIONS], ids=[n for n, _ in SESSIONS])
def test_chinese_page_has_the_english_numbers_and_chinese_prose(doc):
    english = pages(doc, "en")
    chinese = pages(doc, "zh_CN")
    assert len(chinese) == len(english)
    checked = 0
    sentences = translated = 0
    for (_, en), (evaluation, zh) in zip(english, chinese, strict=True):
        assert zh.error is None
        assert numbers(zh) == numbers(en), zh.heading
        assert [v for _, v in zh.given] == [v for _, v in en.given]
        assert (zh.element, zh.digits) == (en.element, en.digits)
        # every number of an English sentence is in its translation
        for english_text, chinese_text in zip(prose(en), prose(zh), strict=True):
            assert sorted(DIGITS.findall(chinese_text)) == sorted(
                DIGITS.findall(english_text)
            ), (english_text, chinese_text)
        checked += check(zh)
        final_values_are_the_engines(evaluation, zh)
        # the heading, every section title and every note is a sentence
        for text in (zh.heading, *(s.title for s in zh.sections), *zh.notes):
            assert CJK.search(text), text
        for text in prose(zh):
            sentences += 1
            if CJK.search(text):
                translated += 1
            else:  # left as it is only when it is mathematics
                assert not ENGLISH_WORDS.search(text), text
        for step in zh.steps():
            assert CJK.search(step.formula) or not ENGLISH_WORDS.search(step.formula)
        i18n.set_language("zh_CN")
        try:
            page = to_html(zh)
        finally:
            i18n.set_language("en")
        assert "公式（torch）：" in page and "Formula (torch)" not in page
    assert checked > 0
    assert translated >= 0.6 * sentences


def test_chinese_page_of_an_ignored_sample(chinese):
    doc = SESSIONS_BY_NAME["ce-weight-ignore"]  # row 1's target is ignore_index
    explanation = explain(doc.evaluate(), 1, 2)
    (line,) = explanation.sections[0].lines
    assert "ignore_index" in line and CJK.search(line)
    assert CJK.search(explanation.sections[0].steps[0].formula)


def test_language_is_restored_after_each_page():
    doc = SESSIONS_BY_NAME["startup"]
    pages(doc, "zh_CN")
    assert i18n.language() == "en"
    (_, explanation), *_ = every_cell(doc)
    assert not any(CJK.search(text) for text in prose(explanation))


@pytest.mark.parametrize("digits", [3, 9])
def test_numbers_agree_at_other_digit_settings(digits):
    for name in ("startup", "ce-smoothing", "ctc-raw-log-probs"):
        evaluation = SESSIONS_BY_NAME[name].evaluate()
        english = explain(evaluation, 0, 0, digits)
        i18n.set_language("zh_CN")
        try:
            chinese = explain(evaluation, 0, 0, digits)
        finally:
            i18n.set_language("en")
        assert numbers(chinese) == numbers(english)
        check(chinese)
