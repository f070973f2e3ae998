"""Common mistakes in a session, each with a one-click fix (no Qt).

``diagnose(doc)`` runs every detector and returns :class:`Finding` objects:
what looks wrong, why it matters, and :class:`Fix` objects whose ``apply``
edits a copy of the document (the UI hands it to the controller, so a fix
is one undo step). The detectors for the first tensor (probabilities where
logits belong, softmax applied twice, NaN/inf) are here; those for targets
and weights are in :mod:`lossgui.session.diagnostics_targets`, values that
overflow the session's dtype in :mod:`lossgui.session.diagnostics_overflow`.
:class:`Finding` and :class:`Fix` live in :mod:`lossgui.session.findings`,
which every detector module imports (no module imports this one back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.diagnostics_overflow import OVERFLOW_DETECTORS
from lossgui.session.diagnostics_targets import TARGET_DETECTORS
from lossgui.session.findings import (
    SIGMOID_LOSSES,
    Finding,
    Fix,
    Severity,
    float_slots_in_use,
    set_input_mode,
    to_loss,
)
from lossgui.session.grid_facts import GridFacts

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["Finding", "Fix", "Severity", "diagnose", "set_input_mode", "to_loss"]

Array = npt.NDArray[Any]

#: Losses that apply a (log-)softmax to their first tensor themselves.
SOFTMAX_LOSSES = ("CrossEntropyLoss", "Poly1CrossEntropyLoss")


def _grid(doc: SessionDocument) -> Array:
    """The first tensor as stored (float64, or a large float32; no copy)."""
    return np.asarray(doc.tensors[doc.first_name])


def _probabilities_to_logit_loss(
    doc: SessionDocument, _ev: Evaluation, facts: GridFacts
) -> Finding | None:
    spec = doc.spec
    sigmoid_mode = spec.activation == "sigmoid" and doc.input_mode == "logits"
    if doc.loss not in SIGMOID_LOSSES and not sigmoid_mode:
        return None
    if _grid(doc).size < 2 or not facts.every("in_unit"):
        return None
    if not facts.some("strictly_inside"):
        return None
    if sigmoid_mode:
        fixes = (
            Fix(
                translate("diagnostics", "Use as probabilities (raw mode)"),
                translate(
                    "diagnostics", "{loss} gets the grid as it is, without the sigmoid."
                ).format(loss=doc.loss),
                set_input_mode("raw"),
            ),
        )
        where = translate("diagnostics", "logits mode applies a sigmoid to them first")
    else:
        fixes = (
            Fix(
                translate("diagnostics", "Use BCELoss on these probabilities"),
                translate(
                    "diagnostics", "Switch to BCELoss with input mode raw (no sigmoid)."
                ),
                to_loss("BCELoss", "raw"),
            ),
        )
        where = translate(
            "diagnostics", "{loss} applies a sigmoid to them itself"
        ).format(loss=doc.loss)
    return Finding(
        "probabilities-as-logits",
        "warning",
        translate(
            "diagnostics",
            "The inputs look like probabilities, but they are used as logits",
        ),
        translate(
            "diagnostics",
            "Every value lies in [0, 1] and {where}: 0.8 becomes σ(0.8) = 0.69, so "
            "confident predictions look unsure and the loss cannot get small.",
        ).format(where=where),
        fixes,
    )


def _logits_to_bce(
    doc: SessionDocument, _ev: Evaluation, facts: GridFacts
) -> Finding | None:
    spec = doc.spec
    if spec.activation != "sigmoid" or doc.input_mode != "raw":
        return None
    z = _grid(doc)
    if z.size == 0 or facts.every("in_unit"):
        return None
    fixes = [
        Fix(
            translate("diagnostics", "Apply σ first (logits mode)"),
            translate(
                "diagnostics", "The grid holds logits; lossgui passes σ(z) to the loss."
            ),
            set_input_mode("logits"),
        )
    ]
    if doc.loss == "BCELoss":
        fixes.append(
            Fix(
                translate("diagnostics", "Use BCEWithLogitsLoss"),
                translate(
                    "diagnostics", "The stable loss for logits (sigmoid built in)."
                ),
                to_loss("BCEWithLogitsLoss", "logits"),
            )
        )
    return Finding(
        "logits-to-bce",
        "error",
        translate("diagnostics", "Logits fed to {loss}").format(loss=doc.loss),
        translate(
            "diagnostics",
            "{loss} wants probabilities in [0, 1], but the grid holds values such "
            "as {value}; torch raises "
            "'all elements of input should be between 0 and 1'.",
        ).format(
            loss=doc.loss, value=f"{float(z[(z < 0) | (z > 1) | np.isnan(z)][0]):g}"
        ),
        tuple(fixes),
    )


def _softmax_twice(
    doc: SessionDocument, _ev: Evaluation, facts: GridFacts
) -> Finding | None:
    spec = doc.spec
    applies = doc.loss in SOFTMAX_LOSSES or (
        spec.activation == "log_softmax" and doc.input_mode == "logits"
    )
    if not applies:
        return None
    z = _grid(doc)
    if z.ndim != 2 or z.shape[1] < 2 or facts.some("outside_unit"):
        return None
    if not facts.every("sums_to_one"):
        return None  # (a NaN or inf row sum is not close to 1)
    return Finding(
        "softmax-twice",
        "warning",
        translate("diagnostics", "Softmax applied twice: the rows already sum to 1"),
        translate(
            "diagnostics",
            "Each row of the input is a probability distribution, and {loss} "
            "applies (log-)softmax again: probabilities in [0, 1] make a flat softmax, "
            "so the loss stays high and the gradient small.",
        ).format(loss=doc.loss),
        (
            Fix(
                translate("diagnostics", "Use log(p) as the logits"),
                translate(
                    "diagnostics",
                    "Replace each p by log(p) (softmax(log p) = p), so the loss sees "
                    "the distribution once.",
                ),
                _log_of_grid,
            ),
        ),
    )


def _log_of_grid(doc: SessionDocument) -> None:
    with np.errstate(divide="ignore"):
        doc.set_array(doc.first_name, np.log(np.maximum(_grid(doc), 1e-30)))


def _log_probs_to_ce(
    doc: SessionDocument, _ev: Evaluation, facts: GridFacts
) -> Finding | None:
    if doc.loss != "CrossEntropyLoss":
        return None
    z = _grid(doc)
    if z.ndim != 2 or z.shape[1] < 2 or not facts.every("finite_log_probs"):
        return None
    if not facts.every("exp_sums_to_one"):
        return None
    return Finding(
        "log-probs-to-ce",
        "hint",
        translate(
            "diagnostics", "These are log-probabilities: NLLLoss takes them as they are"
        ),
        translate(
            "diagnostics",
            "exp of each row sums to 1, so the rows are log_softmax outputs. "
            "CrossEntropyLoss applies log_softmax again, which leaves them unchanged "
            "(same value), but NLLLoss(log_probs, target) says what is meant.",
        ),
        (
            Fix(
                translate("diagnostics", "Use NLLLoss (input mode raw)"),
                translate(
                    "diagnostics",
                    "Same numbers and value, with the loss that expects "
                    "log-probabilities.",
                ),
                to_loss("NLLLoss", "raw"),
            ),
        ),
    )


def _non_finite(
    doc: SessionDocument, _ev: Evaluation, facts: GridFacts
) -> Finding | None:
    bad: list[str] = []
    for name in float_slots_in_use(doc):
        array = np.asarray(doc.array(name))
        if array is facts.array:
            count = facts.total("non_finite")
        else:
            count = int(np.count_nonzero(~np.isfinite(array)))
        if count:
            bad.append(f"{name} ({count})")
    if not bad:
        return None

    def clean(d: SessionDocument) -> None:
        for slot in d.slots():
            if slot.kind == "float":
                values = np.asarray(d.array(slot.name), dtype=np.float64)
                d.set_array(
                    slot.name,
                    np.nan_to_num(values, nan=0.0, posinf=100.0, neginf=-100.0),
                )

    return Finding(
        "non-finite",
        "warning",
        translate("diagnostics", "NaN or inf in the tensors"),
        translate(
            "diagnostics",
            "Non-finite values in {tensors}: torch propagates NaN into the "
            "loss and the gradient (some losses swallow it, which hides it).",
        ).format(tensors=", ".join(bad)),
        (
            Fix(
                translate("diagnostics", "Replace NaN by 0 and ±inf by ±100"),
                translate("diagnostics", "Every float tensor gets finite values."),
                clean,
            ),
        ),
    )


def diagnose(
    doc: SessionDocument,
    evaluation: Evaluation | None = None,
    facts: GridFacts | None = None,
) -> tuple[Finding, ...]:
    """Every finding for ``doc`` (errors first).

    Parameters
    ----------
    doc : SessionDocument
        The session (not modified).
    evaluation : Evaluation, optional
        ``doc.evaluate()``, if the caller has it already.
    facts : GridFacts, optional
        Facts about the first tensor kept up to date by the caller (see
        :mod:`lossgui.session.grid_facts`); used only when they describe
        the document's own first tensor, else measured afresh.
    """
    ev = doc.evaluate() if evaluation is None else evaluation
    grid = doc.tensors[doc.first_name]
    if facts is None or facts.array is not grid:
        facts = GridFacts(grid)
    grid_detectors = (
        _logits_to_bce,
        _probabilities_to_logit_loss,
        _softmax_twice,
        _log_probs_to_ce,
    )
    with np.errstate(all="ignore"):
        findings = [
            f for detect in grid_detectors if (f := detect(doc, ev, facts)) is not None
        ]
        findings += [
            f for detect in TARGET_DETECTORS if (f := detect(doc, ev)) is not None
        ]
        if (f := _non_finite(doc, ev, facts)) is not None:
            findings.append(f)
        findings += [
            f for detect in OVERFLOW_DETECTORS if (f := detect(doc, ev)) is not None
        ]
    order = {"error": 0, "warning": 1, "hint": 2}
    return tuple(sorted(findings, key=lambda f: order[f.severity]))
