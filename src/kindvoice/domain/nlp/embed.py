"""Sentence embeddings: our fine-tuned all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime.

The encoder (``model/encoder.onnx``, made by ``scripts/finetune_nlp.py``) and its
tokenizer ship inside kindvoice (see ``model/NOTICE.md``). Nothing is downloaded.
Mean pooling over real tokens and L2 normalisation are done here, as the model
was trained to be used.

onnxruntime would otherwise write a device id and queued telemetry events
under ``~/.cache``; ``ORT_DISABLE_TELEMETRY=1`` is set before it is imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

os.environ["ORT_DISABLE_TELEMETRY"] = "1"

THREADS_ENV = "KINDVOICE_NLP_THREADS"
MAX_TOKENS = 128
DIMENSION = 384
_BATCH = 32

FloatArray = npt.NDArray[np.float32]


def model_file() -> str:
    """The installed ONNX encoder (a read-only file inside the kindvoice package)."""
    return str(resources.files("kindvoice.domain.nlp").joinpath("model", "encoder.onnx"))


def tokenizer_file() -> str:
    return str(resources.files("kindvoice.domain.nlp").joinpath("model", "tokenizer.json"))


def _threads_from_env() -> int:
    value = os.environ.get(THREADS_ENV, "").strip()
    return max(1, int(value)) if value.isdigit() else 1


class Embedder:
    """Turns sentences into 384-dimensional unit vectors. Loads the model on first use."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or _threads_from_env()
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(tokenizer_file())
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 (to the longest in a batch)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            session = ort.InferenceSession(
                model_file(), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._input_names = tuple(i.name for i in session.get_inputs())
            self._tokenizer = tokenizer
            self._session = session

    def encode(self, texts: Sequence[str]) -> dict[str, npt.NDArray[np.int64]]:
        """Token ids, attention mask and type ids, padded to the longest text."""
        if self._session is None:
            self._load()
        encodings = self._tokenizer.encode_batch(list(texts))
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        return {name: feeds[name] for name in self._input_names}

    def forward(self, feeds: dict[str, npt.NDArray[np.int64]]) -> FloatArray:
        """The bare model: token vectors for each text (batch, tokens, 384)."""
        if self._session is None:
            self._load()
        output: FloatArray = self._session.run(None, feeds)[0]
        return output

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Unit-length sentence vectors, one row per text."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        rows: list[FloatArray] = []
        # Similar lengths together waste less padding; the order is restored below.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), _BATCH):
            chunk = [texts[i] for i in order[start : start + _BATCH]]
            feeds = self.encode(chunk)
            tokens = self.forward(feeds)
            mask = feeds["attention_mask"][:, :, None].astype(np.float32)
            pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            rows.append((pooled / np.clip(norms, 1e-12, None)).astype(np.float32))
        stacked = np.concatenate(rows, axis=0)
        result = np.empty_like(stacked)
        result[np.array(order)] = stacked
        return result


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """One embedder per process, loaded on first use."""
    global _shared  # noqa: PLW0603 (a process-wide, lazily built model)
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
