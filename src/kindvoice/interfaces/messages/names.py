"""Names and short phrases: thinking traps (a name and a warm line saying what was noticed),
the nouns ``count()`` uses, and why a content file can't be used.

Part of the one catalog in ``messages/__init__.py``.
"""

from __future__ import annotations

TRAP_NAMES: dict[str, str] = {
    "all_or_nothing": "all-or-nothing thinking",
    "overgeneralizing": "overgeneralizing",
    "labeling": "labeling",
    "fortune_telling": "fortune telling",
    "mind_reading": "mind reading",
    "emotional_reasoning": "emotional reasoning",
    "should_statements": "“should” statements",
    "personalizing": "personalizing",
    "discounting_positive": "discounting the positive",
    "catastrophizing": "catastrophizing",
    "mental_filter": "mental filter",
    "comparing": "comparing",
    "blaming": "blaming",
}

# {quote} is the harsh words themselves, when the engine found them (" — “…”").
TRAP_NOTICED: dict[str, str] = {
    "all_or_nothing": "This sounds like all-or-nothing thinking, as if it's either perfect or a total failure. Most of life happens somewhere in between.",
    "overgeneralizing": "One hard moment seems to be standing in for a whole pattern. Words like “always” and “never” are rarely the whole story.",
    "labeling": "That sounds like a harsh label{quote}. Labels like that sum up a whole person from one moment.",
    "fortune_telling": "Your mind seems to be predicting how this will go. The future hasn't happened yet, and it often surprises us.",
    "mind_reading": "It sounds like you're guessing what others think of you. Other people's minds are harder to read than they seem.",
    "emotional_reasoning": "It sounds like a feeling is being taken as proof. Feelings are real and worth listening to, and they aren't always facts.",
    "should_statements": "There's a “should” or a “must” in here. Rules like that can turn a hope into a weight.",
    "personalizing": "It sounds like you're carrying the blame for something that had many causes, not only you.",
    "discounting_positive": "It sounds like something good is being brushed aside, as if it doesn't count. It may count for more than it seems.",
    "catastrophizing": "Your mind jumped to the worst outcome — that's what minds do under stress. What else could happen?",
    "mental_filter": "It sounds like one hard part is filling the whole picture. What else was there, alongside it?",
    "comparing": "It sounds like you're measuring yourself against someone else, often their best moments against your hardest.",
    "blaming": "It sounds like all the blame is landing in one place. Most hard moments have more than one cause.",
}

NOUNS: dict[str, tuple[str, str]] = {
    "entry": ("journal entry", "journal entries"),
    "private_text": ("piece of writing", "pieces of writing"),
    "backup": ("backup", "backups"),
    "checkin": ("check-in", "check-ins"),
    "practice_run": ("practice session", "practice sessions"),
    "program_event": ("program event", "program events"),
    "assessment": ("questionnaire result", "questionnaire results"),
    "chart": ("chart", "charts"),
    "record": ("record", "records"),
}

# Why a practice or pattern file can't be used (content files, and people's own practices).
CONTENT_REASONS: dict[str, str] = {
    "not_toml": "it isn't valid TOML ({detail})",
    "missing": "this is missing",
    "unknown_field": "kindvoice doesn't know this field (perhaps a typo?)",
    "wrong_type": "this has the wrong kind of value",
    "empty": "this is empty",
    "too_long": "this is longer than kindvoice allows ({detail})",
    "bad_id": "the name “{detail}” isn't usable: lower-case letters, digits and single dashes work",
    "reserved_id": "the name “{detail}” is already taken by one of kindvoice's own",
    "unreadable": "the file couldn't be read as text ({detail})",
    "no_steps": "there are no steps",
    "too_many_steps": "there are more steps than kindvoice plays ({detail})",
    "unknown_cue": "“{detail}” isn't a cue kindvoice knows (chime is)",
    "unknown_kind": "“{detail}” isn't a kind kindvoice knows",
    "unknown_component": "“{detail}” isn't one of mindfulness, common_humanity, self_kindness",
    "not_a_number": "this should be a number of seconds",
    "not_finite": "this should be a number of seconds",
    "too_short": "this is too short ({detail})",
    "write_in_guided": "only writing exercises ask people to write",
    "needs_write": "a writing exercise needs at least one step with write",
    "saves_without_write": "there's nothing written to save",
    "total_too_long": "the quiet adds up to more than kindvoice plays ({detail} seconds)",
    "unknown_audience": "“{detail}” isn't an audience kindvoice knows (adult, child or parent are)",
    "ages_not_for_audience": "only children's practices (audience = child) have ages",
    "age_out_of_range": "ages go from 3 to 17 ({detail})",
    "ages_reversed": "the first age is the youngest, so it comes first ({detail})",
}
