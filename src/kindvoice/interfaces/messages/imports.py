"""Bringing history in from Daylio and jrnl.

Part of the one catalog in ``messages/__init__.py``; see its voice notes. Each dict joins its
namesake there (``MESSAGES``, ``HELP``, ``ERRORS``, ``PROBLEMS``), refusing a key defined twice.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "import.found_daylio": "This is a Daylio export.",
    "import.found_jrnl": "This is a jrnl export.",
    "import.range": "It runs from {first} to {last}.",
    "import.moods_unknown": 'kindvoice doesn\'t know these moods yet: {names}. The real import needs a number from 0 to 10 for each. It asks in a terminal, or you can give them with --mood-map, like --mood-map "{example}=6".',
    "import.moods_intro": "Your Daylio export uses {count} moods kindvoice doesn't know yet. For each one, pick a number from 0 (very low) to 10 (very good).",
    "import.ask_mood": "Where does “{name}” sit, from 0 to 10?",
    "import.ask_mood_again": "A whole number from 0 to 10 works here, like 6.",
    "import.backup_saved": "Before adding anything, kindvoice saved a backup: {path}",
    "import.reading": "Reading your entries",
    "import.read_some": "kindvoice read the {entries} it brought in, and {count} sounded self-critical. Noticing that is a first step. `kindvoice insights` shows how it changes over time.",
    "import.read_none": "kindvoice read the {entries} it brought in, and none of them sounded self-critical.",
    "import.heavy": "Some of what you brought in has words that sound like a very hard time (entries {ids}). If any of it is how things feel now, you don't have to carry it alone.",
}

HELP: dict[str, str] = {
    "import.source": "The app that made the file: kindvoice, daylio or jrnl. Without it, kindvoice tells from what's inside.",
    "import.mood_map": 'Where a Daylio mood sits on kindvoice\'s 0 to 10 scale, like "tired=4". Give it more than once, or split several with commas.',
    "import.any_file": "The file to bring in: a kindvoice export (.json), a Daylio CSV export, or a jrnl JSON export.",
}

ERRORS: dict[str, str] = {
    "import_unknown_format": "kindvoice couldn't tell which app made {path}. It can bring in kindvoice exports, Daylio CSV exports and jrnl JSON exports. If it's one of those, --from names it, like --from daylio. Nothing was changed.",
    "daylio_binary": "{path} doesn't look like a Daylio export: it has binary data in it (a zero byte at position {offset}). Nothing was changed.",
    "jrnl_binary": "{path} doesn't look like a jrnl export: it has binary data in it (a zero byte at position {offset}). Nothing was changed.",
    "daylio_invalid": "Part of that Daylio export didn't look right, so nothing was changed. Here's what kindvoice found. Rows are counted as a spreadsheet counts them:",
    "jrnl_invalid": "Part of that jrnl export didn't look right, so nothing was changed. Here's what kindvoice found:",
    "daylio_unknown_moods": 'Your Daylio export uses moods kindvoice doesn\'t know yet: {names}. Please say where each one sits on the 0 to 10 scale with --mood-map, like --mood-map "{example}=6". Nothing was changed.',
    "daylio_moods_need_map": "kindvoice needs to know how your Daylio moods feel before it can bring them in. Nothing was changed.",
    "mood_map_invalid": "kindvoice couldn't use that --mood-map, so nothing was changed:",
}

PROBLEMS: dict[str, str] = {
    "daylio_header": "this isn't a Daylio header kindvoice knows (it has: {found}). A Daylio export starts with full_date or year, and has time and mood.",
    "daylio_columns": "this row has {found} cells, and the header has {expected}. The file may have been cut off or changed.",
    "daylio_bad_date": "kindvoice couldn't read the date “{value}”. Daylio writes dates like 2024-05-18, or 18 May in older exports.",
    "daylio_bad_time": "kindvoice couldn't read the time “{value}”. Daylio writes times like 9:41 pm or 21:41.",
    "daylio_no_mood": "the mood is empty.",
    "daylio_unclosed_quote": "a quoted cell starts here and never ends. The file may have been cut off.",
    "daylio_cell_too_long": "a cell in this row is far longer than any note kindvoice keeps, so it couldn't read on from here.",
    "daylio_broken_row": "the quotes in this row don't match up, so kindvoice couldn't read on from here.",
    "daylio_moods_listed": 'these moods have no place on kindvoice\'s 0 to 10 scale yet: {names}. `kindvoice import --mood-map` can bring this file in, with a number for each, like --mood-map "{example}=6".',
    "mood_map_form": "“{part}” should look like NAME=NUMBER, like meh=5.",
    "mood_map_value": "{value} for “{name}” is outside 0 to 10.",
    "not_a_time_of_day": "“{value}” isn't a time kindvoice can read. A time looks like 21:30.",
    "jrnl_empty_entry": "this entry has no title and no text.",
    "jrnl_no_entries": 'this doesn\'t look like a jrnl export: it has no "entries" list.',
    "import_stopped_early": "kindvoice stopped looking after {limit} problems, so there may be more further on.",
}
