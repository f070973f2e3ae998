"""The "Verify with PyTorch" check: run the session's snippet in torch and compare.

torch is optional: :func:`torch_available` asks importlib without importing
it, and :func:`verify` imports it only when called (the generated snippet
does). The snippet is executed in a fresh namespace with its prints
captured, so what is verified is exactly what "Copy as PyTorch" hands out.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.torch_snippet import torch_snippet

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

__all__ = ["Verification", "max_difference", "run_snippet", "torch_available", "verify"]

Array = npt.NDArray[Any]


def torch_available() -> bool:
    """Whether torch can be imported (without importing it)."""
    return importlib.util.find_spec("torch") is not None


@dataclass(frozen=True)
class Verification:
    """Torch's numbers against the window's.

    Attributes
    ----------
    value_difference, grad_difference : float or None
        ``max |torch − lossgui|`` over the value and the gradient (``inf``
        when NaN/inf positions or shapes differ; ``None`` when either side
        raised).
    torch_error, app_error : str or None
        What torch raised, and what the window says torch raises.
    scale : float
        The largest finite magnitude compared (differences are judged
        relative to ``max(1, scale)``).
    """

    value_difference: float | None
    grad_difference: float | None
    torch_error: str | None
    app_error: str | None
    scale: float = 1.0

    @property
    def agree(self) -> bool:
        """Same error, or differences within float32-level rounding."""
        if self.torch_error is not None or self.app_error is not None:
            return self.torch_error == self.app_error
        diffs = [
            d for d in (self.value_difference, self.grad_difference) if d is not None
        ]
        return all(d <= 1e-5 * max(1.0, self.scale) for d in diffs)

    @property
    def message(self) -> str:
        """One sentence for the status bar or a message box."""
        if self.torch_error is not None or self.app_error is not None:
            if self.agree:
                return translate(
                    "session", "torch raises the same error: {error}"
                ).format(error=self.torch_error)
            none = translate("session", "no error")
            return translate(
                "session", "Mismatch: torch says {torch}; lossgui says {lossgui}"
            ).format(torch=self.torch_error or none, lossgui=self.app_error or none)
        if self.agree:
            text = translate(
                "session",
                "torch agrees with lossgui: largest difference {value} in the value, "
                "{grad} in the gradient",
            )
        else:
            text = translate(
                "session",
                "torch DIFFERS from lossgui: largest difference {value} in the value, "
                "{grad} in the gradient",
            )
        value = _text(self.value_difference)
        grad = _text(self.grad_difference)
        return text.format(value=value, grad=grad)


def _text(value: float | None) -> str:
    return translate("session", "n/a") if value is None else f"{value:.3g}"


def max_difference(a: Array, b: Array) -> float:
    """``max |a − b|`` where both are finite; ``inf`` if shapes or NaN/inf differ."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return math.inf
    same_special = np.array_equal(np.isnan(a), np.isnan(b)) and np.array_equal(
        np.where(np.isinf(a), a, 0), np.where(np.isinf(b), b, 0)
    )
    if not same_special:
        return math.inf
    finite = np.isfinite(a) & np.isfinite(b)
    return float(np.max(np.abs(a[finite] - b[finite]), initial=0.0))


def run_snippet(
    code: str, grad_name: str
) -> tuple[Array | None, Array | None, str | None]:
    """Execute a generated snippet; returns ``(value, grad, error)`` from torch."""
    namespace: dict[str, Any] = {"__name__": "__lossgui_snippet__"}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(code, "<lossgui snippet>", "exec"), namespace)
        except Exception as exc:  # torch's exception is the answer
            return None, None, f"{type(exc).__name__}: {exc}"
    loss = namespace["loss"].detach().cpu().numpy()
    tensor = namespace.get(grad_name)
    grad = None
    if tensor is not None and getattr(tensor, "grad", None) is not None:
        grad = tensor.grad.detach().cpu().numpy()
    return loss, grad, None


def verify(doc: SessionDocument) -> Verification:
    """Recompute ``doc`` in torch and compare with :meth:`SessionDocument.evaluate`.

    Without torch the verification reports ``ModuleNotFoundError`` as torch's
    error (check :func:`torch_available` first).
    """
    evaluation = doc.evaluate()
    snippet = torch_snippet(doc)
    value, grad, error = run_snippet(snippet.code, snippet.grad_name)
    app_error = None if evaluation.error is None else evaluation.error.torch_text
    if error is not None or app_error is not None or evaluation.result is None:
        return Verification(None, None, error, app_error)
    assert value is not None
    value_diff = max_difference(value, np.asarray(evaluation.value))
    grad_diff = None if grad is None else max_difference(grad, evaluation.result.grad)
    scale = max(_magnitude(value), _magnitude(grad))
    return Verification(value_diff, grad_diff, None, None, scale)


def _magnitude(array: Array | None) -> float:
    if array is None:
        return 0.0
    values = np.abs(np.asarray(array, dtype=np.float64))
    return float(np.max(values[np.isfinite(values)], initial=0.0))
