"""One rounding policy: the header, receipt, explain and compare agree (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.io.bundled import examples_dir
from lossgui.io.session_file import read_session
from lossgui.session import number_format
from lossgui.session.explain import explain
from lossgui.session.number_format import fmt, set_significant_digits
from lossgui.session.receipt import short


@pytest.fixture(autouse=True)
def _restore_precision():
    before = number_format.significant_digits()
    yield
    set_significant_digits(before)


def test_the_default_is_five_significant_digits():
    assert number_format.DEFAULT_DIGITS == 5
    assert fmt(1.8634999990463257) == "1.8635"  # as torch prints tensor(1.8635)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (0.310025518, 4, "0.3100"),
        (0.310025518, 6, "0.310026"),
        (-0.8, 4, "-0.8"),
        (3.0, 3, "3"),
        (-100.0, 8, "-100"),
        (2.0000001e-9, 3, "2.00e-9"),
        (1.5e20, 4, "1.5e20"),
        (float("nan"), 5, "nan"),
        (float("-inf"), 5, "-inf"),
    ],
)
def test_rules(value, digits, text):
    assert fmt(value, digits) == text


def test_float32_values_count_as_their_shortest_decimal():
    # float(np.float32(0.1)) is 0.10000000149011612: read as a float64 it would
    # need trailing zeros to say it was rounded; as float32 it is exactly 0.1
    assert fmt(np.float32(0.1), 5) == "0.1"
    assert fmt(float(np.float32(0.1)), 5) == "0.1"
    assert fmt(0.1 + 1e-12, 5) == "0.10000"  # a float64 that float32 cannot hold
    assert fmt(np.float32(1.0827879), 8) == "1.0827879"
    assert fmt(float(np.float32(1.0827879)), 8) == "1.0827879"
    assert fmt(np.float32("inf"), 5) == "inf"
    assert fmt(1e300, 3) == "1e300"


def test_the_setting_is_clamped_and_shared_by_short():
    assert set_significant_digits(7) == 7
    assert short(1 / 3) == "0.3333333"
    assert fmt(1 / 3) == "0.3333333"
    assert set_significant_digits(99) == number_format.DIGIT_CHOICES[-1]
    assert set_significant_digits(0) == number_format.DIGIT_CHOICES[0]
    assert short(1 / 3, 4) == "0.3333"  # an explicit request still wins


def _final_value_shown(explanation) -> str:
    steps = [step for section in explanation.sections for step in section.steps]
    reduced = [step for step in steps if step.kind == "reduction"]
    return reduced[-1].shown


@pytest.mark.parametrize("digits", [3, 5, 8])
@pytest.mark.parametrize(
    "stem",
    [
        "000-bceloss-sigmoid-cat-dog",
        "002-crossentropy-class-index",
        "004-nllloss-weight-ignore-index",
    ],
)
def test_header_receipt_and_explain_agree_on_seed_examples(stem, digits):
    doc = read_session(examples_dir() / f"{stem}.json").document
    evaluation = doc.evaluate()
    set_significant_digits(digits)
    value = np.asarray(evaluation.value)[()]
    header = fmt(value)
    assert header == fmt(value, digits)
    assert len(header.lstrip("-").replace(".", "").lstrip("0")) <= digits
    # Explain shows the reduced value with the same digits (typographic minus aside)
    assert _final_value_shown(explain(evaluation)).replace("−", "-") == header
    # and the receipt's numerator reads the same way
    receipt = evaluation.receipt
    assert receipt is not None
    assert fmt(receipt.numerator) in receipt.text
