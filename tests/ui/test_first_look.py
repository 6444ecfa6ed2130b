"""The week shown from the read-only first look while the store opens, then from the store: when
the file did not change in between, nothing is redone (the row the worker selected meanwhile
stays selected, the table is not reset); when it did, the week shows the change."""

from __future__ import annotations

from datetime import date, timedelta

from peerdesk import app as peerdesk_app
from peerdesk import demo
from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week
from peerdesk.operations.entries import add_entry
from peerdesk.storage.store import Store

from .test_launch import Answers, close


def start(qtbot, data_dir, monkeypatch, meanwhile):
    """PeerDesk started on *data_dir*, on last week (a demo week full of entries); *meanwhile*
    runs just before the store opens, with the week shown from the first look."""
    demo.create_demo_folder(data_dir, weeks=3)
    opened = peerdesk_app.open_store_into

    def open_store_into(window, dialogs):
        meanwhile(window)
        return opened(window, dialogs)

    monkeypatch.setattr(peerdesk_app, "open_store_into", open_store_into)
    window = peerdesk_app.launch(data_dir=str(data_dir), week=Week.of(date.today()).previous(), dialogs=Answers())
    qtbot.waitUntil(lambda: window.store is not None, timeout=5000)
    return window


def test_the_same_week_from_the_store_leaves_the_table_as_the_worker_left_it(qtbot, data_dir, monkeypatch):
    resets = []

    def select_a_row(window):
        assert window.store is None and window.week_view.model.rowCount() > 3
        window.week_view.table.selectRow(3)  # picked while the store was still being checked
        window.week_view.model.modelReset.connect(lambda: resets.append(1))

    window = start(qtbot, data_dir, monkeypatch, select_a_row)
    try:
        assert window.week_view.current_row() == 3
        assert resets == []
    finally:
        close(window)


def test_a_change_written_while_the_store_opened_is_shown(qtbot, data_dir, monkeypatch):
    before = []

    def another_writer(window):  # `peerdesk add` in a terminal, say, between the two reads
        before.append(window.week_view.model.rowCount())
        day = Week.of(date.today()).previous().start + timedelta(days=2)
        entry = validate({"worker": "Demo worker", "date": day.isoformat(), "minutes": "20",
                          "category": "advocacy", "note": "added meanwhile"}, window.taxonomy, today=date.today())
        with Store(data_dir / "peerdesk.db") as store:
            add_entry(store, entry)

    window = start(qtbot, data_dir, monkeypatch, another_writer)
    try:
        model = window.week_view.model
        assert model.rowCount() == before[0] + 1
        assert any(model.entry(row).note == "added meanwhile" for row in range(model.rowCount()))
    finally:
        close(window)
