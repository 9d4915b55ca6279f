"""The shipped encoder: unit-length sentence vectors, one row per text."""

from __future__ import annotations

import numpy as np

from kindvoice.domain.nlp.embed import DIMENSION, Embedder


def test_sentence_vectors_have_unit_length() -> None:
    embedder = Embedder(threads=1)
    texts = ["I burned the toast again.", "ok", "My friend helped me move house on Saturday."]
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_batching_keeps_each_text_in_its_own_row() -> None:
    embedder = Embedder(threads=1)
    texts = ["A much longer sentence about missing the bus this morning.", "short one"]
    together = embedder.embed(texts)
    alone = np.concatenate([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)
    assert not np.allclose(together[0], together[1], atol=1e-2)


def test_no_text_gives_an_empty_matrix() -> None:
    assert Embedder(threads=1).embed([]).shape == (0, DIMENSION)
