"""The draft of the entry being typed: kept beside the store, read back, cleared."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from peerdesk.operations.drafts import DRAFT_FILENAME, Drafts

from .helpers import mode_of

TYPED = {
    "date": dt.date(2026, 11, 24),
    "start_time": "09:30",
    "minutes": "1h30",
    "work_type": "direct",
    "category": "advocacy",
    "mode": "phone",
    "format": "individual",
    "people": 2,
    "client_ref": "C-7",
    "tags": ["experience", "presence"],
    "note": "Zoë: walked to the drop-in together\nthen talked",
}


def test_a_draft_is_kept_and_read_back_with_dates_as_iso_text(data_dir):
    drafts = Drafts(data_dir)
    drafts.keep(TYPED)
    path = data_dir / DRAFT_FILENAME
    assert json.loads(path.read_text("utf-8"))["date"] == "2026-11-24"
    assert "Zoë" in path.read_text("utf-8")  # readable text, not escapes

    loaded = Drafts(data_dir).load()  # as the next start reads it
    assert loaded == {**TYPED, "date": "2026-11-24"}
    assert [p.name for p in data_dir.iterdir()] == [DRAFT_FILENAME]  # no temporary file left


def test_a_new_draft_replaces_the_old_one_whole(data_dir):
    drafts = Drafts(data_dir)
    drafts.keep(TYPED)
    drafts.keep({"minutes": "20"})
    assert drafts.load() == {"minutes": "20"}


def test_clear_removes_the_draft(data_dir):
    drafts = Drafts(data_dir)
    drafts.keep(TYPED)
    drafts.clear()
    assert not (data_dir / DRAFT_FILENAME).exists()
    assert drafts.load() is None
    drafts.clear()  # nothing to clear: no error


@pytest.mark.parametrize("nothing", [None, {}], ids=["none", "empty"])
def test_keeping_nothing_removes_the_draft(data_dir, nothing):
    drafts = Drafts(data_dir)
    drafts.keep(TYPED)
    drafts.keep(nothing)
    assert not (data_dir / DRAFT_FILENAME).exists()
    assert drafts.load() is None


def test_an_encrypted_folder_keeps_no_draft(data_dir):
    Drafts(data_dir).keep(TYPED)  # left from before the folder was encrypted
    drafts = Drafts(data_dir, encrypted=True)
    assert drafts.load() is None  # a plain-text draft is not read into an encrypted store's form
    drafts.keep(TYPED)
    assert not (data_dir / DRAFT_FILENAME).exists()  # and none is written; the old one is gone
    assert list(data_dir.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'["a", "list"]', b'"text"', b"42", b"null", b"", b"\xff\xfe{}"],
    ids=["not-json", "list", "string", "number", "null", "empty", "not-utf8"],
)
def test_a_draft_that_is_not_a_json_object_loads_as_none(data_dir, content):
    (data_dir / DRAFT_FILENAME).write_bytes(content)
    assert Drafts(data_dir).load() is None


def test_no_draft_file_loads_as_none(data_dir):
    assert Drafts(data_dir).load() is None


def test_the_draft_is_owner_only(data_dir):
    Drafts(data_dir).keep(TYPED)
    assert mode_of(data_dir / DRAFT_FILENAME) == 0o600


def test_a_draft_that_cannot_be_written_raises_oserror(tmp_path):
    drafts = Drafts(tmp_path / "no such folder")
    with pytest.raises(OSError):
        drafts.keep(TYPED)
    assert not (tmp_path / "no such folder").exists()
