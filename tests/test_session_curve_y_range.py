"""The readable y-range of exploding curves, and the off-scale spans (no Qt).

Issue 14: BCELoss on probabilities drew a loss axis to 100 and a gradient
axis to 1e12 (the curves at p = 0 and 1), every marker on a flat line.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.io.bundled import examples_dir, list_examples
from lossgui.io.session_file import read_session
from lossgui.session.curve_range import batch_values, domain_of, fitted_range
from lossgui.session.curve_y_range import (
    OffScale,
    off_scale_spans,
    off_scale_text,
    readable_range,
)
from lossgui.session.curves import batch_curves

STEMS = [example.path.stem for example in list_examples()]


def _curves_and_markers(evaluation, which):
    x_range = fitted_range(batch_values(evaluation), domain_of(evaluation))
    cs = batch_curves(evaluation, (0, 0), x_range)
    curves = [(c.x, getattr(c, which)) for c in cs.curves]
    return curves, getattr(cs.markers, which), x_range


def _probability_batch(values):
    doc = read_session(examples_dir() / "001-bce-probabilities.json").document
    rows = np.asarray(values, dtype=np.float64).reshape(2, 3)
    doc.tensors["input"] = rows.astype(np.float32)
    return doc.evaluate()


@pytest.mark.parametrize("which", ["loss", "grad"])
def test_bce_probabilities_get_a_range_near_the_batch(which):
    doc = read_session(examples_dir() / "001-bce-probabilities.json").document
    curves, markers, x_range = _curves_and_markers(doc.evaluate(), which)
    full = max(float(np.nanmax(np.abs(y))) for _, y in curves)
    assert full >= 100  # the clamped ends: 100 and 1e12
    low, high = readable_range(curves, markers, x_range)
    assert low <= markers.min() and markers.max() <= high
    assert high - low < 0.5 * full
    assert high - low < 60  # loss about 0…3.3, gradient about ±22


@pytest.mark.parametrize("which", ["loss", "grad"])
def test_markers_near_the_ends_stay_in_the_range(which):
    ev = _probability_batch([0.01, 0.99, 0.5, 0.99, 0.01, 0.3])
    curves, markers, x_range = _curves_and_markers(ev, which)
    low, high = readable_range(curves, markers, x_range)
    margin = 0.05 * (high - low)
    assert low + margin <= markers.min() and markers.max() <= high - margin


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("which", ["loss", "grad"])
def test_every_marker_of_every_example_is_in_the_range(stem, which):
    ev = read_session(examples_dir() / f"{stem}.json").document.evaluate()
    if ev.result is None:  # torch refuses the input: the error, and no markers
        assert ev.error, stem
        return
    curves, markers, x_range = _curves_and_markers(ev, which)
    shown = readable_range(curves, markers, x_range)
    if shown is None:  # the full fit: every curve point and marker
        return
    finite = markers[np.isfinite(markers)]
    assert shown[0] <= finite.min() and finite.max() <= shown[1]


@pytest.mark.parametrize(
    "y",
    [
        lambda x: x**2,  # a parabola keeps its top
        lambda x: np.log1p(np.exp(x)),  # softplus
        lambda x: np.exp(x),  # an exponential over a few units
        lambda x: np.zeros_like(x),  # flat
    ],
)
def test_curves_that_do_not_explode_keep_the_full_fit(y):
    x = np.linspace(-6.0, 6.0, 801)
    assert readable_range([(x, y(x))], np.array([0.0]), (-6.0, 6.0)) is None


def test_one_point_off_the_scale_is_a_span_with_a_width():
    x = np.linspace(0.0, 1.0, 11)
    y = np.where(x == 1.0, 1e12, 0.5)
    (span,) = off_scale_spans([(x, y)], (0.0, 1.0), (0.0, 1.0))
    assert span == OffScale(pytest.approx(0.95), 1.0, 1e12, None)
    assert off_scale_text(span) == "↑ 1e+12"


def test_spans_of_several_curves_join_and_keep_both_sides():
    x = np.linspace(0.0, 1.0, 11)
    up = np.where(x <= 0.2, 50.0, 1.0)
    down = np.where(x <= 0.1, -7.0, 1.0)
    inf = np.where(x == 1.0, np.inf, 1.0)
    nan = np.where(x == 0.5, np.nan, 1.0)
    spans = off_scale_spans(
        [(x, up), (x, down), (x, inf), (x, nan)], (0.0, 2.0), (0.0, 1.0)
    )
    assert spans == [
        OffScale(0.0, pytest.approx(0.25), 50.0, -7.0),
        OffScale(pytest.approx(0.95), 1.0, np.inf, None),
    ]
    assert off_scale_text(spans[0]) == "↑ 50  ↓ -7"


def test_nothing_off_the_scale_gives_no_span():
    x = np.linspace(-1.0, 1.0, 21)
    assert off_scale_spans([(x, x)], (-1.0, 1.0), (-1.0, 1.0)) == []


def test_the_written_out_median_is_numpys():
    from lossgui.session.curve_y_range import _median

    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 4, 801, 1000):
        values = rng.normal(size=n)
        assert _median(values) == float(np.median(values))
    assert np.isnan(_median(np.array([1.0, np.nan, 2.0])))
