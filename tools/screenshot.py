"""Save a screenshot of the main window (for the README and for reviewing the UI).

Usage::

    xvfb-run -s "-screen 0 1400x900x24" uv run python tools/screenshot.py out.png \
        [--theme light|dark] [--loss CrossEntropyLoss] [--size 1360x820] \
        [--language zh_CN] [--example STEM] [--tab ExplainDock]

Settings go to a temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from shot_window import shot_window


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--loss", default=None)
    parser.add_argument("--size", default="1360x820")
    parser.add_argument("--reduction", default=None)
    parser.add_argument("--enable", action="append", default=[])
    parser.add_argument(
        "--rows", type=int, default=None, help="resize N (e.g. 1000000)"
    )
    parser.add_argument("--cells", default=None, help="name:row:col:value,... edits")
    parser.add_argument("--example", default=None, help="example file stem to open")
    parser.add_argument("--tab", default=None, help="dock title or object name")
    parser.add_argument("--language", default="en", help="en or zh_CN")
    args = parser.parse_args()

    app, window = shot_window(args.theme, args.size, language=args.language)
    if args.example:
        window.files.example_actions[args.example].trigger()
    if args.loss:
        window.controller.set_loss(args.loss)
    if args.reduction:
        window.controller.set_setting("reduction", args.reduction)
    if args.rows:
        doc = window.controller.document
        window.controller.resize(args.rows, doc.columns)
        window.controller.randomize(seed=1)
    for name in args.enable:
        window.controller.set_setting(f"enabled.{name}", True)
    if args.cells:
        for edit in args.cells.split(","):
            name, row, col, value = edit.split(":")
            window.controller.set_cells(name, [int(row)], [int(col)], [float(value)])
    window.show()
    if args.tab:
        from PySide6.QtWidgets import QDockWidget

        for dock in window.findChildren(QDockWidget):
            if args.tab in (dock.windowTitle(), dock.objectName()):
                dock.raise_()

    def grab() -> None:
        window.grab().save(args.out)
        # the edits above are not the user's: quit without "save changes?"
        window.controller.undo_stack.setClean()
        app.quit()

    QTimer.singleShot(600, grab)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
