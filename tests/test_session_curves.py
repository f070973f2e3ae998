"""Sweeps and curve sets, without Qt: same engine call, markers on their curves."""

from __future__ import annotations

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import LOSSES, compute
from lossgui.engine.pipeline import compute_from_logits
from lossgui.session import new_document, startup_document
from lossgui.session.curve_compare import (
    PRESETS,
    compare_curves,
    entry_from_evaluation,
    numerics_curves,
    vary_parameter,
)
from lossgui.session.curves import HARDEST, batch_curves, curve_columns
from lossgui.session.sweep import Problem, shape_rules, sweep_elements

WORKING = [name for name in LOSSES if new_document(name).evaluate().ok]


def test_bce_curves_are_compute_on_the_sweep_points():
    ev = startup_document().evaluate()
    cs = batch_curves(ev, (0, 0), (-6, 6), 401)
    assert [c.label for c in cs.curves] == ["y=0", "y=1"]
    for curve, y in zip(cs.curves, (0.0, 1.0), strict=True):
        assert curve.x.dtype == np.float32 and curve.x.size == 401
        ref = compute(
            "BCEWithLogitsLoss", curve.x, np.full(401, y, np.float32), reduction="none"
        )
        np.testing.assert_array_equal(curve.loss, ref.value)
        np.testing.assert_array_equal(curve.grad, ref.grad)
    assert cs.curves[1].selected and not cs.curves[0].selected


def test_markers_are_the_batch():
    ev = startup_document().evaluate()
    m = batch_curves(ev).markers
    np.testing.assert_array_equal(m.x, ev.grid)
    np.testing.assert_array_equal(m.loss, ev.result.loss.elementwise)
    none = compute("BCEWithLogitsLoss", ev.grid, ev.inputs[1][1], reduction="none")
    np.testing.assert_array_equal(m.grad, none.grad)
    assert list(m.curve) == [1, 0, 0]  # y=1 on curve 1, y=0 on curve 0


@pytest.mark.parametrize("name", WORKING)
def test_every_marker_lies_on_its_own_curve(name):
    """Sweeping each drawn curve's element at a marker's x gives the marker."""
    ev = new_document(name).evaluate()
    cs = batch_curves(ev, (1, 1), points=41)
    assert cs.error is None and cs.curves, cs.error
    problem = Problem.from_evaluation(ev)
    rules = shape_rules(problem, ev.result.loss.elementwise.shape)
    m = cs.markers
    for i in np.flatnonzero(m.curve >= 0):
        curve = cs.curves[m.curve[i]]
        (at,) = sweep_elements(problem, [curve.element], m.x[i : i + 1], rules)
        np.testing.assert_allclose(at.loss, m.loss[i : i + 1], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(at.grad, m.grad[i : i + 1], rtol=1e-4, atol=1e-6)


def test_cross_entropy_sweeps_one_logit_with_the_row_fixed():
    ev = new_document("CrossEntropyLoss").evaluate()
    cs = batch_curves(ev, (1, 2), points=101)
    assert [c.element for c in cs.curves] == [(1, c) for c in range(5)]
    curve = next(c for c in cs.curves if c.selected)
    assert curve.element == (1, 2)
    rows = np.repeat(ev.grid[1:2], 101, axis=0)
    rows[:, 2] = curve.x
    ref = compute("CrossEntropyLoss", rows, np.full(101, 0), reduction="none")
    np.testing.assert_array_equal(curve.loss, ref.value)
    np.testing.assert_array_equal(curve.grad, ref.grad[:, 2])
    assert "true class" in cs.curves[0].label  # row 1's target is class 0
    probs = np.exp(ref.value * -1)  # p of the true class = exp(-CE)
    np.testing.assert_allclose(curve.p_true, probs, rtol=1e-5)


def test_class_weight_and_pos_weight_enter_the_swept_element():
    doc = startup_document()
    doc.resize(3, 2)
    doc.tensors["target"][:] = [[1, 0], [1, 0], [0, 1]]
    doc.enabled["pos_weight"] = True
    doc.tensor_params["pos_weight"][:] = [3.0, 1.0]
    ev = doc.evaluate()
    cs = batch_curves(ev, (0, 0), points=11)
    labels = [c.label for c in cs.curves]
    assert labels == [
        "y=0 · pos_weight=1",
        "y=0 · pos_weight=3",
        "y=1 · pos_weight=1",
        "y=1 · pos_weight=3",
    ]
    curve = cs.curves[3]
    ref = compute(
        "BCEWithLogitsLoss",
        curve.x,
        np.ones(11, np.float32),
        pos_weight=np.float32([3.0]),
        reduction="none",
    )
    np.testing.assert_array_equal(curve.loss, ref.value)


def test_softmax_divergence_is_coupled_and_raw_is_not():
    doc = new_document("KLDivLoss")
    coupled = batch_curves(doc.evaluate(), (0, 0), points=11)
    assert coupled.loss_label.startswith("KLDivLoss ℓ per sample")
    doc.input_mode = "raw"
    raw = batch_curves(doc.evaluate(), (0, 0), points=11)
    assert raw.loss_label.startswith("KLDivLoss ℓ per element")


def test_huge_batch_marks_a_subsample_and_says_so():
    doc = startup_document()
    doc.resize(50_000, 4)
    doc.randomize(2)
    cs = batch_curves(doc.evaluate(), (49_999, 3), max_markers=500)
    assert cs.markers.x.size <= 501 + HARDEST  # the sample, selected, hardest
    assert cs.markers.find(49_999, 3) == cs.selected
    assert any("of 200,000 elements" in note for note in cs.notes)


def test_raw_probabilities_are_swept_inside_zero_one():
    doc = new_document("BCELoss")
    doc.input_mode = "raw"
    doc.tensors["input"][:] = [0.2, 0.7, 0.5]
    cs = batch_curves(doc.evaluate(), (0, 0), (-6, 6), 51)
    assert cs.error is None
    assert cs.curves[0].x.min() == 0 and cs.curves[0].x.max() == 1


def test_refused_input_gives_an_error_not_curves():
    doc = new_document("CrossEntropyLoss")
    doc.tensors["target"][0] = 9
    cs = batch_curves(doc.evaluate())
    assert cs.error and not cs.curves and cs.markers is None


def test_focal_preset_reproduces_the_paper_figure():
    cs = compare_curves(next(iter(PRESETS.values()))(), points=201)
    assert len(cs.curves) == 6
    bce, gamma0 = cs.curves[0], cs.curves[1]
    np.testing.assert_allclose(gamma0.loss, bce.loss, rtol=1e-6)
    for curve, gamma in zip(cs.curves[1:], (0, 0.5, 1, 2, 5), strict=True):
        ref = compute(
            "sigmoid_focal_loss",
            curve.x,
            np.ones_like(curve.x),
            alpha=-1.0,
            gamma=gamma,
            reduction="none",
        )
        np.testing.assert_array_equal(curve.loss, ref.value)
    expected = 1 / (1 + np.exp(-bce.x.astype(float)))
    np.testing.assert_allclose(bce.p_true, expected, rtol=1e-6)


def test_vary_parameter_and_current_entry():
    ev = new_document("HuberLoss").evaluate()
    base = entry_from_evaluation(ev, (3, 0))
    entries = vary_parameter(base, "delta", [0.5, 2.0])
    cs = compare_curves([base, *entries], points=21)
    assert [c.label for c in cs.curves][1:] == [
        "HuberLoss(delta=0.5)",
        "HuberLoss(delta=2.0)",
    ]
    x = cs.curves[1].x
    ref = compute("HuberLoss", x, np.ones_like(x), delta=0.5, reduction="none")
    np.testing.assert_array_equal(cs.curves[1].loss, ref.value)


def test_numerics_show_the_clamp_and_float32_saturation():
    cs = numerics_curves(1.0, points=241)
    by = {c.label: c for c in cs.curves}
    bce32, bce64 = by["BCELoss(σ(z)) float32"], by["BCELoss(σ(z)) float64"]
    logits64 = by["BCEWithLogitsLoss float64"]
    assert bce32.loss[0] == 100 and bce64.loss[0] == 100  # z = -120: clamped
    assert logits64.loss[0] == pytest.approx(120)
    assert bce32.loss[-1] == 0  # σ(120) == 1 in float32
    ref = compute_from_logits("BCELoss", bce32.x, np.ones_like(bce32.x))
    assert ref.loss.value.dtype == np.float32


def test_curve_columns():
    cs = numerics_curves(points=11)  # steps of 24: the same x in both dtypes
    names = [name for name, _ in curve_columns(cs)]
    assert names[0] == "x" and names.count("x") == 1
    assert len(names) == 1 + 3 * 4  # loss, grad and p_true per curve
    thirds = numerics_curves(x_range=(-1, 1), points=4)  # ±1/3 differ in float32
    names = [name for name, _ in curve_columns(thirds)]
    assert "x: BCELoss(σ(z)) float64" in names


def test_sweeps_match_torch_autograd():
    torch = pytest.importorskip("torch")
    ev = new_document("CrossEntropyLoss").evaluate()
    curve = next(c for c in batch_curves(ev, (2, 4), points=61).curves if c.selected)
    rows = torch.tensor(np.repeat(ev.grid[2:3], 61, axis=0))
    rows[:, 4] = torch.tensor(curve.x)
    rows.requires_grad_(True)
    target = torch.full((61,), int(ev.inputs[1][1][2]))
    loss = torch.nn.CrossEntropyLoss(reduction="none")(rows, target)
    loss.sum().backward()
    scale = input_scale(rows)
    assert_matches_torch(curve.loss, loss, what="loss", scale=scale)
    assert_matches_torch(curve.grad, rows.grad[:, 4], what="grad", scale=scale)
