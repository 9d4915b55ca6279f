"""The web app's sentences: the Settings page: reminders, export, import, forget, country, voice, theme.

Keys start with ``web.``; they join ``MESSAGES`` in ``messages/__init__.py``.
"""

from __future__ import annotations

WEB: dict[str, str] = {}
