"""The person's own words, pulled out of a thought so a reframe can be about *their* day.

Four things are looked for: the harsh labels they put on themselves ("I'm such
an idiot" gives ``idiot``), what happened (preferably from the situation they
wrote), the absolute words they used ("always", "nobody") and their should-words.
These are small, careful text heuristics rather than a model: when a pattern is
not clearly there they find nothing, and the reframes fall back to gentle
general wording instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from kindvoice.domain.nlp.event_phrases import is_ongoing, is_past_verb

MAX_EVENT_WORDS = 8


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Single-word labels people use about themselves. Adjectives and nouns are kept
# apart only for readability; both are matched the same way.
ADJECTIVE_LABELS = _words(
    "stupid dumb thick dense worthless useless pathetic lazy ugly fat disgusting gross "
    "hopeless incompetent weak selfish unlovable unlikeable unlikable broken inadequate "
    "unworthy boring annoying clumsy incapable terrible awful horrible hideous repulsive "
    "needy clingy rubbish crap weird"
)
NOUN_LABELS = _words(
    "failure idiot loser burden fraud mess disappointment joke moron fool screwup screw-up "
    "fuckup fuck-up embarrassment disgrace coward hypocrite imposter impostor fake freak "
    "liar wreck monster parasite nuisance weirdo dumbass clown quitter slob"
)
# Labels of several words, matched as written.
PHRASE_LABELS: tuple[tuple[str, ...], ...] = (
    ("not", "good", "enough"),
    ("never", "good", "enough"),
    ("waste", "of", "space"),
    ("lost", "cause"),
    ("basket", "case"),
    ("train", "wreck"),
    ("the", "worst"),
)
# "terrible" + "mother" is one label: "terrible mother".
ROLE_ADJECTIVES = _words(
    "terrible bad awful horrible useless lousy rubbish crap crappy shitty shit worst "
    "pathetic selfish lazy stupid worthless failed hopeless"
)
ROLE_NOUNS = _words(
    "mother mum mom father dad parent friend partner wife husband girlfriend boyfriend "
    "daughter son sister brother student teacher person human employee worker colleague "
    "coworker co-worker boss manager writer artist leader cook driver roommate nurse "
    "doctor mate"
)
# After plain "I feel", these name a feeling rather than a verdict ("I feel awful").
FEELING_WORDS = frozenset({"terrible", "awful", "horrible", "bad", "rubbish", "crap", "weird"})
# Nouns that stand for a person even without "I am" after them ("What an idiot.").
PERSON_NOUNS = frozenset({"idiot", "moron", "loser", "fool", "dumbass", "clown", "failure"})

# Words strong enough that a suggestion must never say them about the person,
# outside quotation marks.
HARSH_WORDS = _words(
    "stupid idiot worthless useless pathetic hate hateful failure loser moron dumb "
    "disgusting ugly fat lazy fraud burden dumbass pig hideous repulsive incompetent "
    "unlovable fool clown coward freak imbecile dunce hopeless embarrassment disgrace "
    "trainwreck thoughtless"
)

# Words that may sit between "I'm" and the label: "I'm such a complete idiot".
_FILLERS = _words(
    "a an the so such really very just totally completely utterly absolutely complete "
    "total absolute utter huge big massive biggest fucking fuckin bloody damn freaking "
    "nothing but still always basically literally officially truly pretty kind sort of "
    "kinda like being becoming and"
)
_ADVERBS = _words(
    "just really honestly always still literally totally seriously also even actually "
    "basically completely accidentally again probably clearly obviously"
)
ABSOLUTE_RE = re.compile(
    r"\b(always|never|everyone|everybody|nobody|no one|no-one|everything|nothing|"
    r"every time|all the time|forever|constantly)\b"
)
SHOULD_RE = re.compile(
    r"\b(should(?:n't| have|'ve)?|must(?:n't)?(?!\s+(?:be|have been)\b)|ought to|"
    r"have to|has to|supposed to)\b"
)

# Mental states are not events: "I felt", "I thought", "I wanted".
_NOT_EVENTS = _words(
    "felt thought knew wanted needed hoped wished guessed believed realized realised "
    "meant used liked loved hated seemed supposed was were been"
)
# Alone, these say too little to stand for what happened ("I tried").
_HELPERS = _words(
    "was were been did had got didn't couldn't wasn't kept keep have tried went made said left came"
)
_SUBJECT_PRONOUNS = _words(
    "i i'm it he she they we then now you everyone everybody nobody someone people "
    "it's its he's she's they're we're you're that's thats there's"
)
# Verbs that make a sensible event on their own ("I panicked"); other lone verbs
# leave out what they were done to ("I've wrecked" every relationship).
_ALONE_VERBS = _words(
    "cried panicked froze overslept overate procrastinated snapped yelled shouted failed "
    "quit lost relapsed stumbled fell forgot gave slipped stalled choked blanked"
)
# An event with these words would echo life-and-death language back to the person
# ("couldn't meet a deadline to save my life"); the general wording is safer.
_LIFE_WORDS = _words(
    "life lives live living die died dying dead death kill killed killing suicide suicidal"
)
# Harm done to one's own body or health ("ruining my own health", "burned myself") is
# not echoed either: in a kind sentence it can read like self-harm, to a person and to
# the crisis screen alike.
_DAMAGE_WORDS = _words(
    "ruin ruined ruining ruins wreck wrecked wrecking destroy destroyed destroying damage "
    "damaged damaging hurt hurting harm harmed harming punish punished punishing starve "
    "starved starving cut cutting burn burned burnt burning poison poisoned poisoning"
)
_OWN_BODY = _words("myself health body own self")
# "She said I was ...": what someone else claimed, not something that happened.
_REPORTING = _words(
    "said says told tells called calls thinks think reckons reckoned claims implied implies "
    "suggested hinted"
)
# "I was a ...", "I was so ...": a state or a verdict, not an event.
_NOT_AFTER_WAS = _words("a an the so such too really always never being just")
_HARD_STOPS = _words(
    "but because cause cos although though which while since until unless whereas "
    "yet when after before if"
)
# Chat markers and a new "I" end an event clause written without punctuation.
_CASUAL = _words("lol lmao lmfao haha hahaha smh ugh omg jk rofl tbh ngl fml")
_SELF_STARTS = _words("i i'm im i've ive i'd i'll")
_CLAUSE_STOPS = _HARD_STOPS | _CASUAL
# The critic's emphasis, left out of the event: "couldn't even", "forgot it again" (a
# tally of failures is the critic's; what happened is enough).
_CRITICS_EMPHASIS = _words("just even again literally totally basically actually seriously")
# Where a long event may be cut ("in front of" counts once, at "in").
_PREPOSITIONS = _words("in at on for with during after before from about to of by over")
# Words that lean on what follows: "in front of", "years of", "a lot of".
_NOT_BEFORE_CUT = _words(
    "front top side out because instead years months weeks days hours minutes lot lots "
    "loads tons bunch couple kind sort piles"
)
# Capitalised first words that are ordinary words, not names.
_COMMON_SUBJECTS = _words(
    "the my our this that everyone everybody nobody someone people they he she we it "
    "work school exam class dinner lunch today yesterday everything nothing"
)
_TRAILING = _words(
    "a an the my your his her our their of to for at in on with and or that this by "
    "from about as into very so really some"
)
_EVENT_NOUNS = (
    "exam|test|interview|presentation|deadline|meeting|date|party|job|essay|report|"
    "project|game|match|performance|speech|audition|application|assignment|shift|"
    "review|appraisal|diet|workout|class|lesson|talk|call|email|birthday|anniversary|"
    "wedding|dinner|conversation|argument|fight|breakup|results|grade|grades|thesis|"
    "homework|driving test|recital|pitch|demo"
)
_NOUN_EVENT_RE = re.compile(
    rf"\b(?:the|my|that|this|our|tomorrow's|today's)\s+"
    rf"(?:(?!(?:the|my|that|this|our)\b)[a-z'-]+\s+){{0,2}}?"
    rf"(?:{_EVENT_NOUNS})s?\b"
)
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|[.,;:!?…]")


@dataclass(frozen=True)
class Specifics:
    """What the person said about themselves, in their own words (lowercased labels)."""

    labels: tuple[str, ...] = ()
    event: str = ""
    absolutes: tuple[str, ...] = ()
    shoulds: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.labels or self.event or self.absolutes or self.shoulds)


class _Token(NamedTuple):
    text: str
    low: str
    start: int


def extract_specifics(thought: str, situation: str = "") -> Specifics:
    """Find the labels, event, absolutes and should-words in a thought (and its situation)."""
    both = f"{thought}\n{situation}"
    lowered = _normalize(both).lower()
    return Specifics(
        labels=find_labels(thought),
        event=find_event(thought, situation),
        absolutes=_unique(m.group(1) for m in ABSOLUTE_RE.finditer(lowered)),
        shoulds=_unique(_tidy_should(m.group(1)) for m in SHOULD_RE.finditer(lowered)),
    )


def find_labels(text: str) -> tuple[str, ...]:
    """The harsh labels the person put on themselves, lowercased as written."""
    tokens = _tokens(text)
    found: list[str] = []
    for i, token in enumerate(tokens):
        start, feel_only = _self_reference(tokens, i)
        if start is not None:
            found.extend(_labels_after(tokens, start, feel_only))
        elif token.low == "what" and i + 1 < len(tokens) and tokens[i + 1].low in {"a", "an"}:
            found.extend(_what_a_label(tokens, i + 2))
        elif (
            (i == 0 or not tokens[i - 1].low.isalnum())
            and _next_low(tokens, i + 1) == "me"
            and (token.low in ADJECTIVE_LABELS or token.low in NOUN_LABELS)
        ):
            found.append(token.low)  # "Stupid me, forgot again."
    return _unique(found)


def find_event(thought: str, situation: str = "") -> str:
    """A short phrase for what happened: from the situation when given, else the thought."""
    for source, from_situation in ((situation, True), (thought, False)):
        event = _event_from(source, from_situation=from_situation)
        if event:
            return event
    return ""


def _normalize(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.group(0), _normalize(m.group(0)).lower(), m.start())
        for m in _TOKEN_RE.finditer(text)
    ]


def _next_low(tokens: list[_Token], index: int) -> str:
    return tokens[index].low if index < len(tokens) else ""


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _tidy_should(word: str) -> str:
    return "should" if word in {"should have", "should've"} else word


def _self_reference(tokens: list[_Token], i: int) -> tuple[int | None, bool]:
    """Where a label may start after "I'm", "I feel like", ...; and whether it was "I feel"."""
    low = tokens[i].low
    start: int | None = None
    feel_only = False
    if low in {"i'm", "im"}:
        start = i + 1
    elif low == "i've" and _next_low(tokens, i + 1) in {"been", "become"}:
        start = i + 2
    elif low in {"i", "me"}:
        j = i + 1
        while _next_low(tokens, j) in _ADVERBS:
            j += 1
        verb, after = _next_low(tokens, j), _next_low(tokens, j + 1)
        if verb in {"feel", "felt"}:
            # Plain "I feel awful" names a feeling; "I feel like a failure" a verdict.
            start, feel_only = (j + 2, False) if after == "like" else (j + 1, True)
        elif low == "i" and verb in {"am", "was", "look", "looked", "became", "become"}:
            start = j + 1
        elif low == "i" and verb == "must" and after == "be":
            start = j + 2
    return start, feel_only


def _labels_after(tokens: list[_Token], start: int, feel_only: bool) -> list[str]:
    found: list[str] = []
    j = start
    while True:
        skipped = 0
        while _next_low(tokens, j) in _FILLERS and skipped < 6:
            if _match_label(tokens, j, feel_only)[0]:
                break
            j += 1
            skipped += 1
        label, j = _match_label(tokens, j, feel_only)
        if not label:
            return found
        found.append(label)
        if _next_low(tokens, j) not in {"and", "or", ","}:
            return found
        j += 1


def _match_label(tokens: list[_Token], j: int, feel_only: bool) -> tuple[str, int]:
    """The label starting at token ``j`` (and the index after it), or ``("", j)``."""
    for phrase in PHRASE_LABELS:
        words = tuple(_next_low(tokens, j + k) for k in range(len(phrase)))
        if words == phrase and not (phrase[0] == "the" and _next_low(tokens, j + 2) in ROLE_NOUNS):
            return " ".join(words), j + len(phrase)
    low = _next_low(tokens, j)
    if low in ROLE_ADJECTIVES and _next_low(tokens, j + 1) in ROLE_NOUNS:
        return f"{low} {_next_low(tokens, j + 1)}", j + 2
    if low == "worst" and _next_low(tokens, j + 1) in ROLE_NOUNS:
        return f"worst {_next_low(tokens, j + 1)}", j + 2
    if feel_only and low in FEELING_WORDS:
        return "", j
    if low in ADJECTIVE_LABELS or low in NOUN_LABELS:
        return low, j + 1
    return "", j


def _what_a_label(tokens: list[_Token], j: int) -> list[str]:
    """ "What an idiot (I am)": a label when a person-noun, or when "I am" follows."""
    while _next_low(tokens, j) in _FILLERS - {"a", "an", "and"}:
        j += 1
    label, after = _match_label(tokens, j, feel_only=False)
    if not label:
        return []
    following = (_next_low(tokens, after), _next_low(tokens, after + 1))
    is_self = following[0] in {"i'm", "im"} or following in {("i", "am"), ("i", "was")}
    return [label] if is_self or label in PERSON_NOUNS else []


def _event_from(text: str, *, from_situation: bool) -> str:
    if not text.strip():
        return ""
    tokens = _tokens(text)
    capitalized_later = {t.low for t in tokens[1:] if t.text[:1].isupper() and t.low != "i"}
    starts = _past_clause_starts(tokens)
    if from_situation and not starts:
        starts = [0]
    for start in starts:
        words = _clause_words(tokens, start)
        if len(words) > 1 and words[0].low in {"was", "were"} and is_ongoing(words[1].low):
            words = words[1:]  # "was exaggerating my pain": the doing is the event
        if _is_event(words):
            return _tidy_case(words, capitalized_later)
    match = _NOUN_EVENT_RE.search(_normalize(text).lower())
    if match and not any(w in HARSH_WORDS for w in match.group(0).split()):
        found = text[match.start() : match.end()]
        return found[:1].lower() + found[1:]  # "The argument" opening a sentence
    return ""


def _is_event(words: list[_Token]) -> bool:
    """Something that happened, not a lone verb ("was", "wrecked") or the critic's own words."""
    if not words or (len(words) == 1 and words[0].low not in _ALONE_VERBS):
        return False
    # A lone word was handled above, so a "was" here has a word after it.
    if words[0].low in {"was", "were"} and (
        words[1].low in _NOT_AFTER_WAS or words[1].low in ADJECTIVE_LABELS
    ):
        return False
    if any(a.low == "myself" and b.low == "go" for a, b in pairwise(words)):
        return False  # "let myself go" is the critic's verdict, and sounds like "let go"
    lows = {w.low for w in words}
    if lows & _DAMAGE_WORDS and lows & _OWN_BODY:
        return False
    return not any(
        w.low in HARSH_WORDS or w.low in NOUN_LABELS or w.low in _LIFE_WORDS for w in words
    )


def _past_clause_starts(tokens: list[_Token]) -> list[int]:
    """Indexes of past-tense verbs that follow "I" (or "I've"), or open the text."""
    starts: list[int] = []
    for i, token in enumerate(tokens):
        j = i + 1
        if token.low == "i" and _next_low(tokens, j) == "have":
            j += 1
        elif token.low not in {"i", "i've"}:
            continue
        if i > 0 and tokens[i - 1].low in _REPORTING:
            continue  # "she said I ruined it": her account, not an event to echo
        while _next_low(tokens, j) in _ADVERBS:
            j += 1
        verb, after = _next_low(tokens, j), _next_low(tokens, j + 1)
        if verb == "been" and is_ongoing(after):
            starts.append(j + 1)  # "I've been avoiding everyone"
        elif (
            verb in {"didn't", "couldn't", "wasn't", "was"}
            or (is_past_verb(verb) and verb not in _NOT_EVENTS)
            or (verb in {"keep", "kept"} and is_ongoing(after))
        ):
            starts.append(j)
    if tokens and is_past_verb(tokens[0].low) and tokens[0].low not in _NOT_EVENTS:
        starts.insert(0, 0)
    return starts


def _clause_words(tokens: list[_Token], start: int) -> list[_Token]:
    words: list[_Token] = []
    cut = False
    for k in range(start, len(tokens)):
        token = tokens[k]
        nxt = _next_low(tokens, k + 1)
        if not token.low[:1].isalnum() or token.low in _CLAUSE_STOPS:
            break
        if k > start and token.low in _SELF_STARTS:
            break  # "failed my test again I'm hopeless": a new clause, the critic's own
        if token.low == "so" and (nxt in _SUBJECT_PRONOUNS or nxt == "now"):
            break  # "so I left", but not "so nervous"
        if token.low in {"and", "or", "then"} and (
            nxt in _SUBJECT_PRONOUNS or is_past_verb(nxt) or nxt in {"now", "then"}
        ):
            break
        if token.low in _CRITICS_EMPHASIS:
            continue
        words.append(token)
        if len(words) == MAX_EVENT_WORDS:
            if k + 1 < len(tokens) and tokens[k + 1].low[:1].isalnum():
                words = _cut_long(words)
                cut = True
            break
    # A clause that ended by itself keeps its last preposition ("impossible to live
    # with"); one cut short, or stopped at "and the", loses dangling words.
    trailing = _TRAILING if cut else _TRAILING - _PREPOSITIONS
    while words and words[-1].low in trailing:
        words.pop()
    return words


def _cut_long(words: list[_Token]) -> list[_Token]:
    """Shorten a clause that ran past the limit at its last preposition, if there is one."""
    cuts = [
        i
        for i in range(3, len(words))
        if words[i].low in _PREPOSITIONS and words[i - 1].low not in _PREPOSITIONS | _NOT_BEFORE_CUT
    ]
    return words[: cuts[-1]] if cuts else words


def _tidy_case(words: list[_Token], capitalized_later: set[str]) -> str:
    """Join the words, lowercasing the first unless it looks like a name."""
    first = words[0]
    keep = (
        first.low == "i"
        or first.low.endswith("'s")
        or (len(first.text) > 1 and first.text.isupper())
        or first.low in capitalized_later
        or (
            first.text[:1].isupper()
            and len(words) > 1
            and is_past_verb(words[1].low)
            and first.low not in _COMMON_SUBJECTS
        )
    )
    head = first.text if keep else first.text[:1].lower() + first.text[1:]
    return " ".join([head, *(w.text for w in words[1:])])
