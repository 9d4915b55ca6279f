"""The crisis screen's rules: high-recall phrases for suicidal thinking and self-harm.

Rules come first and decide on their own; the model head (see analyzer.py) can
only raise a level, never lower one. Phrases are about the writer's own life
("kill myself", "better off without me"); idioms such as "this traffic is
killing me" or "my phone died" match none of them, and a short list of
hyperbole ("I could die of embarrassment") is set aside explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kindvoice.domain.nlp.types import CrisisLevel

_ME = r"(?:i|i'm|im|i am|i've|ive|i'll|ill|i will|i'd|id)"
_END = (
    r"(?:kill(?:ing)? my ?self|end(?:ing)? (?:it all|it(?! (?:with|between|off)\b)|my life|"
    r"things(?! (?:with|between|off)\b)|everything)|"
    r"take my (?:own )?life|tak(?:e|ing) my (?:own )?life|die|suicide|unalive my ?self|"
    r"hang my ?self|jump(?:ing)? off|overdos(?:e|ing))\b"  # \b: "diet" is not "die"
)
_WHEN = (
    r"(?:tonight|today|right now|now|this weekend|tomorrow|in an hour|soon|after (?:work|school))"
)
_MEANS = (
    r"(?:pills|tablets|meds|medication|sleeping pills|painkillers|rope|noose|gun|pistol|"
    r"razor|razors|blade|blades|knife|bridge|ledge|rooftop|roof|train tracks|tracks)"
)


@dataclass(frozen=True)
class _Rule:
    level: CrisisLevel
    cue: str
    pattern: re.Pattern[str]


def _rule(level: CrisisLevel, cue: str, pattern: str) -> _Rule:
    return _Rule(level, cue, re.compile(pattern, re.IGNORECASE))


_S = r"[^.!?\n]"  # within one clause-ish stretch of a sentence
_HURT_PLACES = (
    r"(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body|hand|hands|hip|hips|face)"
)

RULES: tuple[_Rule, ...] = (
    # --- urgent: a plan, the means, a time, an attempt under way, a goodbye ---
    _rule(
        "urgent",
        "plan with a time",
        rf"\b{_WHEN}\b{_S}{{0,60}}\b{_END}|\b{_END}\b{_S}{{0,40}}\b{_WHEN}\b",
    ),
    _rule(
        "urgent",
        "means at hand",
        rf"\b(?:have|got|bought|saved|saving|stockpil\w*|collect\w*|hoard\w*|ready|gathered|"
        rf"counted|counting|holding|loaded|poured out|tied up)\b{_S}{{0,40}}\b{_MEANS}\b{_S}{{0,60}}"
        rf"\b(?:end|die|kill|it|over|done|enough|goodbye|use|take|swallow|myself|tonight|lot)\b",
    ),
    _rule(
        "urgent",
        "means at hand",
        rf"\b{_MEANS}\b{_S}{{0,40}}\b(?:to|so i can|and) (?:end it|end my life|die|kill my ?self)|"
        rf"\b(?:gun|rope|noose|pills|blade)\b{_S}{{0,40}}\b(?:use it on|for) my ?self\b",
    ),
    _rule(
        "urgent",
        "an attempt under way",
        r"\b(?:took|swallowed|taken|downed|drank|necked)\b[^.!?\n]{0,30}\b(?:all|every|the whole|"
        r"a load of|a bunch of|too many|the lot|them all|all of them|an overdose|the bottle|"
        r"whole bottle)\b[^.!?\n]{0,30}\b(?:pills?|tablets?|meds|medication|painkillers|them|"
        r"bottle|in the house|i had)\b|\b(?:i|i've|ive|just|already)\s+(?:took|swallowed|taken|"
        r"downed|overdosed)\b[^.!?\n]{0,40}\b(?:pills|tablets|meds|medication|bottle|overdose|"
        r"all of|them all)|\bi (?:just |already )?overdosed\b|\btried to (?:overdose|kill my ?self|"
        r"end (?:it|my life))\b|\b(?:cut|slit) (?:my )?(?:wrists?|throat)\b|"
        r"\bcut (?:way )?too deep\b|\btook everything i had\b|"
        r"\bemptied (?:the|my) (?:medicine cabinet|pill \w+|bottle of \w+)\b|\bbleeding won'?t stop\b|\bit'?s (?:done|too late)\b"
        r"[^.!?\n]{0,30}\b(?:took|pills|them all)\b",
    ),
    _rule(
        "urgent",
        "a place to end it",
        r"\b(?:standing|sitting|waiting|up) (?:on|at|by|near) (?:the |a |my )?"
        r"(?:bridge|ledge|edge|roof|rooftop|tracks|cliff|window ledge|top floor)\b|"
        r"\b(?:on|onto|out onto) (?:my |the )?(?:window )?ledge\b",
    ),
    _rule(
        "urgent",
        "intent",
        rf"\b{_ME} (?:am |'m )?(?:going to|gonna|about to|ready to|decided to|will|planning to|"
        rf"plan to)\s+(?:finally )?{_END}",
    ),
    _rule(
        "urgent",
        "intent with a method",
        r"\b(?:i'?m|im|i am|i'll|i will|gonna|going to|about to|ready to|decided to|plan to|"
        r"planning to)\b[^.!?\n]{0,30}\b(?:jump(?:ing)? (?:off|from|in front of)|jump\b|"
        r"step(?:ping)? (?:in front of|off)|walk(?:ing)? into the (?:sea|river|ocean|lake|water)|"
        r"go(?:ing)? in(?:to the water)?\b|driv(?:e|ing) (?:into|off)|crash(?:ing)? my car|"
        r"hang(?:ing)? my ?self|go(?:ing)? over the edge|let(?:ting)? go\b|swallow|"
        r"take (?:them|all|the lot|every)|use it on my ?self)",
    ),
    _rule(
        "urgent",
        "intent with a method",
        r"\b(?:heading|going|driving|walking|on my way) (?:to|into|out to)\b[^.!?\n]{0,30}"
        r"\bto (?:end it|end my life|kill my ?self|die)\b|\bi'?m ending it\b(?! with| between)",
    ),
    _rule(
        "urgent",
        "a plan",
        r"\b(?:worked out|planned|picked|chosen|chose|decided on|figured out) (?:exactly )?"
        r"(?:how|when|where|the (?:bridge|place|date|day|time|method|spot|way))\b[^.!?\n]{0,30}"
        r"\b(?:do it|going to|i'?ll|end|die|jump|it)\b|\bit'?s all planned\b|"
        r"\bmade (?:the|my) (?:final )?arrangements\b|\bnot coming (?:back|out)\b|"
        r"\bthat'?s when i'?ll do it\b|\btonight'?s the night\b|\bi'?ll be dead\b",
    ),
    _rule(
        "urgent",
        "a goodbye",
        r"\b(?:this is|consider this|here is|here's) (?:my |a )?(?:goodbye|good-bye|farewell|"
        r"last (?:message|note|letter)|final (?:message|post|note|letter|goodbye|words))|"
        r"\bsuicide (?:note|letter)\b|\bgoodbye (?:letter|note)\b|\bfinal words\b|"
        r"\bby the time you (?:read|see|find) this\b|\bi won'?t be (?:here|around|alive)\b|"
        r"\bmy (?:last|final) (?:night|day|goodbye)\b|\bthis is (?:the end|goodbye)\b|"
        r"\blast time you'?ll (?:hear|see)\b|\balready (?:be )?dead\b|\bsaid my goodbyes\b|"
        r"\bwhat i'?m about to do\b|\bgoodbye forever\b|\bdon'?t (?:try to )?stop me\b|\bdon'?t blame yourselves\b",
    ),
    # --- concern: ideation, passive wishes, self-harm, being a burden ---
    _rule(
        "concern",
        "thoughts of suicide",
        r"\b(?:suicidal|su[i1!*]c[i1!*]dal|kill(?:ing)? my ?self|killed my ?self|take my (?:own )?life|"
        r"taking my (?:own )?life|end(?:ing)? my (?:own )?life|end(?:ing)? it all|unaliv\w*|"
        r"hang(?:ing)? my ?self|off(?:ing)? my ?self|self[- ]?delet(?:e|ing)|sewerslide|yeet\w* my ?self|"
        r"suicide|not (?:to )?exist|let me (?:not wake up|die)|"
        r"ctb|sui ideation|catch the bus)\b|\b(?:commit|committing|attempt(?:ed|ing)?|tried|"
        r"thinking (?:about|of)|thought (?:about|of)|think(?:ing)? about|considering|contemplating|"
        r"planning|fantasi[sz]ing about)\s+(?:doing )?(?:suicide|killing myself|ending (?:it|my life)|"
        r"not being (?:alive|here)|dying|death|swerving|jumping)\b|\bsuicide (?:thoughts|attempt|"
        r"plan|ideation)\b|\bthoughts? of (?:suicide|dying|death|ending it)\b",
    ),
    _rule("concern", "thoughts of suicide", r"\b(?:kms|kmsl|kys)\b"),
    # Spellings that dodge filters: s*icide, su1cide, sui.cide.
    _rule("concern", "thoughts of suicide", r"\bs[u*!1i.\-_]{1,3}c[i1!*.]d(?:e|al)\b"),
    # "sh" is a common shorthand for self-harm.
    _rule(
        "concern",
        "self-harm",
        r"\brelaps\w* (?:on|with|into) sh\b|\bsh (?:again|urges?|scars?|wounds?|relapse|cuts?)\b|"
        r"\b(?:urge|urges|want|wanna|need) to sh\b|\b(?:clean|free) from sh\b|\bsh[- ]free\b",
    ),
    _rule(
        "concern",
        "wanting to die",
        r"\b(?:want|wanna|wanted|wish|wishing|hope|hoping|hoped|pray|praying|ready|prefer|rather|"
        r"would like|keep wishing|keep hoping)\b[^.!?\n]{0,40}\b(?:to )?(?:die|be dead|"
        r"not (?:be )?(?:alive|here|around)|stop (?:living|existing|being alive|waking up)|"
        r"disappear (?:forever|for good)|vanish|fade away|not wake up|never wake up|"
        r"(?:don'?t|won'?t|wouldn'?t|do not|will not) wake up|sleep forever|"
        r"go to sleep forever|stay asleep|cease to exist|not survive|takes? me|(?:get|got) sick and die|"
        r"(?:my )?life (?:to )?(?:be |would )?(?:just )?(?:over|end)|(?:it|everything|it all) (?:to )?(?:be )?over|"
        r"(?:a )?(?:fatal|deadly)\b|never (?:have to|come back))",
    ),
    _rule(
        "concern",
        "wanting to die",
        r"\bwish (?:i|i'd)(?: was| were| had been| had|'d)? (?:dead|never (?:been )?born|gone|died|"
        r"never here|not alive)|\bwish i (?:could )?(?:never )?(?:wake up|woke up|didn'?t exist|"
        r"did not exist|wasn'?t alive|was never here)\b|"
        r"\b(?:don'?t|do not) want to (?:be alive|live|exist|wake up|be here|go on|keep living)\b|"
        r"\bwouldn'?t mind (?:dying|if i (?:died|got hit|didn'?t wake))|"
        r"\b(?:welcome|okay with|ok with|fine with|at peace with) (?:death|dying|not waking up)\b|"
        r"\b(?:being dead|death|dying)\b[^.!?\n]{0,20}\b(?:sounds|seems|would be|has to be|"
        r"must be|feels)\b[^.!?\n]{0,15}\b(?:better|peaceful|nice|easier|a relief|comforting|"
        r"the only)\b|\bnice to (?:just )?be dead\b|\bdisappointed (?:that )?i woke up\b|"
        r"\bnever (?:to )?have existed\b|\bif i died in my sleep\b|"
        r"\b(?:i|i'd)\b[^.!?\n]{0,20}\b(?:feel relief|be relieved)\b[^.!?\n]{0,30}\b(?:terminal|die|dead)\b|"
        r"\bterminal\b[^.!?\n]{0,40}\b(?:relief|hope|want out)\b|\bi want out\b|"
        r"\bhit by a (?:bus|car|train|truck)\b|\bcar (?:doesn'?t|won'?t) stop\b|"
        r"\b(?:don'?t|do not) (?:really )?care (?:what happens to me|if i (?:die|live))\b|"
        r"\bthe ceiling (?:just )?falls on me\b|\bend it for me\b|"
        r"\bmake it (?:to|through)\b[^.!?\n]{0,30}\b(?:birthday|winter|year|christmas)\b"
        r"[^.!?\n]{0,20}$|\bhope i don'?t make it\b|\bdidn'?t make it through this\b",
    ),
    _rule(
        "concern",
        "no reason to live",
        r"\b(?:no|what'?s the|what is the|don'?t see the|don'?t see a|not any|see no|can'?t see any|"
        r"run out of|out of|lost (?:all|every|my|the)|every) ?(?:even )?(?:the )?(?:reason|point|purpose|will)s? "
        r"(?:to|in|of|for|i had for) (?:live|living|life|go(?:ing)? on|being alive|carry(?:ing)? on|"
        r"existing|wak(?:e|ing) up|stay(?:ing)? alive|keep(?:ing)? living)\b|"
        r"\bcan'?t go on\b|\bcannot go on\b|\bcouldn'?t keep living\b|"
        r"\b(?:life|living|existing) (?:isn'?t|is not|is) (?:worth (?:it|living)|exhausting and pointless|"
        r"pointless)\b|\btired of (?:living|being alive|existing)\b|"
        r"\bdone (?:with|being) (?:life|living|alive|being alive)\b|\bgiven up on life\b|"
        r"\blost the will to live\b|\bnothing (?:left )?(?:to live for|for me in this life)\b|"
        r"\bwhy (?:am i|i'?m) (?:even )?(?:still )?alive\b|\bwhy (?:stay|keep|go on|be) "
        r"(?:alive|living)\b|\bwhy (?:go on )?living\b|\bwhy live\b|\bwaiting (?:to die|for my life "
        r"to (?:be over|end)|to be dead)\b|\buntil i'?m dead\b|\bjust existing until\b|"
        r"\bonly (?:way out|thing that makes sense)\b[^.!?\n]{0,30}\b(?:dying|death|die)\b|"
        r"\bno way out\b[^.!?\n]{0,30}\b(?:dying|death|die)\b|\b(?:dying|death) seems like the only\b|"
        r"\bbeing alive (?:next|in a few)\b|\balive next year\b|\bwant (?:my life|it all|it) to be over\b|"
        r"\bwaiting to end\b|\bmight as well end it\b|\bso (?:it|this|everything) (?:can|could|would|will) "
        r"(?:all |finally )?be over\b|\bdying would solve\b|\bmy own funeral\b|"
        r"\bwhether i'?m alive\b|\b(?:anything|nothing|something) (?:left )?to live for\b|"
        r"\bgo on living\b|\bbother (?:staying alive|living)\b|\bliving another\b[^.!?\n]{0,30}"
        r"\blike this\b|\bdon'?t have to be here\b|\bnever (?:have to )?face another day\b",
    ),
    _rule(
        "concern",
        "feeling like a burden",
        r"\b(?:better|happier|easier)\b[^.!?\n]{0,25}\bwithout me\b|"
        r"\b(?:better|happier|easier|relieved|glad|free|fine|happy|could (?:finally )?(?:breathe|"
        r"stop worrying|move on|be happy)|a gift|kinder|a better life)\b[^.!?\n]{0,40}\b(?:if|once|when) "
        r"i (?:was|were|wasn'?t|weren'?t|died|disappeared|stopped existing|didn'?t exist|"
        r"did not exist|'d never been born|had never been born|am gone|'m gone)\b|"
        r"\b(?:if|once|when) i (?:was|were|am|'m) (?:dead|gone)\b|\bif i died\b|\bif i wasn'?t alive\b|"
        r"\bnobody (?:would|will) (?:even )?(?:notice|miss me|care)\b[^.!?\n]{0,30}\bif i\b|"
        r"\b(?:suffers?|suffering) because i exist\b|\bjust by being alive\b|"
        r"\bremove my ?self permanently\b|\bme out of the picture\b|\bstopped existing\b",
    ),
    _rule(
        "concern",
        "self-harm",
        r"\b(?:cut|cutting|cuts|burn|burning|burned|hurt|hurting|harm|harming|scratch|scratching|"
        r"punish|punishing|starve|starving|hit|hitting|punch|punching)\s+my ?self\b|\bself[- ]?harm\w*\b|"
        r"\brelaps\w* (?:on|into|with) (?:cutting|self[- ]?harm)|\bcut(?:ting)? again\b|"
        r"\bcut(?:ting)? my "
        + _HURT_PLACES
        + r"\b|\b(?:urge|want|wanting|going|gonna|need) to cut\b|"
        r"\bcutting (?:is|every|again|helps)\b|\b(?:gonna|going to|wanna|want to|need to|urge to) cut\b"
        r"(?! (?:the|a|an|my hair|some|it|them|down|back|off|out|costs|ties|class|school|"
        r"corners|through|in|up|across|ahead|loose))|\b(?:new|fresh|three new|my) cuts\b|"
        r"\bmade my ?self bleed\b|\bblade to my\b|\bkeep a blade\b|\bscars on my\b|"
        r"\bcarv\w* into my\b|\b(?:scratch|bit|bite|dig|hit|punch|slam|burn|bang|bruis)\w*\b[^.!?\n]{0,30}"
        r"\b(?:my|myself)\b[^.!?\n]{0,40}\b(?:until (?:it|they) (?:bleeds?|bled|bruises?)|bleed|"
        r"bled|bruise|on purpose|wanted it to hurt|raw)\b|\bon purpose\b[^.!?\n]{0,20}\b(?:hurt|bleed|"
        r"burn|cut)\b|\bbang my head against\b",
    ),
    _rule(
        "concern",
        "wanting it all to stop",
        r"\b(?:want|need|wish)\b[^.!?\n]{0,12}\b(?:it all|everything|the pain|this) to (?:stop|end) "
        r"(?:for good|forever|permanently)\b|\bend (?:my|the) suffering\b|\bend the pain\b|"
        r"\bpermanent (?:solution|way out|escape)\b|\beverything to stop,? including\b",
    ),
)

# "suicide" and "self-harm" as a topic (prevention, a film, a class), not the writer's wish.
_TOPIC = re.compile(
    r"\bsuicide (?:prevention|awareness|squad|squeeze|doors?|drills?|hotline|risk|rates?|"
    r"statistics|study|studies|research|forest)\b|\b(?:study|studies|course|class|module|thesis|"
    r"essay|lecture|training|article|book|film|movie|documentary|podcast|charity|volunteer\w*) "
    r"(?:\w+ ){0,2}(?:of|on|about|for)\b[^.!?\n]{0,40}\b(?:suicide|self[- ]harm)\b|\bsuicide[- ]prevention\b|"
    r"\btalk to (?:people|someone|others) about suicide\b",
    re.IGNORECASE,
)
# Games, TV binges and the like, where dying and overdosing are not about the writer's life.
_NOT_ABOUT_LIFE = re.compile(
    r"\b(?:hp|loot|respawn|boss fight|checkpoint|final boss|raid|lives left|my character|"
    r"game over)\b|\boverdos\w* on (?!(?:my |the |some |)(?:pills|meds|medication|tablets|"
    r"painkillers|drugs|insulin|paracetamol|ibuprofen|sleeping))\w+|\blast (?:post|message) "
    r"(?:for|until|of the|before)\b",
    re.IGNORECASE,
)

# Hyperbole that shares words with the rules above.
_HYPERBOLE = re.compile(
    r"\b(?:die|died|dying|dead)\s+(?:of|from|with)\s+(?:embarrassment|shame|laughter|laughing|"
    r"boredom|cringe|cuteness|happiness|excitement|jealousy|envy)\b|"
    r"\bcould (?:just )?die\b[^.!?\n]{0,20}\b(?:lol|haha|lmao|embarrass\w*|cute|happy)\b|"
    r"\bwant(?:ed)? to die\b[^.!?\n]{0,25}\b(?:lol|haha|lmao|embarrass\w*|of shame)\b",
    re.IGNORECASE,
)
_LEVEL_ORDER: dict[CrisisLevel, int] = {"none": 0, "concern": 1, "urgent": 2}


@dataclass(frozen=True)
class RuleHit:
    level: CrisisLevel
    cue: str
    start: int
    end: int


def screen_sentence(sentence: str) -> RuleHit | None:
    """The most serious rule that matches ``sentence``, if any."""
    normalized = sentence.replace("’", "'").replace("‘", "'")
    best: RuleHit | None = None
    for rule in RULES:
        match = rule.pattern.search(normalized)
        if match is None:
            continue
        if (
            _HYPERBOLE.search(normalized)
            and rule.level == "concern"
            and rule.cue == "wanting to die"
        ):
            continue
        if _TOPIC.search(normalized) or _NOT_ABOUT_LIFE.search(normalized):
            continue
        hit = RuleHit(rule.level, rule.cue, match.start(), match.end())
        if best is None or _LEVEL_ORDER[hit.level] > _LEVEL_ORDER[best.level]:
            best = hit
    return best


def higher(a: CrisisLevel, b: CrisisLevel) -> CrisisLevel:
    return a if _LEVEL_ORDER[a] >= _LEVEL_ORDER[b] else b
