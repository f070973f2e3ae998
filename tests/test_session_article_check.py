"""Printed versus computed: every number the articles print, and their two slips."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

from lossgui.session.article_check import check_rows, summary_line
from lossgui.session.example_match import bundled_examples, matching_example

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _example(stem: str):
    return next(e for e in bundled_examples() if e.stem == stem)


def _checked(stem: str):
    doc = _example(stem).document.copy()
    return doc, check_rows(doc, doc.evaluate())


def test_every_printed_number_agrees_except_the_two_known_slips():
    differences = set()
    compared = 0
    for example in bundled_examples():
        doc = example.document.copy()
        for row in check_rows(doc, doc.evaluate(), example):
            compared += 1
            if row.agrees is False:
                differences.add((example.stem, row.what))
                assert row.note  # every difference is explained
    assert compared == sum(
        len(e.article.get("printed", [])) for e in bundled_examples()
    )
    assert compared >= 20
    assert differences == {
        (
            "000-multilabel-bcewithlogits",
            "sigmoid of the first sample [-0.8, 0.7, 0.5]",
        ),
        ("002-bcewithlogits-one-hot", "loss_2, the term of class 2 (label 0)"),
    }


def test_seed_000_sigmoid_slip_shows_the_right_row_and_why():
    _, rows = _checked("000-multilabel-bcewithlogits")
    slip = rows[0]
    assert slip.printed == "[0.7311, 0.5000, 0.5000]"
    assert slip.computed == "[0.3100, 0.6682, 0.6225]"
    assert slip.agrees is False
    assert "labels [1, 0, 0]" in slip.note


def test_without_a_note_the_target_reading_is_found():
    example = _example("000-multilabel-bcewithlogits")
    printed = [
        {k: v for k, v in entry.items() if k != "note"}
        for entry in example.article["printed"]
    ]
    bare = dataclasses.replace(example, article={**example.article, "printed": printed})
    doc = example.document.copy()
    slip = check_rows(doc, doc.evaluate(), bare)[0]
    assert slip.agrees is False
    assert "activation of the target [1, 0, 0]" in slip.note


def test_seed_002_log_slip_shows_the_right_term():
    _, rows = _checked("002-bcewithlogits-one-hot")
    term = next(r for r in rows if r.what.startswith("loss_2"))
    assert term.printed == "loss_2 = -(0*log(0.5250)) + (1-0) * log(0.5250))"
    assert term.computed == "0.7444"  # -log(1 - 0.5250)
    assert "log(1 - p)" in term.note


def test_a_changed_reduction_is_computed_for_the_printed_one():
    doc = _example("000-bceloss-sigmoid-cat-dog").document.copy()
    doc.set_setting("reduction", "sum")
    rows = check_rows(doc, doc.evaluate())
    assert [r.computed for r in rows[1:]] == [
        "[1.1711, 1.1032, 0.9741]",
        "3.2484",
        "1.0828",
    ]
    assert all(r.agrees for r in rows)


def test_summary_line_names_the_slip_or_the_printed_value():
    doc = _example("000-multilabel-bcewithlogits").document.copy()
    line = summary_line(doc, doc.evaluate())
    assert line is not None
    assert line.startswith("Article 1 printed [0.7311, 0.5000, 0.5000]")
    assert "slip" in line and "Example tab" in line
    doc = _example("000-bcewithlogits-cat-dog").document.copy()
    assert summary_line(doc, doc.evaluate()) == "Article 1 printed tensor(1.0828) ✓"


def test_an_edited_batch_is_no_longer_the_example():
    doc = _example("000-bcewithlogits-cat-dog").document.copy()
    doc.set_values("input", [0], [0], [2.0])
    assert matching_example(doc) is None
    assert summary_line(doc, doc.evaluate()) is None
    assert check_rows(doc, doc.evaluate()) == []


def test_the_family_example_with_mean_is_its_own_example():
    assert matching_example(_example("102-divergence-kldiv-mean").document).stem == (
        "102-divergence-kldiv-mean"
    )
    assert matching_example(_example("001-kldiv-distillation").document).stem == (
        "001-kldiv-distillation"
    )


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles are not beside the repo"
)
def test_printed_records_are_what_the_tool_reads_from_the_articles():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_examples
    finally:
        sys.path.pop(0)
    for example in bundled_examples():
        if not example.article:
            continue
        record = make_examples.article_record(example.stem, example.article["file"])
        assert record == example.article, example.stem
        text = " ".join((SEEDS / example.article["file"]).read_text("utf-8").split())
        for entry in record["printed"]:
            assert entry["text"] in text
            numbers = re.findall(r"-?\d+\.\d+", entry["text"])
            assert entry.get("values", [float(n) for n in numbers]) == [
                float(n) for n in numbers
            ]


def test_matching_reads_only_the_examples_of_the_documents_loss(monkeypatch):
    """Start-up matches its example without parsing every bundled file."""
    import lossgui.session.example_match as example_match

    doc = _example("000-bcewithlogits-cat-dog").document
    example_match._read.cache_clear()
    read = []
    real = example_match._read.__wrapped__

    def counting(example):
        read.append(example.loss)
        return real(example)

    monkeypatch.setattr(example_match, "_read", counting)
    found = matching_example(doc.copy())
    assert found is not None and found.stem == "000-bcewithlogits-cat-dog"
    assert read and set(read) == {"BCEWithLogitsLoss"}
