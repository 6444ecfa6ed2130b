"""Minimum necessary: an export can leave client references out (the column stays, empty)."""

import csv
import io
from datetime import date

from peerdesk.domain.entry import Entry
from peerdesk.domain.taxonomy import load_default
from peerdesk.exchange.csv_export import export_entries
from peerdesk.storage.store import Store


def test_client_refs_left_out_on_request(tmp_path):
    store = Store(tmp_path / "peerdesk.db")
    store.add(Entry(id="e1", worker="PW", date=date(2026, 11, 2), minutes=30, category="advocacy", client_ref="C-102"))
    out_with, out_without = tmp_path / "with.csv", tmp_path / "without.csv"
    export_entries(store, load_default(), date(2026, 11, 1), date(2026, 11, 30), out_with)
    export_entries(store, load_default(), date(2026, 11, 1), date(2026, 11, 30), out_without, include_client_refs=False)
    rows = lambda p: list(csv.DictReader(io.StringIO(p.read_text("utf-8-sig"))))  # noqa: E731
    assert rows(out_with)[0]["client_ref"] == "C-102"
    assert rows(out_without)[0]["client_ref"] == "" and "client_ref" in rows(out_without)[0]
    assert "client refs left out" in store.audit_log(1)[0].detail
    store.close()
