"""Every sentence kindvoice says to a person, in one place to review and translate.

Voice (see DESIGN.md): warm, plain, second person, no blame, no "should", no
exclamation-mark cheerleading. Errors are ours, not the reader's.
"""

from __future__ import annotations

from typing import Any

from kindvoice.core.errors import KindvoiceError, Problem, ValidationError

# --- help texts (shown by --help) -------------------------------------------
HELP: dict[str, str] = {
    "app": (
        "kindvoice: notice what your inner voice says, and practise answering it kindly. "
        "Everything stays on this computer. kindvoice is self-help, not therapy."
    ),
    "db": "Use this database instead of the usual one (a SQLite or PostgreSQL URL).",
    "debug": "Show the full technical details when something goes wrong.",
    "version": "Show kindvoice's version and stop.",
    "write": (
        "Write down what your inner voice said. With no text, kindvoice walks you through "
        "situation, thought and feelings; with text, it saves it as a one-liner. Then it "
        "shows what it noticed and offers kinder ways to answer it."
    ),
    "write.thought": "What your inner voice said, in its own words. Use - to read it from input.",
    "write.situation": "What was happening, in a few words.",
    "write.feel": "A feeling and how strong it was, 0–100, like 'anxious 70'. Repeat for more.",
    "write.tag": "A tag to find this again later, like 'work'. Repeat for more.",
    "write.at": "When it happened, if not now (like 2026-11-24T21:30 or 2026-11-24T21:30+01:00).",
    "write.guided": "Ask each question in turn, even when input is not a terminal.",
    "write.no_reflect": "Only save the entry: skip looking at it together afterwards.",
    "reframe": (
        "See what kindvoice notices in a thought, and some kinder ways to answer it. "
        "Nothing is saved."
    ),
    "reframe.thought": "The thought, in its own words. Use - to read it from input.",
    "reframe.situation": "What was happening, in a few words; it helps the suggestions fit.",
    "support": (
        "People you can talk to, any time: crisis lines for your country, and a few things "
        "that can help in a hard moment."
    ),
    "journal.reanalyze": (
        "Look at your entries again with this version of kindvoice (after an update or an import)."
    ),
    "json": "Print JSON instead of a table, for scripts and other tools.",
    "journal": "Look back at what you've written: list, show, search, edit or delete entries.",
    "journal.list": "Show your most recent entries.",
    "journal.show": "Show one entry in full.",
    "journal.search": "Find entries containing every word you give (feelings and tags too).",
    "journal.edit": "Change an entry. Anything you leave out stays as it was.",
    "journal.delete": "Delete an entry for good.",
    "journal.id": "The entry's number, as shown by `kindvoice journal list`.",
    "journal.limit": "How many entries to show at most.",
    "checkins.limit": "How many check-ins to show at most.",
    "journal.tag": "Only entries with this tag.",
    "journal.since": "Only entries from this date on (like 2026-11-01).",
    "journal.query": "The words to look for.",
    "journal.clear_feelings": "Remove all feelings from the entry.",
    "journal.clear_tags": "Remove all tags from the entry.",
    "yes": "Go ahead without asking first.",
    "checkin": "A twenty-second check-in: mood, stress and how loud the inner critic is (0–10).",
    "checkin.mood": "Mood right now, 0 (very low) to 10 (very good).",
    "checkin.stress": "Stress right now, 0 (none) to 10 (overwhelming).",
    "checkin.critic": "How loud the inner critic is, 0 (quiet) to 10 (very loud).",
    "checkin.note": "A few words, if you like.",
    "checkins": "Show your recent check-ins.",
    "export": "Save a copy of everything you've kept, as JSON (complete) or CSV (for spreadsheets).",
    "export.to": "Where to write it: a file (JSON), a folder (CSV), or - for the screen (JSON).",
    "export.format": "json (complete, can be imported again) or csv (for spreadsheets).",
    "export.force": "Replace the file if it already exists.",
    "import": "Bring in a kindvoice JSON export. Entries you already have are not added twice.",
    "import.file": "The kindvoice export (.json) to bring in.",
    "import.dry_run": "Check the file and show what would be added, without changing anything.",
    "forget": "Delete everything kindvoice keeps about you, after you confirm.",
    "info": "Show where kindvoice keeps your journal and how much is in it.",
    "breathe": (
        "A few minutes of paced breathing: a bar that fills as you breathe in and empties as "
        "you breathe out. Space pauses, q or Ctrl-C stops."
    ),
    "breathe.pattern": (
        "A pattern's name (gentle, resonance, box, cyclic-sighing, 4-7-8) or your own, like "
        "4-6 (in, out), 4-7-8 (in, hold, out), 4-4-4-4 (in, hold, out, rest) or 2+1-6 "
        "(in, a little more, out). Resonance breathing if you leave it out."
    ),
    "breathe.minutes": "About how many minutes (the session ends with a whole breath). Two if you leave it out.",
    "breathe.cycles": "How many breaths, instead of minutes.",
    "breathe.gentle": "Gentle mode: keep every hold to two seconds at most (KINDVOICE_GENTLE=1 makes it the usual).",
    "breathe.list": "Show the breathing patterns and stop.",
    "practice": (
        "A guided practice (a self-compassion break, loving-kindness, a body scan, …) or a "
        "writing exercise. With no name, shows them all."
    ),
    "practice.name": "The practice's name, as shown by `kindvoice practice --list`.",
    "practice.list": "Show the practices and stop.",
    "practice.voice": "Speak the guidance aloud, with a voice that runs on this computer.",
    "practice.bell": "Ring the terminal bell as each phase or chime comes.",
    "practice.export_audio": "Save the practice as a .wav file to listen to anywhere, instead of doing it now.",
    "sessions": "Show the practice sessions you kept a note of, newest first: how long, and your answers before and after.",
    "sessions.limit": "How many sessions to show at most.",
    "sessions.practice": "Only sessions of this practice or breathing pattern (like box or loving-kindness).",
    "practice.no_rate": "Skip the before-and-after questions about stress and self-kindness.",
}

# --- everyday messages -------------------------------------------------------
MESSAGES: dict[str, str] = {
    "home.title": "kindvoice",
    "home.greeting": "Welcome. This is a quiet place to notice your inner voice and answer it kindly.",
    "home.counts": "You have {entries}, {checkins} and {runs} so far.",
    "home.empty": "Nothing here yet, and that's fine. Whenever you're ready:",
    "home.next": "Some things you could do:",
    "home.suggest_write": "kindvoice write      note what your inner voice is saying",
    "home.suggest_checkin": "kindvoice checkin    a twenty-second check-in",
    "home.suggest_breathe": "kindvoice breathe    two minutes of paced breathing",
    "home.suggest_practice": "kindvoice practice   guided practices and writing exercises",
    "home.suggest_journal": "kindvoice journal    look back at what you've written",
    "home.suggest_reframe": "kindvoice reframe    kinder ways to answer a thought",
    "home.suggest_support": "kindvoice support    people you can talk to, any time",
    "home.suggest_help": "kindvoice --help     everything else",
    "home.disclaimer": "kindvoice is self-help, not therapy. If you're in crisis, `kindvoice support` lists people you can reach right now.",
    "write.intro": "Let's note what happened. Answer as briefly or fully as you like; press Enter to skip any question except the thought.",
    "write.ask_situation": "What was happening? (a few words about the situation)",
    "write.ask_thought": "What did your inner voice say? (its words, as it said them)",
    "write.ask_thought_again": "Take your time. Even a few words are enough.",
    "write.ask_feeling": "A feeling and how strong it was, 0–100 (like 'tense 60'), or Enter when done",
    "write.ask_tags": "Any tags, separated by commas? (Enter to skip)",
    "write.feeling_again": "I didn't quite catch that. Try a word and a number, like 'sad 40'.",
    "write.saved": "Saved as entry {id}. Thank you for noticing that — noticing is the first step.",
    "write.saved_title": "Entry {id}",
    "edit.nothing": "There was nothing to change, so entry {id} is as it was.",
    "edit.saved": "Entry {id} is updated.",
    "edit.ask_keep": "(Enter keeps what's there)",
    "delete.confirm": "Delete entry {id} for good? It can't be brought back.",
    "delete.done": "Entry {id} is deleted.",
    "delete.kept": "Okay, entry {id} stays as it is.",
    "journal.empty": "No entries yet. When you're ready, `kindvoice write` is a gentle place to start.",
    "journal.no_match": "Nothing matched “{query}”. You could try fewer or shorter words.",
    "journal.none_for_filter": "No entries match those filters.",
    "journal.col_id": "#",
    "journal.col_when": "When",
    "journal.col_thought": "Thought",
    "journal.col_feelings": "Feelings",
    "journal.col_tags": "Tags",
    "entry.situation": "Situation",
    "entry.thought": "Thought",
    "entry.feelings": "Feelings",
    "entry.tags": "Tags",
    "entry.written": "Written {when}",
    "entry.edited": "edited {when}",
    "checkin.intro": "A quick check-in. Each answer is a number from 0 to 10.",
    "checkin.ask_mood": "Mood right now (0 very low – 10 very good)",
    "checkin.ask_stress": "Stress right now (0 none – 10 overwhelming)",
    "checkin.ask_critic": "How loud is your inner critic? (0 quiet – 10 very loud)",
    "checkin.ask_note": "Anything you'd like to add? (Enter to skip)",
    "checkin.ask_again": "A whole number from 0 to 10, please.",
    "checkin.saved": "Check-in saved. Thanks for taking a moment for yourself.",
    "checkins.empty": "No check-ins yet. `kindvoice checkin` takes about twenty seconds.",
    "checkins.col_mood": "Mood",
    "checkins.col_stress": "Stress",
    "checkins.col_critic": "Critic",
    "checkins.col_note": "Note",
    "export.done": "Saved {count} to {path}. It holds your whole journal, so keep it somewhere private.",
    "export.done_csv": "Saved your entries and check-ins to {paths}.",
    "export.progress": "Exporting",
    "import.checking": "Checking {path}…",
    "import.would_add": "This would add {entries} and {checkins}.",
    "import.already": "Already here, and left as they are: {entries} and {checkins}.",
    "import.dry_run": "This was a dry run: nothing was changed.",
    "import.done": "Added {entries} and {checkins}.",
    "import.skipped": "Already here, so left as they were: {entries} and {checkins}.",
    "import.progress": "Importing",
    "import.nothing_new": "Everything in that file is already here, so nothing changed.",
    "import.would_add_runs": "It would also add {runs}.",
    "import.added_runs": "Also added {runs}.",
    "import.already_runs": "Already here, so left as they were: {runs}.",
    "forget.summary": "This deletes everything kept in {where}: {entries} and {checkins}.",
    "forget.suggest_export": "If you might want them later, `kindvoice export` saves a copy first.",
    "forget.ask": "To go ahead, type the word “{word}”",
    "forget.done": "Everything is deleted. You're welcome back any time.",
    "forget.kept": "Okay, nothing was deleted.",
    "info.home": "Data folder",
    "info.database": "Database",
    "info.schema": "Schema version",
    "info.entries": "Journal entries",
    "info.checkins": "Check-ins",
    "info.practice_runs": "Practice sessions",
    "info.privacy_local": "Your journal stays on this computer: kindvoice sends no data anywhere.",
    "info.privacy_server": "Your journal is kept in the database above. kindvoice itself sends no data anywhere else.",
    # --- support: shown for crisis language, and by `kindvoice support` ---
    "support.title": "You don't have to carry this alone",
    "support.after_write": "It sounds like things are really heavy right now. Thank you for putting it into words. Your entry is saved.",
    "support.any_time": "When things feel like too much, talking to someone can help. These people are there for moments like this, day or night.",
    "support.emergency": "If you're in danger right now, or might act on thoughts of ending your life, please call {numbers} (emergency services).",
    "support.emergency_unknown": "If you're in danger right now, please call your local emergency number: 112 in the EU and many other countries, 911 in North America, 999 in the UK, 000 in Australia.",
    "support.lines_for": "Crisis lines in {country}:",
    "support.lines_anywhere": "Free, confidential helplines in many countries, listed by country:",
    "support.call": "call {numbers}",
    "support.text": "text {numbers}",
    "support.call_or_text": "call or text {numbers}",
    "support.or": " or ",
    "support.steps": "A few things that can help right now:",
    "support.step_breathe": "Slow your breathing: in for a count of four, out for a count of six. Feel your feet on the floor and name five things you can see.",
    "support.step_person": "Stay with someone you trust, or let them know how you're doing. A call or a short message is enough.",
    "support.step_means": "If there's anything nearby you might use to hurt yourself, put it out of reach or ask someone to keep it for now, if you can.",
    "support.step_pass": "Feelings this strong do ease, even when it doesn't seem that way. You don't have to decide anything right now.",
    "support.not_a_service": "kindvoice is self-help, not a crisis service. The people above are there for exactly this.",
    "support.unknown_country": "kindvoice doesn't have lines for {country} yet, so here are ones that work anywhere.",
    "support.set_country": "To see the lines for your country, set KINDVOICE_COUNTRY to its two-letter code. kindvoice has lines for {codes}.",
    # --- what kindvoice noticed in a thought ---
    "reflect.noticed": "What kindvoice noticed",
    "reflect.self_critical": "This sounds hard on yourself{quote}. Would you say it that way to a friend in the same spot?",
    "reflect.quote": " — “{words}”",
    "reflect.nothing": "Nothing here sounds especially harsh. Thank you for writing it down.",
    "reflect.ask_trap": "Does “{trap}” fit what you wrote? (y yes, n not really, Enter to skip)",
    "reflect.ask_trap_again": "A y, an n, or Enter to skip is fine.",
    "reflect.ask_missed": "Did kindvoice miss a thinking trap? (y to see the list, Enter to skip)",
    "reflect.missed_list": "The other thinking traps:",
    "reflect.ask_add": "The numbers of any that fit, separated by commas (Enter to skip)",
    "reflect.add_again": "Numbers from the list, like 2 or 2, 5, please.",
    "reflect.suggestions": "Some kinder ways to answer it",
    "reflect.ask_belief_before": "How much do you believe the original thought right now? (0–100, Enter to skip)",
    "reflect.ask_belief_after": "And now, how much do you believe the original thought? (0–100, Enter to skip)",
    "reflect.belief_again": "A whole number from 0 to 100, or Enter to skip.",
    "reflect.ask_reframe": "Write your own kinder answer, or pick a suggestion by its number (Enter to skip)",
    "reflect.ask_reframe_own": "Would you like to write a kinder answer in your own words? (Enter to skip)",
    "reflect.no_such_suggestion": "There's no suggestion {number}. Pick 1 to {count}, or write your own words.",
    "reflect.ask_edit": "Change it as you like (Enter keeps it as it is)",
    "reflect.saved": "Kept your kinder answer with entry {id}.",
    "reflect.eased": "Your belief in the thought went from {before} to {after}. Even a little more room can matter.",
    "reflect.same": "It's still at {after}, and that's okay. Some thoughts loosen slowly, and noticing them is part of it.",
    "reflect.rose": "It's at {after} now, a little higher than before. That can happen when we look closely at something painful, and it's okay.",
    "reflect.thanks": "Thank you for taking this time with yourself.",
    "component.mindfulness": "mindfulness",
    "component.common_humanity": "common humanity",
    "component.self_kindness": "self-kindness",
    # --- a stored entry's reflection, in `kindvoice journal show` ---
    "show.crisis": "When you wrote this, things sounded very heavy. `kindvoice support` lists people you can talk to, any time.",
    "show.feedback": "Your word on the thinking traps",
    "show.confirmed": "Fits: {traps}",
    "show.rejected": "Not quite: {traps}",
    "show.added": "You added: {traps}",
    "show.reframes": "Your kinder answers",
    "show.belief": "belief in the thought: {before} → {after}",
    "show.belief_before": "belief in the thought before: {before}",
    "show.belief_after": "belief in the thought after: {after}",
    "reanalyze.progress": "Looking again",
    "reanalyze.done": "Looked again at {entries} with this version of kindvoice.",
    "reanalyze.nothing": "Every entry has already been looked at by this version of kindvoice.",
    "interrupted": "Stopped. Anything you had already saved is safe.",
    "debug_hint": "Run the same command with --debug to see the technical details.",
    "more_problems": "…and {count} more.",
    "problem_line": "{location}: {text}",
    "breathe.inhale": "Breathe in",
    "breathe.hold_full": "Hold",
    "breathe.exhale": "Breathe out",
    "breathe.hold_empty": "Rest",
    "breathe.top_up": "A little more",
    "breathe.title": "{name}",
    "breathe.custom_title": "Your own pattern, {text}",
    "breathe.custom_about": "A pattern of your own: {steps}. Breathe through your nose if that's comfortable, and let it be easy.",
    "breathe.about.inhale": "in for {seconds}",
    "breathe.about.top_up": "a little more for {seconds}",
    "breathe.about.hold_full": "hold for {seconds}",
    "breathe.about.exhale": "out for {seconds}",
    "breathe.about.hold_empty": "rest for {seconds}",
    "breathe.softened": "Gentle mode is on, so every hold is kept to two seconds at most.",
    "breathe.col_pattern": "Pattern",
    "breathe.list_hint": "Try one with `kindvoice breathe box`, or type your own, like `kindvoice breathe 4-6`.",
    "breathe.plain_line": "{word} · {seconds} s",
    "sessions.empty": "No practice sessions yet. Whenever you'd like, `kindvoice breathe` takes two minutes.",
    "sessions.col_length": "Length",
    "sessions.col_stress": "Stress",
    "sessions.col_kindness": "Self-kindness",
    "sessions.ratings_hint": "Stress and self-kindness show your answers before → after, 0–10; · where you skipped the question.",
    "sessions.stopped_early": "{time}, stopped early",
    "practice.col_id": "Name to type",
    "practice.col_name": "Practice",
    "practice.col_length": "Length",
    "practice.col_about": "What it is",
    "practice.minutes": "about {minutes} min",
    "practice.writing_length": "at your own pace",
    "practice.list_hint": "Start one with `kindvoice practice self-compassion-break`; add --voice to hear it. Breathing patterns: `kindvoice breathe --list`.",
    "practice.left": "{time} left",
    "practice.keys_hint": "Space pauses · q or Ctrl-C stops",
    "practice.paused_hint": "Space carries on · q or Ctrl-C stops",
    "practice.stop_hint_no_keys": "Ctrl-C stops at any time",
    "practice.paused": "Paused",
    "practice.quiet": "a quiet moment · {time}",
    "practice.plain_quiet": "(a quiet moment, {seconds} s)",
    "practice.length": "About {time}.",
    "practice.how_to_stop": "You can stop whenever you like: press q or Ctrl-C, and what you've done so far still counts. This is a practice for everyday life, not a treatment.",
    "practice.how_to_stop_writing": "You can stop whenever you like with Ctrl-C, and what you've written so far won't be lost. This is a practice for everyday life, not a treatment.",
    "practice.ask_stress_before": "Before you start: how stressed do you feel, 0 (calm) to 10 (very)? (Enter to skip)",
    "practice.ask_kindness_before": "And how kind are you being to yourself right now, 0 (not at all) to 10 (very)? (Enter to skip)",
    "practice.ask_stress_after": "How stressed do you feel now, 0 to 10? (Enter to skip)",
    "practice.ask_kindness_after": "And how kind are you being to yourself now, 0 to 10? (Enter to skip)",
    "practice.ask_again": "A whole number from 0 to 10 works, or Enter to skip.",
    "practice.done": "That's the end of the practice. You gave yourself {time}.",
    "practice.stopped": "You stopped after {time}. Stopping when you need to is part of the practice too.",
    "practice.keep_note": "Would you like to keep a note of this session?",
    "practice.not_kept": "All right, nothing was kept.",
    "practice.kept": "Kept a note of this session (number {id}).",
    "practice.stress_change": "Stress before: {before}, now: {after}. Whatever the numbers say, you took the time.",
    "practice.write_hint": "Write as much as you like ({label}). An empty line finishes this part.",
    "practice.write_skip": "Skipped this one. That's fine.",
    "practice.paused_for_support": "Let's set the exercise aside for now. What you wrote is kept, and these people are there whenever you'd like to talk.",
    "practice.linger": "(Take your time. Enter moves on when you're ready.)",
    "practice.stopped_writing": "Stopped there, and that's fine.",
    "practice.keep_writing": "Would you like to keep what you wrote in your journal?",
    "practice.letter_saved": "Your words are kept in your journal as entry {id} (find them again with `kindvoice journal list --tag {tag}`).",
    "practice.voice_not_for_writing": "The writing exercises are read on screen, at your own pace; `--export-audio` gives you a spoken copy.",
    "practice.no_player": "kindvoice couldn't find a sound player here (paplay, aplay or afplay), so the practice will be on screen only.",
    "practice.preparing_voice": "Getting the voice ready (the first time takes a little while)…",
    "practice.exported": "Saved the practice as audio in {path} ({time}).",
    "content_own_broken": "Your practice file {source} has something kindvoice can't use, at {field}: {reason}. Nothing was changed; once it's fixed, it will be in `kindvoice practice --list`.",
    "content_broken": "A practice file inside kindvoice has a mistake ({source}, at {field}: {reason}). It's our bug, not yours; nothing you had saved was changed.",
}

# --- errors, by code ---------------------------------------------------------
ERRORS: dict[str, str] = {
    "error": "Something went wrong on our side. Nothing you had saved was changed.",
    "internal": "Something went wrong on our side, and it's not your doing. Nothing you had saved was changed.",
    "invalid_input": "That didn't quite work yet — nothing was saved:",
    "not_found": "kindvoice couldn't find that. Nothing was changed.",
    "bad_setting": "One of kindvoice's settings has a value it can't use. Nothing was changed.",
    "entry_not_found": "There's no entry {id}. `kindvoice journal list` shows the numbers of your entries.",
    "practice_run_not_found": "There's no practice session {id} in your log.",
    "empty_search": "Give a word or two to look for.",
    "storage_unavailable": "kindvoice couldn't open its database at {where}. Nothing was changed. ({reason})",
    "bad_database_url": "kindvoice can't use the database address “{url}”. It takes sqlite:///path or postgresql://… addresses.",
    "needs_terminal": "kindvoice can't ask questions here, so it needs these on the command line: {what}. Nothing was saved.",
    "confirm_needed": "To do this without being asked, add --yes. Nothing was changed.",
    "forget_not_confirmed": "That wasn't the word “{word}”, so nothing was deleted.",
    "export_exists": "{path} already exists. Add --force to replace it, or choose another name with --to. Nothing was changed.",
    "csv_needs_folder": "CSV comes as two files, so it needs a folder: add --to FOLDER. For the screen, use JSON. Nothing was changed.",
    "driver_missing": "kindvoice needs the PostgreSQL driver ({module}) for this database. `pip install 'kindvoice[postgres]'` adds it. Nothing was changed.",
    "export_failed": "kindvoice couldn't write {path} ({reason}). Nothing was changed.",
    "import_missing": "There's no file at {path}. Nothing was changed.",
    "import_is_folder": "{path} is a folder; kindvoice needs the export file itself. Nothing was changed.",
    "import_unreadable": "kindvoice couldn't read {path} ({reason}). Nothing was changed.",
    "import_too_big": "{path} is larger than kindvoice can import at once ({limit_mb} MB). Nothing was changed.",
    "import_empty": "{path} is empty, so there's nothing to import. Nothing was changed.",
    "import_binary": "{path} doesn't look like a kindvoice export: it contains binary data (a zero byte at position {offset}). Nothing was changed.",
    "import_not_utf8": "{path} isn't UTF-8 text (the first odd byte is at position {offset}). Nothing was changed.",
    "import_not_json": "{path} isn't valid JSON (line {line}, column {column}). Nothing was changed.",
    "import_truncated": "{path} seems to stop part-way through (line {line}, column {column}) — perhaps it was cut off while copying. Nothing was changed.",
    "import_invalid": "That file didn't look quite right, so nothing was changed. Here's what kindvoice found:",
    "import_future_version": "That export comes from a newer kindvoice. Updating kindvoice will let you import it. Nothing was changed.",
    "voice_unavailable": "kindvoice's voice couldn't start here ({reason}). The practice still works with the words on screen.",
    "audio_bad_destination": "kindvoice saves audio as a .wav file, so it needs a file name ending in .wav, like break.wav ({path} won't work). Nothing was saved.",
    "audio_no_folder": "There's no folder at {path} to save the audio in. Nothing was saved.",
    "audio_unwritable": "kindvoice isn't allowed to save files in {path}. Another folder will work. Nothing was saved.",
    "audio_failed": "kindvoice couldn't write the audio to {path} ({reason}). Nothing you had saved was changed.",
    "audio_player_failed": "kindvoice couldn't start this computer's sound player ({reason}). The words will still show on screen.",
}

# --- problems inside a piece of input, by code ------------------------------
PROBLEMS: dict[str, str] = {
    "empty_text": "this is empty. Write as little or as much as you like.",
    "too_long": "this is longer than kindvoice keeps in one place ({length:,} characters; the limit is {limit:,}). Could you split it up?",
    "nul_character": "this contains a zero character that can't be stored. Could you remove it?",
    "bad_character": "this contains a character that can't be stored (a broken surrogate).",
    "not_text": "this should be text.",
    "not_a_whole_number": "this should be a whole number from 0 to {top}.",
    "out_of_range": "{value} is outside 0 to {top}.",
    "too_many": "there are more than {limit} of these.",
    "no_time_zone": "this moment has no time zone, so kindvoice can't tell when it was. Add one, like +00:00.",
    "in_the_future": "{when} is in the future.",
    "too_early": "{when} is earlier than kindvoice can keep.",
    "not_a_date": "kindvoice couldn't read this as a date. Try a form like 2026-11-24 or 2026-11-24T21:30+01:00.",
    "feeling_needs_name": "a feeling needs a name as well as a number, like 'worried 40'.",
    "before_created": "this is earlier than when the entry was written.",
    "missing": "this is missing.",
    "not_an_object": "this should be an object ({{…}}).",
    "not_a_list": "this should be a list ([…]).",
    "not_an_id": "this should be an id like 2cde109f-8a93-4d9e-b235-a787ff36050f.",
    "repeated_id": "the id {id} appears more than once.",
    "not_our_format": 'this isn\'t a kindvoice export (its "format" isn\'t "kindvoice-export").',
    "bad_version": "the export version is missing or unreadable.",
    "future_version": "it's format version {version}; this kindvoice reads up to version {ours}.",
    "empty_search": "give a word or two to look for.",
    "unknown_trap": "kindvoice doesn't know a thinking trap called “{value}”.",
    "not_one_of": "“{value}” isn't one of: {choices}.",
    "not_a_probability": "this should be a number from 0 to 1.",
    "not_true_false": "this should be true or false.",
    "not_a_version": "this should be a short version name.",
    "bad_span": "this should be a stretch of the thought: whole numbers with 0 ≤ start < end ≤ {length}, and a sentence number from 0.",
    "repeated_trap": "the trap {trap} appears more than once for this entry.",
    "not_a_practice_id": "“{value}” isn't a practice name kindvoice can keep: lower-case letters and digits, words joined by single dashes, up to {limit} characters (like box or self-compassion-break).",
    "not_seconds": "this should be a number of seconds, from 0 to {top:,}.",
    "pattern_not_breathing": "only breathing practices have a pattern, and this one is a {kind} practice.",
    "entry_not_writing": "only a writing practice is saved to a journal entry, and this one is a {kind} practice.",
    "unknown_entry": "there's no journal entry {id} to link this practice to.",
    "pattern.unknown": "there's no breathing pattern called “{name}”. The patterns are: {choices}. Or type your own, like 4-6.",
    "pattern.unknown_close": "there's no breathing pattern called “{name}”. Did you mean {close}? The patterns are: {choices}.",
    "pattern.empty": "give a pattern, like box or 4-6.",
    "pattern.too_long_text": "that's longer than any breathing pattern needs. A pattern looks like 4-7-8.",
    "pattern.too_many_steps": "a pattern has at most four steps: in, hold, out, rest (like 4-4-4-4).",
    "pattern.missing_number": "there's a dash with no number beside it in “{text}”. A pattern looks like 4-7-8.",
    "pattern.not_a_number": "“{part}” isn't a number of seconds. A pattern looks like 4-7-8.",
    "pattern.not_finite": "“{part}” isn't a number of seconds kindvoice can count.",
    "pattern.too_short": "{part} seconds is shorter than kindvoice paces; each step can be from half a second to 60 seconds.",
    "pattern.too_long": "{part} seconds is longer than kindvoice paces (60 seconds at most per step).",
    "pattern.unknown_kind": "“{part}” isn't a part of a breath kindvoice knows.",
    "pattern.top_up_not_inhale": "a “+” adds a little more air, so it only fits in the first step, the in-breath (like 2+1-6).",
    "pattern.top_up_alone": "a top-up in-breath needs an in-breath before it.",
    "pattern.no_phases": "the pattern has no steps.",
    "pattern.too_many_phases": "the pattern has more steps than kindvoice paces (eight at most).",
    "pattern.needs_inhale": "the pattern needs an in-breath.",
    "pattern.needs_exhale": "a pattern needs at least an in-breath and an out-breath, like 4-6.",
    "pattern.not_gentle": "this gentle pattern holds for {part} seconds, longer than gentle mode allows.",
    "length.no_length": "say how long, with --minutes or --cycles.",
    "length.two_lengths": "give minutes or cycles, not both.",
    "length.not_whole": "the number of breaths should be a whole number.",
    "length.not_a_number": "“{part}” isn't a number.",
    "length.not_finite": "“{part}” isn't a number kindvoice can count.",
    "length.too_short": "{part} is less than one breath. A little more will work.",
    "length.too_long": "that's longer than kindvoice paces in one go (two hours). A shorter session works well too.",
    "practice.unknown": "there's no practice called “{name}”. `kindvoice practice --list` shows them all.",
    "practice.unknown_close": "there's no practice called “{name}”. Did you mean {close}?",
    "practice.is_breathing": "“{name}” is a breathing pattern: `kindvoice breathe {name}` starts it.",
}

LOCATIONS: dict[str, str] = {
    "thought": "Thought",
    "situation": "Situation",
    "note": "Note",
    "mood": "Mood",
    "stress": "Stress",
    "critic": "Inner critic",
    "when": "When",
    "feeling": "Feeling",
    "query": "Search",
    "reframe": "Kinder answer",
    "trap": "Thinking trap",
    "verdict": "Your answer",
    "origin": "Where the answer came from",
    "component": "Part of self-compassion",
    "belief_before": "Belief before",
    "belief_after": "Belief after",
    "pattern": "Breathing pattern",
    "minutes": "Minutes",
    "cycles": "Breaths",
    "practice": "Practice",
    "kind": "Kind of practice",
    "planned_s": "Planned length",
    "actual_s": "Time spent",
    "completed": "Finished",
    "stress_before": "Stress before",
    "stress_after": "Stress after",
    "kindness_before": "Self-kindness before",
    "kindness_after": "Self-kindness after",
    "entry_uid": "Journal entry",
    "started_at": "Started",
    "since": "Since",
}

# --- thinking traps: a short name, and a warm line saying what was noticed ---
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
    "checkin": ("check-in", "check-ins"),
    "practice_run": ("practice session", "practice sessions"),
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
}

MAX_PROBLEMS_SHOWN = 20


def content_reason(reason: str, detail: str = "") -> str:
    """Why a content file's field can't be used, in plain words."""
    template = CONTENT_REASONS.get(reason)
    if template is None:
        return f"{reason} {detail}".strip()
    return template.format(detail=detail)


def trap_name(trap: str) -> str:
    return TRAP_NAMES.get(trap, trap.replace("_", " "))


def say(key: str, **params: Any) -> str:
    """The message ``key``, filled in."""
    return MESSAGES[key].format(**params)


def count(number: int, noun: str) -> str:
    """``1 journal entry``, ``3 journal entries``."""
    one, many = NOUNS[noun]
    return f"{number:,} {one if number == 1 else many}"


def describe_problem(problem: Problem) -> str:
    template = PROBLEMS.get(problem.code, "{code}")
    text = template.format(code=problem.code, **problem.params)
    location = LOCATIONS.get(problem.location, problem.location)
    return MESSAGES["problem_line"].format(location=location, text=text)


def explain(error: KindvoiceError) -> list[str]:
    """The lines to show for an error: a headline, then each problem."""
    template = ERRORS.get(error.code, ERRORS["error"])
    try:
        headline = template.format(**error.params)
    except (KeyError, IndexError):
        headline = ERRORS["error"]
    lines = [headline]
    if isinstance(error, ValidationError):
        if error.code == "empty_search":
            return [headline]
        if len(error.problems) == 1 and error.code == "invalid_input":
            # One problem reads better on its own, without the headline.
            return [describe_problem(error.problems[0])]
        shown = error.problems[:MAX_PROBLEMS_SHOWN]
        lines.extend("  • " + describe_problem(p) for p in shown)
        hidden = len(error.problems) - len(shown)
        if hidden > 0:
            lines.append("  " + say("more_problems", count=hidden))
    return lines
