"""The help texts `--help` shows for each command and option, by key (``HELP["journal.list"]``).

Part of the one catalog in ``messages/__init__.py``; see its voice notes.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    "serve": "Open kindvoice in your browser: the whole app, private on this computer (http://127.0.0.1:8765). With --hosted, many people can sign in to their own accounts.",
    "serve.host": "The address to listen on. Without --hosted only this computer (127.0.0.1, localhost or ::1).",
    "serve.port": "The port to listen on.",
    "serve.hosted": "Run for many people: accounts with passwords, PostgreSQL (KINDVOICE_DATABASE_URL) and several worker processes. Put it behind HTTPS.",
    "serve.workers": "How many worker processes to run (2 with --hosted, 1 otherwise). Each loads the language engine, about 270 MB.",
    "serve.open": "Open the app in your web browser once it's ready.",
    "serve.trust_proxy": "With --hosted behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto headers.",
    "serve.insecure_cookies": "With --hosted: send the sign-in cookie over plain HTTP too. Only for trying it out on this computer.",
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
    "checkin.kindness": "How kind you've been to yourself today, 0 (not at all) to 10 (very). Leave it out if you like.",
    "checkin.note": "A few words, if you like.",
    "checkins": "Show your recent check-ins.",
    "export": "Save a copy of everything you've kept, as JSON (complete) or CSV (for spreadsheets).",
    "export.to": "Where to write it: a file (JSON), a folder (CSV), or - for the screen (JSON).",
    "export.format": "json (complete, can be imported again) or csv (for spreadsheets).",
    "export.force": "Replace the file if it already exists.",
    "import": "Bring in a kindvoice export, or your history from Daylio (CSV) or jrnl (JSON). Nothing is added twice.",
    "import.dry_run": "Check the file and show what would be added, without changing anything.",
    "forget": "Delete everything kindvoice keeps about you, after you confirm.",
    "info": "Show where kindvoice keeps your journal and how much is in it.",
    "remind": (
        "A gentle reminder to take a quiet minute for yourself: a calendar file your calendar "
        "app can import (--at), or a desktop notification now (--notify, for cron or a timer)."
    ),
    "remind.at": "The time of day, 24-hour, like 08:30 or 19:00. Saves a calendar file with a repeating reminder.",
    "remind.days": "Which days: daily (if you leave it out), weekdays, weekends, mon-fri, sat-sun or mon,wed,fri.",
    "remind.to": "Where to save the calendar file: a .ics file, or a folder. Your kindvoice data folder if you leave it out.",
    "remind.force": "Replace the calendar file if it already exists.",
    "remind.notify": "Show today's reminder as a desktop notification now, with notify-send.",
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
    "practice.family": "Show the practices for children, by age, and the track for parents.",
    "practice.age": "Only the children's practices written for this age (3 to 17); implies --family.",
    "practice.voice": "Speak the guidance aloud, with a voice that runs on this computer.",
    "practice.bell": "Ring the terminal bell as each phase or chime comes.",
    "practice.export_audio": "Save the practice as a .wav file to listen to anywhere, instead of doing it now.",
    "sessions": "Show the practice sessions you kept a note of, newest first: how long, and your answers before and after.",
    "sessions.limit": "How many sessions to show at most.",
    "sessions.practice": "Only sessions of this practice or breathing pattern (like box or loving-kindness).",
    "practice.no_rate": "Skip the before-and-after questions about stress and self-kindness.",
    "today": "What the program offers today, what you've already done, and one next step.",
    "today.done": "Say that something in today's plan is done: daily, core, reflect, deeper, or day for the whole day.",
    "today.skip": "Let something in today's plan go (the same names as --done; skip day for a rest day).",
    "program": "The 8-week program: start it, see where you are, pause, slow down, or swap a practice.",
    "program.start": "Start the 8-week program today (or on another date).",
    "program.date": "The date to start from, if not today (like 2026-11-30).",
    "program.week_number": "The week, from 1 to 8.",
    "program.restart": "Begin again from week 1 (or another week), today. Your history stays.",
    "program.pause": "Pause the program; nothing moves on until you resume.",
    "program.resume": "Carry on from where you paused.",
    "program.pace": "Go at the usual pace (a week is a week) or slowly (a week is stretched to two).",
    "program.pace_value": "normal or slow.",
    "program.swap": "Use a practice you prefer wherever the program offers one you'd rather not do (the same kind: breathing for breathing, guided for guided, writing for writing).",
    "program.swap_from": "The practice the program offers, like soothing-touch.",
    "program.swap_to": "The one you'd like instead, like loving-kindness.",
    "program.streaks": "Show days in a row on the daily plan, or not (off unless you turn it on).",
    "program.streaks_value": "on or off.",
    "program.week": "Read about a week of the program: its theme, its practices and its question.",
    "program.status": "Where you are in the program, your habit strength, and the last four weeks at a glance.",
    "insights": "What your own records show: how often the critic speaks, the thinking traps, how kinder answers land, setbacks and recovery, and what seems to help you.",
    "insights.weeks": "How many weeks to look back for the weekly insights (setbacks and what helps use everything).",
    "assess": "Answer a short questionnaire, keep the result, and see how it changes over time. With no name, shows the questionnaires and whether each can be taken here.",
    "assess.name": "The questionnaire's name, as shown by `kindvoice assess` (like kindness-checkin).",
    "assess.instrument": "Use a questionnaire file of your own (TOML, the same shape as kindvoice's), for instance one with the official wording filled in.",
    "assess.answers": "All the answers at once, in order, separated by commas (like 3,4,2,5,1,3,4,2), instead of being asked one by one.",
    "assess.history": "Show the results you've kept, newest first (of one questionnaire, when you name it).",
    "assess.limit": "How many results to show at most.",
    "report": "Your insights as calm charts: one page to open in a browser (--html) or a picture for each chart (--png). Everything stays on this computer.",
    "report.html": "Save the report as one HTML file, like kindvoice-report.html. It opens in any browser and loads nothing from the internet.",
    "report.png": "Save each chart as its own PNG picture in this folder (critic.png, traps.png, mood.png, setbacks.png, helps.png, program.png).",
    "report.force": "Replace a report or charts that are already there.",
    "learn": "Short, honest reads about self-compassion: what it is, what the research shows and doesn't, common barriers, culture, the inner critic, and when to look for more help.",
    "learn.topic": "The topic, as `kindvoice learn` lists it. Leave it out to see them all.",
}
