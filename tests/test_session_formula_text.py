"""The formula box text: the reduction actually chosen, breaking only between terms."""

from __future__ import annotations

import pytest

from lossgui.engine.registry import LOSSES
from lossgui.io.bundled import examples_dir
from lossgui.io.session_file import read_session
from lossgui.session import new_document
from lossgui.session.explain import explain
from lossgui.session.formula_text import (
    MINUS,
    NBSP,
    WORD_JOINER,
    formula_text,
    per_element_lines,
    wrap_friendly,
)


def _last_line(doc) -> str:
    return formula_text(doc, wrap=False).splitlines()[-1]


@pytest.mark.parametrize(
    ("reduction", "line"),
    [
        ("sum", "sum = Σ l"),
        ("mean", "mean = Σ l / numel"),
        ("none", "none: the per-element l"),
    ],
)
def test_the_line_follows_the_reduction(reduction, line):
    doc = new_document("BCEWithLogitsLoss")
    doc.set_setting("reduction", reduction)
    assert _last_line(doc) == line
    assert formula_text(doc, wrap=False).count("mean =") == (reduction == "mean")


def test_batchmean_divides_by_the_batch_size():
    doc = new_document("KLDivLoss")
    doc.set_setting("reduction", "batchmean")
    assert _last_line(doc).startswith("batchmean = Σ l / N")
    doc.set_setting("reduction", "mean")
    assert _last_line(doc) == "mean = Σ l / numel"


def test_weighted_class_losses_divide_by_the_summed_weights():
    doc = read_session(examples_dir() / "004-nllloss-weight-ignore-index.json").document
    assert doc.reduction == "mean"
    assert (
        _last_line(doc) == "mean = Σ_n l_n / Σ_n w[y_n]   (n with y_n ≠ ignore_index)"
    )
    ce = new_document("CrossEntropyLoss")
    assert _last_line(ce) == "mean = Σ_n l_n / N"
    ce.set_setting("enabled.weight", True)
    assert _last_line(ce) == "mean = Σ_n l_n / Σ_n w[y_n]"
    ce.set_setting("enabled.weight", False)
    ce.set_setting("param.ignore_index", 0)
    assert _last_line(ce) == "mean = Σ_n l_n / (number of n with y_n ≠ ignore_index)"
    ce.set_setting("reduction", "sum")
    assert _last_line(ce) == "sum = Σ_n l_n"


def test_functional_weight_divides_by_its_sum():
    doc = new_document("MSELoss")
    assert _last_line(doc) == "mean = Σ l / numel"
    doc.set_setting("enabled.weight", True)
    assert _last_line(doc) == "mean = Σ l / Σ w"


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_exactly_one_reduction_line_for_every_loss(loss, reduction):
    doc = new_document(loss)
    doc.set_setting("reduction", reduction)
    lines = formula_text(doc, wrap=False).splitlines()
    words = ("mean =", "sum =", "none:")
    assert sum(any(line.startswith(w) for w in words) for line in lines) == 1
    assert not any("mean =" in line for line in lines[:-1])
    assert lines[:-1] == per_element_lines(LOSSES[loss].formula)
    assert lines[:-1], "the per-element formula stays"


def test_groups_never_split_and_a_minus_sticks_to_its_operand():
    text = wrap_friendly("l = -w·[y·max(log x, -100) + (1-y)·max(log(1-x), -100)]")
    assert f"(1{MINUS}{WORD_JOINER}y)" in text
    assert f"log(1{MINUS}{WORD_JOINER}x)" in text
    assert f"max(log{NBSP}x,{NBSP}{MINUS}{WORD_JOINER}100)" in text
    # the long bracket may break between its two terms, after the +
    assert f"{NBSP}+ (1" in text
    short = wrap_friendly("l = w·(x - y)²")
    assert f"(x{NBSP}{MINUS}{WORD_JOINER}{NBSP}y)" in short
    # prose keeps its hyphens
    assert "non-ignored" in wrap_friendly("over non-ignored n")


def test_explain_states_the_same_reduction_as_the_box():
    doc = new_document("BCELoss")
    doc.set_setting("reduction", "sum")
    explanation = explain(doc.evaluate())
    assert explanation.formula.splitlines()[-1] == "sum = Σ l"
    assert explanation.formula == formula_text(doc, wrap=False)
    nll = read_session(examples_dir() / "004-nllloss-weight-ignore-index.json").document
    assert explain(nll.evaluate()).formula == formula_text(nll, wrap=False)
