"""The web app's sentences: Breathe and Practices pages.

Keys start with ``web.``; they join ``MESSAGES`` in ``messages/__init__.py``.
"""

from __future__ import annotations

WEB: dict[str, str] = {
    # --- time, in words ---
    "web.practice.time.second": "{n} second",
    "web.practice.time.seconds": "{n} seconds",
    "web.practice.time.minute": "{n} minute",
    "web.practice.time.minutes": "{n} minutes",
    "web.practice.time.about": "About {time}.",
    "web.practice.time.left": "{time} left",
    # --- Breathe: choosing ---
    "web.practice.breathe.title": "Breathe",
    "web.practice.breathe.intro": "Pick a breath and a length. A slow breath can help your body settle. You can stop whenever you like.",
    "web.practice.breathe.which": "Which breath?",
    "web.practice.breathe.own": "Or type your own pattern",
    "web.practice.breathe.own_hint": "Seconds in, hold, out and rest, joined by dashes, like 4-6 or 4-7-8.",
    "web.practice.breathe.how_long": "How long?",
    "web.practice.breathe.gentle": "Gentle mode: keep every hold to two seconds at most",
    "web.practice.breathe.next": "Next",
    "web.practice.breathe.gentle_tag": "gentle",
    # --- Breathe: the session ---
    "web.practice.breathe.length": "About {time}, {breaths}.",
    "web.practice.breathe.breath": "{n} breath",
    "web.practice.breathe.breaths": "{n} breaths",
    "web.practice.breathe.ready": "Sit comfortably. When you're ready, press Start.",
    "web.practice.breathe.steps_h": "How the breath goes",
    "web.practice.breathe.repeat": "Then begin again. Let it be easy, and breathe through your nose if that's comfortable.",
    "web.practice.breathe.stage": "The breathing circle",
    "web.practice.breathe.other": "Choose another breath",
    "web.practice.breathe.again": "Breathe again",
    # --- the controls every timed practice shares ---
    "web.practice.start": "Start",
    "web.practice.pause": "Pause",
    "web.practice.resume": "Carry on",
    "web.practice.stop": "Stop",
    "web.practice.paused": "Paused. Carry on whenever you're ready.",
    "web.practice.options": "Options",
    "web.practice.speak": "Say the words aloud",
    "web.practice.vibrate": "Vibrate at each change",
    "web.practice.voice": "Hear it in kindvoice's own voice",
    "web.practice.browser_voice": "kindvoice's own voice isn't available here, so your browser's voice will say the words instead.",
    "web.practice.no_voice": "Your browser can't speak here, so the words will show on screen only.",
    "web.practice.preparing_voice": "Getting the voice ready. The first time takes a little while.",
    "web.practice.any_time": "You can stop whenever you like, and what you've done so far still counts. This is a practice for everyday life, not a treatment.",
    # --- ratings before and after (optional) ---
    "web.practice.rate": "Note how I feel, before and after",
    "web.practice.rate_hint": "This is up to you. It can be interesting to look back on later.",
    "web.practice.stress_before": "Stress before",
    "web.practice.stress_after": "Stress now",
    "web.practice.kindness_before": "Kindness to yourself before",
    "web.practice.kindness_after": "Kindness to yourself now",
    "web.practice.kindness_low": "not at all",
    "web.practice.kindness_high": "very kind",
    # --- the end ---
    "web.practice.done_h": "Well done for taking this time",
    "web.practice.save": "Keep a note of it",
    "web.practice.saved": "Your practice is noted.",
    "web.practice.save_failed": "The note of this session didn't save. Trying again in a moment usually helps.",
    "web.practice.today": "Back to Today",
    # --- noting a practice done without the page's timing (no scripts) ---
    "web.practice.log_h": "Did it on your own?",
    "web.practice.breathe.log_intro": "If you breathed along without the moving circle, you can note it here.",
    "web.practice.breathe.log_minutes": "I breathed for this many minutes",
    "web.practice.log_intro": "If you followed the steps at your own pace, you can note it here.",
    "web.practice.log_minutes": "I practised for this many minutes",
    # --- steps of a breath, in words ---
    "web.practice.step.inhale": "Breathe in for {seconds} seconds.",
    "web.practice.step.top_up": "Breathe in a little more for {seconds} seconds.",
    "web.practice.step.hold_full": "Hold gently for {seconds} seconds.",
    "web.practice.step.exhale": "Breathe out for {seconds} seconds.",
    "web.practice.step.hold_empty": "Rest for {seconds} seconds.",
    # --- Practices: the list ---
    "web.practice.list.title": "Practices",
    "web.practice.list.intro": "Short guided practices and writing exercises for being kinder to yourself.",
    "web.practice.list.guided_h": "Guided practices",
    "web.practice.list.writing_h": "Writing exercises",
    "web.practice.list.family_h": "For children and parents",
    "web.practice.list.family_intro": "Do these together. Either of you can stop at any time.",
    "web.practice.list.ages": "ages {low} to {high}",
    "web.practice.list.parents": "for parents",
    "web.practice.list.breathing": "Looking for a breathing pattern? They are on the Breathe page.",
    "web.practice.list.minutes": "about {n} min",
    "web.practice.list.own_pace": "at your own pace",
    "web.practice.missing": "There's no practice called “{name}”. Here are the ones there are.",
    "web.practice.all": "See all practices",
    # --- a guided practice ---
    "web.practice.steps_h": "The steps",
    "web.practice.quiet": "A quiet moment",
    "web.practice.now": "Now",
    # --- a writing exercise ---
    "web.practice.write.intro": "Take your time. Write as much or as little as you like, and leave any part empty if you wish.",
    "web.practice.write.letter_kept": "What you write here is kept in your journal, private to you.",
    "web.practice.write.keep": "Keep what I write in my journal",
    "web.practice.write.so_far": "What you've written so far",
    "web.practice.write.next": "Next",
    "web.practice.write.back": "Back",
    "web.practice.write.finish": "Finish",
    "web.practice.write.step": "Part {n} of {total}",
}
