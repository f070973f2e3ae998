"""Screenshots of the explain, compare and diagnostics features (for review).

Usage::

    xvfb-run -a -s "-screen 0 1400x900x24" \
        uv run python tools/explain_shots.py OUT_DIR [--theme dark] [--only NAME ...]

Each shot is named after what it shows (``explain-BCEWithLogitsLoss.png``,
``compare-CrossEntropyLoss.png``, ``diagnostics-softmax-twice.png``, ...).
Settings go to a temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from shot_window import shot_window


def _doc(loss, **changes):
    from lossgui.session import new_document, startup_document

    doc = startup_document() if loss is None else new_document(loss)
    for key, value in changes.items():
        if key.startswith("enable_"):
            doc.enabled[key[7:]] = True
            doc.tensor_params[key[7:]] = np.asarray(value, dtype=np.float64)
        elif key.startswith("tensor_"):
            doc.tensors[key[7:]] = np.asarray(value)
        else:
            doc.set_setting(key.replace("__", "."), value)
    return doc


SHOTS = {
    "explain-BCEWithLogitsLoss": dict(doc=lambda: _doc(None), select=(0, 0)),
    "explain-BCE-posweight": dict(
        doc=lambda: _doc("BCEWithLogitsLoss", enable_pos_weight=[3.0]), select=(0, 0)
    ),
    "explain-BCELoss": dict(doc=lambda: _doc("BCELoss"), select=(1, 0)),
    "explain-CrossEntropyLoss": dict(
        doc=lambda: _doc(
            "CrossEntropyLoss",
            param__label_smoothing=0.1,
            enable_weight=[1, 2, 1, 0.5, 1],
        ),
        select=(0, 3),
    ),
    "explain-NLLLoss": dict(doc=lambda: _doc("NLLLoss"), select=(2, 2)),
    "explain-KLDivLoss": dict(
        doc=lambda: _doc("KLDivLoss", reduction="batchmean"), select=(1, 1)
    ),
    "explain-focal": dict(doc=lambda: _doc("sigmoid_focal_loss"), select=(1, 0)),
    "explain-HuberLoss": dict(doc=lambda: _doc("HuberLoss"), select=(3, 0)),
    "explain-MultiMarginLoss": dict(doc=lambda: _doc("MultiMarginLoss"), select=(0, 0)),
    "compare-BCEWithLogitsLoss": dict(doc=lambda: _doc(None), dock="compare"),
    "compare-CrossEntropyLoss": dict(
        doc=lambda: _doc("CrossEntropyLoss"), dock="compare"
    ),
    "diagnostics-softmax-twice": dict(
        doc=lambda: _doc(
            "CrossEntropyLoss",
            tensor_input=[
                [0.1, 0.1, 0.1, 0.6, 0.1],
                [0.7, 0.1, 0.1, 0.05, 0.05],
                [0.2, 0.2, 0.5, 0.05, 0.05],
            ],
        )
    ),
    "diagnostics-bce-logits": dict(doc=lambda: _doc("BCELoss", input_mode="raw")),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    app, window = shot_window(args.theme, "1400x880")
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    u = window.understanding
    for name, spec in SHOTS.items():
        if args.only and name not in args.only:
            continue
        doc = spec["doc"]()
        window.controller.apply(lambda _d, doc=doc: doc, f"Open {name}")
        dock = u.compare_dock if spec.get("dock") == "compare" else u.explain_dock
        dock.show()
        dock.raise_()
        row, col = spec.get("select", (0, 0))
        u.tracker.set_element(row, col)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(args.out / f"{name}-{args.theme}.png"))
        print("saved", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
