"""The report as one self-contained HTML page.

Everything is inside the file: the charts as base64 PNG images, the styles inline,
no scripts, no fonts or links that would load anything (a Content-Security-Policy
says so to the browser too). Each section and chart has a stable id
(``section-critic``, ``chart-critic``, ``few-critic``) for tests and for anyone
who wants to link to a part of the page.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.report.sections import ChartSlot, Section, sections

if TYPE_CHECKING:
    from kindvoice.services.insights import Insights

COMMAND = re.compile(r"`([^`]+)`")

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
:root {
  color-scheme: light dark;
  --page: #f6f4f1; --card: #fbfaf8; --ink: #3f3a4a; --soft: #6f6a78;
  --accent: #6b4fc0; --line: #e6e3ea;
}
@media (prefers-color-scheme: dark) {
  :root {
    --page: #141318; --card: #1e1c24; --ink: #e7e4ee; --soft: #aaa5b6;
    --accent: #b9a6ee; --line: #34313c;
  }
  img { filter: brightness(0.9); }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  font-size: 17px; line-height: 1.6;
}
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
header p, section p { max-width: 65ch; }
h1 { color: var(--accent); font-size: 1.9rem; font-weight: 600; margin: 0 0 0.25rem; }
h2 { color: var(--accent); font-size: 1.3rem; font-weight: 600; margin: 0 0 0.75rem; }
p { margin: 0 0 0.8rem; }
.period, .note, .few, .shows, footer { color: var(--soft); }
.shows { font-size: 0.95rem; margin-top: 1.2rem; }
.few { font-style: italic; }
section {
  background: var(--card); border: 1px solid var(--line); border-radius: 16px;
  padding: 1.5rem 1.5rem 1rem; margin: 1.5rem 0;
}
figure { margin: 0 0 1rem; }
img { display: block; width: 100%; max-width: 800px; height: auto; border-radius: 10px; }
footer { font-size: 0.95rem; margin-top: 2rem; }
code {
  font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.92em;
  background: var(--line); border-radius: 6px; padding: 0.05em 0.35em;
}
@media (max-width: 480px) {
  main { padding: 1.5rem 0.75rem 2rem; }
  section { padding: 1.1rem 1rem 0.5rem; border-radius: 12px; }
}
"""


def render_html(found: Insights, charts: Mapping[str, bytes | None]) -> str:
    """The whole report page: a heading, the "patterns, not causes" note, then each
    insight's plain sentences and its chart (``charts[name]``, PNG bytes), or a kind
    line saying how much there is and how much the chart needs."""
    today = found.today.strftime("%d %b %Y")
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="robots" content="noindex">',
        f"<title>{escape(m.say('report.page_title'))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header id="top">',
        f"<h1>{escape(m.say('report.heading'))}</h1>",
        _p(m.say("report.period", weeks=found.weeks, today=today), "period"),
        _p(m.say("insights.about"), "note", "about"),
        "</header>",
    ]
    for section in sections(found):
        parts.append(_section(section, charts))
    parts.extend(
        [
            "<footer>",
            _p(m.say("report.private")),
            _p(m.say("report.support")),
            _p(m.say("report.made", today=today)),
            "</footer>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
    return "\n".join(parts)


def inline(text: str) -> str:
    """A catalog sentence as HTML: escaped, with `a command` set as code."""
    return COMMAND.sub(r"<code>\1</code>", escape(text))


def _p(text: str, css: str = "", ident: str = "") -> str:
    attributes = (f' id="{ident}"' if ident else "") + (f' class="{css}"' if css else "")
    return f"<p{attributes}>{inline(text)}</p>"


def _section(section: Section, charts: Mapping[str, bytes | None]) -> str:
    parts = [
        f'<section id="section-{section.key}" aria-labelledby="title-{section.key}">',
        f'<h2 id="title-{section.key}">{escape(section.title)}</h2>',
    ]
    if section.about:
        parts.append(_p(section.about, "note"))
    parts.extend(_p(sentence, "summary") for sentence in section.summary)
    if section.few:
        parts.append(_p(section.few, "few", f"few-{section.key}"))
    for slot in section.slots:
        parts.append(_chart(slot, charts.get(slot.name), section))
    parts.extend(_p(note, "note") for note in section.notes)
    parts.append("</section>")
    return "\n".join(parts)


def _chart(slot: ChartSlot, png: bytes | None, section: Section) -> str:
    if png is None:
        return _p(slot.few, "few", f"few-{slot.name}")
    summary = section.summary[0] if section.summary else slot.shows
    alt = m.say("report.alt", title=slot.title, summary=summary)
    data = base64.b64encode(png).decode("ascii")
    return "\n".join(
        [
            _p(slot.shows, "shows"),
            "<figure>",
            f'<img id="chart-{slot.name}" src="data:image/png;base64,{data}" alt="{escape(alt)}">',
            "</figure>",
        ]
    )
