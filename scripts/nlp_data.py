"""Loading the datasets the NLP heads learn from and are judged on.

Used by train_nlp.py and evaluate_nlp.py, so both see exactly the same splits.
Public data comes from ../shared/data (see each SOURCE.md there); our own
labeled sets live in data/nlp/.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OURS = ROOT / "data" / "nlp"

# Dataset label → our trap name (docs/nlp.md has the same table for people).
TRAP_NAMES: dict[str, str | None] = {
    "all-or-nothing thinking": "all_or_nothing",
    "overgeneralizing": "overgeneralizing",
    "overgeneralization": "overgeneralizing",
    "labeling": "labeling",
    "fortune telling": "fortune_telling",
    "mind reading": "mind_reading",
    "emotional reasoning": "emotional_reasoning",
    "should statements": "should_statements",
    "personalizing": "personalizing",
    "personalization": "personalizing",
    "disqualifying the positive": "discounting_positive",
    "catastrophizing": "catastrophizing",
    "magnification": "catastrophizing",
    "comparing and despairing": "comparing",
    "comparing": "comparing",
    "blaming": "blaming",
    "negative feeling or emotion": None,  # a feeling, not a trap
    "not distorted": None,
    "none": None,
}


@dataclass
class Item:
    text: str
    split: str
    labels: set[str] = field(default_factory=set)
    kind: str = ""
    batch: int = 1  # our sets grow in batches; 2 was written after batch 1's results were seen


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _split_for(key: str, test_share: float = 0.3) -> str:
    digest = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if digest / 0xFFFFFFFF < test_share else "train"


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def trap_items() -> list[Item]:
    """Thinking-trap examples, split by unique thought with the two files' overlap removed.

    The cognitive-reframing data (Sharma et al. 2023) comes as two files that share
    about 274 thoughts: reframing_dataset.csv (situation, thought) and
    thinking_traps.jsonl ("situation. thought" or "thought"). A thought from the CSV and
    every prompt that contains it form one group, and a group is wholly train or test.
    """
    folder = SHARED / "cognitive-reframing"
    groups: dict[str, Item] = {}
    csv_thoughts: dict[str, str] = {}
    with (folder / "reframing_dataset.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            thought = row["thought"].strip()
            key = _key(thought)
            item = groups.setdefault(key, Item(thought, _split_for(key), kind="public"))
            for raw in row["thinking_traps_addressed"].split(","):
                name = TRAP_NAMES.get(raw.strip().lower())
                if name:
                    item.labels.add(name)
            csv_thoughts[key] = thought
    prompts: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for record in _jsonl(folder / "thinking_traps.jsonl"):
        prompt = str(record["prompt"]).removesuffix("->").strip()
        key = _key(prompt)
        texts[key] = prompt
        label = TRAP_NAMES.get(str(record["completion"]).strip().lower())
        prompts.setdefault(key, set())
        if label:
            prompts[key].add(label)
    for key, labels in prompts.items():
        owner = next((k for k in csv_thoughts if k and (k == key or key.endswith(k))), None)
        if owner is not None:  # the same thought as a CSV row: one group, one split
            groups[owner].labels |= labels
            continue
        item = groups.setdefault(key, Item(texts[key], _split_for(key), kind="public"))
        item.labels |= labels
    return list(groups.values())


def extra_trap_items() -> list[Item]:
    """Our own examples for traps the public data rarely or never shows (mental filter)."""
    path = OURS / "traps_extra.jsonl"
    if not path.exists():
        return []
    return [
        Item(str(r["text"]), str(r["split"]), set(map(str, r["traps"])), kind="ours")  # type: ignore[call-overload]
        for r in _jsonl(path)
    ]


def critic_items() -> list[Item]:
    return [
        Item(
            str(r["text"]),
            str(r["split"]),
            {"critic"} if r["label"] == 1 else set(),
            kind=str(r.get("kind", "")),
            batch=int(r.get("batch", 1)),  # type: ignore[call-overload]
        )
        for r in _jsonl(OURS / "self_criticism.jsonl")
    ]


def crisis_items() -> list[Item]:
    return [
        Item(str(r["text"]), str(r["split"]), {str(r["label"])}, kind=str(r.get("kind", "")))
        for r in _jsonl(OURS / "crisis.jsonl")
    ]


@dataclass
class RedditUser:
    user: str
    label: str
    posts: list[str]


def reddit_users() -> list[RedditUser]:
    """The Reddit C-SSRS users (Gaur et al. 2019): for evaluation only, never training."""
    csv.field_size_limit(1 << 30)
    path = SHARED / "reddit-cssrs" / "500_Reddit_users_posts_labels.csv"
    users = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            raw = row["Post"]
            try:
                posts = [str(p) for p in ast.literal_eval(raw)]
            except (ValueError, SyntaxError):
                posts = [p.strip(" '\"") for p in re.split(r"',\s*'|\",\s*\"", raw.strip("[]"))]
            users.append(RedditUser(row["User"], row["Label"], posts))
    return users


def reframe_negatives() -> list[Item]:
    """Kind and balanced rewrites from the public data: examples of *not* self-critical.

    Practitioner reframes from cognitive-reframing (Sharma et al. 2023) take the split
    of the thought they answer; crowdworker reframes from positive-frames (Ziems et al.
    2022) keep that dataset's own train/test split. They teach the critic head that a
    sentence can name a mistake or a hard feeling and still be gentle.
    """
    items: list[Item] = []
    seen: set[str] = set()
    folder = SHARED / "cognitive-reframing"
    with (folder / "reframing_dataset.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["reframe"].strip()
            key = _key(text)
            if text and key not in seen:
                seen.add(key)
                items.append(Item(text, _split_for(_key(row["thought"].strip())), kind="reframe"))
    for name, split in (("wholetrain.csv", "train"), ("wholetest.csv", "test")):
        path = SHARED / "positive-frames" / name
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row["reframed_text"].strip()
                key = _key(text)
                if text and key not in seen:
                    seen.add(key)
                    items.append(Item(text, split, kind="positive_frame"))
    return items


def is_calibration(text: str, share: float = 0.15) -> bool:
    """A fixed 15% of the training split that the encoder never learns from.

    finetune_nlp.py leaves these out; train_nlp.py chooses the heads' thresholds on
    them, because scores of sentences the encoder was trained on are overconfident.
    """
    digest = int(hashlib.sha256(("dev:" + text).encode("utf-8")).hexdigest()[:8], 16)
    return digest / 0xFFFFFFFF < share
