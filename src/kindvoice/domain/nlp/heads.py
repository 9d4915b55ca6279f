"""Small linear models on top of the sentence embedding, and the features they read.

The weights are ``model/heads.npz`` with their description in ``model/heads.json``,
both written by ``scripts/train_nlp.py``. At run time this is plain numpy:
one matrix product and a logistic function per head.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from kindvoice.domain.nlp.cues import (
    CRITIC_CUE_NAMES,
    TRAP_CUE_NAMES,
    critic_cues,
    trap_cues,
)

FloatArray = npt.NDArray[np.float32]
FEATURE_NAMES: tuple[str, ...] = tuple(f"cue:{n}" for n in CRITIC_CUE_NAMES + TRAP_CUE_NAMES)


def cue_features(sentences: list[str]) -> FloatArray:
    """The yes/no cues of each sentence, as a 0/1 matrix (one row per sentence)."""
    rows = []
    for sentence in sentences:
        values = {**critic_cues(sentence), **trap_cues(sentence)}
        rows.append([1.0 if values[n] else 0.0 for n in CRITIC_CUE_NAMES + TRAP_CUE_NAMES])
    return np.asarray(rows, dtype=np.float32).reshape(len(sentences), len(FEATURE_NAMES))


def features(embeddings: FloatArray, sentences: list[str]) -> FloatArray:
    """What every head reads: the embedding followed by the cues."""
    return np.concatenate([embeddings, cue_features(sentences)], axis=1).astype(np.float32)


def sigmoid(values: FloatArray) -> FloatArray:
    result: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(values, -30.0, 30.0)))).astype(np.float32)
    return result


@dataclass(frozen=True)
class Head:
    """A one-vs-rest logistic model: ``sigmoid(x @ weights + bias)``, one column per label."""

    labels: tuple[str, ...]
    weights: FloatArray  # (features, labels)
    bias: FloatArray  # (labels,)
    thresholds: tuple[float, ...]

    def probabilities(self, x: FloatArray) -> FloatArray:
        return sigmoid(x @ self.weights + self.bias)


@dataclass(frozen=True)
class Heads:
    version: str
    critic: Head
    crisis: Head
    traps: Head


_loaded: Heads | None = None
_lock = threading.Lock()


def _model_files() -> tuple[bytes, bytes]:
    folder = resources.files("kindvoice.domain.nlp").joinpath("model")
    return folder.joinpath("heads.json").read_bytes(), folder.joinpath("heads.npz").read_bytes()


def load_heads() -> Heads:
    """The shipped heads, read once per process."""
    global _loaded  # noqa: PLW0603 (read-only model data, loaded once)
    with _lock:
        if _loaded is None:
            _loaded = _parse(*_model_files())
        return _loaded


def _parse(meta_bytes: bytes, weights_bytes: bytes) -> Heads:
    import io

    meta = json.loads(meta_bytes)
    arrays = np.load(io.BytesIO(weights_bytes))
    if tuple(meta["features"]) != FEATURE_NAMES:
        raise RuntimeError("the NLP heads were trained on other features; run scripts/train_nlp.py")
    # heads.json names the encoder's digest, so a new encoder means a new version too.
    digest = hashlib.sha256(weights_bytes + meta_bytes).hexdigest()[:10]

    def head(name: str) -> Head:
        spec = meta["heads"][name]
        return Head(
            labels=tuple(spec["labels"]),
            weights=arrays[f"{name}_weights"].astype(np.float32),
            bias=arrays[f"{name}_bias"].astype(np.float32),
            thresholds=tuple(float(t) for t in spec["thresholds"]),
        )

    return Heads(
        version=f"{meta['version']}+{digest}",
        critic=head("critic"),
        crisis=head("crisis"),
        traps=head("traps"),
    )
