"""Engine: value + gradient of every loss in LOSSES against torch forward + backward.

About 1,000,000 float32 elements per loss: 1000x1000 for elementwise losses,
100,000x10 for softmax / per-row losses, 100,000x10 embeddings for the
ranking losses with rows. CTCLoss runs on T=50, N=16, C=20 (16,000 values):
its dynamic programme is sequential over time and torch's own kernel is a
C++ loop, so a million elements would take seconds in both.

Method: per loss, one warm-up call of each, then ``rounds`` alternating
lossgui / torch calls in this one process (so both see the same machine load
at nearly the same moment), torch limited to ``TORCH_THREADS`` threads. The
table reports the fastest and the median of each; the ratio is fastest
lossgui / fastest torch (the fastest run is the one least disturbed by other
processes on a shared machine), and the last line is the geometric mean of the
ratios over every loss torch can time.

    python -m tests.benchmarks.bench_engine [rounds] [--before DIR]

``--before DIR`` also times the engine of another revision in the same
alternation (before / lossgui / torch, call after call), so a before-and-after
comparison sees the same machine load; ``DIR`` holds that revision's
``lossgui`` package, e.g. from ``git archive <rev> lossgui | tar -x -C DIR``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import math
import os
import platform
import statistics
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from lossgui.engine import LOSSES, compute
from tests.benchmarks.timing import seconds

try:  # torch is the reference, never a dependency
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the machine
    torch = None

ELEMENTWISE = (1000, 1000)
ROWS = (100_000, 10)
#: Hidden size of the LinearCrossEntropyLoss case (a layer of 10 classes on top).
HIDDEN = 16
CTC = (50, 16, 20)  # T, N, C
TORCH_THREADS = 2
ROUNDS = 15


def alternating_times(
    first: Callable[[], object],
    second: Callable[[], object] | None,
    rounds: int,
    before: Callable[[], object] | None = None,
) -> tuple[list[float], list[float], list[float]]:
    """Times of ``rounds`` alternating ``before()`` / ``first()`` / ``second()`` calls.

    One warm-up call of each comes first; ``second`` (torch) and ``before``
    (another revision's engine) may be ``None``, then they are not timed.
    Returns the times of ``first``, ``second`` and ``before``.
    """
    order = [(c, t) for c, t in ((before, 2), (first, 0), (second, 1)) if c]
    for call, _ in order:
        call()
    times: tuple[list[float], list[float], list[float]] = ([], [], [])
    for _ in range(rounds):
        for call, slot in order:
            times[slot].append(seconds(call))
    return times


def load_engine(root: str) -> Callable[..., Any]:
    """``compute`` of the ``lossgui`` package in directory ``root``.

    The package is imported under its own name and then taken out of
    ``sys.modules`` again (its functions keep their module globals), so this
    checkout's ``lossgui`` stays the one every other import sees.
    """
    ours = {k: m for k, m in sys.modules.items() if k.split(".")[0] == "lossgui"}
    for name in ours:
        del sys.modules[name]
    sys.path.insert(0, root)
    try:
        module = importlib.import_module("lossgui.engine")
        if not os.path.dirname(module.__file__ or "").startswith(os.path.abspath(root)):
            raise ImportError(f"no lossgui package in {root}")
        return module.compute  # type: ignore[no-any-return]
    finally:
        sys.path.remove(root)
        for name in [k for k in sys.modules if k.split(".")[0] == "lossgui"]:
            del sys.modules[name]
        sys.modules.update(ours)


def _case(name: str, rng: np.random.Generator) -> tuple[tuple[Any, ...], dict, str]:
    """Positional tensors, kwargs and a shape label for ``name``."""
    f32 = np.float32
    x = rng.standard_normal(ELEMENTWISE).astype(f32)
    y01 = rng.integers(0, 2, ELEMENTWISE).astype(f32)
    pm1 = np.where(y01 > 0, 1.0, -1.0).astype(f32)
    rows = rng.standard_normal(ROWS).astype(f32)
    cls = rng.integers(0, ROWS[1], ROWS[0]).astype(np.int64)
    if name == "BCELoss":
        p = (1 / (1 + np.exp(-x))).astype(f32)
        return (p, y01), {}, "1000x1000"
    if name in ("BCEWithLogitsLoss", "sigmoid_focal_loss", "SoftDiceLoss"):
        return (x, y01), {}, "1000x1000"
    if name in ("MultiLabelSoftMarginLoss",):
        return (rows, rng.integers(0, 2, ROWS).astype(f32)), {}, "100000x10"
    if name in ("SquaredHingeLoss", "SoftMarginLoss"):
        return (x, pm1), {}, "1000x1000"
    if name == "HingeEmbeddingLoss":
        return (np.abs(x), pm1), {}, "1000x1000"
    if name in ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss", "LogCoshLoss"):
        return (x, rng.standard_normal(ELEMENTWISE).astype(f32)), {}, "1000x1000"
    if name == "PoissonNLLLoss":
        counts = rng.poisson(2.0, ELEMENTWISE).astype(f32)
        return (x, counts), {}, "1000x1000"
    if name == "GaussianNLLLoss":
        var = (rng.random(ELEMENTWISE) + 0.1).astype(f32)
        return (x, rng.standard_normal(ELEMENTWISE).astype(f32), var), {}, "1000x1000"
    if name == "KLDivLoss":
        logq = rows - np.log(np.exp(rows).sum(1, keepdims=True))
        target = np.exp(rng.standard_normal(ROWS))
        target = (target / target.sum(1, keepdims=True)).astype(f32)
        return (logq.astype(f32), target), {}, "100000x10"
    if name in ("CrossEntropyLoss", "Poly1CrossEntropyLoss", "MultiMarginLoss"):
        return (rows, cls), {}, "100000x10"
    if name == "NLLLoss":
        logq = rows - np.log(np.exp(rows).sum(1, keepdims=True))
        return (logq.astype(f32), cls), {}, "100000x10"
    if name == "MultiLabelMarginLoss":
        target = np.full(ROWS, -1, dtype=np.int64)
        target[:, 0] = cls
        target[:, 1] = (cls + 3) % ROWS[1]
        return (rows, target), {}, "100000x10"
    if name == "MarginRankingLoss":
        x2 = rng.standard_normal(ELEMENTWISE).astype(f32)
        return (x, x2, pm1), {}, "1000x1000"
    if name == "CosineEmbeddingLoss":
        x2 = rng.standard_normal(ROWS).astype(f32)
        t = np.where(rng.random(ROWS[0]) > 0.5, 1.0, -1.0).astype(f32)
        return (rows, x2, t), {}, "100000x10"
    if name in ("TripletMarginLoss", "TripletMarginWithDistanceLoss"):
        p = rng.standard_normal(ROWS).astype(f32)
        n = rng.standard_normal(ROWS).astype(f32)
        return (rows, p, n), {}, "100000x10 x3"
    if name == "CTCLoss":
        t, n, c = CTC
        logits = rng.standard_normal(CTC)
        lp = (logits - np.log(np.exp(logits).sum(2, keepdims=True))).astype(f32)
        s = 10
        targets = rng.integers(1, c, (n, s)).astype(np.int64)
        il = np.full(n, t, dtype=np.int64)
        tl = rng.integers(5, s + 1, n).astype(np.int64)
        return (lp, targets, il, tl), {}, f"T{t} N{n} C{c}"
    if name == "LinearCrossEntropyLoss":
        hidden = rng.standard_normal((ROWS[0], HIDDEN)).astype(f32)
        weight = (rng.standard_normal((ROWS[1], HIDDEN)) / HIDDEN**0.5).astype(f32)
        return (hidden, cls), {"linear_weight": weight}, f"100000x{HIDDEN} -> 10"
    raise KeyError(name)


def _torch_loss(name: str, kwargs: dict[str, Any]) -> Callable[..., Any]:
    """torch's loss as a function of torch tensors (reduction='mean')."""
    if name == "LinearCrossEntropyLoss":
        weight = torch.from_numpy(kwargs["linear_weight"])
        return lambda x, y: F.linear_cross_entropy(x, weight, y)
    if name == "sigmoid_focal_loss":

        def focal(x, y, alpha=0.25, gamma=2):  # torchvision's formula
            p = torch.sigmoid(x)
            ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
            p_t = p * y + (1 - p) * (1 - y)
            loss = ce * ((1 - p_t) ** gamma)
            loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
            return loss.mean()

        return focal
    if name == "Poly1CrossEntropyLoss":

        def poly1(x, y, eps=1.0):
            ce = F.cross_entropy(x, y, reduction="none")
            pt = torch.softmax(x, 1).gather(1, y[:, None])[:, 0]
            return (ce + eps * (1 - pt)).mean()

        return poly1
    if name == "LogCoshLoss":
        return lambda x, y: torch.log(torch.cosh(x - y)).mean()
    if name == "SquaredHingeLoss":
        return lambda x, y: torch.clamp(1 - y * x, min=0).pow(2).mean()
    if name == "SoftDiceLoss":

        def dice(p, t, smooth=1.0):
            dims = tuple(range(1, p.ndim))
            inter = (p * t).sum(dims)
            return (
                1 - (2 * inter + smooth) / (p.sum(dims) + t.sum(dims) + smooth)
            ).mean()

        return dice
    return getattr(torch.nn, name)()


def run(
    rounds: int = ROUNDS, before: Callable[..., Any] | None = None
) -> list[dict[str, Any]]:
    """Time every loss, lossgui and torch alternating; one row per loss.

    ``before`` (another revision's ``compute``, see :func:`load_engine`) is
    timed in the same alternation; a loss it does not know gets no time.
    """
    if torch is not None:
        torch.set_num_threads(TORCH_THREADS)
    rng = np.random.default_rng(0)
    rows = []
    for name in LOSSES:
        tensors, kwargs, label = _case(name, rng)

        def engine(tensors=tensors, kwargs=kwargs, name=name, compute=compute):
            r = compute(name, *tensors, **kwargs)
            return r.value, r.grad

        previous = None
        if before is not None:
            try:
                engine(compute=before)
            except Exception:  # the other revision lacks this loss or case
                previous = None
            else:
                previous = functools.partial(engine, compute=before)

        reference = None
        if torch is not None:
            loss = _torch_loss(name, kwargs)
            tt = [torch.from_numpy(np.ascontiguousarray(a)) for a in tensors]

            def reference(tt=tt, loss=loss):
                first = tt[0].clone().requires_grad_(True)
                out = loss(first, *tt[1:])
                out.backward()
                return out, first.grad

        t_engine, t_torch, t_before = alternating_times(
            engine, reference, rounds, previous
        )
        rows.append(
            {
                "loss": name,
                "shape": label,
                "engine": min(t_engine),
                "engine_median": statistics.median(t_engine),
                "torch": min(t_torch) if t_torch else None,
                "torch_median": statistics.median(t_torch) if t_torch else None,
                "before": min(t_before) if t_before else None,
                "before_median": statistics.median(t_before) if t_before else None,
            }
        )
    return rows


def geometric_mean_ratio(
    rows: list[dict[str, Any]], key: str = "engine"
) -> float | None:
    """Geometric mean of fastest ``key`` / fastest torch over rows with both."""
    ratios = [
        r[key] / r["torch"]
        for r in rows
        if r["torch"] is not None and r.get(key) is not None
    ]
    if not ratios:
        return None
    return math.exp(sum(math.log(q) for q in ratios) / len(ratios))


def method(rounds: int = ROUNDS) -> str:
    """One line saying how the table was measured."""
    threads = "-" if torch is None else str(torch.get_num_threads())
    return (
        f"value + gradient, reduction='mean'; {rounds} alternating lossgui/torch "
        f"calls per loss in one process after one warm-up each; torch threads "
        f"{threads}; ms as fastest (median); ratio = fastest / fastest"
    )


def machine() -> str:
    """CPU model, cores and library versions."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = "not installed" if torch is None else torch.__version__
    return (
        f"{model}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"numpy {np.__version__}, torch {version}"
    )


def table(rows: list[dict[str, Any]]) -> str:
    """Rows as a fixed-width text table, geometric mean last.

    With times of another revision (``run(before=...)``) the table has its
    column and its ratio to torch too.
    """

    def ms(fast: float | None, median: float | None) -> str:
        if fast is None or median is None:
            return "-"
        return f"{fast * 1e3:.2f} ({median * 1e3:.2f})"

    def ratio(row: dict[str, Any], key: str) -> str:
        if row["torch"] is None or row.get(key) is None:
            return "-"
        return f"{row[key] / row['torch']:6.2f}"

    with_before = any(r.get("before") is not None for r in rows)
    head = f"{'loss':30} {'shape':16}"
    if with_before:
        head += f" {'before ms':>15}"
    head += f" {'lossgui ms':>15} {'torch ms':>15} {'ratio':>6}"
    if with_before:
        head += f" {'before':>6}"
    lines = [head]
    for r in rows:
        line = f"{r['loss']:30} {r['shape']:16}"
        if with_before:
            line += f" {ms(r.get('before'), r.get('before_median')):>15}"
        line += (
            f" {ms(r['engine'], r['engine_median']):>15}"
            f" {ms(r['torch'], r['torch_median']):>15} {ratio(r, 'engine'):>6}"
        )
        if with_before:
            line += f" {ratio(r, 'before'):>6}"
        lines.append(line)
    mean = geometric_mean_ratio(rows)
    if mean is not None:
        width = len(head) - (7 if with_before else 0) - 7
        line = f"{'geometric mean of ratios':{width}} {mean:6.2f}"
        before_mean = geometric_mean_ratio(rows, "before")
        if with_before and before_mean is not None:
            line += f" {before_mean:6.2f}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the machine, the method and the table."""
    parser = argparse.ArgumentParser(description="engine vs torch benchmark")
    parser.add_argument("rounds", nargs="?", type=int, default=ROUNDS)
    parser.add_argument(
        "--before", metavar="DIR", help="also time the lossgui package in DIR"
    )
    args = parser.parse_args(argv)
    before = load_engine(args.before) if args.before else None
    print(machine())
    print(method(args.rounds))
    if args.before:
        print(f"before: the lossgui package in {args.before}, in the same alternation")
    print(table(run(args.rounds, before)))


if __name__ == "__main__":
    main()
