// kindvoice: Write, Edit and Reflect, a little easier with a script (they all work without).
// - as the thought is typed, a quiet look at it (POST /api/v1/analyze), read out politely;
//   crisis language shows a calm support box at once;
// - "Add another feeling" on the thought record;
// - on Reflect, a picked suggestion fills the kinder-words box, and the "after" belief
//   follows the "before" one until it's moved.
// Every sentence comes from the page (the message catalog), never from this file.
"use strict";
(function () {
  const DEBOUNCE_MS = 400;

  function liveAnalysis(form) {
    const region = document.getElementById("live");
    const thought = form.querySelector('[name="thought"]');
    const situation = form.querySelector('[name="situation"]');
    const lines = document.getElementById("live-lines");
    const support = document.getElementById("live-support");
    if (!region || !thought || !lines || !support || !window.kv) return;
    region.hidden = false;
    let timer = null;
    let asked = 0;
    let shown = "";

    function show(texts, crisis) {
      const key = JSON.stringify([texts, crisis]);
      if (key === shown) return; // say nothing twice: the region is read aloud
      shown = key;
      lines.replaceChildren();
      texts.forEach(function (text) {
        const item = document.createElement("li");
        item.textContent = text;
        lines.appendChild(item);
      });
      lines.hidden = crisis || texts.length === 0;
      support.hidden = !crisis;
    }

    async function look() {
      const words = thought.value.trim();
      const mine = ++asked;
      if (!words) {
        show([], false);
        return;
      }
      region.setAttribute("aria-busy", "true");
      try {
        const found = await window.kv.api("POST", "/analyze", {
          thought: words,
          situation: situation ? situation.value.trim() : "",
        });
        if (mine !== asked) return; // a newer look is on its way
        if (found.crisis) {
          show([], true);
        } else {
          show(found.noticed.length ? found.noticed : [region.dataset.nothing], false);
        }
      } catch (error) {
        if (mine !== asked) return;
        // Too long or not yet readable: the form will say so on Save; otherwise a quiet line.
        show(error.status === 422 ? [] : [region.dataset.unavailable], false);
      } finally {
        if (mine === asked) region.removeAttribute("aria-busy");
      }
    }

    function soon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(look, DEBOUNCE_MS);
    }
    thought.addEventListener("input", soon);
    if (situation) situation.addEventListener("input", soon);
    if (thought.value.trim()) look();
  }

  function moreFeelings(form) {
    const button = form.querySelector("[data-add-feeling]");
    const rows = form.querySelector("[data-feeling-rows]");
    if (!button || !rows) return;
    const MAX_ROWS = 20;
    button.hidden = false;
    button.addEventListener("click", function () {
      const all = rows.querySelectorAll(".feeling-row");
      if (all.length >= MAX_ROWS) return;
      const number = all.length + 1;
      const row = all[all.length - 1].cloneNode(true);
      const name = button.dataset.nameLabel.replace("{n}", String(number));
      row.querySelectorAll("input").forEach(function (input) {
        const kind = input.name === "feeling" ? "feeling" : "intensity";
        input.id = "f-" + kind + "-" + number;
        input.value = "";
      });
      const labels = row.querySelectorAll("label");
      const before = labels[0].textContent;
      labels[0].htmlFor = "f-feeling-" + number;
      labels[0].textContent = name;
      labels[1].htmlFor = "f-intensity-" + number;
      const hidden = labels[1].querySelector(".sr-only");
      if (hidden) hidden.textContent = hidden.textContent.replace(before, name);
      rows.appendChild(row);
      row.querySelector("input").focus();
      if (number >= MAX_ROWS) button.hidden = true;
    });
  }

  function reflect(form) {
    const own = form.querySelector('[name="own"]');
    let filled = "";
    form.querySelectorAll('input[name="choice"]').forEach(function (choice) {
      choice.addEventListener("change", function () {
        if (!own || !choice.checked) return;
        // Only replace words the script put there, never the person's own.
        if (own.value.trim() !== "" && own.value !== filled) return;
        const source = choice.dataset.suggestion && document.getElementById(choice.dataset.suggestion);
        filled = source ? source.value : "";
        own.value = filled;
      });
    });
    const before = form.querySelector('[name="belief_before"]');
    const after = form.querySelector('[name="belief_after"]');
    if (before && after) {
      let moved = false;
      after.addEventListener("input", function () { moved = true; });
      before.addEventListener("input", function () {
        if (moved) return;
        after.value = before.value;
        after.dispatchEvent(new Event("input"));
        moved = false;
      });
    }
    form.querySelectorAll('input[type="checkbox"][name^="skip_"]').forEach(function (skip) {
      const slider = form.querySelector('[name="' + skip.name.slice(5) + '"]');
      if (!slider) return;
      const sync = function () { slider.disabled = skip.checked; };
      skip.addEventListener("change", sync);
      sync();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-live-analysis]").forEach(function (form) {
      liveAnalysis(form);
      moreFeelings(form);
    });
    const reframe = document.getElementById("reframe-form");
    if (reframe) reflect(reframe);
  });
})();
