"""Daylio's note HTML as plain text a journal can keep.

Daylio stores notes with a little formatting: ``<br>`` line breaks, ``<b>``/``<i>``/``<u>``,
lists (``<ul><li>``), paragraphs and ``<div>``s, and entities such as ``&amp;``. kindvoice keeps
plain text, so breaks and blocks become line breaks, list items become "• " lines, every
other tag is dropped (its words kept), and entities are decoded. Nothing is ever run or
fetched: this only reads the markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags that end a line where they start (a break) or where they open and close (blocks).
_BREAKS = frozenset({"br", "hr"})
_BLOCKS = frozenset({"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
# Whose words are never shown: code and styling, not writing.
_HIDDEN = frozenset({"script", "style"})
# Inline styling: the tag goes, its words stay. Anything not named in these sets isn't
# formatting Daylio writes, so it is kept as typed ("<grin>" in an older, plain note).
_INLINE = frozenset(
    {"b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "span", "font", "a", "sub", "sup"}
)
_KNOWN = _BREAKS | _BLOCKS | _HIDDEN | _INLINE | {"li"}
_BULLET = "• "
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_BREAKS = re.compile(r"\n{3,}")


class _Collector(HTMLParser):
    """Gathers the text of a fragment, turning breaks, blocks and list items into lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def _new_line(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")
        elif tag == "li":
            self._new_line()
            self.parts.append(_BULLET)
        elif tag in _BLOCKS:
            self._new_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN:
            self.handle_data(self.get_starttag_text() or "")
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _KNOWN:
            self.handle_data(f"</{tag}>")
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS or tag == "li":
            self._new_line()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Plain text for a Daylio note or title: lines kept, tags dropped, entities decoded.

    Text without any markup comes back as it was (trimmed); its own line breaks stay.
    """
    if "<" not in value and "&" not in value:
        return value.strip()
    collector = _Collector()
    collector.feed(value)
    collector.close()
    text = "".join(collector.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()
