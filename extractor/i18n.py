"""The language of what people read: messages, help, views, sheet and table titles.

Texts are written in the code in English and wrapped in ``_()`` (gettext);
translations live in gettext catalogues under ``extractor/locale/<lang>/
LC_MESSAGES/extractor.po`` (compiled to ``.mo``). Ukrainian is the first
language: ``default_language`` gives ``uk`` unless the locale names another
language that has a catalogue (English is the language of the code itself).

What never changes with the language: contract field names, warning and
error codes, CSV column names, file names.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

#: gettext domain of the catalogues
DOMAIN = "extractor"
#: folder of the catalogues
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: languages offered (--lang); the first is the default
LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]
#: environment variables that name the user's locale, in the order gettext reads them
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

#: the language of the running command or request (a context variable: each thread and task has its own)
_language: ContextVar[str] = ContextVar("extractor_language", default=DEFAULT_LANGUAGE)


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``uk`` unless the locale says English (``LANG=en_US.UTF-8``); a locale without a language (C, POSIX) is ``uk``.

    The first locale variable that is set decides, as gettext reads them.
    """
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if not value:
            continue
        for item in value.split(":"):  # LANGUAGE may list several
            lang = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if lang in LANGUAGES:
                return lang
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang``; English (the code's own texts) needs none."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    """Make ``lang`` the language of every ``_()`` from now on (in this thread or task)."""
    translations(lang)  # refuse an unknown language here, not at the first message
    _language.set(lang)


def language() -> str:
    return _language.get()


@contextmanager
def using(lang: str):
    """Translate in ``lang`` inside the block (a view built for one request), then go back."""
    translations(lang)
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """The message in the current language."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_language.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the current language, where the same English word needs another translation by
    ``context`` (a status word in a log line and the same word in a summary)."""
    return translations(_language.get()).pgettext(context, message)


def NC_(context: str, message: str) -> tuple[str, str]:
    """``N_`` with a context: ``pgettext(*marked)`` translates it where it is shown."""
    return context, message


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; ``_()`` translates it where it is shown."""
    return message
