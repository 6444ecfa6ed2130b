"""The taxonomy's parsed TOML kept in the data folder (parse_cache.py): the next start reads it
back instead of parsing, but only for the very text it came from; a damaged or foreign cache is
no cache, and nothing about the taxonomy's checks or messages changes."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest

from peerdesk.config import TAXONOMY_CACHE
from peerdesk.domain.taxonomy import TaxonomyError, load, load_default
from peerdesk.parse_cache import ParseCache
from peerdesk.workspace import Workspace

ORG = """
[categories.crisis_support]
work_type = "direct"
label = "Crisis support"
description = "Being with a client through a crisis."
"""


def org_file(folder: Path, text: str = ORG) -> Path:
    path = folder / "org.toml"
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def kept(cache_path: Path) -> dict:
    return json.loads(cache_path.read_text("utf-8"))["sources"]


def test_a_workspace_keeps_the_parsed_taxonomy_in_its_data_folder_once_its_store_opens(tmp_path):
    first = Workspace(tmp_path / "data")
    assert first.taxonomy == load_default()
    cache_path = tmp_path / "data" / TAXONOMY_CACHE
    assert not cache_path.exists()  # a folder whose database is refused is left as it was found
    first.open_store()
    first.close()
    sources = kept(cache_path)
    assert list(sources) == ["taxonomy.toml (built in)"]
    assert sources["taxonomy.toml (built in)"]["data"]["categories"]["advocacy"]["label"] == "Advocacy"

    # the next start takes what was kept: a label changed in the cache alone is what it shows
    body = json.loads(cache_path.read_text("utf-8"))
    body["sources"]["taxonomy.toml (built in)"]["data"]["categories"]["advocacy"]["label"] = "Kept advocacy"
    cache_path.write_text(json.dumps(body), "utf-8")
    assert Workspace(tmp_path / "data").taxonomy.categories["advocacy"].english_label == "Kept advocacy"


def test_an_edited_organisation_file_is_parsed_again(tmp_path):
    cache = ParseCache(tmp_path / "cache.json")
    path = org_file(tmp_path)
    assert load(path, cache=cache).categories["crisis_support"].english_label == "Crisis support"
    cache.save()
    assert set(kept(tmp_path / "cache.json")) == {"taxonomy.toml (built in)", str(path)}

    org_file(tmp_path, ORG.replace("Crisis support", "Crisis work"))  # same length or not: the text decides
    cache = ParseCache(tmp_path / "cache.json")
    assert load(path, cache=cache).categories["crisis_support"].english_label == "Crisis work"
    cache.save()
    org_file(tmp_path, ORG.replace("Crisis support", "Crisis worK"))  # as long as the last, one letter changed
    assert load(path, cache=ParseCache(tmp_path / "cache.json")).categories[
        "crisis_support"].english_label == "Crisis worK"


def test_a_broken_organisation_file_is_reported_as_before_though_an_older_version_was_kept(tmp_path):
    cache = ParseCache(tmp_path / "cache.json")
    path = org_file(tmp_path)
    load(path, cache=cache)
    cache.save()
    path.write_text('[categories.crisis_support]\nwork_type = "direct\n', encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        load(path, cache=ParseCache(tmp_path / "cache.json"))
    assert info.value.line == 2 and str(path) in str(info.value)


@pytest.mark.parametrize("damage", [b"", b"\x00\x01garbage", b'{"format": 1, "sources": []}', b'{"format": 99}',
                                    b'{"format": 1, "sources": {"taxonomy.toml (built in)": {"text": [1, 2, 3], '
                                    b'"data": {}}}}', b"[1, 2"])
def test_a_damaged_or_foreign_cache_is_no_cache_and_is_written_again(tmp_path, damage):
    cache_path = tmp_path / "cache.json"
    cache_path.write_bytes(damage)
    cache = ParseCache(cache_path)
    assert load(cache=cache) == load_default()
    cache.save()
    assert "taxonomy.toml (built in)" in kept(cache_path)


def test_what_json_cannot_hold_is_not_kept_and_still_loads(tmp_path):
    path = org_file(tmp_path, ORG + 'reviewed = 2026-11-30\n')  # a TOML date, a key the taxonomy ignores
    cache_path = tmp_path / "cache.json"
    cache = ParseCache(cache_path)
    tax = load(path, cache=cache)
    cache.save()
    assert "crisis_support" in tax.categories
    assert set(kept(cache_path)) == {"taxonomy.toml (built in)"}
    assert load(path, cache=ParseCache(cache_path)) == tax


def test_a_cache_that_cannot_be_written_costs_nothing_but_the_shortcut(tmp_path):
    missing = tmp_path / "no such folder" / "cache.json"
    cache = ParseCache(missing)
    assert load(cache=cache) == load_default()
    cache.save()
    assert not missing.exists()
