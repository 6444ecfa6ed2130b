"""PeerDesk's own words in the user's language (Qt-free: the domain and the command line use it too).

Strings are marked for translation with :func:`_` (translated when called) or :func:`N_` (a
constant kept in English and translated where it is shown: ``_(MODES[key])``), plural ones with
:func:`ngettext`. Babel extracts them (``python packaging/translations.py``) into
``resources/locale/peerdesk.pot``; ``resources/locale/LANG/LC_MESSAGES/peerdesk.po`` holds a
language's translations and ``peerdesk.mo`` their compiled form, which the standard library's
``gettext`` reads at run time. tests/i18n keeps the compiled catalogue current with its source,
and fails on a string shown unmarked or a French translation missing.

The language is the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then the
locale), unless the ``language`` setting or ``--lang`` says otherwise. The files PeerDesk writes
for other programs (the CSV contract's column names and keys) never change with it.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache
from pathlib import Path

DOMAIN = "peerdesk"
LANGUAGES = {"en": "English", "fr": "Français"}
SOURCE_LANGUAGE = "en"

_state: dict[str, object] = {"language": SOURCE_LANGUAGE, "catalogue": gettext.NullTranslations()}


def locale_dir() -> Path:
    from importlib.resources import files

    return Path(str(files("peerdesk.resources") / "locale"))


def system_language() -> str:
    """The language of the user's session, if PeerDesk speaks it; else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        for part in value.split(":"):
            found = known(part)
            if found:
                return found
        if value and value not in ("C", "POSIX"):
            break
    try:
        code = locale.getlocale(locale.LC_MESSAGES if hasattr(locale, "LC_MESSAGES") else locale.LC_CTYPE)[0]
    except (ValueError, TypeError):
        code = None
    return known(code or "") or SOURCE_LANGUAGE


def known(code: str | None) -> str | None:
    """``fr_CA.UTF-8`` → ``fr``; None when PeerDesk does not speak it."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True)


def set_language(language: str | None = None) -> str:
    """Speak *language* (``fr``, ``en``; the system's when None or unknown) from now on; which one."""
    chosen = known(language) or system_language()
    _state["language"] = chosen
    _state["catalogue"] = _catalogue(chosen)
    return chosen


def language() -> str:
    return str(_state["language"])


def _(message: str) -> str:
    """*message* in the current language (itself when it has no translation)."""
    return _state["catalogue"].gettext(message)  # type: ignore[attr-defined]


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state["catalogue"].ngettext(singular, plural, n)  # type: ignore[attr-defined]


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Marks *message* for translation where it is defined; it is translated where shown."""
    return message
