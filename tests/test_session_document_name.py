"""The document's name in the title, the status bar and Save As (no Qt)."""

from __future__ import annotations

from pathlib import Path

from lossgui.session.document_name import DocumentName, article_of


def test_an_example_is_named_with_its_article():
    name = DocumentName(
        example="BCEWithLogitsLoss, cat/dog batch",
        group="Article 1 · BCELoss: cat/dog and multi-label",
    )
    assert name.window_title() == (
        "BCEWithLogitsLoss, cat/dog batch[*] — Article 1 — lossgui"
    )
    assert name.status_text() == "Example: BCEWithLogitsLoss, cat/dog batch · Article 1"
    assert "Article 1 · BCELoss: cat/dog and multi-label" in name.status_tip()
    assert name.file_name() == "BCEWithLogitsLoss, cat-dog batch.json"


def test_a_loss_family_example_has_no_article():
    name = DocumentName(example="Huber on residuals", group="Loss families")
    assert name.article == ""
    assert name.window_title() == "Huber on residuals[*] — lossgui"
    assert name.status_text() == "Example: Huber on residuals"


def test_files_and_untitled():
    saved = DocumentName(example="x", group="Article 2 · y").saved_as(Path("ce.json"))
    assert saved.window_title() == "ce.json[*] — lossgui"
    assert saved.status_text() == "Session: ce.json"
    assert not saved.is_example
    untitled = DocumentName()
    assert untitled.window_title() == "Untitled[*] — lossgui"
    assert untitled.status_text() == "Untitled session"
    assert untitled.file_name() == "Untitled.json"


def test_article_of_groups():
    assert article_of("Article 5 · built-in losses") == "Article 5"
    assert article_of("Loss families") == ""
    assert article_of("") == ""
