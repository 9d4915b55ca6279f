"""Every sentence the reframe generator can say, in one place so its tone can be reviewed.

Sentences are first person: they are offered as the person's own kinder inner
voice. Placeholders are filled from what the person wrote:

- ``{What}`` / ``{what}``: what happened, usable as a subject or after "about" and
  "after" ("missing the deadline", "what happened with the exam"); "what happened"
  when nothing specific was found.
- ``{like}``: the same, as a kind of experience ("something like missing the deadline").
- ``{friend}``: a friend in the same spot ("a friend who missed the deadline").
- ``{label_q}``, ``{absolute_q}``, ``{should_q}``: their own word, in quotation marks,
  so a harsh label is only ever quoted and held at a distance, never affirmed.
- ``{should_swap}``: the kinder words to try instead of their should-word.
- ``{absolute_check}``: a question that looks for the exception to their absolute.

A template that names a label, absolute or should-word is used only when the
person wrote one. Voice rules (DESIGN.md): plain and warm, no "should" aimed at
anyone, no "just", no exclamation marks, no promises.
"""

from __future__ import annotations

from dataclasses import dataclass

from kindvoice.domain.nlp.types import Component


@dataclass(frozen=True)
class TrapTemplate:
    """A reframe for one thinking trap, and the gentle question that goes with it."""

    text: str
    question: str


CORE_TEMPLATES: dict[Component, tuple[str, ...]] = {
    "mindfulness": (
        "I can feel the sting of {what} and give myself some care while it's here.",
        "I can notice how much {what} stings right now, and let the feeling be here without "
        "piling anything on top of it.",
        "This is a painful moment. I can let myself feel upset about {what} without pushing "
        "the feeling away or making it bigger.",
        "I notice my mind reaching for the label {label_q}. It's a heavy thought about "
        "{what}, not a fact about who I am.",
        "I notice the word {absolute_q} showing up. It tells me how strong the feeling is "
        "right now, and strong feelings shift.",
    ),
    "common_humanity": (
        "Plenty of people have been through {like}. It's part of being human, and it doesn't "
        "set me apart.",
        "{What} is a very human thing; plenty of people have been there.",
        "Somewhere right now, someone else is going through {like} too. This is part of "
        "being human.",
        "After {what}, I can remember that struggling doesn't set me apart from other "
        "people; it's one of the things we share.",
    ),
    "self_kindness": (
        "I can treat myself the way I'd treat {friend}: with patience and some warmth.",
        "What I need after {what} is kindness, not more criticism. I can speak to myself gently.",
        "I can be on my own side here, the way I would be for {friend}, with warmth and patience.",
        "I can put a hand on my heart and tell myself: this is hard, and I'm allowed to be "
        "gentle with myself after {what}.",
        "If {friend} used the label {label_q} about themselves, I'd answer with warmth. I can "
        "offer myself the same.",
    ),
}

# Which part of self-compassion each trap's reframe leans on.
TRAP_COMPONENTS: dict[str, Component] = {
    "all_or_nothing": "mindfulness",
    "overgeneralizing": "mindfulness",
    "labeling": "self_kindness",
    "fortune_telling": "mindfulness",
    "mind_reading": "common_humanity",
    "emotional_reasoning": "mindfulness",
    "should_statements": "self_kindness",
    "personalizing": "common_humanity",
    "discounting_positive": "self_kindness",
    "catastrophizing": "mindfulness",
    "mental_filter": "mindfulness",
    "comparing": "common_humanity",
    "blaming": "common_humanity",
}

_T = TrapTemplate

TRAP_TEMPLATES: dict[str, tuple[TrapTemplate, ...]] = {
    "all_or_nothing": (
        _T(
            "{What} doesn't have to be all good or all bad. There's room for the middle "
            "ground, where most days sit.",
            "Is there something in between total success and total disaster here?",
        ),
        _T(
            "I can feel upset about {what} and still see the parts that went OK. Both can be true.",
            "What would a more in-between way of seeing this sound like?",
        ),
        _T(
            "My mind says {absolute_q}, but most things sit somewhere in the middle, and "
            "{what} is probably no different.",
            "Is it really {absolute_q}, or is the truth somewhere in between?",
        ),
    ),
    "overgeneralizing": (
        _T(
            "The word {absolute_q} turns one hard moment into a rule. {What} is one moment, "
            "not the whole story.",
            "Is it really {absolute_q}? {absolute_check}",
        ),
        _T(
            "{What} is one moment, not a pattern that decides every day after it.",
            "Is this really how it “always” goes, or how it feels right now?",
        ),
        _T(
            "After {what}, it's easy to feel like this is how things always go. It's one "
            "chapter, not the whole book.",
            "Can I think of a time it went differently?",
        ),
    ),
    "labeling": (
        _T(
            "The label {label_q} is a harsh summary of {what}. One moment can't sum up a "
            "whole person.",
            "What would I say to a friend who thought this about themselves?",
        ),
        _T(
            "{label_cap} is what my inner critic says when I'm hurting. There's much more to "
            "me than {what}.",
            "Would I say that about someone I love who went through this?",
        ),
        _T(
            "There's a lot more to my story than {what}, and I can remember the rest of it too.",
            "What would I say to a friend who thought this about themselves?",
        ),
    ),
    "fortune_telling": (
        _T(
            "I can notice my mind forecasting after {what}. A forecast is a guess, and today "
            "is what's in front of me.",
            "What else could happen?",
        ),
        _T(
            "I don't know yet how this will turn out, and there may be good things ahead that "
            "I can't see from here.",
            "What's another way this could turn out?",
        ),
        _T(
            "Worry paints the worst picture first. It's one guess among many, and I can wait "
            "and see.",
            "If a friend predicted this, what else might I tell them could happen?",
        ),
    ),
    "mind_reading": (
        _T(
            "Most people are busy with their own worries, the same way I am. Their thoughts are "
            "probably kinder than my guess.",
            "How do I know what they're thinking?",
        ),
        _T(
            "After {what}, it's natural to imagine others judging me. Lots of people fear "
            "that, and the guess is often harsher than the truth.",
            "What else might they be thinking?",
        ),
        _T(
            "Other people may not be thinking about {what} nearly as much as I am. Almost "
            "everyone worries about how they come across.",
            "Is there another way to read what they said or did?",
        ),
    ),
    "emotional_reasoning": (
        _T(
            "My feelings about {what} are real, and they point to what I care about. A feeling "
            "isn't a fact about me.",
            "Is this a feeling or a fact?",
        ),
        _T(
            "A strong feeling about {what} is real, and it isn't the same as the facts. I can "
            "let the feeling be here and still look at what happened.",
            "What would I notice if I looked only at what actually happened?",
        ),
        _T(
            "Strong feelings after {what} make sense. They're worth listening to, and they "
            "can still be different from the facts.",
            "If this feeling could talk, what would it need right now?",
        ),
    ),
    "should_statements": (
        _T(
            "{should_cap} puts a lot of pressure on me. I'd like to do well, and I can hold "
            "that wish kindly.",
            "What if I swapped {should_q} for {should_swap}?",
        ),
        _T(
            "I've set myself a rule that expects me to be perfect. I'd like to do well, and I "
            "can be gentle when I don't manage it.",
            "What if I swapped “should” for “I'd like to”?",
        ),
        _T(
            "I care about doing well, which is why {what} stings. I can turn that care toward "
            "myself too.",
            "What would change if this were a wish instead of a rule?",
        ),
    ),
    "personalizing": (
        _T(
            "I can notice my mind taking all the weight of {what}, and gently put some of it down.",
            "What else played a part in how this went?",
        ),
        _T(
            "Many hands shape how things turn out. I can hold my share gently and let the rest go.",
            "How much of this was really in my hands?",
        ),
        _T(
            "There's a bigger picture here, with lots of people and things in it. I can be gentle "
            "with myself inside it.",
            "What would I tell a friend who was taking all the blame for this?",
        ),
    ),
    "discounting_positive": (
        _T(
            "I can look at {what} again with fresh eyes and let the good parts count.",
            "What went OK, even a little, that I'm brushing aside?",
        ),
        _T(
            "I can give myself credit for the effort I made. It counts even when the result "
            "disappointed me.",
            "If a friend did what I did, what would I give them credit for?",
        ),
        _T(
            "My good moments are as real as this hard one. I can let them stand side by side.",
            "What's one thing I handled well lately?",
        ),
    ),
    "catastrophizing": (
        _T(
            "My mind jumped to the worst outcome, which is what minds do under stress. {What} "
            "is hard, and it's probably not the end of the story.",
            "What else could happen?",
        ),
        _T(
            "This feels huge right now. I can take one breath and look at what's actually in "
            "front of me today.",
            "If the worst did happen, how might I cope?",
        ),
        _T(
            "Even if {what} leads to some trouble, I've handled hard things before, and I can "
            "ask for support.",
            "What's the most likely outcome, rather than the worst one?",
        ),
    ),
    "mental_filter": (
        _T(
            "{What} is taking up the whole view right now. It's one part of the picture, and "
            "there's more in the frame.",
            "What else happened today, beyond this one thing?",
        ),
        _T(
            "My attention is stuck on what went wrong, which is natural when something hurts. "
            "I can gently widen the view.",
            "Is there anything I'm not seeing right now?",
        ),
        _T(
            "I can notice how loud {what} is in my mind, and also notice the quieter things "
            "that went OK.",
            "What would the whole picture look like, not only the hardest part?",
        ),
    ),
    "comparing": (
        _T(
            "Other people's lives can look smooth from the outside, and most of us carry "
            "struggles that don't show.",
            "Am I comparing my hardest moment to someone else's best?",
        ),
        _T(
            "Moments like {what} happen to plenty of people, even when they don't talk about them.",
            "What might I not know about the person I'm comparing myself to?",
        ),
        _T(
            "Someone else's success doesn't take anything away from me. I can go at my own pace.",
            "What would it be like to measure today against my own pace?",
        ),
    ),
    "blaming": (
        _T(
            "I'm hurt by what happened, and that makes sense. Looking for who's at fault is a "
            "natural reaction when things go wrong.",
            "What part of this is in my hands now, and what isn't?",
        ),
        _T(
            "Situations like this usually have many causes, and the people in them are all human.",
            "What would help me feel steadier right now, whoever was at fault?",
        ),
        _T(
            "After {what}, I can look after the hurt first. Working out who did what can wait.",
            "What do I need right now to take care of myself?",
        ),
    ),
}

# Wording used for the event when nothing specific was found.
GENERIC_EVENT: dict[str, str] = {
    "What": "What happened",
    "what": "what happened",
    "like": "a moment like this",
    "friend": "a friend going through the same thing",
}

# A question that looks for the one exception, by the kind of absolute used.
ABSOLUTE_CHECKS: dict[str, str] = {
    "time": "Can I think of one time it went differently?",
    "people": "Can I think of one person who sees it differently?",
    "things": "Can I think of one thing that went OK, even a little?",
}
ABSOLUTE_KINDS: dict[str, str] = {
    "everyone": "people",
    "everybody": "people",
    "nobody": "people",
    "no one": "people",
    "no-one": "people",
    "everything": "things",
    "nothing": "things",
}

# Without an analysed trap, a label, absolute or should-word the person used still
# earns one suggestion: drawn from these traps' templates, without the question.
EXTRA_SOURCES: dict[str, str] = {
    "label": "labeling",
    "absolute": "overgeneralizing",
    "should": "should_statements",
}
