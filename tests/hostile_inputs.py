"""Hostile inputs shared by tests/io/test_hostile_inputs.py and tests/ui/test_files_hostile.py.

A pickle payload that would create a marker file, pasted Python expressions
that would do the same, and session files that are wrong in every way a
reader must refuse. No Qt here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["BAD_SESSIONS", "CODE", "Payload", "session_data"]


class Payload:
    """Unpickling this would create ``marker`` (it never may)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return (os.system, (f"touch {self.marker}",))


#: Pasted text that would run code; ``{m}`` is the marker file's path.
CODE = (
    "__import__('os').system('touch {m}')",
    "eval(\"__import__('os').system('touch {m}')\")",
    "[__import__('os').system('touch {m}')]",
    "1\t__import__('os').system('touch {m}')",
    'exec(\'open("{m}", "w")\')',
    "(lambda: open('{m}', 'w'))()",
    "{{'a': open('{m}', 'w')}}",
)


def session_data(**changes: Any) -> dict[str, Any]:
    """A valid session file's JSON, with ``changes`` (``KeyError`` drops a key)."""
    data: dict[str, Any] = {
        "format": "lossgui-session",
        "version": 1,
        "loss": "BCEWithLogitsLoss",
        "reduction": "mean",
        "dtype": "float32",
        "input_mode": "logits",
        "target_mode": "index",
        "params": {},
        "tensors": {"input": [-0.8, 0.7, 0.5], "target": [1.0, 0.0, 0.0]},
    }
    for key, value in changes.items():
        if value is KeyError:
            data.pop(key)
        else:
            data[key] = value
    return data


#: name -> (session JSON, a word the refusal must mention).
BAD_SESSIONS = {
    "loss-number": (session_data(loss=5), "loss"),
    "loss-unknown": (session_data(loss="os.system"), "os.system"),
    "reduction-list": (session_data(reduction=["mean"]), "reduction"),
    "dtype-object": (session_data(dtype="object"), "dtype"),
    "params-list": (session_data(params=[1, 2]), "params"),
    "param-code": (
        session_data(loss="HuberLoss", params={"delta": "__import__('os')"}),
        "delta",
    ),
    "tensors-string": (session_data(tensors="[1, 2, 3]"), "tensors"),
    "tensor-strings": (
        session_data(tensors={"input": ["1", "2", "3"], "target": [1.0, 0.0, 0.0]}),
        "input",
    ),
    "tensor-dict": (
        session_data(tensors={"input": {"a": 1}, "target": [1.0, 0.0, 0.0]}),
        "input",
    ),
    "ragged": (
        session_data(tensors={"input": [[1.0], [2.0, 3.0]], "target": [1.0, 0.0]}),
        "input",
    ),
    "missing-loss": (session_data(loss=KeyError), "loss"),
    "missing-tensors": (session_data(tensors=KeyError), "tensors"),
    "version-string": (session_data(version="1"), "version"),
    "version-huge": (session_data(version=10**400), "version"),
    "format-missing": (session_data(format=KeyError), "format"),
}
