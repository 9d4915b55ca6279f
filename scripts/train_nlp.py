"""Rebuild the NLP heads shipped in src/kindvoice/domain/nlp/model/ from the datasets.

    python scripts/train_nlp.py

Run after finetune_nlp.py, on the encoder it wrote. Deterministic: the same data
and the same encoder give the same weights (one ONNX thread, zero-initialised
full-batch training). Only the "train" split of every dataset is read; the heads
learn from all of it but the calibration share, where their thresholds are set.
evaluate_nlp.py judges on the rest.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nlp_data import (
    OURS,
    SHARED,
    Item,
    crisis_items,
    critic_items,
    extra_trap_items,
    is_calibration,
    reframe_negatives,
    trap_items,
)

from kindvoice.domain.nlp.embed import Embedder
from kindvoice.domain.nlp.heads import FEATURE_NAMES, features
from kindvoice.domain.nlp.types import TRAPS

MODEL_DIR = Path(__file__).resolve().parents[1] / "src" / "kindvoice" / "domain" / "nlp" / "model"
VERSION = "3"  # 3: a crisis verdict no longer hides self-criticism
PUBLIC_WEIGHT = 0.5  # public reframes are only roughly like what people write here
PUBLIC_FRAMES = 1500  # how many positive-frames reframes join the critic negatives
Array = npt.NDArray[np.float64]


def fit_logistic(
    x: Array,
    y: Array,
    *,
    l2: float,
    steps: int = 1500,
    rate: float = 0.05,
    row_weight: Array | None = None,
) -> tuple[Array, Array]:
    """One-vs-rest logistic regression, classes balanced, trained with full-batch Adam.

    ``row_weight`` lets some examples count less (public data that is only roughly
    like ours); the two classes still weigh the same in total.
    """
    n, d = x.shape
    k = y.shape[1]
    rows = np.ones(n) if row_weight is None else np.asarray(row_weight, dtype=np.float64)
    rows = rows[:, None]
    positives = np.clip((y * rows).sum(axis=0) / rows.sum(), 1e-3, 1 - 1e-3)
    sample_weight = rows * np.where(y > 0, 0.5 / positives, 0.5 / (1 - positives)) / rows.sum()
    w = np.zeros((d, k))
    b = np.zeros(k)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        error = (p - y) * sample_weight
        grad_w = x.T @ error + l2 * w
        grad_b = error.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        w -= rate * (m_w / correction1) / (np.sqrt(v_w / correction2) + eps)
        b -= rate * (m_b / correction1) / (np.sqrt(v_b / correction2) + eps)
    return w, b


def predict(x: Array, w: Array, b: Array) -> Array:
    result: Array = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    return result


def rate_matching_threshold(p: Array, y: Array) -> float:
    """The threshold that flags as many sentences as are truly positive.

    F1 on the calibration share is flat over a wide range of thresholds (about
    0.88-0.91 from 0.2 to 0.8 for self-criticism), so its maximum is mostly noise;
    matching the rate is stable and keeps precision and recall in balance.
    """
    return round(float(np.quantile(p, 1.0 - float((y > 0).mean()))), 3)


def false_positive_threshold(p: Array, y: Array, rate: float) -> float:
    """The lowest threshold that flags no more than ``rate`` of the negatives."""
    scores = np.sort(p[y == 0])[::-1]
    index = int(np.floor(rate * len(scores)))
    return round(float(scores[min(index, len(scores) - 1)]) + 1e-4, 4)


def public_negatives(items: list[Item]) -> list[Item]:
    """Every practitioner reframe, and a fixed, hash-chosen share of positive-frames."""
    frames = sorted(
        (i for i in items if i.kind == "positive_frame"),
        key=lambda i: hashlib.sha256(i.text.encode("utf-8")).hexdigest(),
    )
    return [i for i in items if i.kind == "reframe"] + frames[:PUBLIC_FRAMES]


def labelled(embedder: Embedder, items: list[Item], task: str) -> tuple[Array, Array]:
    """Features and 0/1 targets: "critic" items carry the critic label; for "crisis",
    anything not labelled "none" (and not an empty label set) is a crisis."""
    if task == "critic":
        y = [1.0 if "critic" in i.labels else 0.0 for i in items]
    else:
        y = [1.0 if i.labels and "none" not in i.labels else 0.0 for i in items]
    return embed_items(embedder, items), np.array(y)[:, None]


def embed_items(embedder: Embedder, items: list[Item]) -> Array:
    texts = [i.text for i in items]
    x: Array = features(embedder.embed(texts), texts).astype(np.float64)
    return x


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> None:
    weights, meta = train_heads(Embedder(threads=1))
    (MODEL_DIR / "heads.npz").write_bytes(weights)
    (MODEL_DIR / "heads.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for name, spec in meta["heads"].items():
        print(f"{name}: {spec['examples']} examples, thresholds {spec['thresholds'][:1]}")
    print(f"wrote {MODEL_DIR / 'heads.npz'} and heads.json")


def train_heads(embedder: Embedder) -> tuple[bytes, dict[str, Any]]:
    """The heads' weights (an .npz file's bytes) and their description, for ``embedder``."""
    train = lambda items: [i for i in items if i.split == "train"]  # noqa: E731

    # The encoder never learned from the calibration share (finetune_nlp.py), so
    # thresholds are chosen there; the heads learn from the rest.
    fit = lambda items: [i for i in items if not is_calibration(i.text)]  # noqa: E731
    held = lambda items: [i for i in items if is_calibration(i.text)]  # noqa: E731

    critic = train(critic_items())
    # Kind public rewrites are critic negatives too, counted at half weight.
    public = public_negatives(train(reframe_negatives()))
    x_critic, y_critic = labelled(embedder, fit(critic) + fit(public), "critic")
    rows = np.array([1.0] * len(fit(critic)) + [PUBLIC_WEIGHT] * len(fit(public)))
    critic_l2 = 1e-3
    w_critic, b_critic = fit_logistic(x_critic, y_critic, l2=critic_l2, row_weight=rows)
    x_held, y_held = labelled(embedder, held(critic), "critic")  # our own sentences only
    critic_threshold = rate_matching_threshold(
        predict(x_held, w_critic, b_critic)[:, 0], y_held[:, 0]
    )

    # Every self-criticism sentence is also a non-crisis example: harsh or sad is not danger.
    # So is every kind public rewrite: gentle words about a hard moment are not danger.
    crisis = train(crisis_items()) + [Item(i.text, i.split, set(), i.kind) for i in critic]
    x_crisis, y_crisis = labelled(embedder, fit(crisis) + fit(public), "crisis")
    rows = np.array([1.0] * len(fit(crisis)) + [PUBLIC_WEIGHT] * len(fit(public)))
    crisis_l2 = 1e-3
    w_crisis, b_crisis = fit_logistic(x_crisis, y_crisis, l2=crisis_l2, row_weight=rows)
    # The rules carry recall; the model adds what they miss, at no more than 3% of
    # ordinary sentences flagged (on the calibration share).
    x_held, y_held = labelled(embedder, held(crisis), "crisis")
    crisis_threshold = false_positive_threshold(
        predict(x_held, w_crisis, b_crisis)[:, 0], y_held[:, 0], 0.03
    )

    traps = train(trap_items()) + train(extra_trap_items())
    # Ordinary, kind and sad sentences teach the heads that most sentences hold no trap.
    traps += [
        i
        for i in critic
        if not i.labels and i.kind in {"neutral", "positive", "compassionate", "sad"}
    ]
    x_traps = embed_items(embedder, [Item(i.text, i.split, set()) for i in traps])
    y_traps = np.array([[1.0 if t in i.labels else 0.0 for t in TRAPS] for i in traps])
    trap_l2 = 3e-3
    w_traps, b_traps = fit_logistic(x_traps, y_traps, l2=trap_l2)

    buffer = io.BytesIO()
    np.savez(
        buffer,
        critic_weights=w_critic.astype(np.float32),
        critic_bias=b_critic.astype(np.float32),
        crisis_weights=w_crisis.astype(np.float32),
        crisis_bias=b_crisis.astype(np.float32),
        traps_weights=w_traps.astype(np.float32),
        traps_bias=b_traps.astype(np.float32),
    )
    sources = {
        "self_criticism.jsonl": file_digest(OURS / "self_criticism.jsonl"),
        "crisis.jsonl": file_digest(OURS / "crisis.jsonl"),
        "traps_extra.jsonl": file_digest(OURS / "traps_extra.jsonl"),
        "cognitive-reframing/thinking_traps.jsonl": file_digest(
            SHARED / "cognitive-reframing" / "thinking_traps.jsonl"
        ),
        "cognitive-reframing/reframing_dataset.csv": file_digest(
            SHARED / "cognitive-reframing" / "reframing_dataset.csv"
        ),
    }
    meta: dict[str, Any] = {
        "version": VERSION,
        "embedding": (
            "encoder.onnx: all-MiniLM-L6-v2 fine-tuned by finetune_nlp.py, int8,"
            " mean pooled, L2 normalised"
        ),
        "encoder_sha256": hashlib.sha256((MODEL_DIR / "encoder.onnx").read_bytes()).hexdigest(),
        "features": list(FEATURE_NAMES),
        "heads": {
            "critic": {
                "labels": ["self_critical"],
                "thresholds": [critic_threshold],
                "l2": critic_l2,
                "examples": len(critic),
            },
            "crisis": {
                "labels": ["crisis"],
                "thresholds": [crisis_threshold],
                "l2": crisis_l2,
                "examples": len(crisis),
            },
            "traps": {
                "labels": list(TRAPS),
                "thresholds": [0.5] * len(TRAPS),
                "l2": trap_l2,
                "examples": len(traps),
                "positives": {t: int(y_traps[:, j].sum()) for j, t in enumerate(TRAPS)},
            },
        },
        "trained_on": sources,
    }
    return buffer.getvalue(), meta


if __name__ == "__main__":
    main()
