"""One gradient-descent step on the logits (no Qt).

``z ← z − lr · ∂L/∂z`` with the gradient the window shows (of the reduced
loss, or of the sum for ``'none'``). The step is taken on the document's
full-precision values, so repeated steps do not accumulate float32 rounding
of the stored logits beyond what torch's own forward pass has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lossgui.i18n import translate

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["sgd_step"]


def sgd_step(
    doc: SessionDocument, lr: float, evaluation: Evaluation | None = None
) -> SessionDocument:
    """A copy of ``doc`` after one SGD step of size ``lr`` on the first tensor.

    Parameters
    ----------
    doc : SessionDocument
        The session (not modified).
    lr : float
        The learning rate.
    evaluation : Evaluation, optional
        ``doc.evaluate()``, when the caller has it already.

    Returns
    -------
    SessionDocument
        The stepped copy.

    Raises
    ------
    ValueError
        When torch would raise for this session (there is no gradient), or
        the first tensor holds class indices.
    """
    evaluation = doc.evaluate() if evaluation is None else evaluation
    if evaluation.result is None:
        assert evaluation.error is not None
        raise ValueError(
            translate("session", "no gradient: {error}").format(
                error=evaluation.error.torch_text
            )
        )
    if doc.slot(doc.first_name).kind != "float":
        raise ValueError(
            translate(
                "session", "{name} holds class indices; it has no gradient"
            ).format(name=doc.first_name)
        )
    grad = np.asarray(evaluation.result.grad, dtype=np.float64)
    new = doc.copy()
    with np.errstate(all="ignore"):  # inf - inf is nan, as torch's step
        stepped = doc.array(doc.first_name) - float(lr) * grad
    new.set_array(doc.first_name, stepped)
    return new
