"""The one place user-visible text comes from: python-i18n over the YAML files in ``i18n/``.

Files are ``i18n/<namespace>.<locale>.yml`` with no locale root key. A key missing in the
current locale falls back to English and is logged; a key missing everywhere is logged and
shown as a readable placeholder, never as the raw key.
"""
from __future__ import annotations

import logging
from pathlib import Path

import i18n
import i18n.resource_loader
import i18n.translations

from adapters.i18n_files import I18N_DIR

LOCALES: tuple[str, ...] = ("fr", "nl", "en", "de", "it", "es")
FALLBACK_LOCALE = "en"

log = logging.getLogger(__name__)


class Translator:
    """Looks up i18n keys (``namespace.key.sub``) in the current locale."""

    def __init__(self, locale: str = FALLBACK_LOCALE, directory: Path = I18N_DIR) -> None:
        self._directory = directory
        # (namespace, locale) whose file was read: a missing key never rereads it (1,000
        # untranslated levels made ``levels check`` reread levels.fr.yml 3,000 times)
        self._searched: set[tuple[str, str]] = set()
        i18n.set("file_format", "yml")
        i18n.set("filename_format", "{namespace}.{locale}.{format}")
        i18n.set("skip_locale_root_data", True)
        i18n.set("enable_memoization", True)
        i18n.set("fallback", FALLBACK_LOCALE)
        i18n.set("error_on_missing_translation", False)
        if str(directory) not in i18n.load_path:
            i18n.load_path.append(str(directory))
        self._locale = FALLBACK_LOCALE
        self.set_locale(locale)

    @property
    def locale(self) -> str:
        return self._locale

    def set_locale(self, locale: str) -> None:
        if locale not in LOCALES:
            log.warning("unknown locale %r, using %s", locale, FALLBACK_LOCALE)
            locale = FALLBACK_LOCALE
        self._locale = locale
        i18n.set("locale", locale)

    def has(self, key: str, locale: str | None = None) -> bool:
        """Whether ``key`` exists in ``locale`` itself (no fallback)."""
        locale = locale or self._locale
        if i18n.translations.has(key, locale):
            return True
        file = (key.split(".", 1)[0], locale)
        if file not in self._searched:
            self._searched.add(file)
            i18n.resource_loader.search_translation(key, locale)
        return bool(i18n.translations.has(key, locale))

    def has_all(self, key: str) -> bool:
        """Whether ``key`` exists in every locale (level texts, checked by ``levels check``)."""
        return all(self.has(key, locale) for locale in LOCALES)

    def t(self, key: str, **params: object) -> str:
        """The text for ``key`` in the current locale, with ``params`` filled in.

        Placeholders are written ``%{name}``. A ``count`` parameter selects the plural form
        from the ``zero``/``one``/``many`` sub-keys.
        """
        if self.has(key):
            return str(i18n.t(key, locale=self._locale, **params))
        if self.has(key, FALLBACK_LOCALE):
            log.warning("missing translation %s for %s, using English", key, self._locale)
            return str(i18n.t(key, locale=FALLBACK_LOCALE, **params))
        log.error("missing translation %s in every locale", key)
        return "…"
