"""Work types, categories and enactment tags, loaded from TOML data.

The default taxonomy ships in ``peerdesk/resources/taxonomy.toml`` (the repo's
``resources/`` folder) and is read through :mod:`importlib.resources`, so the
same code finds it in an editable install, a wheel and a frozen bundle.

An organisation's own file has the same shape. By default it *extends* the
default taxonomy: it may add work types, categories and tags, and reword the
labels and descriptions of existing ones, but it cannot move a key to another
work type. With ``extends = "none"`` it replaces the default entirely; the
caller then checks that no stored entry uses a key the file dropped
(:meth:`Taxonomy.missing_keys`).

Each text may be given in the other languages PeerDesk speaks beside the English one:
``label_fr``, ``description_fr``, ``guide_fr`` (and ``guide_intro_fr``). ``.label``,
``.description``, ``.guide``, :meth:`Taxonomy.category_label` and :attr:`Taxonomy.guide_intro`
are in the user's language (:func:`peerdesk.i18n.language`), each falling back to the English
one where the file gives none; ``.english_label`` … are the file's English, and ``label_in(lang)``
… any language's. Keys never change with the language. A file that rewords an English text
without its translation drops the older translation of that text (a translation that says
something else than the English is worse than none): reword both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, _, language

if TYPE_CHECKING:
    from ..parse_cache import ParseCache

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
DEFAULT_RESOURCE = "taxonomy.toml"
# the languages a taxonomy file may give texts in beside English: label_fr, description_fr, …
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
TEXTS = ("label", "description", "guide")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; says which file, line and why."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Wording:
    """An item's texts in one language ("" where the file gives none)."""

    label: str = ""
    description: str = ""
    guide: str = ""


Translations = tuple[tuple[str, Wording], ...]  # ((language, its texts), …): the languages beside English


class _Worded:
    """The label, description and guide of a work type, category or tag, in any language."""

    english_label: str
    english_description: str
    english_guide: str
    translations: Translations

    def translation(self, lang: str) -> Wording:
        """The texts the file gives in *lang* ("" for each it does not give); English: the English."""
        if lang == SOURCE_LANGUAGE:
            return Wording(self.english_label, self.english_description, self.english_guide)
        return next((w for code, w in self.translations if code == lang), Wording())

    def label_in(self, lang: str) -> str:
        return self.translation(lang).label or self.english_label

    def description_in(self, lang: str) -> str:
        return self.translation(lang).description or self.english_description

    def guide_in(self, lang: str) -> str:
        return self.translation(lang).guide or self.english_guide

    @property
    def label(self) -> str:
        """In the user's language (the English one where there is no translation)."""
        return self.label_in(language())

    @property
    def description(self) -> str:
        return self.description_in(language())

    @property
    def guide(self) -> str:
        return self.guide_in(language())


@dataclass(frozen=True)
class WorkType(_Worded):
    key: str
    english_label: str
    english_description: str = ""
    english_guide: str = ""
    translations: Translations = ()


@dataclass(frozen=True)
class Category(_Worded):
    key: str
    work_type: str
    english_label: str
    english_description: str = ""
    english_guide: str = ""
    codes: tuple[tuple[str, str], ...] = ()  # the organisation's reporting codes: (system, code), e.g. ("ohrs", "450")
    translations: Translations = ()


@dataclass(frozen=True)
class Tag(_Worded):
    key: str
    english_label: str
    english_description: str = ""
    english_guide: str = ""
    translations: Translations = ()


@dataclass(frozen=True)
class Taxonomy:
    work_types: dict[str, WorkType]
    categories: dict[str, Category]
    tags: dict[str, Tag]
    source: str = ""
    origins: tuple[str, ...] = field(default_factory=tuple)
    english_guide_intro: str = ""
    translated_guide_intros: tuple[tuple[str, str], ...] = ()  # ((language, text), …)

    def categories_of(self, work_type: str) -> list[Category]:
        return [c for c in self.categories.values() if c.work_type == work_type]

    def work_type_of(self, category_key: str) -> str:
        return self.categories[category_key].work_type

    def category_label(self, category_key: str) -> str:
        """The category's label in the user's language; the key itself for a key it does not know."""
        cat = self.categories.get(category_key)
        return cat.label if cat else category_key

    def guide_intro_in(self, lang: str) -> str:
        found = next((text for code, text in self.translated_guide_intros if code == lang), "")
        return found or self.english_guide_intro

    @property
    def guide_intro(self) -> str:
        """The role guide's introduction in the user's language."""
        return self.guide_intro_in(language())

    def missing_keys(self, used: set[str] | dict[str, int]) -> list[str]:
        """Category keys in use (e.g. by stored entries) that this taxonomy lacks."""
        return sorted(k for k in used if k not in self.categories)


# ---------------------------------------------------------------- loading


def load_default(*, cache: ParseCache | None = None) -> Taxonomy:
    """The built-in taxonomy (its TOML parsed, or taken from *cache* when it holds this very text)."""
    text = resources.files("peerdesk.resources").joinpath(DEFAULT_RESOURCE).read_text("utf-8")
    return _build(_parse(text, "taxonomy.toml (built in)", cache), text, "taxonomy.toml (built in)", None)


def load(path: str | Path | None = None, *, cache: ParseCache | None = None) -> Taxonomy:
    """The default taxonomy, extended or replaced by the file at *path*; each file's TOML is
    taken from *cache* when it holds the data of that very text, and kept there once parsed."""
    base = load_default(cache=cache)
    if path is None:
        return base
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise TaxonomyError(source, None, _("file not found")) from None
    except UnicodeDecodeError as exc:
        raise TaxonomyError(source, _line_at(path.read_bytes(), exc.start), _("not UTF-8 text")) from None
    except OSError as exc:
        raise TaxonomyError(source, None, _("cannot be read ({reason})").format(reason=exc.strerror)) from None
    data = _parse(text, source, cache)
    extends = data.get("extends", "default")
    if extends not in ("default", "none"):
        raise TaxonomyError(source, _line_of(text, "extends"), _('extends must be "default" or "none"'))
    return _build(data, text, source, base if extends == "default" else None)


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _parse(text: str, source: str, cache: ParseCache | None = None) -> dict[str, Any]:
    if cache is not None and (kept := cache.get(source, text)) is not None:
        return kept
    import tomllib  # (2 ms to import, and only needed when the cache has not this text)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)  # tomllib's own words, in English
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        if m:
            why = _("not valid TOML: {reason} (column {column})").format(reason=reason, column=m.group(2))
        else:
            why = _("not valid TOML: {reason}").format(reason=reason)
        raise TaxonomyError(source, line, why) from None
    except RecursionError:
        raise TaxonomyError(
            source, None, _("nested too deeply to be a taxonomy (lists or tables inside each other)")) from None
    if cache is not None:
        cache.put(source, text, data)
    return data


def _line_of(text: str, *needles: str) -> int | None:
    """Best-effort line number of a table header or key, for error messages."""
    for needle in needles:
        # [ \t]*, not \s*: \s would run across blank lines and report an earlier line.
        pattern = re.compile(r"^[ \t]*(\[[ \t]*)?" + re.escape(needle).replace(r"\.", r"[ \t]*\.[ \t]*") + r"\b", re.M)
        m = pattern.search(text)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None


def _table(data: dict[str, Any], name: str, text: str, source: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise TaxonomyError(source, _line_of(text, name), _("'{name}' must be a table of entries").format(name=name))
    return value


def _str(item: dict[str, Any], key: str, where: str, text: str, source: str, required: bool) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise TaxonomyError(
                source, _line_of(text, where), _("[{where}] needs a '{key}'").format(where=where, key=key))
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise TaxonomyError(
            source, _line_of(text, where), _("[{where}] {key} must be non-empty text").format(where=where, key=key))
    return value.strip()


def _worded(item: dict[str, Any], where: str, text: str, source: str, old: _Worded | None) -> tuple[
        str, str, str, Translations]:
    """An item's English label, description and guide, and their translations (label_fr …): each
    the file's, else the older file's (the default's); a text reworded in English without its
    translation loses the older translation."""
    english, reworded = [], set()
    for name in TEXTS:
        given = _str(item, name, where, text, source, required=name == "label" and old is None)
        before = getattr(old, "english_" + name) if old is not None else ""
        english.append(given or before or (where.rsplit(".", 1)[-1] if name == "label" else ""))
        if given and given != before:
            reworded.add(name)
    translations = []
    for code in TRANSLATED:
        texts = []
        for name in TEXTS:
            given = _str(item, f"{name}_{code}", where, text, source, False)
            kept = "" if old is None or name in reworded else getattr(old.translation(code), name)
            texts.append(given or kept)
        if any(texts):
            translations.append((code, Wording(*texts)))
    return english[0], english[1], english[2], tuple(translations)


def _build(data: dict[str, Any], text: str, source: str, base: Taxonomy | None) -> Taxonomy:
    work_types: dict[str, WorkType] = dict(base.work_types) if base else {}
    categories: dict[str, Category] = dict(base.categories) if base else {}
    tags: dict[str, Tag] = dict(base.tags) if base else {}

    for key, item in _table(data, "work_types", text, source).items():
        where = f"work_types.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), _("[{where}] must be a table").format(where=where))
        label, description, guide, translations = _worded(item, where, text, source, work_types.get(key))
        work_types[key] = WorkType(key, label, description, guide, translations)

    for key, item in _table(data, "categories", text, source).items():
        where = f"categories.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), _("[{where}] must be a table").format(where=where))
        old_cat = categories.get(key)
        wt = _str(item, "work_type", where, text, source, required=old_cat is None)
        wt = wt or (old_cat.work_type if old_cat else "")
        if wt not in work_types:
            known = ", ".join(work_types) or _("none")
            raise TaxonomyError(
                source, _line_of(text, where),
                _("[{where}] work_type '{work_type}' is not defined (known: {known})").format(
                    where=where, work_type=wt, known=known),
            )
        if old_cat is not None and wt != old_cat.work_type:
            raise TaxonomyError(
                source,
                _line_of(text, where),
                _("[{where}] is a '{work_type}' category; a key's work type cannot change "
                  "(add a new key instead)").format(where=where, work_type=old_cat.work_type),
            )
        label, description, guide, translations = _worded(item, where, text, source, old_cat)
        categories[key] = Category(
            key, wt, label, description, guide,
            _codes(item, where, text, source) or (old_cat.codes if old_cat else ()),
            translations,
        )

    for key, item in _table(data, "tags", text, source).items():
        where = f"tags.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), _("[{where}] must be a table").format(where=where))
        label, description, guide, translations = _worded(item, where, text, source, tags.get(key))
        tags[key] = Tag(key, label, description, guide, translations)

    if not categories:
        raise TaxonomyError(source, None, _("defines no categories"))
    for wt in work_types:
        if not any(c.work_type == wt for c in categories.values()):
            raise TaxonomyError(source, _line_of(text, f"work_types.{wt}"),
                                _("work type '{work_type}' has no categories").format(work_type=wt))

    origins = (base.origins if base else ()) + (source,)
    source_text, intro_text = data.get("source"), data.get("guide_intro")
    label = source_text if isinstance(source_text, str) else (base.source if base else "")
    intro = intro_text if isinstance(intro_text, str) else (base.english_guide_intro if base else "")
    intros = []
    for code in TRANSLATED:
        given = data.get(f"guide_intro_{code}")
        if isinstance(given, str) and given.strip():
            intros.append((code, given.strip()))
        elif base is not None and intro.strip() == base.english_guide_intro:  # the English kept: its translation too
            intros += [(c, t) for c, t in base.translated_guide_intros if c == code]
    return Taxonomy(work_types, categories, tags, label, origins, intro.strip(), tuple(intros))


def _check_key(key: str, where: str, text: str, source: str) -> None:
    if not KEY_RE.match(key):
        raise TaxonomyError(
            source,
            _line_of(text, where),
            _("'{key}' is not a valid key (lower-case letters, digits and _, starting with a letter)").format(key=key),
        )


def _codes(item: dict, where: str, text: str, source: str) -> tuple[tuple[str, str], ...]:
    """``codes = { ohrs = "450", hcpcs = "H0038" }``: the category's reporting codes, by system."""
    codes = item.get("codes")
    if codes is None:
        return ()
    if not isinstance(codes, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                              for k, v in codes.items()):
        raise TaxonomyError(source, _line_of(text, where),
                            _("[{where}] codes must be a table of reporting systems and codes, "
                              'e.g. codes = {{ ohrs = "450" }}').format(where=where))
    return tuple(sorted((k, v.strip()) for k, v in codes.items()))
