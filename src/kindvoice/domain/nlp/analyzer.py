"""`analyze(text)`: the crisis screen first, then self-criticism and thinking traps.

Long writing is read sentence by sentence (one batch through the model): any
crisis sentence makes the whole text a crisis, and critic spans and traps say
which sentence they come from. Self-criticism is judged in context, because the
sentence after often decides it ("My ex said I was worthless. I know now that
was about him."): a short text is scored whole, a longer one two sentences at a
time, and the sentence that carries the harshness in a harsh context gets the
span. Rules decide the crisis screen on their own and the model can only raise
its level, because missing a person in danger is the one mistake we cannot afford.

The two verdicts are independent: "I'm worthless and everyone would be better off
without me" is both a crisis and self-critical. Callers check ``is_crisis`` first
and show support instead of anything else; the self-criticism verdict still counts
where the inner critic is tallied over time.
"""

from __future__ import annotations

from kindvoice.domain.nlp.crisis import higher, screen_sentence
from kindvoice.domain.nlp.cues import critic_spans
from kindvoice.domain.nlp.embed import shared_embedder
from kindvoice.domain.nlp.heads import features, load_heads
from kindvoice.domain.nlp.sentences import Sentence, split_sentences
from kindvoice.domain.nlp.types import (
    TRAPS,
    Analysis,
    CrisisFinding,
    CrisisLevel,
    SentenceAnalysis,
    Span,
    TrapScore,
)

MODEL_CUE = "words that sound like thoughts of not wanting to live"
_WHOLE_SENTENCES = 3  # up to this many sentences are judged together
_WHOLE_CHARACTERS = 400  # and only while they fit the model's window comfortably


def model_version() -> str:
    """Which engine produced an analysis (rules, features and weights together)."""
    return load_heads().version


def analyze(text: str) -> Analysis:
    """Everything the engine notices in ``text``."""
    heads = load_heads()
    sentences = split_sentences(text)
    if not sentences:
        return Analysis(
            text=text,
            model_version=heads.version,
            crisis=CrisisFinding("none"),
            critic_probability=0.0,
            is_self_critical=False,
            critic_spans=(),
            traps=tuple(TrapScore(t, 0.0) for t in TRAPS),
            sentences=(),
        )
    plain = [s.text for s in sentences]
    contexts = critic_contexts(sentences)
    extra = [text[sentences[a].start : sentences[b].end] for a, b in contexts if a != b]
    x = features(shared_embedder().embed(plain + extra), plain + extra)
    n = len(sentences)
    own = heads.critic.probabilities(x)[:, 0]
    crisis = heads.crisis.probabilities(x[:n])[:, 0]
    traps = heads.traps.probabilities(x[:n])
    critic_threshold = heads.critic.thresholds[0]
    crisis_threshold = heads.crisis.thresholds[0]
    trap_index = {label: i for i, label in enumerate(heads.traps.labels)}
    in_context = _in_context(contexts, [float(p) for p in own], critic_threshold)

    results = []
    for row, sentence in enumerate(sentences):
        finding = _crisis(sentence, float(crisis[row]), crisis_threshold)
        probability = in_context[row]
        spans = _spans(sentence) if probability >= critic_threshold else ()
        scores = sorted(
            (
                TrapScore(t, float(traps[row, trap_index[t]]) if t in trap_index else 0.0)
                for t in TRAPS
            ),
            key=lambda s: -s.probability,
        )
        results.append(
            SentenceAnalysis(
                index=sentence.index,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                crisis=finding,
                critic_probability=probability,
                critic_spans=spans,
                traps=tuple(scores),
            )
        )
    return _combine(text, heads.version, results, critic_threshold)


def critic_contexts(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Which runs of sentences (first, last) self-criticism is judged on."""
    n = len(sentences)
    if n == 1:
        return [(0, 0)]
    if n <= _WHOLE_SENTENCES and sentences[-1].end - sentences[0].start <= _WHOLE_CHARACTERS:
        return [(0, n - 1)]
    return [(i, i + 1) for i in range(n - 1)]


def _in_context(contexts: list[tuple[int, int]], own: list[float], threshold: float) -> list[float]:
    """Each sentence's self-criticism, judged in its context.

    ``own`` holds each sentence alone, then each multi-sentence context in order. In
    a context, the sentences that carry its tone (harsh on their own, or else the
    harshest) take the context's probability; the others keep the lower of the two.
    """
    n = len(own) - sum(1 for a, b in contexts if a != b)
    result = [0.0] * n
    extra = n
    for first, last in contexts:
        if first == last:
            result[first] = max(result[first], own[first])
            continue
        whole = own[extra]
        extra += 1
        members = range(first, last + 1)
        carriers = {i for i in members if own[i] >= threshold} or {
            max(members, key=lambda i: own[i])
        }
        for i in members:
            result[i] = max(result[i], whole if i in carriers else min(own[i], whole))
    return result


def _crisis(sentence: Sentence, probability: float, threshold: float) -> CrisisFinding:
    hit = screen_sentence(sentence.text)
    level: CrisisLevel = "none"
    cue = ""
    span = None
    if hit is not None:
        level, cue = hit.level, hit.cue
        span = Span(
            sentence.start + hit.start,
            sentence.start + hit.end,
            sentence.text[hit.start : hit.end],
            sentence.index,
        )
    if probability >= threshold:
        raised = higher(level, "concern")
        if raised != level:
            level, cue = raised, MODEL_CUE
            span = Span(sentence.start, sentence.end, sentence.text, sentence.index)
    return CrisisFinding(level, cue, span)


def _spans(sentence: Sentence) -> tuple[Span, ...]:
    found = critic_spans(sentence.text)
    if not found:  # the model heard harshness the word patterns don't know: the whole sentence
        return (Span(sentence.start, sentence.end, sentence.text, sentence.index),)
    return tuple(
        Span(
            sentence.start + s.start,
            sentence.start + s.end,
            sentence.text[s.start : s.end],
            sentence.index,
        )
        for s in found
    )


def _combine(
    text: str, version: str, sentences: list[SentenceAnalysis], critic_threshold: float
) -> Analysis:
    order: dict[CrisisLevel, int] = {"none": 0, "concern": 1, "urgent": 2}
    worst = max(sentences, key=lambda s: order[s.crisis.level])
    critic = max(s.critic_probability for s in sentences)
    best: dict[str, float] = {}
    for sentence in sentences:
        for score in sentence.traps:
            best[score.trap] = max(best.get(score.trap, 0.0), score.probability)
    return Analysis(
        text=text,
        model_version=version,
        crisis=worst.crisis,
        critic_probability=critic,
        # Judged on its own: a crisis decides what the person sees (support, never a
        # reframe), but it does not erase that the words were also harsh about themselves.
        is_self_critical=critic >= critic_threshold,
        critic_spans=tuple(span for s in sentences for span in s.critic_spans),
        traps=tuple(TrapScore(t, p) for t, p in sorted(best.items(), key=lambda item: -item[1])),
        sentences=tuple(sentences),
    )


def analyze_many(texts: list[str]) -> list[Analysis]:
    """Analyze several texts (one at a time; each is already batched by sentence)."""
    return [analyze(t) for t in texts]


def __getattr__(name: str) -> str:
    # MODEL_VERSION is read from the shipped weights on first use, not at import.
    if name == "MODEL_VERSION":
        return model_version()
    raise AttributeError(name)
