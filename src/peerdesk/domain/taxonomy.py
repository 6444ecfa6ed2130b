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
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
DEFAULT_RESOURCE = "taxonomy.toml"


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; says which file, line and why."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class WorkType:
    key: str
    label: str
    description: str = ""
    guide: str = ""


@dataclass(frozen=True)
class Category:
    key: str
    work_type: str
    label: str
    description: str = ""
    guide: str = ""
    codes: tuple[tuple[str, str], ...] = ()  # the organisation's reporting codes: (system, code), e.g. ("ohrs", "450")


@dataclass(frozen=True)
class Tag:
    key: str
    label: str
    description: str = ""
    guide: str = ""


@dataclass(frozen=True)
class Taxonomy:
    work_types: dict[str, WorkType]
    categories: dict[str, Category]
    tags: dict[str, Tag]
    source: str = ""
    origins: tuple[str, ...] = field(default_factory=tuple)
    guide_intro: str = ""

    def categories_of(self, work_type: str) -> list[Category]:
        return [c for c in self.categories.values() if c.work_type == work_type]

    def work_type_of(self, category_key: str) -> str:
        return self.categories[category_key].work_type

    def category_label(self, category_key: str) -> str:
        cat = self.categories.get(category_key)
        return cat.label if cat else category_key

    def missing_keys(self, used: set[str] | dict[str, int]) -> list[str]:
        """Category keys in use (e.g. by stored entries) that this taxonomy lacks."""
        return sorted(k for k in used if k not in self.categories)


# ---------------------------------------------------------------- loading


def load_default() -> Taxonomy:
    text = resources.files("peerdesk.resources").joinpath(DEFAULT_RESOURCE).read_text("utf-8")
    return _build(_parse(text, "taxonomy.toml (built in)"), text, "taxonomy.toml (built in)", None)


def load(path: str | Path | None = None) -> Taxonomy:
    """The default taxonomy, extended or replaced by the file at *path*."""
    base = load_default()
    if path is None:
        return base
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise TaxonomyError(source, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise TaxonomyError(source, _line_at(path.read_bytes(), exc.start), "not UTF-8 text") from None
    except OSError as exc:
        raise TaxonomyError(source, None, f"cannot be read ({exc.strerror})") from None
    data = _parse(text, source)
    extends = data.get("extends", "default")
    if extends not in ("default", "none"):
        raise TaxonomyError(source, _line_of(text, "extends"), 'extends must be "default" or "none"')
    return _build(data, text, source, base if extends == "default" else None)


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        if m:
            reason += f" (column {m.group(2)})"
        raise TaxonomyError(source, line, f"not valid TOML: {reason}") from None
    except RecursionError:
        raise TaxonomyError(source, None, "nested too deeply to be a taxonomy (lists or tables inside each other)") \
            from None


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
        raise TaxonomyError(source, _line_of(text, name), f"'{name}' must be a table of entries")
    return value


def _str(item: dict[str, Any], key: str, where: str, text: str, source: str, required: bool) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise TaxonomyError(source, _line_of(text, where), f"[{where}] needs a '{key}'")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise TaxonomyError(source, _line_of(text, where), f"[{where}] {key} must be non-empty text")
    return value.strip()


def _build(data: dict[str, Any], text: str, source: str, base: Taxonomy | None) -> Taxonomy:
    work_types: dict[str, WorkType] = dict(base.work_types) if base else {}
    categories: dict[str, Category] = dict(base.categories) if base else {}
    tags: dict[str, Tag] = dict(base.tags) if base else {}

    for key, item in _table(data, "work_types", text, source).items():
        where = f"work_types.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), f"[{where}] must be a table")
        old = work_types.get(key)
        work_types[key] = WorkType(
            key,
            _str(item, "label", where, text, source, required=old is None) or (old.label if old else key),
            _str(item, "description", where, text, source, False) or (old.description if old else ""),
            _str(item, "guide", where, text, source, False) or (old.guide if old else ""),
        )

    for key, item in _table(data, "categories", text, source).items():
        where = f"categories.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), f"[{where}] must be a table")
        old_cat = categories.get(key)
        wt = _str(item, "work_type", where, text, source, required=old_cat is None)
        wt = wt or (old_cat.work_type if old_cat else "")
        if wt not in work_types:
            known = ", ".join(work_types) or "none"
            raise TaxonomyError(
                source, _line_of(text, where), f"[{where}] work_type '{wt}' is not defined (known: {known})"
            )
        if old_cat is not None and wt != old_cat.work_type:
            raise TaxonomyError(
                source,
                _line_of(text, where),
                f"[{where}] is a '{old_cat.work_type}' category; a key's work type cannot change "
                "(add a new key instead)",
            )
        categories[key] = Category(
            key,
            wt,
            _str(item, "label", where, text, source, required=old_cat is None) or (old_cat.label if old_cat else key),
            _str(item, "description", where, text, source, False) or (old_cat.description if old_cat else ""),
            _str(item, "guide", where, text, source, False) or (old_cat.guide if old_cat else ""),
            _codes(item, where, text, source) or (old_cat.codes if old_cat else ()),
        )

    for key, item in _table(data, "tags", text, source).items():
        where = f"tags.{key}"
        _check_key(key, where, text, source)
        if not isinstance(item, dict):
            raise TaxonomyError(source, _line_of(text, where), f"[{where}] must be a table")
        old_tag = tags.get(key)
        tags[key] = Tag(
            key,
            _str(item, "label", where, text, source, required=old_tag is None) or (old_tag.label if old_tag else key),
            _str(item, "description", where, text, source, False) or (old_tag.description if old_tag else ""),
            _str(item, "guide", where, text, source, False) or (old_tag.guide if old_tag else ""),
        )

    if not categories:
        raise TaxonomyError(source, None, "defines no categories")
    for wt in work_types:
        if not any(c.work_type == wt for c in categories.values()):
            raise TaxonomyError(source, _line_of(text, f"work_types.{wt}"), f"work type '{wt}' has no categories")

    origins = (base.origins if base else ()) + (source,)
    source_text, intro_text = data.get("source"), data.get("guide_intro")
    label = source_text if isinstance(source_text, str) else (base.source if base else "")
    intro = intro_text if isinstance(intro_text, str) else (base.guide_intro if base else "")
    return Taxonomy(work_types, categories, tags, label, origins, intro.strip())


def _check_key(key: str, where: str, text: str, source: str) -> None:
    if not KEY_RE.match(key):
        raise TaxonomyError(
            source,
            _line_of(text, where),
            f"'{key}' is not a valid key (lower-case letters, digits and _, starting with a letter)",
        )


def _codes(item: dict, where: str, text: str, source: str) -> tuple[tuple[str, str], ...]:
    """``codes = { ohrs = "450", hcpcs = "H0038" }``: the category's reporting codes, by system."""
    codes = item.get("codes")
    if codes is None:
        return ()
    if not isinstance(codes, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                              for k, v in codes.items()):
        raise TaxonomyError(source, _line_of(text, where),
                            f"[{where}] codes must be a table of reporting systems and codes, "
                            'e.g. codes = { ohrs = "450" }')
    return tuple(sorted((k, v.strip()) for k, v in codes.items()))
