// kindvoice: small enhancements on top of pages that work without scripts.
// - range sliders show their number as they move;
// - kv.api(): JSON calls to /api/v1 carrying the CSRF token from the page's meta tag.
"use strict";
(function () {
  const kv = (window.kv = window.kv || {});
  kv.csrf = function () {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  };
  kv.api = async function (method, path, body) {
    const options = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (method !== "GET") options.headers["X-CSRF-Token"] = kv.csrf();
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch("/api/v1" + path, options);
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((data && data.error && data.error.message) || response.statusText);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  };
  kv.reducedMotion = function () {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  };
  function wireSliders(root) {
    root.querySelectorAll('input[type="range"][data-output]').forEach(function (input) {
      const output = document.getElementById(input.dataset.output);
      if (!output) return;
      const show = function () { output.textContent = input.value; };
      input.addEventListener("input", show);
      show();
    });
  }
  kv.wireSliders = wireSliders;
  // Hosted mode: keep the person's time zone current, so their days begin at their midnight.
  function keepTimeZone() {
    const root = document.documentElement;
    if (!root.hasAttribute("data-timezone") || !window.Intl) return;
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!here || here === root.getAttribute("data-timezone")) return;
    kv.api("PUT", "/settings", { timezone: here }).then(
      function () { root.setAttribute("data-timezone", here); },
      function () { /* an unknown zone keeps the server's; nothing to tell the person */ }
    );
  }
  document.addEventListener("DOMContentLoaded", function () {
    wireSliders(document);
    keepTimeZone();
    const errors = document.querySelector(".errors[role=alert]");
    if (errors) errors.focus();
  });
})();
