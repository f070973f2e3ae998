"""The Examples menu: every bundled session opens and shows its article's number."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import label

from lossgui.io.bundled import list_examples

SEEDS = {
    c["id"]: c
    for c in json.loads(
        (Path(__file__).resolve().parent.parent / "data" / "seed_cases.json").read_text(
            "utf-8"
        )
    )["cases"]
}


def test_examples_menu_lists_every_example(make_window):
    window = make_window()
    menu = window.files.examples_menu
    assert menu.title() == "E&xamples"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("E&xamples") < titles.index("&Help")
    assert set(window.files.example_actions) == {e.path.stem for e in list_examples()}
    groups = [a.text() for a in menu.actions()]
    assert groups[0].startswith("Article 1") and "Loss families" in groups


def test_opening_an_example_shows_the_seed_number(make_window):
    window = make_window()
    window.files.example_actions["003-crossentropy-five-classes"].trigger()
    expected = SEEDS["s003-ce-5class"]["expected"]
    assert label(window, "lossValue").text() == f"{expected:.5g}"  # 0.71503
    assert window.windowTitle().startswith("CrossEntropyLoss")
    assert window.windowTitle().endswith("[*] — Article 4 — lossgui")
    assert not window.isWindowModified()
    assert window.statusBar().currentMessage().startswith("Opened example: ")
    window.files.example_actions["001-bceloss-out-of-range"].trigger()
    assert label(window, "lossValue").text() == "error"
    assert "between 0 and 1" in label(window, "errorLabel").text()
