// kindvoice Breathe: the circle grows on the in-breath and shrinks on the out-breath, following
// the pacer's own schedule (in the page as JSON: every phase with its exact start and end).
// Each frame reads the practice clock (performance.now() since Start, less pauses) and finds
// the phase for that moment, so a late frame or a hidden tab never pushes anything back.
// With prefers-reduced-motion the circle stays still and its fill changes gently instead.
"use strict";
(function () {
  const SMALLEST = 0.55; // the circle's scale with empty lungs; 1 when full
  const TOP_UP_FROM = 0.75; // an in-breath followed by a top-up rises this far first

  // How full the circle is at the start and end of each step of the pattern (0 to 1).
  function levels(pattern) {
    const phases = pattern.phases;
    let level = 0;
    let found = [];
    for (let round = 0; round < 2; round++) { // twice: the first cycle starts where one ends
      found = phases.map(function (phase, i) {
        const next = phases[i + 1];
        let to = level;
        if (phase.kind === "inhale") to = next && next.top_up ? TOP_UP_FROM : 1;
        else if (phase.kind === "exhale") to = 0;
        const step = { from: level, to: to };
        level = to;
        return step;
      });
    }
    return found;
  }

  function ease(f) {
    return (1 - Math.cos(Math.PI * f)) / 2;
  }

  function vibration(kind) {
    if (kind === "inhale") return 40;
    if (kind === "exhale") return [20, 80, 20];
    return 15;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const kv = window.kv || {};
    const P = kv.practice;
    const root = document.getElementById("breathe");
    if (!P || !root) return;
    const schedule = P.readJson("schedule");
    const config = P.readJson("breathe-config");
    if (!schedule || !config || !schedule.phases.length) return;

    const words = config.words;
    const phases = schedule.phases;
    const total = schedule.total;
    const steps = levels(schedule.pattern);
    const reduced = kv.reducedMotion ? kv.reducedMotion() : false;

    const stage = document.getElementById("breath-stage");
    const shape = document.getElementById("breath-shape");
    const word = document.getElementById("breath-word");
    const count = document.getElementById("breath-count");
    const left = document.getElementById("breath-left");
    const setup = document.getElementById("breathe-setup");
    const about = document.getElementById("breathe-steps");
    const startButton = document.getElementById("breathe-start");
    const pauseButton = document.getElementById("breathe-pause");
    const stopButton = document.getElementById("breathe-stop");
    const speakBox = document.getElementById("o-speak");
    const vibrateBox = document.getElementById("o-vibrate");
    const voiceNote = document.getElementById("voice-note");
    const done = document.getElementById("breathe-done");
    const doneText = document.getElementById("breathe-done-text");
    const saveButton = document.getElementById("breathe-save");
    const saved = document.getElementById("breathe-saved");
    const note = new P.Note(root, words, saved, saveButton, ["stress"]);

    const clock = new P.Clock();
    let index = 0;
    let shown = -1;
    let running = false;
    let timer = null;
    let awake = null;
    let cues = null; // kind -> Audio, once the offline voice's cues have loaded
    let cueLoad = null;

    if ("vibrate" in navigator) document.getElementById("o-vibrate-row").hidden = false;

    // The cues in kindvoice's own voice, fetched once; the browser's voice if they can't be.
    function loadCues() {
      if (cueLoad) return cueLoad;
      voiceNote.textContent = words.preparing_voice;
      cueLoad = Promise.all(Object.keys(config.cues).map(function (kind) {
        return fetch(config.cues[kind], { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.blob();
        }).then(function (blob) {
          const sound = new Audio(URL.createObjectURL(blob));
          sound.preload = "auto";
          return [kind, sound];
        });
      })).then(function (pairs) {
        cues = {};
        pairs.forEach(function (pair) { cues[pair[0]] = pair[1]; });
        voiceNote.textContent = "";
      }).catch(function () {
        cues = null;
        voiceNote.textContent = P.canSpeak() ? words.browser_voice : words.no_voice;
      });
      return cueLoad;
    }
    speakBox.addEventListener("change", function () { if (speakBox.checked) loadCues(); });
    if (speakBox.checked) loadCues();

    function announce(phase) {
      word.textContent = phase.word;
      if (speakBox.checked) {
        const key = phase.top_up ? "top_up" : phase.kind;
        if (cues && cues[key]) {
          Object.keys(cues).forEach(function (k) { cues[k].pause(); });
          cues[key].currentTime = 0;
          cues[key].play().catch(function () {});
        } else if (cueLoad) {
          P.speak(phase.word);
        }
      }
      if (vibrateBox.checked && navigator.vibrate) navigator.vibrate(vibration(phase.kind));
    }

    function draw(e) {
      while (index < phases.length - 1 && e >= phases[index].end) index++;
      const phase = phases[index];
      const span = phase.end - phase.start;
      const f = span > 0 ? Math.min(Math.max((e - phase.start) / span, 0), 1) : 1;
      const level = steps[phase.step];
      const fullness = level.from + (level.to - level.from) * ease(f);
      if (reduced) {
        shape.style.opacity = String(0.3 + 0.7 * fullness);
      } else {
        shape.style.transform = "scale(" + (SMALLEST + (1 - SMALLEST) * fullness).toFixed(4) + ")";
      }
      if (index !== shown) {
        shown = index;
        announce(phase);
      }
      count.textContent = String(Math.max(1, Math.ceil(phase.end - e - 1e-6)));
      left.textContent = P.fill(words.left, { time: P.clockText(total - e) });
    }

    function tick() {
      if (!running) return;
      const e = clock.elapsed();
      if (e >= total) {
        finish(true);
        return;
      }
      if (!clock.paused) draw(e);
      window.requestAnimationFrame(tick);
    }

    async function start() {
      startButton.disabled = true;
      if (speakBox.checked) {
        // Browsers let a page play sound once a tap has started something: this one.
        if (P.canSpeak()) window.speechSynthesis.cancel();
        await loadCues();
      }
      setup.hidden = true;
      about.hidden = true;
      stage.hidden = false;
      root.dataset.state = "running";
      running = true;
      clock.start();
      draw(0);
      awake = await P.stayAwake();
      pauseButton.focus();
      // Frames stop in a hidden tab; this keeps the session (and its end) on time there too.
      timer = window.setInterval(function () { if (running && document.hidden) tick(); }, 500);
      window.requestAnimationFrame(tick);
    }

    function togglePause() {
      if (!running) return;
      if (clock.paused) {
        clock.resume();
        shown = -1; // say the phase again on carrying on
      } else {
        clock.pause();
        P.hush();
        if (cues) Object.keys(cues).forEach(function (k) { cues[k].pause(); });
        word.textContent = words.paused;
      }
      P.showPaused(root, pauseButton, words, clock.paused);
    }

    function finish(completed) {
      if (!running) return;
      running = false;
      const actual = Math.min(clock.elapsed(), total);
      window.clearInterval(timer);
      P.hush();
      if (awake) awake.release().catch(function () {});
      stage.hidden = true;
      P.showDone(root, done, doneText, words, completed, actual);
      note.keep({
        practice: config.practice,
        kind: "breathing",
        pattern: config.pattern,
        planned_s: Math.round(total * 1000) / 1000,
        actual_s: Math.round(actual * 1000) / 1000,
        completed: completed,
      });
    }

    startButton.addEventListener("click", start);
    pauseButton.addEventListener("click", togglePause);
    stopButton.addEventListener("click", function () { finish(false); });
    P.reveal(root);
  });
})();
