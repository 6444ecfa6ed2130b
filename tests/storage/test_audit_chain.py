"""The audit log is tamper-evident: each line's hash chains it to the line before; `check`
names a line changed, lines missing, a back-dated line and triggers gone (exit 1), and an
encrypted store's chain cannot be forged without its key."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from peerdesk.storage import audit_chain, crypto

ADD = ("add", "--date", "2026-11-30", "--minutes", "30", "--category", "advocacy")


@pytest.fixture
def logged(cli, data_dir):
    for minutes in ("30", "45", "60"):
        assert cli("add", "--data-dir", data_dir, "--date", "2026-11-30", "--minutes", minutes,
                   "--category", "advocacy").code == 0
    return data_dir


def tamper(data_dir, *sql):
    conn = sqlite3.connect(data_dir / "peerdesk.db")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_untouched_log_checks(cli, logged):
    result = cli("check", "--data-dir", logged)
    assert result.code == 0 and "audit log of 4 lines chained and intact" in result.out  # the day's backup too


def test_a_line_changed_with_the_triggers_dropped_is_named(cli, logged):
    tamper(logged, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET detail = 'nothing' WHERE id = 3")
    result = cli("check", "--data-dir", logged)
    assert result.code == 1
    assert "the triggers that keep the audit log append-only are gone (audit_log_no_update)" in result.err
    assert "line 3 of the audit log" in result.err and "was changed" in result.err
    assert "line 4" not in result.err  # one change, reported once


def test_a_forged_back_dated_line_is_caught_though_the_triggers_allow_inserts(cli, logged):
    tamper(logged, "INSERT INTO audit_log (at, worker, action, detail, account, chain) "
                   "VALUES ('2026-01-01 09:00:00.000000', 'PW-07', 'export', 'nothing', '', '')")
    result = cli("check", "--data-dir", logged)
    assert result.code == 1
    assert "line 5 of the audit log (export" in result.err and "dated 2026-01-01" in result.err


def test_a_line_removed_from_the_middle_is_missed(cli, logged):
    tamper(logged, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 2")
    result = cli("check", "--data-dir", logged)
    assert result.code == 1 and "line 2 of the audit log is missing" in result.err


def test_dropped_triggers_are_put_back_on_the_next_open_and_that_is_logged(cli, logged):
    tamper(logged, "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")
    assert cli(*ADD, "--data-dir", logged).code == 0
    conn = sqlite3.connect(logged / "peerdesk.db")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    conn.close()
    assert set(audit_chain.TRIGGERS) <= names
    assert "tamper" in actions
    assert cli("check", "--data-dir", logged).code == 0  # nothing was changed meanwhile


@pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")
def test_an_encrypted_chain_cannot_be_forged_without_the_key(cli, data_dir, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery\n", "utf-8")
    secret.chmod(0o600)
    assert cli("init", "--encrypt", "--data-dir", data_dir, "--passphrase-file", secret).code == 0
    assert cli(*ADD, "--data-dir", data_dir, "--passphrase-file", secret).code == 0
    db = data_dir / "peerdesk.db"
    cipher = crypto.Cipher.for_file(db, "correct horse battery")
    conn = crypto.connect(db, "rw", cipher)
    last_id, previous = conn.execute("SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row = (last_id + 1, "2026-12-04 10:00:00.000000", "PW-07", "export", None, "forged", "")
    forged = audit_chain.link(previous, row, None)  # what someone who knows the algorithm, not the key, makes
    assert forged == hashlib.sha256(previous.encode() + audit_chain.json.dumps(
        [None if v is None else str(v) for v in row], ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
    insert = f"INSERT INTO audit_log ({audit_chain.COLUMNS}, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    conn.execute(insert, (*row, forged))
    conn.close()
    result = cli("check", "--data-dir", data_dir, "--passphrase-file", secret)
    assert result.code == 1 and f"line {last_id + 1} of the audit log (export" in result.err


def test_lines_written_before_the_chain_are_sealed_by_the_upgrade(cli, logged):
    later = ["DROP TABLE signing_key"]  # 0007's
    later += [f"DROP TRIGGER week_locked_{verb}" for verb in ("insert", "update", "delete")]  # 0006's
    later += ["DROP TABLE week_states"]
    later += [f"DROP TRIGGER sync_outbox_{verb}" for verb in ("insert", "update", "delete")]  # 0005's
    later += [f"DROP TABLE sync_{name}" for name in ("outbox", "versions", "state", "conflicts")]
    tamper(logged, *later, "ALTER TABLE audit_log DROP COLUMN chain", "UPDATE alembic_version SET version_num = '0003'")
    assert cli(*ADD, "--data-dir", logged).code == 0  # opens, upgrades, seals, adds
    result = cli("check", "--data-dir", logged)
    assert result.code == 0 and "audit log of 5 lines chained and intact" in result.out
