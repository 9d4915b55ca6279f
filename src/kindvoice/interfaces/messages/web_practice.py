"""The web app's sentences: Breathe and Practices pages.

Keys start with ``web.``; they join ``MESSAGES`` in ``messages/__init__.py``.
"""

from __future__ import annotations

WEB: dict[str, str] = {}
