"""Exporting the curve plots (PNG, SVG) and the curve data (CSV) from the app."""

from __future__ import annotations

import csv
from unittest.mock import MagicMock

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMenu


def trigger(window, name: str) -> None:
    menu = window.curves_panel.controls.export.menu()
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.objectName() == name)
    action.trigger()


@pytest.mark.parametrize(
    ("action", "suffix", "magic"),
    [
        ("export_loss_png", ".png", b"\x89PNG"),
        ("export_grad_png", ".png", b"\x89PNG"),
        ("export_loss_svg", ".svg", b"<?xml"),
        ("export_grad_svg", ".svg", b"<?xml"),
    ],
)
def test_plots_export_as_images(
    make_window, tmp_path, monkeypatch, action, suffix, magic
):
    window = make_window()
    path = tmp_path / f"plot{suffix}"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=(str(path), ""))
    )
    trigger(window, action)
    assert path.read_bytes().startswith(magic)
    if suffix == ".svg":
        text = path.read_text(encoding="utf-8")
        assert "y=1" in text and "log-odds" in text  # legend and axis title
    assert path.stat().st_size > 1000
    assert not list(tmp_path.glob(".plot*"))
    assert "Saved" in window.statusBar().currentMessage()


def test_curve_data_exports_as_csv(make_window, tmp_path, monkeypatch):
    window = make_window()
    path = tmp_path / "curves"  # the suffix is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=(str(path), ""))
    )
    trigger(window, "export_csv")
    with open(tmp_path / "curves.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["x", "loss: y=0", "loss: y=1"]
    values = np.array([[float(v) for v in row] for row in body])
    loss = window.curves_panel.loss_plot.visible_curves()
    x, y0 = loss[0].getData()
    np.testing.assert_array_equal(values[:, 0], x)
    np.testing.assert_array_equal(values[:, 1], y0)
    np.testing.assert_array_equal(values[:, 2], loss[1].getData()[1])
    grad = window.curves_panel.grad_plot.visible_curves()
    np.testing.assert_array_equal(
        values[:, header.index("grad: y=1")], grad[1].getData()[1]
    )


def test_cancelled_dialog_writes_nothing(make_window, tmp_path, monkeypatch):
    window = make_window()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", MagicMock(return_value=("", ""))
    )
    trigger(window, "export_csv")
    trigger(window, "export_loss_png")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".png")]
