"""Train a tiny classifier on synthetic data, then look at one batch's loss in lossgui.

Run from a checkout of the repository, with torch installed::

    python examples/train_then_show.py                    # the window; close it to end
    python examples/train_then_show.py --save batch.json  # no display: a session file
    lossgui batch.json                                    # ... opened later

The loss module is handed to lossgui as it is: its class ``weight`` and
``label_smoothing`` are read from it, and the window shows exactly the value
``criterion(logits, labels)`` printed for the last step.
"""

from __future__ import annotations

import argparse

import torch
from torch import nn

import lossgui

FEATURES, CLASSES = 4, 3


def make_data(samples: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Three Gaussian blobs in 4-D, one per class; class 2 is rare."""
    generator = torch.Generator().manual_seed(seed)
    centres = torch.randn(CLASSES, FEATURES, generator=generator) * 2.0
    labels = torch.multinomial(
        torch.tensor([0.45, 0.45, 0.10]), samples, replacement=True, generator=generator
    )
    points = centres[labels] + torch.randn(samples, FEATURES, generator=generator)
    return points, labels


def main(argv: list[str] | None = None) -> None:
    """Train for a few SGD steps, then show (or save) the last batch."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20, help="SGD steps (20)")
    parser.add_argument("--batch", type=int, default=8, help="batch size (8)")
    parser.add_argument("--save", metavar="PATH", help="write a session file instead")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    points, labels = make_data(512)
    model = nn.Sequential(nn.Linear(FEATURES, 16), nn.ReLU(), nn.Linear(16, CLASSES))
    # the rare class counts double, and the labels are smoothed
    criterion = nn.CrossEntropyLoss(
        weight=torch.tensor([1.0, 1.0, 2.0]), label_smoothing=0.1
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    for step in range(args.steps):
        batch = torch.randint(len(points), (args.batch,))
        logits = model(points[batch])
        loss = criterion(logits, labels[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"step {step:2d}: loss {loss.item():.6f}")

    # The last batch: logits still carry the autograd graph; lossgui copies
    # them detached, so training code can go on using them.
    if args.save:
        path = lossgui.save(args.save, logits, labels[batch], loss=criterion)
        print(f"wrote {path}; open it with: lossgui {path}")
    else:
        lossgui.show(logits, labels[batch], loss=criterion)


if __name__ == "__main__":
    main()
