"""Explain, diagnose, compare and the snippet never raise, on any numbers.

Random garbage (±1e308, subnormals, NaN, ±inf, huge labels) in every loss's
example, every cell explained; numpy warnings are errors here (pytest's
``filterwarnings = error``), so a stray overflow warning fails too. And what
comes out is usable: a value or torch's error, a page with working or that
error, fixes that give a document, a comparison with the session's own
loss first, a snippet that is valid Python.
"""

from __future__ import annotations

import zlib
from html import escape

import numpy as np
import pytest

from lossgui.engine import LOSSES
from lossgui.session import SessionDocument, new_document
from lossgui.session.diagnostics import diagnose
from lossgui.session.explain import explain
from lossgui.session.explain.html import to_html
from lossgui.session.layout import as_table
from lossgui.session.loss_compare import compare
from lossgui.session.torch_snippet import torch_snippet

NASTY = np.array(
    [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        1e308,
        -1e308,
        1e-320,
        np.nan,
        np.inf,
        -np.inf,
        30.0,
        -30.0,
        1e4,
        -745.0,
        800.0,
    ]
)


def _garble(doc, rng):
    for slot in doc.slots():
        array = doc.array(slot.name)
        if slot.kind == "index":
            values = rng.integers(-3, doc.columns + 3, size=array.shape)
        else:
            values = (
                rng.choice(NASTY, size=array.shape)
                if rng.random() < 0.7
                else (rng.normal(0, 3, size=array.shape))
            )
        doc.set_array(slot.name, values)
        if slot.optional:
            doc.enabled[slot.name] = bool(rng.random() < 0.6)
    for param in doc.spec.params:
        if param.kind == "float" and rng.random() < 0.4:
            doc.params[param.name] = float(rng.choice([0.0, -1.0, 0.5, 2.0, 1e308]))
    return doc


def _evaluated(doc):
    """``doc.evaluate()``: a result or torch's error, never both, never neither."""
    evaluation = doc.evaluate()
    assert (evaluation.result is None) == (evaluation.error is not None)
    return evaluation


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_garbage_never_raises(loss):
    rng = np.random.default_rng(zlib.crc32(loss.encode()))  # the same every run
    for _ in range(6):
        doc = _garble(new_document(loss), rng)
        evaluation = _evaluated(doc)
        rows, cols = as_table(evaluation.grid, "grid").shape
        for row, col in {(0, 0), (rows - 1, cols - 1), (rows // 2, cols // 2)}:
            for digits in (3, 4, 8):
                page = explain(evaluation, row, col, digits)
                assert page.loss == loss and page.digits == digits
                if evaluation.error is not None:  # torch's message, no working
                    assert page.error and not page.sections
                else:
                    assert page.error is None and page.sections
                html = to_html(page)
                assert escape(page.heading) in html
        for finding in diagnose(doc, evaluation):
            assert finding.title and finding.detail
            for fix in finding.fixes:
                draft = doc.copy()
                out = fix.apply(draft)
                assert out is None or isinstance(out, SessionDocument), fix.label
                _evaluated(draft if out is None else out)
        comparison = compare(doc, 0.5)
        assert comparison.rows[0].current and comparison.rows[0].loss == loss
        for row in comparison.rows:
            assert row.per_sample.shape == (doc.rows,), row.label
        snippet = torch_snippet(doc, evaluation)
        compile(snippet.code, f"{loss}-snippet.py", "exec")  # valid Python
        assert snippet.grad_name in snippet.code
