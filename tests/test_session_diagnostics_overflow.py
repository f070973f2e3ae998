"""Diagnostics: values that overflow the session's dtype are flagged and fixable."""

from __future__ import annotations

import numpy as np

from lossgui.session import new_document, startup_document
from lossgui.session.diagnostics import diagnose


def overflow(doc):
    found = [f for f in diagnose(doc) if f.code == "dtype-overflow"]
    return found[0] if found else None


def applied(doc, fix):
    draft = doc.copy()
    out = fix.apply(draft)
    return draft if out is None else out


def test_1e39_in_a_float32_cell_is_flagged_with_its_cell():
    doc = new_document("MultiLabelSoftMarginLoss")  # a 2x3 grid of logits
    doc.tensors["input"][0, 1] = 1e39
    assert not np.isfinite(float(doc.evaluate().value))
    finding = overflow(doc)
    assert finding is not None
    assert finding.severity == "warning"
    assert "input[0, 1] = 1e+39 overflows float32 to inf" in finding.title
    labels = [fix.label for fix in finding.fixes]
    assert labels == ["Use float64", "Clip to the float32 range"]


def test_every_overflowing_tensor_is_counted():
    doc = startup_document()
    doc.tensors["input"] = np.array([-1e39, 0.7, 5e40])
    doc.enabled["weight"] = True
    doc.tensor_params["weight"] = np.array([1.0, 1e300, 1.0])
    finding = overflow(doc)
    assert "input[0] = -1e+39 overflows float32 to -inf" in finding.title
    assert "input (2)" in finding.detail and "weight (1)" in finding.detail


def test_the_fixes_make_the_loss_finite():
    doc = startup_document()
    doc.tensors["input"] = np.array([1e39, 0.7, -1e39])
    as_float64, clipped = overflow(doc).fixes
    wider = applied(doc, as_float64)
    assert wider.dtype == "float64"
    assert np.isfinite(float(wider.evaluate().value))
    assert overflow(wider) is None
    clip = applied(doc, clipped)
    top = float(np.finfo(np.float32).max)
    assert clip.tensors["input"].tolist() == [top, 0.7, -top]
    assert np.isfinite(float(clip.evaluate().value))
    assert overflow(clip) is None


def test_float64_values_and_typed_inf_are_not_overflow():
    doc = startup_document()
    doc.set_setting("dtype", "float64")
    doc.tensors["input"] = np.array([1e39, 0.7, 0.5])
    assert overflow(doc) is None
    typed = startup_document()
    typed.tensors["input"] = np.array([np.inf, 0.7, np.nan])
    assert overflow(typed) is None  # the NaN/inf finding covers these
    assert "non-finite" in {f.code for f in diagnose(typed)}


def test_a_disabled_weight_is_not_checked():
    doc = startup_document()
    doc.tensor_params["weight"] = np.array([1.0, 1e300, 1.0])
    assert overflow(doc) is None
