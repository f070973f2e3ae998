"""Screenshots of the curve panel for every loss family (for reviewing the plots).

Usage::

    xvfb-run -a -s "-screen 0 1700x1000x24" uv run python tools/curve_shots.py OUT_DIR \
        [--theme light|dark] [--panel-only] [--only NAME ...]

Each shot is named after what it shows (``BCEWithLogitsLoss.png``,
``compare-focal.png``, ``numerics.png``, ...). Settings go to a temporary
folder, never the user's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shot_window import shot_window

SHOTS = {
    "BCEWithLogitsLoss": dict(loss="BCEWithLogitsLoss", select=(0, 0)),
    "BCE-soft-posweight": dict(
        loss="BCEWithLogitsLoss",
        cells=[("target", 2, 0, 0.3)],
        enable=["pos_weight"],
        vector=("pos_weight", 2.0),
    ),
    "BCELoss": dict(loss="BCELoss"),
    "sigmoid_focal_loss": dict(loss="sigmoid_focal_loss", axis="p_true"),
    "CrossEntropyLoss": dict(loss="CrossEntropyLoss", select=(0, 3)),
    "CrossEntropyLoss-ptrue": dict(loss="CrossEntropyLoss", axis="p_true"),
    "KLDivLoss": dict(loss="KLDivLoss"),
    "MultiLabelSoftMarginLoss": dict(loss="MultiLabelSoftMarginLoss"),
    "HuberLoss": dict(loss="HuberLoss", select=(3, 0)),
    "GaussianNLLLoss": dict(loss="GaussianNLLLoss"),
    "PoissonNLLLoss": dict(loss="PoissonNLLLoss"),
    "HingeEmbeddingLoss": dict(loss="HingeEmbeddingLoss"),
    "MultiMarginLoss": dict(loss="MultiMarginLoss"),
    "MarginRankingLoss": dict(loss="MarginRankingLoss"),
    "TripletMarginLoss": dict(loss="TripletMarginLoss"),
    "SoftDiceLoss": dict(loss="SoftDiceLoss"),
    "CTCLoss": dict(loss="CTCLoss"),
    "big-100000x10": dict(loss="BCEWithLogitsLoss", rows=100_000, columns=10),
    "compare-focal": dict(mode="compare", preset=0, axis="p_true"),
    "compare-regression": dict(mode="compare", preset=1),
    "compare-margins": dict(mode="compare", preset=2),
    "numerics": dict(mode="numerics"),
}


def shoot(window, name: str, spec: dict, out: Path, panel_only: bool) -> None:
    from lossgui.session import new_document

    controller = window.controller
    panel = window.curves_panel
    loss = spec.get("loss", "BCEWithLogitsLoss")
    controller.apply(lambda _doc: new_document(loss), f"Open {loss}")
    panel.set_mode("batch")
    panel.controls.axis.setCurrentIndex(0)
    if "rows" in spec:
        controller.resize(spec["rows"], spec["columns"])
        controller.randomize(seed=3)
    for cell in spec.get("cells", []):
        controller.set_cells(cell[0], [cell[1]], [cell[2]], [cell[3]])
    for tensor in spec.get("enable", []):
        controller.set_setting(f"enabled.{tensor}", True)
    if "vector" in spec:
        tensor, value = spec["vector"]
        controller.fill_column(tensor, 0, value)
    if "select" in spec:
        panel.link.select_in_grid(*spec["select"])
    if spec.get("mode"):
        panel.set_mode(spec["mode"])
    if "preset" in spec:
        panel.compare.preset.setCurrentIndex(spec["preset"])
        panel.compare.load_preset()
    if "axis" in spec:
        index = panel.controls.axis.findData(spec["axis"])
        panel.controls.axis.setCurrentIndex(index)
    QApplication.processEvents()
    widget = panel.parentWidget() if panel_only else window
    widget.grab().save(str(out / f"{name}.png"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1600x900")
    parser.add_argument("--panel-only", action="store_true")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()

    app, window = shot_window(args.theme, args.size, "lossgui-curves-")
    window.show()
    for _ in range(5):
        app.processEvents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, spec in SHOTS.items():
        if args.only and name not in args.only:
            continue
        shoot(window, name, spec, out, args.panel_only)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
