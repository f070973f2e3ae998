"""Kept class indices (CrossEntropyLoss -> BCEWithLogitsLoss) outside 0…C-1.

The banner's one-hot finding stays for a negative or too large index, but
it says why the plain one-hot cannot be done (torch's ``F.one_hot`` raises
for such an index) instead of offering it, or offers growing the logits
under a label that says so. The class-index loss's "Target ... is out of
bounds" IndexError is not claimed: BCEWithLogitsLoss raises its size error.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.session import new_document, switch_loss
from lossgui.session.diagnostics import diagnose

ONE_HOT_NEGATIVE = "RuntimeError: Class values must be non-negative."
ONE_HOT_TOO_LARGE = "RuntimeError: Class values must be smaller than num_classes."


def kept(indices):
    """BCEWithLogitsLoss on a 3×5 grid, its class indices kept from CE."""
    doc = switch_loss(new_document("CrossEntropyLoss"), "BCEWithLogitsLoss")
    assert doc.target_mode == "class_indices" and doc.columns == 5
    doc.tensors["target"] = np.array(indices, dtype=np.int64)
    return doc


def findings(doc):
    return {f.code: f for f in diagnose(doc)}


def applied(doc, fix):
    draft = doc.copy()
    out = fix.apply(draft)
    return draft if out is None else out


def test_torch_one_hot_raises_what_the_finding_quotes():
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError) as negative:
        torch.nn.functional.one_hot(torch.tensor([-1, 0, 2]), 5)
    with pytest.raises(RuntimeError) as large:
        torch.nn.functional.one_hot(torch.tensor([7, 0, 2]), 5)
    assert f"RuntimeError: {negative.value}" == ONE_HOT_NEGATIVE
    assert f"RuntimeError: {large.value}" == ONE_HOT_TOO_LARGE


def test_a_negative_index_keeps_the_finding_without_a_one_hot_fix():
    doc = kept([-1, 0, 2])
    found = findings(doc)
    assert "class-indices-to-binary" in found, list(found)
    finding = found["class-indices-to-binary"]
    assert finding.severity == "error"
    assert "0…4" in finding.detail
    assert "-1" in finding.detail
    assert ONE_HOT_NEGATIVE in finding.detail
    assert doc.evaluate().error.torch_text in finding.detail  # torch's size error
    assert finding.fixes == ()
    # not CrossEntropyLoss's IndexError: BCEWithLogitsLoss never indexes with it
    assert "labels-out-of-range" not in found


def test_a_too_large_index_offers_growing_the_logits_by_name():
    doc = kept([7, 0, 2])
    found = findings(doc)
    finding = found["class-indices-to-binary"]
    assert ONE_HOT_TOO_LARGE in finding.detail
    assert "0…4" in finding.detail
    (fix,) = finding.fixes
    assert fix.label == "Add classes up to 7 (C = 8), then one-hot"
    fixed = applied(doc, fix)
    assert fixed.columns == 8
    assert fixed.tensors["target"].tolist() == [
        [0, 0, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0, 0, 0],
    ]
    assert fixed.evaluate().error is None
    assert "labels-out-of-range" not in found


def test_indices_in_range_keep_the_plain_one_hot():
    doc = kept([3, 0, 2])
    (fix,) = findings(doc)["class-indices-to-binary"].fixes
    assert fix.label == "One-hot the target"
    assert applied(doc, fix).columns == 5


def test_a_mixed_target_names_every_index_outside():
    finding = findings(kept([-2, 9, 2]))["class-indices-to-binary"]
    assert "-2" in finding.detail and "9" in finding.detail
    assert ONE_HOT_NEGATIVE in finding.detail
    assert finding.fixes == ()


def test_cross_entropy_still_reports_its_own_out_of_range_labels():
    doc = new_document("CrossEntropyLoss")
    doc.tensors["target"] = np.array([7, 0, 2], dtype=np.int64)
    found = findings(doc)
    assert "labels-out-of-range" in found
    assert "class-indices-to-binary" not in found
