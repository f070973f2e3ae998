"""The first window says what is loaded: title and status bar name the example."""

from __future__ import annotations

from conftest import label

from lossgui.io.bundled import examples_dir, list_examples
from lossgui.io.session_file import documents_equal, read_session
from lossgui.session import new_document, startup_document
from lossgui.session.examples import STARTUP_EXAMPLE


def test_the_start_up_window_names_its_example_and_article(make_window):
    window = make_window()
    assert window.windowTitle() == (
        "BCEWithLogitsLoss, cat/dog batch[*] — Article 1 — lossgui"
    )
    shown = label(window, "documentLabel")
    assert shown.isVisible()
    assert shown.text() == "Example: BCEWithLogitsLoss, cat/dog batch · Article 1"
    assert "Article 1 · BCELoss" in shown.toolTip()
    window.show_message("something else")  # a message does not replace the name
    assert shown.isVisible() and shown.text().startswith("Example: ")


def test_the_named_example_is_the_start_up_document():
    bundled = read_session(examples_dir() / f"{STARTUP_EXAMPLE}.json").document
    assert documents_equal(bundled, startup_document())


def test_every_example_names_itself_without_its_long_description(make_window):
    window = make_window()
    status = window.statusBar()
    for example in list_examples():
        window.files.example_actions[example.path.stem].trigger()
        assert window.windowTitle().startswith(f"{example.title}[*] — ")
        assert status.currentMessage() == f"Opened example: {example.title}"
        text = label(window, "documentLabel").text()
        assert text.startswith(f"Example: {example.title}")
        if example.group.startswith("Article"):
            article = example.group.split(" · ")[0]
            assert window.windowTitle().endswith(f" — {article} — lossgui")
            assert text.endswith(article)


def test_a_document_of_ones_own_is_untitled(make_window):
    window = make_window(new_document("MSELoss"))
    assert window.windowTitle() == "Untitled[*] — lossgui"
    assert label(window, "documentLabel").text() == "Untitled session"
