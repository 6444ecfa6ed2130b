"""PeerDesk's translation catalogues, with Babel: extract, merge, fill, compile, check.

    python packaging/translations.py update          # source → peerdesk.pot → each LANG's .po (+ .mo)
    python packaging/translations.py apply FILE.json [--lang fr]   # translations {English: French}
    python packaging/translations.py check           # coverage; exit 1 if a string is untranslated

Strings are found where the source marks them: ``_("…")``, ``N_("…")``, ``ngettext("…", "…", n)``
(:mod:`peerdesk.i18n`), and the standard library's ``argparse`` messages PeerDesk's command line
shows (its help and errors). ``update`` keeps every translation whose English is unchanged, drops
those of strings the source no longer has, and compiles each catalogue to the ``.mo`` file
``gettext`` reads. tests/i18n runs the same extraction and fails when the catalogues are behind.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "peerdesk"
LOCALE = ROOT / "resources" / "locale"
POT = LOCALE / "peerdesk.pot"
LANGUAGES = ("fr",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

# argparse's own words, which the command line shows in the user's language too (argparse looks
# them up in gettext's default domain, which PeerDesk sets to its own): the ones PeerDesk meets.
ARGPARSE = (
    "usage: ",
    "options",
    "positional arguments",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "argument %(argument_name)s: %(message)s",
    "expected one argument",
    "invalid %(type)s value: %(value)r",
    "%(prog)s: error: %(message)s\n",
    "not allowed with argument %s",
    "ambiguous option: %(option)s could match %(matches)s",
)


def extracted() -> Catalog:
    """Every marked string of the source, with where it is used."""
    catalog = Catalog(project="PeerDesk", domain="peerdesk", fuzzy=False)
    for filename, lineno, message, comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(f"src/peerdesk/{filename}", lineno)], auto_comments=comments)
    for message in ARGPARSE:
        catalog.add(message, None, [("argparse", 0)])
    for (singular, plural), where in counted_nouns().items():
        catalog.add((singular, plural), None, where)
    return catalog


def counted_nouns() -> dict[tuple[str, str], list[tuple[str, int]]]:
    """``count_of(n, "entry", "entries")`` anywhere in the source: ``{n} entry`` / ``{n} entries``,
    the plural pair count_of asks gettext for (domain.entry.count_of)."""
    import ast

    found: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            nouns = [a.value for a in node.args[1:3] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name != "count_of" or not nouns:
                continue
            one, many = nouns[0], nouns[1] if len(nouns) > 1 else nouns[0] + "s"
            where = (f"src/peerdesk/{path.relative_to(SOURCE)}", node.lineno)
            found.setdefault(("{n} " + one, "{n} " + many), []).append(where)
    return found


FIXED = datetime(2026, 12, 4, tzinfo=UTC)  # the catalogues' dates: a rerun changes nothing but strings
HEADER = "# PeerDesk's words in {language}. Made and kept by packaging/translations.py; edit the msgstr lines."
# Plural forms as gettext knows them (one for 0 and 1 in French), not CLDR's three.
PLURALS = {"fr": (2, "(n > 1)")}


def new_catalog(language: str) -> Catalog:
    catalog = Catalog(locale=language, project="PeerDesk", version="", domain="peerdesk", fuzzy=False,
                      copyright_holder="PeerDesk", creation_date=FIXED, revision_date=FIXED,
                      last_translator="PeerDesk", language_team=language,
                      header_comment=HEADER.format(language=language))
    if language in PLURALS:
        catalog._num_plurals, catalog._plural_expr = PLURALS[language]
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "peerdesk.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return new_catalog(language)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain="peerdesk")
    if language in PLURALS:
        catalog._num_plurals, catalog._plural_expr = PLURALS[language]
    return catalog


def write(language: str, catalog: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, include_previous=False,
             no_location=True)
    path.write_bytes(buffer.getvalue())
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    path.with_suffix(".mo").write_bytes(compiled.getvalue())


def template_bytes(template: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, template, width=100, omit_header=True, sort_output=True, no_location=True)
    return buffer.getvalue()


def merged(template: Catalog, language: str) -> Catalog:
    """*language*'s catalogue holding exactly the template's strings, its translations kept."""
    old = read(language)
    new = new_catalog(language)
    for message in template:
        if not message.id:
            continue
        before = old.get(message.id)
        new.add(message.id, before.string if before is not None else None, message.locations,
                flags=[f for f in message.flags if f != "fuzzy"])
    return new


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings) or m.fuzzy:
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def update() -> int:
    template = extracted()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(template_bytes(template))
    for language in LANGUAGES:
        catalog = merged(template, language)
        write(language, catalog)
        missing = untranslated(catalog)
        print(f"{language}: {len(catalog) - len(missing)} of {len(catalog)} strings translated")
    return 0


def apply(path: Path, language: str) -> int:
    """Fill *language*'s catalogue from a JSON object {English: translation} (plural strings: the
    singular's English → [singular, plural])."""
    given = json.loads(path.read_text("utf-8"))
    catalog = read(language)
    used = 0
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in given:
            value = given[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
            used += 1
    write(language, catalog)
    unknown = [k for k in given if catalog.get(k) is None and not any(
        isinstance(m.id, tuple) and m.id[0] == k for m in catalog)]
    print(f"{language}: {used} translations applied; {len(unknown)} not in the catalogue")
    for key in unknown[:20]:
        print(f"  not in the catalogue: {key!r}")
    return 0


def check() -> int:
    status = 0
    for language in LANGUAGES:
        catalog = read(language)
        missing = untranslated(catalog)
        total = sum(1 for m in catalog if m.id)
        print(f"{language}: {total - len(missing)} of {total} strings translated")
        for key in missing:
            print(f"  untranslated: {key!r}")
        status |= bool(missing)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update")
    applying = sub.add_parser("apply")
    applying.add_argument("file", type=Path)
    applying.add_argument("--lang", default="fr")
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    if args.command == "apply":
        return apply(args.file, args.lang)
    return check()


if __name__ == "__main__":
    sys.exit(main())
