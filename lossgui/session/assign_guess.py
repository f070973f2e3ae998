"""Which of a file's arrays becomes which tensor, guessed from names and shapes.

A file can hold several arrays (``.npz`` members, CSV columns, ``.pt`` dict
entries). :func:`guess_by_name` matches them to the loss's tensors by name
(``logits`` → the first tensor, ``labels`` → the target, ``weights`` →
``weight``); :func:`guess_assignment` also drops guesses whose shape does not
fit. The import dialog (:mod:`lossgui.ui.file_assign_dialog`) starts from the
guess; a file whose every array is matched is imported without asking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy.typing as npt

from lossgui.io.errors import FileFormatError
from lossgui.session.document import SessionDocument
from lossgui.session.import_arrays import assign_arrays
from lossgui.session.layout import target_name

__all__ = ["SYNONYMS", "guess_assignment", "guess_by_name"]

#: Array names taken for the first tensor, the target and the weight, in order.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "first": ("input", "inputs", "logits", "logit", "pred", "preds", "prediction",
              "predictions", "output", "outputs", "scores", "x", "log_probs"),
    "target": ("target", "targets", "label", "labels", "y", "y_true", "gt", "truth"),
    "weight": ("weight", "weights", "w", "sample_weight", "sample_weights"),
}  # fmt: skip


def guess_by_name(
    doc: SessionDocument, names: Sequence[str], preferred: str | None = None
) -> dict[str, str]:
    """Tensor name -> array name from the names alone.

    An array named like a tensor (any case) goes to it; then the first
    :data:`SYNONYMS` entry present, for the first tensor, the target and
    ``weight`` (each array used once). When nothing matched, a lone array
    goes to ``preferred`` (the grid it was dropped on) if that is a tensor
    of the loss, else to the first tensor.
    """
    slots = [slot.name for slot in doc.slots()]
    lowered = {name.lower(): name for name in names}
    guess: dict[str, str] = {}
    for slot in slots:
        if slot.lower() in lowered:
            guess[slot] = lowered[slot.lower()]
    roles = {
        "first": doc.first_name,
        "target": target_name(doc.spec),
        "weight": "weight",
    }
    for role, slot_name in roles.items():
        if slot_name is None or slot_name not in slots or slot_name in guess:
            continue
        for synonym in SYNONYMS[role]:
            if synonym in lowered and lowered[synonym] not in guess.values():
                guess[slot_name] = lowered[synonym]
                break
    if not guess and len(names) == 1:
        target = preferred if preferred is not None and preferred in slots else None
        guess[target or doc.first_name] = names[0]
    return guess


def guess_assignment(
    doc: SessionDocument,
    arrays: Mapping[str, npt.ArrayLike],
    preferred: str | None = None,
) -> dict[str, str]:
    """Tensor name -> array name, guessed from the arrays' names and shapes.

    :func:`guess_by_name`, then each guess is tried with
    :func:`~lossgui.session.import_arrays.assign_arrays` (the first tensor
    first, as it sets N and C); guesses whose shape does not fit (per-sample
    ``weights`` for CrossEntropyLoss's per-class ``weight``) are dropped.
    """
    guess = guess_by_name(doc, list(arrays), preferred)
    kept: dict[str, str] = {}
    ordered = sorted(guess, key=lambda slot: slot != doc.first_name)
    for slot in ordered:
        trial = {**kept, slot: guess[slot]}
        try:
            assign_arrays(doc, {t: arrays[a] for t, a in trial.items()})
        except FileFormatError:
            continue
        kept = trial
    return kept
