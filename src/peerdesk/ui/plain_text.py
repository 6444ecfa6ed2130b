"""Text that comes from files (a taxonomy's labels and descriptions, worker names and file names
in exports under review) is shown as the text it is, never as markup.

Qt takes anything that looks like a tag as rich text in a label or a tooltip, and QtCharts
draws every title, axis label, legend entry and slice label as HTML: a label written
``<img src="/path">`` loaded a local file, ``<a href>`` drew a link. Each kind of place gets
the text in the form that shows it literally.
"""

from __future__ import annotations


def escaped(text: str) -> str:
    """*text* with ``&``, ``<`` and ``>`` as entities (``html.escape(text, quote=False)``, without
    the html package's import, 2 ms of entity tables, before the first week is shown)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tip(text: str) -> str:
    """A tooltip that shows *text* exactly, line breaks kept."""
    if not text:
        return text
    return "<qt>" + escaped(text).replace("\n", "<br>") + "</qt>"


def chart(text: str) -> str:
    """*text* for a QtCharts title, axis label, legend entry or slice label."""
    return escaped(text)


def button(text: str) -> str:
    """*text* for a check box or button, where ``&`` would mark the Alt+letter."""
    return text.replace("&", "&&")
