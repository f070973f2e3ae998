"""Explanations: the numbers on the page recompute to the values on the page.

Every step's substituted text is turned into Python by plain character
substitution (``−``→``-``, ``·``→``*``, ``^``→``**``), its number literals
are read as float64, and it is evaluated with NumPy's functions; the result
must round to the step's shown value. The final numbers are the engine's.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.engine.registry import LOSSES
from lossgui.session import new_document, startup_document, switch_loss
from lossgui.session.diagnostics import diagnose
from lossgui.session.explain import BUILDERS, Explanation, explain
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import FUNCTIONS, format_number
from lossgui.session.explain.generic import generic
from lossgui.session.layout import as_table

NAMESPACE = {
    **FUNCTIONS,
    "f": np.float64,
    "nan": np.nan,
    "inf": np.inf,
}
NUMBER = re.compile(r"(?<![\w.])(\d+\.?\d*(?:e-?\d+)?)")


def recompute(text: str) -> float:
    python = text.replace("\u2212", "-").replace("\u00b7", "*").replace("^", "**")
    python = NUMBER.sub(lambda m: f"f({m.group(1)})", python)
    with np.errstate(all="ignore"):
        return float(eval(python, {"__builtins__": {}}, NAMESPACE))


def shown_value(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def unit(value: float, digits: int) -> float:
    if value == 0 or not math.isfinite(value):
        return 0.0
    return 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)


def check(explanation) -> int:
    """Every substituted step recomputes to its shown value; returns how many."""
    checked = 0
    for step in explanation.steps():
        assert not step.approximate, (explanation.heading, step)
        if not step.substituted:
            continue
        got = recompute(step.substituted)
        want = shown_value(step.shown)
        if float(np.float32(step.value)) == step.value == float(np.float32(want)):
            want = step.value  # a float32 value shown as its shortest decimal
        if math.isnan(step.value):
            assert math.isnan(got), step
        elif math.isinf(step.value):
            assert got == step.value, step
        else:
            slack = unit(step.value, explanation.digits) + step.atol + 1e-12
            assert abs(got - want) <= slack, (explanation.heading, step, got)
        checked += 1
    return checked


def every_cell(doc, digits: int = 4):
    evaluation = doc.evaluate()
    assert evaluation.ok, evaluation.error
    rows, columns = as_table(evaluation.grid, "grid").shape
    for row in range(rows):
        for column in range(columns):
            yield evaluation, explain(evaluation, row, column, digits)


def final_values_are_the_engines(evaluation, explanation) -> None:
    steps = list(explanation.steps())
    reduced = [s for s in steps if s.symbol == "L"]
    if evaluation.reduction != "none":
        assert reduced and reduced[-1].value == pytest.approx(
            float(evaluation.value), rel=1e-6, nan_ok=True
        )
    grads = [s for s in steps if s.kind == "gradient"]
    row, column = explanation.element
    grid_grad = as_table(evaluation.result.grad, "grid")[row, column]
    assert grads[-1].value == pytest.approx(float(grid_grad), rel=1e-6, abs=1e-30)


def _doc(loss, **changes):
    doc = new_document(loss)
    for key, value in changes.items():
        if key.startswith("tensor_"):
            doc.tensors[key[7:]] = np.asarray(value)
        elif key.startswith("enable_"):
            doc.enabled[key[7:]] = True
            doc.tensor_params[key[7:]] = np.asarray(value, dtype=np.float64)
        else:
            doc.set_setting(key.replace("__", "."), value)
    return doc


def _sessions():
    yield "startup", startup_document()
    binary_x = np.array([[2.0, -1.5, 0.3], [0.2, 4.0, -30.0], [40.0, -100.0, 1e4]])
    binary_y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.3]])
    bce = switch_loss(startup_document(), "BCEWithLogitsLoss")
    bce.resize(3, 3)
    bce.tensors["input"], bce.tensors["target"] = binary_x, binary_y
    yield "bce-logits-extreme", bce
    weighted = bce.copy()
    weighted.enabled.update(weight=True, pos_weight=True)
    weighted.tensor_params["weight"] = np.array([[0.5, 2, 1], [1, 0, 3], [1, 1, 0.25]])
    weighted.tensor_params["pos_weight"] = np.array([3.0, 0.5, 1.5])
    yield "bce-logits-weights", weighted
    wsum = weighted.copy()
    wsum.reduction, wsum.dtype = "sum", "float64"
    yield "bce-logits-weights-f64-sum", wsum
    yield "bce-probabilities-logits-mode", switch_loss(startup_document(), "BCELoss")
    sat = switch_loss(bce, "BCELoss")
    yield "bce-saturated-float32", sat
    raw = _doc("BCELoss", input_mode="raw", tensor_input=[0.9, 0.2, 0.0, 1.0])
    raw.tensors["target"] = np.array([1.0, 0.0, 1.0, 0.0])
    raw.enabled["weight"] = True
    raw.tensor_params["weight"] = np.array([1.0, 2.0, 0.5, 1.0])
    yield "bce-raw-clamped-weighted", raw
    yield "focal", switch_loss(startup_document(), "sigmoid_focal_loss")
    focal = switch_loss(bce, "sigmoid_focal_loss")
    focal.params.update(alpha=-1.0, gamma=0.0)
    focal.reduction = "mean"
    yield "focal-no-alpha-gamma0", focal
    focal2 = switch_loss(bce, "sigmoid_focal_loss")
    focal2.params.update(gamma=1.5)
    focal2.reduction = "sum"
    yield "focal-gamma1.5-sum", focal2
    yield "multilabel", new_document("MultiLabelSoftMarginLoss")
    yield (
        "multilabel-weight",
        _doc("MultiLabelSoftMarginLoss", enable_weight=[1.0, 0.5, 2.0]),
    )
    ce = new_document("CrossEntropyLoss")
    yield "ce", ce
    yield (
        "ce-weight-ignore",
        _doc(
            "CrossEntropyLoss", enable_weight=[1, 2, 0.5, 3, 1], param__ignore_index=0
        ),
    )
    yield "ce-smoothing", _doc("CrossEntropyLoss", param__label_smoothing=0.1)
    yield (
        "ce-smoothing-weight-sum",
        _doc(
            "CrossEntropyLoss",
            param__label_smoothing=0.2,
            enable_weight=[1, 2, 0.5, 3, 1],
            reduction="sum",
        ),
    )
    big = ce.copy()
    big.tensors["input"] = np.array(
        [[1e4, -1e4, 0, 1, 2], [100.0, 99, 0, -5, 3], [0.1] * 5]
    )
    yield "ce-huge-logits", big
    prob = _doc(
        "CrossEntropyLoss", param__label_smoothing=0.1, enable_weight=[1, 2, 0.5, 3, 1]
    )
    from lossgui.session import switch_target_mode

    yield "ce-probabilities", switch_target_mode(prob, "probability")
    yield "nll-logits", _doc("NLLLoss", enable_weight=[1, 2, 0.5, 3, 1])
    nll_raw = _doc("NLLLoss", input_mode="raw", param__ignore_index=2)
    nll_raw.tensors["input"] = np.log(np.array([[0.2, 0.3, 0.5, 0.0, 0.0]] * 3) + 1e-3)
    yield "nll-raw-ignore", nll_raw
    yield "kl-mean", new_document("KLDivLoss")
    yield "kl-batchmean", _doc("KLDivLoss", reduction="batchmean")
    yield (
        "kl-log-target-mean",
        _doc("KLDivLoss", param__log_target=True, reduction="mean"),
    )
    kl = _doc("KLDivLoss", input_mode="raw", reduction="sum")
    kl.tensors["target"] = np.array([[0.0, 0.7, 0.3], [0.1, 0.5, 0.4]])
    kl.tensors["input"] = np.log(np.array([[0.2, 0.5, 0.3], [0.3, 0.3, 0.4]]))
    yield "kl-raw-zero-target", kl
    for loss in ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss"):
        yield loss, new_document(loss)
        yield (
            f"{loss}-weight-sum",
            _doc(loss, reduction="sum")
            if loss == "SmoothL1Loss"
            else _doc(loss, enable_weight=[1.0, 2.0, 0.5, 0.0], reduction="mean"),
        )
    yield "smoothl1-beta", _doc("SmoothL1Loss", param__beta=0.5)
    yield "smoothl1-beta0", _doc("SmoothL1Loss", param__beta=0.0, reduction="none")
    yield "huber-delta", _doc("HuberLoss", param__delta=0.3, dtype="float64")
    # every loss in the registry, at each reduction it accepts
    for loss in sorted(LOSSES):
        for reduction in ("mean", "sum", "none"):
            yield f"{loss}-{reduction}", _doc(loss, reduction=reduction)
    yield "triplet-swap", _doc("TripletMarginLoss", param__swap=True)
    yield "triplet-p1", _doc("TripletMarginLoss", param__p=1.0)
    yield "triplet-p3-swap", _doc("TripletMarginLoss", param__p=3.0, param__swap=True)
    for distance in ("cosine_distance", "l1", "squared_euclidean"):
        yield (
            f"triplet-{distance}-swap",
            _doc(
                "TripletMarginWithDistanceLoss",
                param__distance_function=distance,
                param__swap=True,
            ),
        )
    yield "cosine-margin", _doc("CosineEmbeddingLoss", param__margin=-0.5)
    yield "multi-margin-p2", _doc("MultiMarginLoss", param__p=2, param__margin=2.0)
    yield (
        "multi-margin-weight",
        _doc("MultiMarginLoss", enable_weight=[1.0, 2.0, 0.5, 3.0, 1.0]),
    )
    yield (
        "poisson-rate-full",
        _doc("PoissonNLLLoss", param__log_input=False, param__full=True),
    )
    yield (
        "gaussian-full-f64",
        _doc("GaussianNLLLoss", param__full=True, dtype="float64"),
    )
    yield "poly1-eps", _doc("Poly1CrossEntropyLoss", param__epsilon=2.5)
    yield "dice-raw-rows", _doc("SoftDiceLoss", input_mode="raw", param__smooth=0.0)
    yield "hinge-embedding-margin", _doc("HingeEmbeddingLoss", param__margin=3.0)
    yield "ranking-margin", _doc("MarginRankingLoss", param__margin=1.0)
    yield "ctc-raw-log-probs", _doc("CTCLoss", input_mode="raw", reduction="sum")


SESSIONS = list(_sessions())


@pytest.mark.parametrize("doc", [d for _, d in SESSIONS], ids=[n for n, _ in SESSIONS])
def test_every_shown_step_recomputes_to_its_shown_value(doc):
    checked = 0
    for evaluation, explanation in every_cell(doc):
        assert explanation.error is None
        checked += check(explanation)
        final_values_are_the_engines(evaluation, explanation)
    assert checked > 0


@pytest.mark.parametrize("digits", [3, 6, 9])
def test_other_digit_settings_hold_too(digits):
    for doc in (startup_document(), new_document("CrossEntropyLoss")):
        for _, explanation in every_cell(doc, digits):
            check(explanation)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_has_a_step_by_step_page(loss):
    assert loss in BUILDERS, f"{loss} has no step-by-step builder"
    for _, explanation in every_cell(new_document(loss)):
        assert not any("No step-by-step" in note for note in explanation.notes)


def test_seed_hand_calculations_are_reproduced():
    # 002: CrossEntropyLoss on logits [2, 3, 0.1] with label 1 -> 0.3527
    doc = new_document("CrossEntropyLoss")
    doc.resize(1, 3)
    doc.tensors["input"] = np.array([[2.0, 3.0, 0.1]])
    doc.tensors["target"] = np.array([1])
    steps = {s.symbol: s for s in explain(doc.evaluate(), 0, 1, 4).steps()}
    assert (
        steps["l[0]"].substituted == "−(0·log(0.2585) + 1·log(0.7028) + 0·log(0.03867))"
    )
    assert steps["l[0]"].shown == "0.3527"
    # ... and BCEWithLogitsLoss on its one-hot label: 0.9733 (loss_0 by hand);
    # the switch keeps the index (torch's size error), the banner's fix one-hots it
    bce = switch_loss(doc, "BCEWithLogitsLoss")
    assert bce.evaluate().error is not None
    (fix,) = next(f for f in diagnose(bce) if f.code == "class-indices-to-binary").fixes
    fix.apply(bce)
    explanation = explain(bce.evaluate(), 0, 0, 4)
    steps = {s.symbol: s for s in explanation.steps()}
    assert steps["l[0, 0]"].substituted == "−(0·log(0.8808) + (1 − 0)·log(1 − 0.8808))"
    assert steps["L"].shown == "0.9733"
    # 000: the cat/dog batch, mean 1.0828 (5 digits)
    steps = {
        s.symbol: s for s in explain(startup_document().evaluate(), 0, 0, 5).steps()
    }
    assert steps["L"].shown == "1.0828"
    assert steps["p"].shown == "0.31003"


def test_kl_seed_batchmean():
    steps = list(
        explain(_doc("KLDivLoss", reduction="batchmean").evaluate(), 1, 2, 4).steps()
    )
    assert steps[-1].kind == "gradient"
    reduced = [s for s in steps if s.symbol == "L"][-1]
    assert reduced.shown == "0.05780"  # 001: kl_loss 0.057796258...


def test_ignored_row_is_explained_as_excluded():
    doc = _doc("CrossEntropyLoss", param__ignore_index=0)  # row 1 has target 0
    explanation = explain(doc.evaluate(), 1, 2)
    assert "ignore" in explanation.sections[0].lines[0]
    other = explain(doc.evaluate(), 0, 0)
    assert any("Excluded: row(s) 1" in line for line in other.sections[1].lines)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_generic_page_gives_formula_and_engine_numbers(loss):
    # the page for layouts a builder does not handle (a broadcast target, an
    # integer or 3-D grid, Python math overflowing), shown for every loss
    evaluation = new_document(loss).evaluate()
    with np.errstate(all="ignore"):
        built = generic(Context.create(evaluation, 0, 0, 4))
    assert any("No step-by-step" in note for note in built.notes)
    explanation = Explanation(loss, loss, (0, 0), built.given, "f", built.sections)
    check(explanation)
    grad = [s for s in explanation.steps() if s.kind == "gradient"][-1]
    first = as_table(evaluation.result.grad, "grid").reshape(-1)[0]
    assert grad.value == float(first)


def test_error_session_explains_the_error():
    doc = _doc("BCELoss", input_mode="raw")
    doc.tensors["input"] = np.array([-0.8, 0.7, 0.5])
    explanation = explain(doc.evaluate())
    assert "between 0 and 1" in explanation.error
    assert not explanation.sections


def test_selection_is_clamped():
    explanation = explain(startup_document().evaluate(), 99, 7)
    assert explanation.element == (2, 0)


def test_number_format_round_trips_its_digits():
    for value in (0.310025518, -0.8, 1.0, 2e-9, 123456.789, -1e-300):
        text = format_number(value, 17)
        assert float(text) == value
    assert format_number(float("nan"), 4) == "nan"


def test_engine_value_matches_compute_directly():
    # the explanation's reduced value is compute()'s
    r = compute("BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 0.0, 0.0])
    reduced = [
        s for s in explain(startup_document().evaluate()).steps() if s.symbol == "L"
    ]
    assert reduced[-1].value == float(r.value)


def test_focal_explanation_with_a_target_outside_0_1():
    # (1 - p_t)^γ with 1 - p_t < 0 and fractional γ was a Python complex and
    # explain() raised TypeError (found by tests/ui/test_monkey_main_window.py).
    doc = switch_loss(startup_document(), "sigmoid_focal_loss")
    doc.set_setting("param.gamma", 0.5)
    doc.set_values(doc.slots()[0].name, np.array([0]), np.array([0]), np.array([3.0]))
    doc.set_values(doc.slots()[1].name, np.array([0]), np.array([0]), np.array([2.0]))
    explanation = explain(doc.evaluate(), 0, 0)
    assert explanation.sections


def _bundled():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "resources" / "examples"
    try:
        from lossgui.io.session_file import read_session
    except ImportError:  # the file reader is not there yet
        return []
    return [(p.stem, read_session(p).document) for p in sorted(folder.glob("*.json"))]


BUNDLED = _bundled()


@pytest.mark.parametrize("doc", [d for _, d in BUNDLED], ids=[n for n, _ in BUNDLED])
def test_bundled_examples_explain_consistently(doc):
    evaluation = doc.evaluate()
    if evaluation.error is not None:
        assert explain(evaluation).error == evaluation.error.torch_text
        return
    for _, explanation in every_cell(doc):
        check(explanation)
        final_values_are_the_engines(evaluation, explanation)


def test_torch_is_imported_only_to_verify():
    import subprocess
    import sys

    probe = (
        "import sys, lossgui.session.torch_verify as v, lossgui.session.torch_snippet;"
        "v.torch_available(); print('torch' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
