"""Regenerate the bundled example sessions in resources/examples/.

Usage::

    uv run python tools/make_examples.py
    uv run python tools/make_examples.py --only 108-multiclass-lm-head

Every worked example of the five seed articles becomes a session whose numbers
are the ones ``tests/data/seed_cases.json`` records (checked by
``tests/io/test_bundled_examples.py``), plus one example per loss family.
The files are committed; rerun this after changing the session format.

An article example also records what its article *printed*
(``example.article.printed``): each entry is read from the article's text
(``../shared/seeds/``) with a pattern, never typed here, so the app can set
it beside the computed value (:mod:`lossgui.session.article_check`). Only
the explanations of the articles' slips are written by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lossgui.engine import LOSSES  # noqa: E402
from lossgui.io.session_file import write_session  # noqa: E402
from lossgui.session import new_document  # noqa: E402
from lossgui.session.document import SessionDocument  # noqa: E402
from lossgui.session.import_arrays import assign_arrays  # noqa: E402

SEEDS = json.loads((ROOT / "tests/data/seed_cases.json").read_text("utf-8"))["cases"]
OUT = ROOT / "resources" / "examples"
SEED_DIR = ROOT.parent / "shared" / "seeds"

GROUPS = {
    "000": "Article 1 · BCELoss: cat/dog and multi-label",
    "001": "Article 2 · BCE, BCEWithLogits and KL distillation",
    "002": "Article 3 · softmax vs sigmoid cross-entropy",
    "003": "Article 4 · NLLLoss, CrossEntropyLoss and BCE compared",
    "004": "Article 5 · built-in losses: BCE weight, L1/MSE/SmoothL1, NLL",
}

#: (file stem, title, description, seed case ids; the first sets the reduction)
ARTICLE_EXAMPLES: list[tuple[str, str, str, list[str]]] = [
    (
        "000-bceloss-sigmoid-cat-dog",
        "BCELoss on sigmoid(logits), cat/dog batch",
        "Three logits [-0.8, 0.7, 0.5] for labels [dog, cat, cat] = [1, 0, 0]: "
        "sigmoid gives [0.3100, 0.6682, 0.6225]; the losses are [1.1711, 1.1032, "
        "0.9741], their sum 3.2484 and mean 1.0828 (switch the reduction).",
        ["s000-bce-sigmoid-mean", "s000-bce-sigmoid-sum", "s000-bce-sigmoid-none"],
    ),
    (
        "000-bcewithlogits-cat-dog",
        "BCEWithLogitsLoss, cat/dog batch",
        "The same batch with the sigmoid built into the loss: identical numbers "
        "(1.1711, 1.1032, 0.9741; sum 3.2484; mean 1.0828).",
        ["s000-bcewl-mean", "s000-bcewl-sum", "s000-bcewl-none"],
    ),
    (
        "000-multilabel-bcewithlogits",
        "Multi-label: BCEWithLogitsLoss, 2 images × 3 labels",
        "Cat/dog/person present or not in two images: the mean of six binary "
        "losses is 0.9995.",
        ["s000-multilabel-bcewl"],
    ),
    (
        "000-multilabel-softmargin",
        "Multi-label: MultiLabelSoftMarginLoss",
        "The same batch: MultiLabelSoftMarginLoss averages per image and gives the "
        "same 0.9995.",
        ["s000-multilabel-mlsm"],
    ),
    (
        "001-bce-weighted",
        "F.binary_cross_entropy with a per-element weight",
        "Probabilities [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] (raw mode), one-hot "
        "targets and weights [[0.1, 0.9, 0.1], [0.1, 0.1, 0.9]]: 0.1272.",
        ["s001-bce-weighted"],
    ),
    (
        "001-bce-probabilities",
        "BCELoss on probabilities",
        "The same probabilities without weights: 0.5912 (nn.BCELoss and "
        "F.binary_cross_entropy agree).",
        ["s001-bce"],
    ),
    (
        "001-bce-of-sigmoid",
        "BCELoss on sigmoid of the same numbers",
        "Read the numbers as logits (sigmoid first): 0.7678, exactly what "
        "BCEWithLogitsLoss gives.",
        ["s001-bce-of-sigmoid"],
    ),
    (
        "001-bcewithlogits",
        "BCEWithLogitsLoss on the same numbers",
        "The sigmoid inside the loss: 0.7678, as BCELoss on sigmoid.",
        ["s001-bcewl"],
    ),
    (
        "001-bcewithlogits-large-logits",
        "BCEWithLogitsLoss accepts any real logits",
        "Logits [[5, 1, 8], [2, 4, 6]] are fine for BCEWithLogitsLoss: 3.2446.",
        ["s001-bcewl-large"],
    ),
    (
        "001-bceloss-out-of-range",
        "BCELoss refuses values outside [0, 1]",
        "The same [[5, 1, 8], [2, 4, 6]] given to BCELoss as probabilities (raw "
        "mode): torch raises 'all elements of input should be between 0 and 1'. "
        "Switch the input to logits to see 3.2446.",
        ["s001-bce-out-of-range"],
    ),
    (
        "001-kldiv-distillation",
        "KLDivLoss for distillation (batchmean)",
        "Student logits [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] through log-softmax "
        "against teacher probabilities: 0.0578 per sample.",
        ["s001-kl-batchmean"],
    ),
    (
        "002-crossentropy-class-index",
        "CrossEntropyLoss: logits [2, 3, 0.1], class 1",
        "Softmax gives [0.2585, 0.7028, 0.0387]; the loss is -log 0.7028 = 0.3527. "
        "(The article's BCEWithLogitsLoss with the class index [1] as target fails "
        "with a size mismatch: switch the loss to BCEWithLogitsLoss to see torch's "
        "error and the one-hot fix — or open the one-hot example.)",
        ["s002-ce-index"],
    ),
    (
        "002-bcewithlogits-one-hot",
        "BCEWithLogitsLoss: the same logits, one-hot [0, 1, 0]",
        "Three independent binary losses averaged: 0.9733, not the 0.0486 a "
        "softmax-style reading would suggest.",
        ["s002-bcewl-onehot"],
    ),
    (
        "003-crossentropy-five-classes",
        "CrossEntropyLoss: 3 samples × 5 classes",
        "Fixed numbers for the article's torch.randn(3, 5) batch with targets "
        "[3, 0, 2]: 0.7150.",
        ["s003-ce-5class"],
    ),
    (
        "003-nllloss-log-softmax",
        "NLLLoss on log_softmax = CrossEntropyLoss",
        "The same batch through log-softmax and NLLLoss: the same value as "
        "CrossEntropyLoss, 0.7150.",
        ["s003-nll-logsoftmax"],
    ),
    (
        "004-bceloss-weight-rows",
        "BCELoss weight of shape (4, 1): whole rows",
        "A (4, 1) weight [[0], [0], [1], [1]] broadcasts over each row: the first "
        "two samples count for nothing. Shown here broadcast to the (4, 5) grid. "
        "(A (4,) weight cannot broadcast to (4, 5): torch raises.)",
        ["s004-bce-w-rows"],
    ),
    (
        "004-bceloss-weight-columns",
        "BCELoss weight of shape (5,): whole columns",
        "A (5,) weight [1, 1, 0, 0, 0] broadcasts over columns: only the first two "
        "classes count. Shown broadcast to the (4, 5) grid.",
        ["s004-bce-w-cols"],
    ),
    (
        "004-smoothl1",
        "SmoothL1Loss: squared below beta = 1, linear above",
        "Residuals [0.2, -0.5, 1.5, 2.0]: losses [0.02, 0.125, 1.0, 1.5].",
        ["s004-smoothl1"],
    ),
    (
        "004-l1",
        "L1Loss: mean absolute error",
        "The same residuals: mean 1.05.",
        ["s004-l1"],
    ),
    (
        "004-mse",
        "MSELoss: mean squared error",
        "The same residuals: mean 1.635.",
        ["s004-mse"],
    ),
    (
        "004-nllloss-weight-ignore-index",
        "NLLLoss with class weights and ignore_index",
        "weight [1, 2, 0.5], ignore_index = 1: the mean divides by the summed "
        "weights of the counted targets only: 0.4800.",
        ["s004-nll-weight-ignore"],
    ),
]


def _printed(what: str, quantity: str, pattern: str, **extra: Any) -> dict[str, Any]:
    """One thing an article printed: ``pattern``'s group 1 is the printed text.

    ``quantity`` says what the app computes to compare: ``"probabilities"``
    (the sigmoid/softmax beside the grid) or ``"loss:<reduction>"``;
    ``rows``/``elements`` pick part of it; ``kind="formula"`` marks a written
    formula (no numbers to read) that ``note`` explains.
    """
    return {"what": what, "quantity": quantity, "pattern": pattern, **extra}


_BCE_NONE = r"\(reduction='none'\)\n[^\n]*\n?[^\n]*# (tensor\(\[[^\]]*\]\))"
_BCE_SUM = r"\(reduction='sum'\)\n[^\n]*\n?[^\n]*# (tensor\([\d.]+\))"
_BCE_MEAN = r"\(reduction='mean'\)\n[^\n]*\n?[^\n]*# (tensor\([\d.]+\))"
_SIGMA_SLIP = (
    "A slip in the article: [0.7311, 0.5000, 0.5000] is the sigmoid of the "
    "labels [1, 0, 0], not of the predictions [-0.8, 0.7, 0.5]; "
    "sigmoid([-0.8, 0.7, 0.5]) is [0.3100, 0.6682, 0.6225] (the numbers of the "
    "article's own cat/dog example). Its loss 0.9995 is right: torch never saw "
    "the slip."
)
_LOG_SLIP = (
    "A slip in the article's hand calculation: for label 0 the binary term is "
    "log(1 - p), so loss_2 = -(0*log(0.5250) + (1-0)*log(1-0.5250)) = "
    "-log(0.4750) = 0.7444. As written (log(0.5250), and a misplaced bracket) "
    "it would give -0.6444 and a mean of 0.5104; the article's 0.9733 and its "
    "own code use the right term."
)

#: What each article example's article printed (read from its text).
ARTICLE_PRINTED: dict[str, list[dict[str, Any]]] = {
    "000-bceloss-sigmoid-cat-dog": [
        _printed(
            "sigmoid(predict)",
            "probabilities",
            r"print\(sigmoid\(predict\)\) # (tensor\(\[[^\]]*\]\))",
        ),
        _printed("BCELoss(reduction='none')", "loss:none", "BCELoss" + _BCE_NONE),
        _printed("BCELoss(reduction='sum')", "loss:sum", "BCELoss" + _BCE_SUM),
        _printed("BCELoss(reduction='mean')", "loss:mean", "BCELoss" + _BCE_MEAN),
    ],
    "000-bcewithlogits-cat-dog": [
        _printed(
            "BCEWithLogitsLoss(reduction='none')",
            "loss:none",
            "BCEWithLogitsLoss" + _BCE_NONE,
        ),
        _printed(
            "BCEWithLogitsLoss(reduction='sum')",
            "loss:sum",
            "BCEWithLogitsLoss" + _BCE_SUM,
        ),
        _printed(
            "BCEWithLogitsLoss(reduction='mean')",
            "loss:mean",
            "BCEWithLogitsLoss" + _BCE_MEAN,
        ),
    ],
    "000-multilabel-bcewithlogits": [
        _printed(
            "sigmoid of the first sample [-0.8, 0.7, 0.5]",
            "probabilities",
            r"经过Sigmoid层后,得到(\[[^\]]*\])",
            rows=[0],
            note=_SIGMA_SLIP,
        ),
        _printed(
            "BCEWithLogitsLoss(reduction='mean')",
            "loss:mean",
            r"BCEWithLogitsLoss\(reduction='mean'\)\nloss = [^\n]*\n"
            r"print\(loss\) # (tensor\([\d.]+\))",
        ),
    ],
    "000-multilabel-softmargin": [
        _printed(
            "MultiLabelSoftMarginLoss(reduction='mean')",
            "loss:mean",
            r"MultiLabelSoftMarginLoss\(reduction='mean'\)\nloss = [^\n]*\n"
            r"print\(loss\) # (tensor\([\d.]+\))",
        ),
    ],
    "001-bce-weighted": [
        _printed(
            "F.binary_cross_entropy(input, target, weight=weight)",
            "loss:mean",
            r"\n(binary_cross_entropy-有权重:[\d.]+)",
        ),
    ],
    "001-bce-probabilities": [
        _printed("nn.BCELoss(reduction='mean')", "loss:mean", r"\n(bceloss:[\d.]+)\n"),
    ],
    "001-bce-of-sigmoid": [
        _printed(
            "s(pred), the sigmoid",
            "probabilities",
            r"\n预测数据: (tensor\(\[\[0\.6225[^)]*\))",
        ),
        _printed("nn.BCELoss on s(pred)", "loss:mean", r"\n(bceloss:[\d.]+)\t"),
    ],
    "001-bcewithlogits": [
        _printed(
            "nn.BCEWithLogitsLoss(reduction='mean')",
            "loss:mean",
            r"\t (bce_with_logit:[\d.]+)",
        ),
    ],
    "001-bcewithlogits-large-logits": [
        _printed(
            "nn.BCEWithLogitsLoss(reduction='mean')",
            "loss:mean",
            r"\n (bce_with_logit:[\d.]+)",
        ),
    ],
    "001-kldiv-distillation": [
        _printed(
            "probs = softmax(logits, dim=1)",
            "probabilities",
            r"\n预测数据: (tensor\(\[\[0\.2501[^)]*\))",
        ),
        _printed(
            "F.kl_div(torch.log(probs), target_probs, reduction='batchmean')",
            "loss:batchmean",
            r"\n(kl_loss:[\d.]+)",
        ),
    ],
    "002-crossentropy-class-index": [
        _printed(
            "torch.softmax(logits, dim=1)",
            "probabilities",
            r"\nsoftmax_out: (tensor\(\[\[[^\]]*\]\]\))",
        ),
        _printed(
            "nn.CrossEntropyLoss()(logits, label)",
            "loss:mean",
            r"计算softmax_loss: (tensor\([\d.]+\))",
        ),
    ],
    "002-bcewithlogits-one-hot": [
        _printed(
            "torch.sigmoid(logits)",
            "probabilities",
            r"\nsigmoid_out: (tensor\(\[\[[^\]]*\]\]\))",
        ),
        _printed(
            "nn.BCEWithLogitsLoss()(logits, true_label)",
            "loss:mean",
            r"计算sigmoid_loss: (tensor\([\d.]+\))",
        ),
        _printed(
            "loss_2, the term of class 2 (label 0)",
            "loss:none",
            r"\n(loss_2 = [^\n]*)",
            kind="formula",
            elements=[2],
            note=_LOG_SLIP,
        ),
        _printed(
            "err_loss = -log(0.9526), the 'wrong' softmax-style reading",
            "loss:none",
            r"\n错误err_loss: (tensor\([\d.]+\))",
            elements=[1],
            note=(
                "Printed on purpose as the wrong reading: -log(0.9526) is the "
                "binary term of class 1 alone; BCEWithLogitsLoss averages all "
                "three terms (0.9733)."
            ),
        ),
    ],
}

#: Article examples whose article prints no number of this batch, and why.
ARTICLE_SILENT: dict[str, str] = {
    "001-bceloss-out-of-range": (
        "The article says BCELoss raises for values outside [0, 1] "
        "(\u201c否则会报错\u201d) but prints no error; torch's message is shown in "
        "the results."
    ),
    "003": (
        "The article's tensors come from torch.randn, so it prints no numbers; "
        "this example fixes them."
    ),
    "004-bceloss-weight": (
        "The article prints its results for a torch.randn batch that cannot be "
        "reproduced; this example fixes the numbers (the zero pattern of the "
        "weights is the article's)."
    ),
    "004": (
        "The article explains this loss in words and formula images and prints "
        "no numbers; the example's batch is lossgui's."
    ),
}

_NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def article_record(stem: str, seed_file: str) -> dict[str, Any]:
    """What the article of ``stem`` printed, read from its text in the seeds.

    Raises
    ------
    LookupError
        If a pattern no longer finds its place in the article.
    """
    text = (SEED_DIR / seed_file).read_text("utf-8")
    printed = []
    for spec in ARTICLE_PRINTED.get(stem, []):
        entry = {k: v for k, v in spec.items() if k != "pattern"}
        match = re.search(spec["pattern"], text)
        if match is None:
            raise LookupError(f"{stem}: {spec['what']!r} not found in {seed_file}")
        shown = " ".join(match.group(1).split())
        entry["text"] = shown
        entry.setdefault("kind", "value")
        if entry["kind"] == "value":
            numbers = _NUMBER.findall(shown)
            entry["values"] = [float(v) for v in numbers]
            entry["decimals"] = [len(v.partition(".")[2]) for v in numbers]
        printed.append(entry)
    record: dict[str, Any] = {"seed": seed_file[:3], "file": seed_file}
    record["printed"] = printed
    silent = next(
        (note for key, note in ARTICLE_SILENT.items() if stem.startswith(key)), None
    )
    if not printed and silent:
        record["note"] = silent
    return record


#: Family examples: (file stem, title, description, loss, settings).
FAMILY_EXAMPLES: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "100-binary-pos-weight",
        "Binary: BCEWithLogitsLoss with pos_weight = 3",
        "pos_weight multiplies the loss of positive targets, for rare positives.",
        "BCEWithLogitsLoss",
        {"enabled.pos_weight": True, "pos_weight": [3.0]},
    ),
    (
        "101-multiclass-label-smoothing",
        "Multi-class: CrossEntropyLoss, label_smoothing = 0.1",
        "Smoothing moves 10% of each target's mass evenly to all classes.",
        "CrossEntropyLoss",
        {"param.label_smoothing": 0.1},
    ),
    (
        "102-divergence-kldiv-mean",
        "Divergence: KLDivLoss, reduction = 'mean'",
        "'mean' divides by every element, not by the batch size; torch warns that "
        "'batchmean' gives the KL divergence (switch to compare).",
        "KLDivLoss",
        {"reduction": "mean"},
    ),
    (
        "103-regression-huber",
        "Regression: HuberLoss, delta = 1",
        "Quadratic near zero, linear for large residuals.",
        "HuberLoss",
        {},
    ),
    (
        "104-margin-multi-margin",
        "Margin: MultiMarginLoss (multi-class hinge)",
        "Each wrong class must score at least margin below the right one.",
        "MultiMarginLoss",
        {},
    ),
    (
        "105-ranking-margin-ranking",
        "Ranking: MarginRankingLoss, margin = 0.5",
        "target 1 asks input1 to rank above input2 by the margin, -1 the reverse.",
        "MarginRankingLoss",
        {"param.margin": 0.5},
    ),
    (
        "107-sequence-ctc",
        "Sequence: CTCLoss, 6 frames, labels [1, 2, 2]",
        "CTC sums over every alignment of the labels to the frames; the repeated "
        "2 needs a blank between its frames.",
        "CTCLoss",
        {},
    ),
    (
        "106-ranking-triplet",
        "Ranking: TripletMarginLoss",
        "Pull the anchor towards the positive, push it from the negative.",
        "TripletMarginLoss",
        {},
    ),
    (
        "108-multiclass-lm-head",
        "Multi-class: LinearCrossEntropyLoss, a tiny language-model head",
        "Hidden states (5 tokens × 4) times the 8-word output layer give the "
        "logits z; the loss is the cross-entropy of each next token.",
        "LinearCrossEntropyLoss",
        {},
    ),
]


def _case(case_id: str) -> dict[str, Any]:
    return next(c for c in SEEDS if c["id"] == case_id)


def article_document(case: dict[str, Any]) -> SessionDocument:
    """A session reproducing one seed case."""
    spec = LOSSES[case["loss"]]
    tensors = [np.asarray(t, dtype=np.float64) for t in case["tensors"]]
    kwargs = dict(case["kwargs"])
    transform = case["first_tensor_transform"]
    doc = new_document(spec.name)
    doc.set_setting(
        "input_mode", "logits" if transform or not spec.activation else "raw"
    )
    doc.set_setting("reduction", kwargs.pop("reduction", spec.default_reduction))
    arrays: dict[str, Any] = {
        arg.name: tensor for arg, tensor in zip(spec.forward, tensors, strict=True)
    }
    for name, value in kwargs.items():
        if name in doc.tensor_params:
            arrays[name] = np.asarray(value, dtype=np.float64)
        else:
            doc.set_setting(f"param.{name}", value)
    return assign_arrays(doc, arrays)


def family_document(loss: str, settings: dict[str, Any]) -> SessionDocument:
    """A loss's built-in example with a few settings changed."""
    doc = new_document(loss)
    for key, value in settings.items():
        if key in doc.tensor_params:
            doc.tensor_params[key] = np.asarray(value, dtype=np.float64)
        else:
            doc.set_setting(key, value)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="STEM",
        help="write only these examples (file stems); the others stay as they are",
    )
    only = parser.parse_args(argv).only
    OUT.mkdir(parents=True, exist_ok=True)
    if only:
        return _write_only(set(only))
    for old in OUT.glob("*.json"):
        old.unlink()
    for stem, title, description, cases in ARTICLE_EXAMPLES:
        first = _case(cases[0])
        meta = {
            "title": title,
            "group": GROUPS[stem[:3]],
            "description": description,
            "seed": first["seed"],
            "cases": cases,
            "article": article_record(stem, first["seed"]),
        }
        write_session(OUT / f"{stem}.json", article_document(first), meta)
    for stem, title, description, loss, settings in FAMILY_EXAMPLES:
        meta = {
            "title": title,
            "group": "Loss families",
            "description": description,
            "family": LOSSES[loss].family,
        }
        write_session(OUT / f"{stem}.json", family_document(loss, settings), meta)
    print(f"wrote {len(ARTICLE_EXAMPLES) + len(FAMILY_EXAMPLES)} examples to {OUT}")
    return 0


def _write_only(stems: set[str]) -> int:
    """Write the named family examples only (see ``--only``)."""
    known = {stem for stem, *_ in FAMILY_EXAMPLES}
    if stems - known:
        raise SystemExit(f"not family examples: {sorted(stems - known)}")
    for stem, title, description, loss, settings in FAMILY_EXAMPLES:
        if stem in stems:
            meta = {
                "title": title,
                "group": "Loss families",
                "description": description,
                "family": LOSSES[loss].family,
            }
            write_session(OUT / f"{stem}.json", family_document(loss, settings), meta)
    print(f"wrote {len(stems)} examples to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
