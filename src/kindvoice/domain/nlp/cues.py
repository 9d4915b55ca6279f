"""Word-level cues the models use beside the sentence embedding.

Each cue is a yes/no feature: a harsh label aimed at oneself, the same label
negated or reported from someone else, words of the thinking traps, and so on.
They also locate the span that carries self-criticism. Patterns are ours;
the trap words follow the usual descriptions of cognitive distortions (Beck
1979; Burns 1980).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL_WORDS = (
    "failure|failures|loser|idiot|stupid|dumb|dumbass|moron|worthless|useless|pathetic|"
    "disgusting|gross|ugly|fat|lazy|weak|hopeless|incompetent|fraud|fake|joke|mess|"
    "disappointment|burden|coward|selfish|terrible|awful|horrible|waste|unlovable|broken|"
    "freak|embarrassment|screw-?up|fuck-?up|fuckup|inadequate|clueless|hopeless case|"
    "bad person|bad mother|bad father|bad mom|bad dad|bad friend|bad parent|bad partner|"
    "liar|monster|trash|garbage|nobody|nothing|imposter|impostor|failure of a \\w+|"
    "an? (?:terrible|awful|horrible|bad|lousy|crap|shit|useless|pathetic) \\w+|"
    "not (?:good|smart|pretty|thin|strong|brave|fast|talented|clever|attractive|interesting) enough|"
    "too (?:stupid|dumb|slow|fat|ugly|weak|lazy|sensitive|needy|much)|"
    "such an? \\w+|so (?:stupid|dumb|useless|pathetic|lazy|ugly|fat|weak|worthless|bad|awful|"
    "hopeless|annoying|boring|incompetent|careless|clumsy|slow|behind|embarrassing)"
)
_SELF = r"(?:i'?m|im|i am|i was|i've been|ive been|i feel like|i felt like|am i|i'?m just|i really am|i'?m really|i'?m such)"
_NEGATION = r"(?:not|n't|never|no longer|hardly)"
_OTHERS = (
    r"(?:he|she|they|you|we|it|this|that|he's|she's|they're|you're|everyone|everybody|"
    r"the \w+|my \w+|his \w+|her \w+|their \w+|our \w+|[A-Z][a-z]+)"
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SELF_LABEL = _c(
    rf"\b{_SELF}\s+(?:a |an |the |so |such |just |really |totally |completely |"
    rf"a total |an absolute |a complete |the biggest |the worst )*(?:{_LABEL_WORDS})\b"
)
WHAT_A_LABEL = _c(rf"\bwhat an? (?:{_LABEL_WORDS}) i am\b|\bi(?:'m| am) the worst\b")
NEGATED_LABEL = _c(
    rf"\b(?:i'?m|im|i am|i was)\s+{_NEGATION}\s+(?:a |an |so |such |that |really )*"
    rf"(?:{_LABEL_WORDS})\b|\b(?:don't|do not|didn't) (?:think|believe|feel)"
    rf" (?:that )?(?:i'?m|i am|i was)\b"
)
REPORTED = _c(
    r"\b(?:said|says|saying|told me|tells me|called me|calls me|calling me|thinks|think|"
    r"thought|believes|believe|implied|acted like|made me feel like|yelled|wrote)\b"
    r"[^.!?]{0,12}\b(?:that )?(?:i'?m|i am|i was|me an?|me)\b"
)
REPORTED_AGREE = _c(
    r"\b(?:and|maybe|probably|honestly)\b[^.!?]{0,15}\b(?:he's|she's|they're|"
    r"they are|he is|she is|it's|that's) (?:right|not wrong|correct)\b"
)
OTHER_LABEL = _c(
    rf"\b{_OTHERS}\s+(?:is|was|are|were|'s|'re)\s+(?:a |an |so |such |such a |"
    rf"such an |totally |completely |really )*(?:{_LABEL_WORDS})\b"
)
HARSH_SELF = _c(
    r"\bwhat'?s wrong with me\b|\bwhat is wrong with me\b|\bi hate (?:myself|me|my (?:body|face|"
    r"life|voice|brain))\b|\bi (?:always|never|keep|constantly)\b[^.!?]{0,20}\b(?:mess|screw|ruin|"
    r"fail|get (?:it|things|everything) wrong|let (?:everyone|people|them) down|disappoint)\w*|"
    r"\bcan'?t (?:do|get) anything right\b|\bi ruin(?:ed)? everything\b|\bi (?:suck|fail) at\b|"
    r"\bi suck\b|\b(?:it'?s|it is|it was) (?:all )?my (?:own )?fault\b|\bi deserve(?:d)? (?:this|it|"
    r"nothing|to (?:fail|be alone|suffer|be hurt))\b|\bwhy (?:am i|can'?t i|do i always)\b[^.!?]{0,25}"
    r"\b(?:so|such|like this|ever|do anything|be normal)\b|\bi (?:should|shouldn't) have\b[^.!?]{0,40}"
    r"\b(?:idiot|stupid|careless|known better|dumb)\b|\bnobody (?:could|would|will|can) (?:ever )?"
    r"(?:love|like|want) (?:me|someone like me)\b|\bi'?m (?:a|an) (?:waste of|disappointment to)\b|"
    r"\bi (?:disgust|embarrass|hate) myself\b|\bi'?m (?:not|never) (?:good|smart|pretty|enough)\b|"
    r"\bi'?ll never be (?:good|smart|enough|able|anything)\b|\bi'?m behind everyone\b|\bi mess up everything\b"
)
CASUAL = _c(r"\b(?:lol|lmao|haha+|hehe|smh|ugh+|rofl|xd|jk)\b|😂|🤦|😅|🙃")
COMPASSION = _c(
    r"\b(?:it'?s|that'?s|it is|that is) (?:ok|okay|alright|fine|understandable|normal|human)\b|"
    r"\b(?:i'?m|i am) doing (?:my|the) best\b|\bbe (?:kind|gentle|patient) (?:to|with) my ?self\b|"
    r"\bi forgive (?:myself|me)\b|\beveryone makes mistakes\b|\bi'?m (?:still )?learning\b|"
    r"\bi deserve (?:kindness|rest|love|a break|compassion|care)\b|\bi'?m proud of (?:myself|me)\b|"
    r"\bgo easy on my ?self\b|\bone (?:bad )?(?:day|mistake|moment) doesn'?t\b|\bi can learn\b"
)
SECOND_PERSON_SELF = _c(
    r"\byou(?:'re| are) (?:such )?(?:an? )?(?:idiot|failure|loser|stupid|useless|"
    r"worthless|pathetic)\b[^.!?]{0,20}$"
)

TRAP_CUES: dict[str, re.Pattern[str]] = {
    "absolutes": _c(
        r"\b(?:always|never|every ?(?:one|body|thing|time)|no ?one|nobody|nothing|"
        r"all the time|constantly|forever|completely|totally|entirely|any ?thing)\b"
    ),
    "should": _c(
        r"\b(?:should|shouldn'?t|must|mustn'?t|ought to|have to|has to|supposed to|"
        r"need to|got to|gotta)\b"
    ),
    "future": _c(
        r"\b(?:will|won'?t|going to|gonna|i'?ll|they'?ll|never going|bound to|"
        r"definitely|for sure|what if)\b"
    ),
    "others_mind": _c(
        r"\b(?:they|he|she|everyone|everybody|people|my \w+) (?:think|thinks|"
        r"must think|probably think|probably thinks|hate|hates|don'?t like|doesn'?t like|"
        r"judge|judges|see|sees|know|knows|notice|noticed|are laughing|is laughing|"
        r"wants|want|must be|is mad|are mad|is angry|are angry|is annoyed)\b|"
        r"\b(?:probably|must|clearly|obviously) (?:hates?|thinks?|doesn'?t|don'?t|is mad)\b"
    ),
    "feeling": _c(
        r"\b(?:i feel|i felt|feel like|feels like|i'?m so (?:anxious|scared|guilty|sad|"
        r"ashamed|afraid|nervous)|because i feel|since i feel|i just know)\b"
    ),
    "self_blame": _c(
        r"\b(?:my fault|because of me|i caused|i made (?:him|her|them|it|everyone)|"
        r"i'?m (?:the reason|responsible)|if only i|i should have (?:known|seen|stopped|"
        r"done))\b"
    ),
    "other_blame": _c(
        r"\b(?:(?:his|her|their|your|its) fault|because of (?:him|her|them|you|my "
        r"\w+)|(?:he|she|they|you) (?:made|make|makes|ruined|ruins) me|blame)\b"
    ),
    "catastrophe": _c(
        r"\b(?:disaster|catastroph\w*|ruin(?:ed)?|end of the world|worst|terrible|"
        r"horrible|awful|unbearable|can'?t (?:stand|handle|cope|bear)|destroyed|"
        r"over for me|lose everything|never recover|nightmare|doomed)\b"
    ),
    "comparison": _c(
        r"\b(?:than me|than i|everyone else|other (?:people|moms|dads|parents|kids|"
        r"students)|compared to|like (?:her|him|them)|they all|all my friends|"
        r"my (?:sister|brother|friends|classmates|coworkers|colleagues) (?:is|are|has|have))\b"
    ),
    "discount": _c(
        r"\b(?:only because|just luck|was luck|got lucky|doesn'?t count|don'?t count|"
        r"anyone could|anybody could|they were (?:just )?being nice|just being nice|"
        r"didn'?t mean|not a big deal|doesn'?t matter|it was nothing|fluke|but still|"
        r"yeah but|sure,? but)\b"
    ),
    "filter": _c(
        r"\b(?:only (?:thing|one)|all i can (?:think|remember|see|hear)|can'?t stop "
        r"thinking about|keep thinking about|the one (?:thing|mistake|comment|question)|"
        r"except|but one|ruined the whole|one (?:bad|negative|critical) (?:comment|thing|remark))\b"
    ),
    "label_self": SELF_LABEL,
}


@dataclass(frozen=True)
class CueSpan:
    start: int
    end: int


def critic_cues(sentence: str) -> dict[str, bool]:
    """Yes/no cues about self-criticism in one sentence."""
    text = sentence.replace("’", "'")
    self_label = bool(SELF_LABEL.search(text) or WHAT_A_LABEL.search(text))
    negated = bool(NEGATED_LABEL.search(text))
    reported = bool(REPORTED.search(text))
    agreed = reported and bool(REPORTED_AGREE.search(text))
    return {
        # A label someone else used, that the writer does not take on, is not self-talk.
        "self_label": self_label and not negated and (agreed or not reported),
        "negated_label": negated,
        "reported": reported,
        "reported_agree": agreed,
        "other_label": bool(OTHER_LABEL.search(text)),
        "harsh_self": bool(HARSH_SELF.search(text)),
        "casual": bool(CASUAL.search(text)),
        "compassion": bool(COMPASSION.search(text)),
        "second_person_self": bool(SECOND_PERSON_SELF.search(text)),
    }


def trap_cues(sentence: str) -> dict[str, bool]:
    text = sentence.replace("’", "'")
    return {name: bool(pattern.search(text)) for name, pattern in TRAP_CUES.items()}


CRITIC_CUE_NAMES: tuple[str, ...] = tuple(critic_cues("x"))
TRAP_CUE_NAMES: tuple[str, ...] = tuple(TRAP_CUES)


_CLAUSE_END = re.compile(r"[,;:.!?—–()]|\s(?:but|because|although|though|yet|so that|and then)\s")


def _clause_end(text: str, position: int) -> int:
    """Stretch a span to the end of its clause, so "I'm a terrible" reads "I'm a terrible mother"."""
    match = _CLAUSE_END.search(text, position)
    return match.start() if match else len(text.rstrip())


def critic_spans(sentence: str) -> list[CueSpan]:
    """Where in a sentence the harsh words sit (labels aimed at oneself, harsh phrases)."""
    text = sentence.replace("’", "'")
    found: list[CueSpan] = []
    for pattern in (SELF_LABEL, WHAT_A_LABEL, HARSH_SELF):
        for match in pattern.finditer(text):
            if NEGATED_LABEL.search(text[max(0, match.start() - 20) : match.end()]):
                continue
            found.append(CueSpan(match.start(), match.end()))
    found = [CueSpan(span.start, _clause_end(text, span.end)) for span in found]
    found.sort(key=lambda s: (s.start, -s.end))
    merged: list[CueSpan] = []
    for span in found:
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = CueSpan(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged
