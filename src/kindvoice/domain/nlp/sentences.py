"""Splitting writing into sentences, keeping where each one sits in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … (possibly repeated, possibly followed by closing
# quotes or brackets) followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|st|vs|etc|e\.g|i\.e|approx|no)\.)$", re.IGNORECASE
)
MAX_SENTENCES = 400


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their character offsets (whitespace trimmed)."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group().rstrip())  # keep the stop and closing quotes
        if _ABBREVIATIONS.search(text[start:end]) and "\n" not in match.group():
            continue
        pieces.append((start, end))
        start = match.end()
    pieces.append((start, len(text)))
    sentences: list[Sentence] = []
    for begin, end in pieces:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        offset = begin + (len(chunk) - len(chunk.lstrip()))
        sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped))
    if len(sentences) > MAX_SENTENCES:
        # Very long texts: keep the first sentences apart, and read the rest as one.
        head = sentences[: MAX_SENTENCES - 1]
        tail_start = sentences[MAX_SENTENCES - 1].start
        tail_end = sentences[-1].end
        head.append(Sentence(MAX_SENTENCES - 1, tail_start, tail_end, text[tail_start:tail_end]))
        sentences = head
    return sentences
