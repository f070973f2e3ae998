"""Every loss in ``LOSSES`` comes with everything the application offers for it.

A loss is added in one place (its engine module calls ``register``), but the
window also needs, for each one: a step-by-step Explain builder, a
"Copy as PyTorch" snippet (``torch.nn`` or an inline definition), a bundled
example session, and recorded torch reference data when torch has the loss.
These tests run over ``LOSSES`` as it is at run time, so a new loss that
lacks one of them fails here with a message that names what is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lossgui.engine.registry import LOSSES
from lossgui.io.bundled import list_examples
from lossgui.io.session_file import read_session
from lossgui.session import new_document
from lossgui.session.explain import BUILDERS, explain
from lossgui.session.snippet_defs import DEFINITIONS
from lossgui.session.torch_snippet import MissingSnippetDefinition, torch_snippet

REFERENCE = Path(__file__).resolve().parent / "data" / "torch_reference"
NAMES = sorted(LOSSES)


def _example_losses() -> dict[str, list[str]]:
    losses: dict[str, list[str]] = {}
    for example in list_examples():
        loss = json.loads(example.path.read_text(encoding="utf-8")).get("loss")
        losses.setdefault(str(loss), []).append(example.path.stem)
    return losses


EXAMPLES = _example_losses()


@pytest.mark.parametrize("name", NAMES)
def test_every_loss_has_an_explain_builder(name):
    assert name in BUILDERS, (
        f"{name}: no step-by-step Explain builder in "
        "lossgui.session.explain.BUILDERS (it would get the generic page)"
    )
    page = explain(new_document(name).evaluate())
    assert page.error is None, f"{name}: its default document does not compute"
    assert not any("No step-by-step" in note for note in page.notes), (
        f"{name}: the default document falls back to the generic Explain page"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_loss_has_a_pytorch_snippet(name):
    spec = LOSSES[name]
    if not spec.in_torch:
        assert name in DEFINITIONS, (
            f"{name}: a loss beyond torch.nn needs a definition in "
            "lossgui.session.snippet_defs.DEFINITIONS for Copy as PyTorch"
        )
    code = torch_snippet(new_document(name)).code
    if name not in DEFINITIONS:
        assert f"nn.{name}(" in code or "loss = F." in code, (
            f"{name}: the snippet neither builds nn.{name} nor calls a functional"
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_torch_loss_class_exists_in_torch(name):
    torch = pytest.importorskip("torch")
    spec = LOSSES[name]
    if name in DEFINITIONS or not spec.in_torch:
        return
    assert hasattr(torch.nn, name), (
        f"{name}: the snippet would write nn.{name}, which torch "
        f"{torch.__version__} does not have; add a definition to snippet_defs"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_loss_has_a_bundled_example(name):
    assert name in EXAMPLES, (
        f'{name}: no bundled example session in resources/examples has "loss": "{name}"'
    )
    for stem in EXAMPLES[name]:
        path = next(e.path for e in list_examples() if e.path.stem == stem)
        assert read_session(path).document.loss == name, stem


@pytest.mark.parametrize("name", NAMES)
def test_every_torch_loss_has_reference_data(name):
    if not LOSSES[name].in_torch:
        return  # torch has nothing to record for a loss beyond torch.nn
    path = REFERENCE / f"{name}.json"
    assert path.is_file(), (
        f"{name}: no recorded torch reference data at "
        f"tests/data/torch_reference/{name}.json"
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data.get("torch_version"), f"{path.name}: no torch_version recorded"


def test_a_loss_beyond_torch_without_a_definition_is_refused(monkeypatch):
    name = next(n for n in NAMES if not LOSSES[n].in_torch)
    doc = new_document(name)
    monkeypatch.delitem(DEFINITIONS, name)
    with pytest.raises(MissingSnippetDefinition, match=name) as caught:
        torch_snippet(doc)
    assert caught.value.loss == name
    assert "torch.nn" in str(caught.value)


def test_the_checks_above_can_fail(monkeypatch):
    name = NAMES[0]
    monkeypatch.delitem(BUILDERS, name)
    with pytest.raises(AssertionError, match=f"{name}: no step-by-step"):
        test_every_loss_has_an_explain_builder(name)
    monkeypatch.setitem(globals(), "EXAMPLES", {})
    with pytest.raises(AssertionError, match=f"{name}: no bundled example"):
        test_every_loss_has_a_bundled_example(name)
