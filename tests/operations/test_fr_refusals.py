"""In French, what the application layer and the store say to a person reads in French: a store
that cannot be opened (damaged, empty, another program's file), `peerdesk check`'s findings, a
locked week, a backup that fails its check, a sync's report. What is written (the audit log)
stays English, and in English every message is as the other tests check it."""

from __future__ import annotations

import re

import pytest

from peerdesk import i18n
from peerdesk.domain.weeks import Week
from peerdesk.operations import entries as ops
from peerdesk.operations import weeks
from peerdesk.operations.opening import CheckFailed, Damaged, Opened, Refused, check_store, open_store
from peerdesk.operations.safekeeping import restore_backup
from peerdesk.storage import backups
from peerdesk.storage.store import WeekLocked
from peerdesk.teamserver.sync import SyncReport

from .helpers import entry, stored

NBSP = "\u00a0"
W48 = Week.parse("2026-W48")


@pytest.fixture
def french():
    """French from here to the end of the test (tests/conftest.py puts English back)."""
    assert i18n.set_language("fr") == "fr"


def test_a_damaged_store_is_refused_in_french_and_left_as_it_is(workspace, french):
    store = workspace.open_store()
    for n in range(30):
        store.add(entry(n, note="walked to the drop-in together " * 20))
    workspace.close()
    whole = workspace.db_path.read_bytes()
    workspace.db_path.write_bytes(whole[: len(whole) // 2])
    outcome = open_store(workspace)
    assert isinstance(outcome, Damaged), outcome
    assert outcome.message.startswith(f"{workspace.db_path} est endommagé"), outcome.message
    assert "il n'a pas été modifié" in outcome.message
    assert workspace.db_path.read_bytes() == whole[: len(whole) // 2]


def test_an_empty_store_is_refused_in_french(workspace, french):
    workspace.open_store()
    workspace.close()
    workspace.db_path.write_bytes(b"")
    outcome = open_store(workspace)
    assert isinstance(outcome, Damaged)
    assert outcome.message == f"{workspace.db_path} est vide (0 octet); PeerDesk ne l'ouvrira pas et ne l'écrasera pas"


def test_another_programs_file_is_refused_in_french(workspace, french):
    import sqlite3

    conn = sqlite3.connect(workspace.db_path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    outcome = open_store(workspace)
    assert isinstance(outcome, Damaged)
    assert outcome.message == (f"{workspace.db_path} n'est pas une base de données PeerDesk (il contient les tables "
                               "contacts); il n'a pas été modifié")


def test_check_says_in_french_what_is_wrong(workspace, french):
    with pytest.raises(CheckFailed) as caught:
        check_store(workspace)
    assert str(caught.value) == f"{workspace.db_path} n'existe pas encore (PeerDesk le crée au premier démarrage)"
    workspace.open_store()
    workspace.close()
    workspace.db_path.write_text("name,phone\n" * 40, "utf-8")
    with pytest.raises(CheckFailed) as caught:
        check_store(workspace)
    assert str(caught.value) == f"{workspace.db_path} n'est pas une base de données SQLite"


def test_a_locked_week_is_said_in_french_and_the_audit_log_stays_english(store, french):
    kept = ops.add_entry(store, entry(1)).entry
    weeks.submit_week(store, W48)
    with pytest.raises(WeekLocked, match=re.escape("la semaine 2026-W48 (") + ".*"
                       + re.escape(") est soumise, donc ses entrées sont verrouillées; rouvrez-la d'abord")):
        ops.update_entry(store, kept.with_changes(minutes=90))
    with pytest.raises(WeekLocked) as caught:  # past the application layer: the database's own triggers
        store.update(kept.with_changes(minutes=90))
    assert str(caught.value) == (f"la semaine est soumise{NBSP}: rouvrez-la pour modifier ses entrées; "
                                 "rien n'a été modifié")
    with pytest.raises(weeks.WeekStateError) as caught:
        weeks.submit_week(store, W48)
    assert str(caught.value) == "la semaine 2026-W48 est déjà soumise"
    audit = stored(store.path)[1]
    assert ("submit", None, "week 2026-W48: 1 entry, 31 minutes") in audit


def test_the_databases_own_refusal_reads_as_before_in_english(store):
    kept = ops.add_entry(store, entry(1)).entry
    weeks.submit_week(store, W48)
    with pytest.raises(WeekLocked) as caught:
        store.update(kept.with_changes(minutes=90))
    assert str(caught.value) == "the week is submitted: reopen it to change its entries; nothing was changed"


def test_a_backup_that_fails_its_check_is_refused_in_french(workspace, tmp_path, french):
    workspace.open_store()
    bad = tmp_path / "peerdesk-2026-11-20.db"
    bad.write_bytes(b"")
    with pytest.raises(backups.BackupError) as caught:
        restore_backup(workspace, bad)
    assert str(caught.value) == f"{bad} est vide (0 octet); rien n'a été modifié"


def test_a_newer_store_is_refused_in_french(workspace, french):
    store = workspace.open_store()
    store._rows("UPDATE alembic_version SET version_num = '9999'")
    workspace.close()
    outcome = open_store(workspace)
    if isinstance(outcome, Opened):
        outcome.store.close()
    assert isinstance(outcome, Refused), outcome
    assert outcome.message.startswith(f"{workspace.db_path} a été créé par une version plus récente de PeerDesk")


def test_a_syncs_report_is_french_to_read_and_english_to_record(french):
    report = SyncReport(sent=3, received=1, conflicts=2, waiting=4, reviewed=["2026-W48"])
    assert report.line() == (f"entrées envoyées{NBSP}: 3, reçues{NBSP}: 1, 2 conflits à examiner (peerdesk sync "
                             f"--conflicts), 4 encore en attente; semaines révisées{NBSP}: 2026-W48")
    assert report.record() == ("sent 3, received 1, 2 conflicts to look at (peerdesk sync --conflicts), "
                               "4 still waiting; reviewed: 2026-W48")
    i18n.set_language("en")
    assert report.line() == report.record()
