// kindvoice practices: what the Breathe and Practices pages share (kv.practice), and the guided
// practice and writing exercise pages. The pages work without this script; it adds the timing,
// the voice and one step at a time.
//
// Timing never adds up waits: a practice's clock is performance.now() since the start, less
// every pause (or, while the practice's own audio plays, the audio's own position), and each
// frame asks where in the timeline that moment falls.
"use strict";
(function () {
  const kv = (window.kv = window.kv || {});
  const P = (kv.practice = {});

  P.readJson = function (id) {
    const el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  };

  P.fill = function (template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  };

  P.clockText = function (seconds) {
    const whole = Math.max(0, Math.ceil(seconds - 1e-6));
    const minutes = Math.floor(whole / 60);
    const rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  };

  P.timeWords = function (seconds, words) {
    if (seconds < 90) {
      const n = Math.max(0, Math.round(seconds));
      return P.fill(n === 1 ? words.second : words.seconds, { n: n });
    }
    return P.fill(words.minutes, { n: Math.round(seconds / 60) });
  };

  // Show what needs the script, hide what is only for pages without it.
  P.reveal = function (root) {
    root.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
    root.querySelectorAll(".no-js").forEach(function (el) { el.hidden = true; });
  };

  // Practice time: performance.now() since start(), less every pause.
  P.Clock = function () {
    this.startedAt = null;
    this.pausedTotal = 0;
    this.pausedAt = null;
  };
  P.Clock.prototype.start = function () {
    this.startedAt = performance.now();
    this.pausedTotal = 0;
    this.pausedAt = null;
  };
  P.Clock.prototype.elapsed = function () {
    if (this.startedAt === null) return 0;
    const now = this.pausedAt === null ? performance.now() : this.pausedAt;
    return Math.max(0, (now - this.startedAt - this.pausedTotal) / 1000);
  };
  P.Clock.prototype.pause = function () {
    if (this.pausedAt === null) this.pausedAt = performance.now();
  };
  P.Clock.prototype.resume = function () {
    if (this.pausedAt !== null) {
      this.pausedTotal += performance.now() - this.pausedAt;
      this.pausedAt = null;
    }
  };
  Object.defineProperty(P.Clock.prototype, "paused", {
    get: function () { return this.pausedAt !== null; },
  });

  P.canSpeak = function () {
    return "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  };
  P.speak = function (text) {
    if (!P.canSpeak()) return;
    window.speechSynthesis.cancel();
    const said = new SpeechSynthesisUtterance(text);
    said.rate = 0.9;
    window.speechSynthesis.speak(said);
  };
  P.hush = function () {
    if (P.canSpeak()) window.speechSynthesis.cancel();
  };

  // A soft two-tone bell (the same partials as kindvoice's audio), for steps with a chime
  // when the practice's own audio isn't playing.
  P.chime = function (context) {
    if (!context) return;
    const now = context.currentTime;
    [[528, 0.6], [660, 0.4]].forEach(function (partial) {
      const tone = context.createOscillator();
      const level = context.createGain();
      tone.frequency.value = partial[0];
      level.gain.setValueAtTime(0.0001, now);
      level.gain.exponentialRampToValueAtTime(0.2 * partial[1], now + 0.015);
      level.gain.exponentialRampToValueAtTime(0.0001, now + 1.5);
      tone.connect(level).connect(context.destination);
      tone.start(now);
      tone.stop(now + 1.5);
    });
  };
  P.audioContext = function () {
    const Context = window.AudioContext || window.webkitAudioContext;
    try {
      return Context ? new Context() : null;
    } catch (e) {
      return null;
    }
  };

  // Keep the screen on during a practice, where the browser allows it.
  P.stayAwake = async function () {
    try {
      if (navigator.wakeLock) return await navigator.wakeLock.request("screen");
    } catch (e) { /* not allowed here; the practice runs anyway */ }
    return null;
  };

  P.rating = function (id) {
    const input = document.getElementById(id);
    return input ? parseInt(input.value, 10) : undefined;
  };

  // The end of a practice: the "done" panel, saying how long it lasted.
  P.showDone = function (root, done, doneText, words, completed, actual) {
    done.hidden = false;
    root.dataset.state = "finished";
    doneText.textContent = P.fill(completed ? words.done : words.stopped, {
      time: P.timeWords(actual, words),
    });
    done.focus();
  };

  // The pause button and the page's state, paused or carrying on.
  P.showPaused = function (root, button, words, paused) {
    button.textContent = paused ? words.resume : words.pause;
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    root.dataset.state = paused ? "paused" : "running";
  };

  // Keeping the note: straight away, or after the "how do you feel now" question, and in
  // any case as the page goes away, so a session is never lost by closing the tab.
  // rated: what that question asks about (["stress"], ...); the page's box #o-rate asks it,
  // with the sliders f-b_<name>_before in #rate-before and f-b_<name>_after in #rate-after.
  P.Note = function (root, words, savedLine, saveButton, rated) {
    this.root = root;
    this.words = words;
    this.savedLine = savedLine;
    this.saveButton = saveButton;
    this.rated = rated;
    this.rateBox = document.getElementById("o-rate");
    this.rateAfter = document.getElementById("rate-after");
    this.body = null;
    this.sent = false;
    const note = this;
    const rateBefore = document.getElementById("rate-before");
    window.addEventListener("pagehide", function () { note.beacon(); });
    this.rateBox.addEventListener("change", function () { rateBefore.hidden = !note.rateBox.checked; });
    saveButton.addEventListener("click", function () {
      const extra = note.rateBox.checked ? note.ratings("after") : {};
      note.rateAfter.hidden = true;
      note.send(extra);
    });
  };
  P.Note.prototype.hold = function (body) {
    this.body = body;
  };
  // The ratings given "before" or "after": { stress_before: 4, ... }.
  P.Note.prototype.ratings = function (when) {
    const found = {};
    this.rated.forEach(function (name) {
      found[name + "_" + when] = P.rating("f-b_" + name + "_" + when);
    });
    return found;
  };
  // A finished practice's note: kept straight away, or held with the "before" ratings until
  // the "after" ones are given and Save is pressed.
  P.Note.prototype.keep = function (body) {
    if (this.rateBox.checked) {
      this.hold(Object.assign(body, this.ratings("before")));
      this.rateAfter.hidden = false;
      this.saveButton.hidden = false;
    } else {
      this.hold(body);
      this.send();
    }
  };
  P.Note.prototype.beacon = function () {
    if (this.sent || !this.body) return;
    this.sent = true;
    try {
      fetch("/api/v1/sessions", {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": kv.csrf() },
        body: JSON.stringify(this.body),
      });
    } catch (e) { /* nothing more to do as the page closes */ }
  };
  P.Note.prototype.send = async function (extra) {
    if (this.sent || !this.body) return;
    const body = Object.assign({}, this.body, extra || {});
    this.sent = true;
    this.saveButton.disabled = true;
    try {
      await kv.api("POST", "/sessions", body);
      this.savedLine.textContent = this.words.saved;
      this.saveButton.hidden = true;
      this.root.dataset.state = "saved";
    } catch (error) {
      this.sent = false;
      this.saveButton.disabled = false;
      this.saveButton.hidden = false;
      this.savedLine.textContent = this.words.save_failed;
    }
  };

  // --- a guided practice: the steps in time ------------------------------------------------

  function guided(root, data) {
    const words = data.words;
    const setup = document.getElementById("practice-setup");
    const now = document.getElementById("practice-now");
    const nowText = document.getElementById("practice-now-text");
    const nowQuiet = document.getElementById("practice-now-quiet");
    const left = document.getElementById("practice-left");
    const pauseButton = document.getElementById("practice-pause");
    const stopButton = document.getElementById("practice-stop");
    const startButton = document.getElementById("practice-start");
    const voiceBox = document.getElementById("o-voice");
    const voiceNote = document.getElementById("voice-note");
    const done = document.getElementById("practice-done");
    const doneText = document.getElementById("practice-done-text");
    const saveButton = document.getElementById("practice-save");
    const items = Array.prototype.slice.call(document.querySelectorAll("#practice-steps li"));
    const saved = document.getElementById("practice-saved");
    const note = new P.Note(root, words, saved, saveButton, ["stress", "kindness"]);

    let timeline = data.timeline;
    let total = data.total;
    let mode = "screen"; // "audio": the practice's own voice; "speech": the browser's
    let audio = null;
    let bells = null;
    let awake = null;
    const clock = new P.Clock();
    let shown = -1;
    const spoken = {};
    let running = false;
    let timer = null;

    function elapsed() {
      return mode === "audio" && audio ? audio.currentTime : clock.elapsed();
    }

    function stepAt(seconds) {
      for (let i = 0; i < timeline.length; i++) {
        if (seconds < timeline[i].end) return i;
      }
      return timeline.length - 1;
    }

    function tick() {
      if (!running) return;
      const e = elapsed();
      if (e >= total) {
        finish(true);
        return;
      }
      const index = stepAt(e);
      const step = timeline[index];
      if (index !== shown) {
        shown = index;
        nowText.textContent = step.text;
        items.forEach(function (li) {
          const here = Number(li.dataset.index) === index;
          li.classList.toggle("current", here);
          if (here) li.setAttribute("aria-current", "step");
          else li.removeAttribute("aria-current");
        });
        if (mode !== "audio" && step.cue === "chime") P.chime(bells);
      }
      if (mode === "speech" && !spoken[index] && e >= step.speech_start) {
        spoken[index] = true;
        P.speak(step.text);
      }
      nowQuiet.textContent = e >= step.pause_start && step.end > step.pause_start
        ? words.quiet + " · " + P.clockText(step.end - e) : "";
      left.textContent = P.fill(words.left, { time: P.clockText(total - e) });
      window.requestAnimationFrame(tick);
    }

    // The audio starts inside the click itself (browsers allow sound that a tap started);
    // its position then is the practice's clock, so words and voice stay together.
    async function prepareVoice(sound, playing) {
      voiceNote.textContent = words.preparing_voice;
      try {
        const found = await Promise.all([
          kv.api("GET", data.details_url.replace(/^\/api\/v1/, "")),
          playing,
        ]);
        const details = found[0];
        if (!details || !details.voiced) throw new Error("no voice");
        timeline = details.timeline;
        total = details.total_s;
        audio = sound;
        mode = "audio";
        audio.addEventListener("ended", function () { finish(true); });
        voiceNote.textContent = "";
      } catch (e) {
        sound.pause();
        mode = P.canSpeak() ? "speech" : "screen";
        voiceNote.textContent = mode === "speech" ? words.browser_voice : words.no_voice;
      }
    }

    async function start() {
      startButton.disabled = true;
      bells = P.audioContext();
      if (voiceBox.checked) {
        const sound = new Audio(data.audio_url);
        const playing = sound.play();
        await prepareVoice(sound, playing);
      }
      setup.hidden = true;
      now.hidden = false;
      root.dataset.state = "running";
      running = true;
      if (mode !== "audio") clock.start();
      awake = await P.stayAwake();
      pauseButton.focus();
      timer = window.setInterval(function () { if (running && document.hidden) tick(); }, 500);
      window.requestAnimationFrame(tick);
    }

    function togglePause() {
      if (!running) return;
      const pausing = !clock.paused && !(audio && audio.paused);
      if (pausing) {
        clock.pause();
        if (audio) audio.pause();
        if (P.canSpeak()) window.speechSynthesis.pause();
        nowQuiet.textContent = words.paused;
      } else {
        clock.resume();
        if (audio) audio.play().catch(function () {});
        if (P.canSpeak()) window.speechSynthesis.resume();
      }
      P.showPaused(root, pauseButton, words, pausing);
    }

    function finish(completed) {
      if (!running) return;
      running = false;
      const actual = Math.min(elapsed(), total);
      window.clearInterval(timer);
      if (audio) audio.pause();
      P.hush();
      if (awake) awake.release().catch(function () {});
      now.hidden = true;
      P.showDone(root, done, doneText, words, completed, actual);
      note.keep({
        practice: data.id,
        kind: "guided",
        planned_s: Math.round(total * 1000) / 1000,
        actual_s: Math.round(actual * 1000) / 1000,
        completed: completed,
      });
    }

    startButton.addEventListener("click", start);
    pauseButton.addEventListener("click", togglePause);
    stopButton.addEventListener("click", function () { finish(false); });
    P.reveal(root);
  }

  // --- a writing exercise: one part at a time --------------------------------------------

  function writing(form) {
    const panels = Array.prototype.slice.call(form.querySelectorAll(".write-panel"));
    const nav = form.querySelector(".write-nav");
    const back = document.getElementById("write-back");
    const next = document.getElementById("write-next");
    const rateBox = document.getElementById("f-rate");
    const groups = form.querySelectorAll(".rate-group");
    let current = 0;

    function showRatings() {
      groups.forEach(function (group) { group.hidden = !rateBox.checked; });
    }

    function soFar() {
      const texts = [];
      form.querySelectorAll("textarea[data-answer]").forEach(function (box) {
        if (box.value.trim()) texts.push(box.value.trim());
      });
      return texts;
    }

    function show(index, focus) {
      current = Math.max(0, Math.min(index, panels.length - 1));
      panels.forEach(function (panel, i) { panel.hidden = i !== current; });
      const panel = panels[current];
      panel.querySelectorAll(".so-far").forEach(function (box) {
        const texts = soFar();
        const target = box.querySelector(".so-far-text");
        target.replaceChildren();
        texts.forEach(function (text) {
          const p = document.createElement("p");
          p.textContent = text;
          target.appendChild(p);
        });
        box.hidden = texts.length === 0;
      });
      back.hidden = current === 0;
      next.hidden = current === panels.length - 1;
      if (focus) {
        const field = panel.querySelector("textarea");
        panel.setAttribute("tabindex", "-1");
        (field || panel).focus();
      }
    }

    async function forward() {
      const box = panels[current].querySelector("textarea[data-answer]");
      if (box && box.value.trim()) {
        next.disabled = true;
        try {
          const found = await kv.api("POST", "/practices/" + form.dataset.practice + "/screen", {
            text: box.value,
          });
          if (found && found.support) {
            // What was written is kept, and the support page comes straight away.
            form.submit();
            return;
          }
        } catch (e) { /* the answers are screened again when the form is sent */ }
        next.disabled = false;
      }
      show(current + 1, true);
    }

    rateBox.addEventListener("change", showRatings);
    back.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", forward);
    P.reveal(form);
    nav.hidden = false;
    showRatings();
    show(0, false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const root = document.getElementById("practice");
    const data = P.readJson("practice-data");
    if (root && data) guided(root, data);
    const form = document.getElementById("writing");
    if (form) writing(form);
  });
})();
