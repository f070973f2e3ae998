"""The one exception type the engine raises for inputs that torch rejects."""

from __future__ import annotations

__all__ = ["LossInputError"]


class LossInputError(ValueError):
    """An input that ``torch.nn`` would reject, with torch's own message.

    Parameters
    ----------
    message : str
        The text torch prints for the same input (without the exception
        class name), e.g. ``"all elements of input should be between 0 and 1"``.
    torch_type : str, optional
        The exception class torch raises (``"RuntimeError"``, ``"ValueError"``,
        ``"IndexError"``, ``"TypeError"`` or ``"NotImplementedError"``).

    Attributes
    ----------
    torch_type : str
        The torch exception class name, so a UI can show ``RuntimeError: ...``
        exactly as a PyTorch user would see it.
    """

    def __init__(self, message: str, torch_type: str = "RuntimeError") -> None:
        super().__init__(message)
        self.torch_type = torch_type

    @property
    def torch_text(self) -> str:
        """The message as torch prints it: ``"<ExceptionType>: <message>"``."""
        return f"{self.torch_type}: {self}"
