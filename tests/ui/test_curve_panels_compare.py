"""Curve panels in compare and numerics modes, and the true-class x axis."""

from __future__ import annotations

import numpy as np

from lossgui.engine import compute
from lossgui.session import new_document


def test_focal_preset_overlays_bce_and_focal_with_a_legend(make_window):
    window = make_window()
    panel = window.curves_panel
    panel.set_mode("compare")
    assert panel.compare.isVisible()
    panel.compare.preset.setCurrentIndex(0)
    panel.compare.load_preset()
    labels = panel.loss_plot.legend_labels()
    assert labels[0] == "BCEWithLogitsLoss" and len(labels) == 6
    legend = panel.loss_plot.legend  # a small plot: first entries, "+k more"
    shown, room = legend.shown_texts(), len(legend.items)
    assert shown[:room] == labels[:room]
    assert shown[room:] == (() if room == 6 else (f"+{6 - room} more",))
    for item, gamma in zip(
        panel.loss_plot.visible_curves()[1:], (0, 0.5, 1, 2, 5), strict=True
    ):
        x, y = item.getData()
        z = x.astype(np.float32)
        ref = compute(
            "sigmoid_focal_loss",
            z,
            np.ones_like(z),
            alpha=-1.0,
            gamma=gamma,
            reduction="none",
        )
        np.testing.assert_array_equal(y, ref.value)


def test_probability_axis(make_window):
    window = make_window()
    panel = window.curves_panel
    panel.controls.axis.setCurrentIndex(panel.controls.axis.findData("p_true"))
    x, _ = panel.loss_plot.visible_curves()[1].getData()  # y = 1: p_t = σ(z)
    z = panel.curve_set.curves[1].x.astype(np.float64)
    np.testing.assert_allclose(x, 1 / (1 + np.exp(-z)), rtol=1e-6)
    assert "true class" in panel.loss_plot.getPlotItem().getAxis("bottom").labelText
    window.controller.set_loss("HuberLoss")  # no probability reading: back to x
    assert panel.controls.current_axis() == "logit"


def test_add_current_and_vary_a_parameter(make_window):
    window = make_window(new_document("HuberLoss"))
    panel = window.curves_panel
    panel.set_mode("compare")
    panel.compare.addCurrentRequested.emit()
    panel.compare.param.setCurrentText("delta")
    panel.compare.values.setText("0.5, 2")
    panel.compare.findChild(type(panel.compare.list), "compareList")
    panel.compare._vary()
    assert panel.compare.list.count() == 3
    labels = panel.loss_plot.legend_labels()
    assert labels[1:] == ("HuberLoss(delta=0.5)", "HuberLoss(delta=2.0)")
    x, y = panel.loss_plot.visible_curves()[2].getData()
    z = x.astype(np.float32)
    ref = compute("HuberLoss", z, np.zeros_like(z), delta=2.0, reduction="none")
    np.testing.assert_array_equal(y, ref.value)  # row 0's target is 0
    window.controller.set_setting("param.delta", 3.0)  # entries are snapshots
    assert panel.loss_plot.legend_labels()[1:] == labels[1:]


def test_numerics_view_shows_the_clamp(make_window):
    window = make_window()
    panel = window.curves_panel
    panel.set_mode("numerics")
    assert panel.controls.x_range() == (-120.0, 120.0)
    data = dict(
        zip(
            panel.loss_plot.legend_labels(),
            panel.loss_plot.visible_curves(),
            strict=True,
        )
    )
    x, bce32 = data["BCELoss(σ(z)) float32"].getData()
    _, logits64 = data["BCEWithLogitsLoss float64"].getData()
    assert bce32[0] == 100 and logits64[0] == 120
    assert bce32[np.searchsorted(x, -95)] == 100  # float32 σ(-95) == 0
    assert bce32[-1] == 0  # σ(120) == 1
    panel.controls.target.setValue(0.0)
    _, flipped = dict(
        zip(
            panel.loss_plot.legend_labels(),
            panel.loss_plot.visible_curves(),
            strict=True,
        )
    )["BCELoss(σ(z)) float32"].getData()
    assert flipped[-1] == 100 and flipped[0] == 0
