"""Every bundled example in Chinese: the session's own prose translated, numbers kept.

With :func:`lossgui.i18n.set_language` ``("zh_CN")`` the example evaluates to
the same numbers, and the text the session layer writes about it — the
diagnostics and their fixes, the receipt, the compare notes and the article
line — is Chinese prose carrying exactly the numbers of the English text
(translation must never change a number). Qt-free: the catalogues are read by
:mod:`lossgui.i18n` itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pytest

from lossgui import i18n
from lossgui.session.article_check import check_rows, summary_line
from lossgui.session.diagnostics import diagnose
from lossgui.session.document_name import DocumentName
from lossgui.session.example_match import BundledExample, bundled_examples
from lossgui.session.loss_compare import compare

EXAMPLES = bundled_examples()
#: A number as the texts print it: sign, digits, decimals, exponent.
NUMBER = re.compile(r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: English prose (two lowercase words in a row), which code and formulas lack.
PROSE = re.compile(r"\b[a-z]{3,} [a-z]{2,}\b")


@pytest.fixture
def chinese() -> Iterator[None]:
    """Chinese for the test, English again afterwards (the suite runs in English)."""
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def numbers(text: str) -> list[str]:
    """The numbers in ``text``, sorted (a translation may reorder a sentence)."""
    return sorted(NUMBER.findall(text))


def texts(example: BundledExample) -> dict[str, str]:
    """What the session layer writes about ``example``, in the current language."""
    doc = example.document.copy()
    evaluation = doc.evaluate()
    out: dict[str, str] = {}
    if evaluation.receipt is not None:
        out["receipt"] = evaluation.receipt.text
    for i, finding in enumerate(diagnose(doc, evaluation)):
        out[f"finding {i} title"] = finding.title
        out[f"finding {i} detail"] = finding.detail
        for j, fix in enumerate(finding.fixes):
            out[f"finding {i} fix {j}"] = f"{fix.label}: {fix.description}"
    for i, row in enumerate(compare(doc).rows):
        if row.note:
            out[f"compare {i} note"] = row.note
    line = summary_line(doc, evaluation)
    if line:
        out["article line"] = line
    for i, check in enumerate(check_rows(doc, evaluation, example)):
        if check.note:
            out[f"article row {i} note"] = check.note
    name = DocumentName(example=example.title, group=example.group)
    out["status"] = name.status_text()
    return out


def test_the_examples_are_bundled() -> None:
    assert len(EXAMPLES) >= 40


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_example_in_chinese(example: BundledExample, chinese: None) -> None:
    i18n.set_language("en")
    english = texts(example)
    value_en = example.document.copy().evaluate().value
    i18n.set_language("zh_CN")
    translated = texts(example)
    value_zh = example.document.copy().evaluate().value

    # the same numbers computed, whatever the language
    if value_en is None:
        assert value_zh is None
    else:
        assert value_zh is not None
        np.testing.assert_array_equal(value_zh, value_en)
    assert translated.keys() == english.keys()
    for key, text in translated.items():
        assert numbers(text) == numbers(english[key]), (key, english[key], text)
        if PROSE.search(english[key]):
            assert HAN.search(text), (key, english[key], text)
