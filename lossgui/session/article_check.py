"""What the article printed beside what lossgui computes, row by row.

A bundled example made from an article carries what the article printed
(``example.article.printed``, read from its text by
``tools/make_examples.py``). :func:`check_rows` sets each printed value
beside the same quantity computed for the document, marks agreement within
the printed digits, and explains each difference: the example file's note
where the article slipped, else a reading that reproduces the printed
numbers (the activation of the *target*, say), else the size of the gap.
:func:`summary_line` is the one line to show beside the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.document_name import article_label
from lossgui.session.example_match import BundledExample, matching_example

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["CheckRow", "check_rows", "summary_line", "summary_of"]

Array = npt.NDArray[Any]


@dataclass(frozen=True)
class CheckRow:
    """One printed quantity set beside the computed one.

    Attributes
    ----------
    what : str
        What the article printed (its expression).
    printed : str
        The article's text, as printed.
    computed : str
        lossgui's value, to the printed digits.
    agrees : bool or None
        True within the printed digits, False for a difference (or a slip
        in a written formula), None when there is nothing to compare.
    note : str
        The explanation ("" when the numbers simply agree).
    """

    what: str
    printed: str
    computed: str
    agrees: bool | None
    note: str


def _quantity(
    doc: SessionDocument, evaluation: Evaluation, quantity: str
) -> Array | str:
    """The computed array for ``quantity``, or torch's error text."""
    if quantity == "probabilities":
        if evaluation.probabilities is None:
            return translate("session", "no probabilities for this loss")
        return np.asarray(evaluation.probabilities, dtype=np.float64)
    reduction = quantity.partition(":")[2]
    if reduction == evaluation.reduction:
        value = evaluation.value
        error = evaluation.error
    else:
        other = doc.copy()
        other.set_setting("reduction", reduction)
        result = other.evaluate()
        value, error = result.value, result.error
    if value is None:
        return translate("session", "torch raises: {error}").format(error=error)
    return np.asarray(value, dtype=np.float64)


def _pick(values: Array, entry: dict[str, Any]) -> Array:
    """The rows or flat elements an entry printed (all by default)."""
    if "rows" in entry:
        table = values.reshape(values.shape[0], -1) if values.ndim else values
        return np.asarray(table[list(entry["rows"])]).ravel()
    flat = values.ravel()
    if "elements" in entry:
        return flat[list(entry["elements"])]
    return flat


def _tolerance(printed: float, decimals: int, dtype: str) -> float:
    """Half a unit of the last printed digit, plus one step of the dtype."""
    step = (
        float(np.spacing(np.float32(abs(printed))))
        if dtype == "float32"
        else float(np.spacing(abs(printed)))
    )
    return 0.5 * 10.0**-decimals + step


def _agrees(picked: Array, printed: Array, decimals: list[int], dtype: str) -> bool:
    """Whether every computed value rounds to what was printed (:func:`_tolerance`)."""
    return all(
        abs(c - p) <= _tolerance(p, d, dtype)
        for c, p, d in zip(picked, printed, decimals, strict=True)
    )


def _format(values: Array, decimals: list[int]) -> str:
    """``values`` to the printed digits (``repr`` for long prints)."""
    parts = [
        repr(float(v)) if d > 8 else f"{float(v):.{d}f}"
        for v, d in zip(values, decimals, strict=False)
    ]
    return parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]"


def _target_reading(
    doc: SessionDocument, entry: dict[str, Any], printed: Array, decimals: list[int]
) -> str:
    """Explain printed probabilities that are the activation of the target."""
    if entry["quantity"] != "probabilities" or len(doc.spec.forward) < 2:
        return ""
    first, second = doc.first_name, doc.spec.forward[1].name
    target = doc.tensors.get(second)
    if target is None or target.shape != doc.tensors[first].shape:
        return ""
    swapped = doc.copy()
    swapped.tensors[first] = np.asarray(target, dtype=np.float64)
    probs = swapped.evaluate().probabilities
    if probs is None:
        return ""
    picked = _pick(np.asarray(probs, dtype=np.float64), entry)
    if picked.shape != printed.shape:
        return ""
    if _agrees(picked, printed, decimals, doc.dtype):
        labels = _format(_pick(np.asarray(target, dtype=np.float64), entry), [0] * 99)
        return translate(
            "session",
            "The printed numbers are the activation of the target {labels}, not "
            "of '{first}': a slip in the article.",
        ).format(labels=labels, first=first)
    return ""


def _row(
    doc: SessionDocument, evaluation: Evaluation, entry: dict[str, Any]
) -> CheckRow:
    what = translate("examples", str(entry.get("what", "")))
    text = str(entry.get("text", ""))
    note = translate("examples", str(entry.get("note", "")))
    computed = _quantity(doc, evaluation, str(entry.get("quantity", "")))
    if isinstance(computed, str):
        return CheckRow(what, text, computed, False, note or computed)
    picked = _pick(computed, entry)
    if entry.get("kind") == "formula":
        shown = _format(picked, [4] * picked.size)
        return CheckRow(what, text, shown, False if note else None, note)
    printed = np.asarray(entry.get("values", []), dtype=np.float64)
    decimals = [int(d) for d in entry.get("decimals", [4] * printed.size)]
    shown = _format(picked, decimals)
    if picked.shape != printed.shape:
        gap = translate(
            "session", "the article printed {printed} numbers, this batch has {batch}"
        ).format(printed=printed.size, batch=picked.size)
        return CheckRow(what, text, shown, False, note or gap)
    agrees = _agrees(picked, printed, decimals, doc.dtype)
    if agrees and not note and shown not in text:
        note = translate(
            "session",
            "Equal within {dtype}'s resolution; the last digits differ with "
            "the order of the rounding steps.",
        ).format(dtype=doc.dtype)
    if not agrees and not note:
        note = _target_reading(doc, entry, printed, decimals)
    if not agrees and not note:
        largest = float(np.max(np.abs(picked - printed)))
        note = translate(
            "session",
            "Differs by up to {largest}: these inputs give the computed value "
            "(Tools > Verify with PyTorch checks it against torch).",
        ).format(largest=f"{largest:.3g}")
    return CheckRow(what, text, shown, agrees, note)


def check_rows(
    doc: SessionDocument,
    evaluation: Evaluation,
    example: BundledExample | None = None,
) -> list[CheckRow]:
    """Printed versus computed for every value the document's article printed.

    Parameters
    ----------
    doc, evaluation : SessionDocument, Evaluation
        The document and its current evaluation.
    example : BundledExample, optional
        The example it is (found by content when omitted).

    Returns
    -------
    list of CheckRow
        Empty when the document is no article's example or the article
        printed nothing of it.
    """
    example = example if example is not None else matching_example(doc)
    if example is None:
        return []
    return [_row(doc, evaluation, entry) for entry in _printed_entries(example)]


def _printed_entries(example: BundledExample) -> list[dict[str, Any]]:
    """The example's records of what its article printed, in order."""
    return [e for e in example.article.get("printed", []) if isinstance(e, dict)]


def summary_line(doc: SessionDocument, evaluation: Evaluation) -> str | None:
    """One line on the article behind the value, or None.

    A slip comes first ("Article 1 printed [0.7311, 0.5000, 0.5000] for
    sigmoid of the first sample …: a slip, see the Example tab"); otherwise
    the printed value of the current reduction with its ✓ or ✗.
    """
    example = matching_example(doc)
    if example is None:
        return None
    return summary_of(example, check_rows(doc, evaluation, example), doc.reduction)


def summary_of(
    example: BundledExample | None, rows: list[CheckRow], reduction: str
) -> str | None:
    """:func:`summary_line` from the rows :func:`check_rows` gave for ``example``."""
    if example is None or not example.article:
        return None
    # named as the Examples menu, the title and the status bar name it
    article = article_label(example.group) or translate(
        "session", "Article {number}"
    ).format(number=example.article.get("seed", ""))
    entries = _printed_entries(example)
    for entry, row in zip(entries, rows, strict=True):
        if row.agrees is False:
            if entry.get("kind") == "formula":
                slip = translate(
                    "session",
                    "{article} wrote {printed} for {what}: a slip, see the Example tab",
                )
            else:
                slip = translate(
                    "session",
                    "{article} printed {printed} for {what}: "
                    "a slip, see the Example tab",
                )
            return slip.format(article=article, printed=row.printed, what=row.what)
    for entry, row in zip(entries, rows, strict=True):
        if entry.get("quantity") == f"loss:{reduction}" and "elements" not in entry:
            mark = "✓" if row.agrees else "✗"
            return translate("session", "{article} printed {printed} {mark}").format(
                article=article, printed=row.printed, mark=mark
            )
    return None
