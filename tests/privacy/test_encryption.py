"""Encryption at rest: made, written, reopened, refused with a wrong passphrase, re-keyed,
and the note text found in no file of the data folder (WAL and backups included)."""

import hashlib
from datetime import date, timedelta

import pytest

from peerdesk.cli import main
from peerdesk.domain.entry import Entry
from peerdesk.storage import backups, crypto
from peerdesk.storage.store import PassphraseNeeded, Store, WrongPassphrase
from peerdesk.workspace import Workspace

pytestmark = pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")

NOTE = "UNIQUE-NOTE-7f3a walked to the drop-in together"


def entry(n: int) -> Entry:
    return Entry(id=f"enc-{n}", worker="PW", date=date(2026, 11, 2), minutes=30, category="advocacy", note=NOTE)


def digests(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def all_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_encrypted_store_written_reopened_and_never_plain(data_dir):
    ws = Workspace(data_dir)
    store = ws.create_encrypted("correct horse battery")
    store.add(entry(1))
    store.add(entry(2))
    # while open: WAL and shared memory exist; none may hold the note
    assert NOTE.encode() not in all_bytes(data_dir)
    backups.make_backup(store.path, data_dir / "backups" / "manual.db", store.cipher)
    ws.close()
    assert NOTE.encode() not in all_bytes(data_dir)
    assert NOTE.encode("utf-16-le") not in all_bytes(data_dir)
    assert not (data_dir / "peerdesk.db").read_bytes().startswith(b"SQLite format 3")

    again = Workspace(data_dir)
    with pytest.raises(PassphraseNeeded):
        again.open_store()
    store = again.open_store("correct horse battery")
    assert [e.note for e in store.entries_between(date(2026, 11, 1), date(2026, 11, 30))] == [NOTE, NOTE]
    again.close()
    manual = data_dir / "backups" / "manual.db"
    check = backups.check_file(manual, crypto.Cipher.for_file(manual, "correct horse battery"))
    assert check.ok and check.entries == 2


def test_wrong_passphrase_says_so_and_changes_no_file(data_dir):
    ws = Workspace(data_dir)
    ws.create_encrypted("correct horse battery").add(entry(1))
    ws.close()
    before = digests(data_dir)
    again = Workspace(data_dir)
    with pytest.raises(WrongPassphrase, match="does not open"):
        again.open_store("Correct horse battery")
    assert again.cipher is None  # the wrong key is not kept for a second try
    again.close()
    assert digests(data_dir) == before


def test_the_key_is_hex_derived_with_scrypt_not_the_passphrase(data_dir):
    cipher = crypto.Cipher.new("it's \"quoted\"; DROP TABLE entries; --")
    value = cipher.pragma_value()
    assert value.startswith("x'") and value.endswith("'")
    assert set(value[2:-1]) <= set("0123456789abcdef") and len(value) == 2 + 96 + 1
    store = Store(data_dir / "peerdesk.db", cipher=cipher)  # a passphrase full of SQL opens fine
    store.add(entry(1))
    store.close()
    assert repr(cipher) == "Cipher(<hidden>)"


def test_rekey_changes_the_passphrase(data_dir):
    ws = Workspace(data_dir)
    ws.create_encrypted("first passphrase").add(entry(1))
    old = ws.cipher
    ws.close()
    new = crypto.rekey(data_dir / "peerdesk.db", old, "second passphrase")
    assert new.salt == old.salt and new.key != old.key
    with pytest.raises(WrongPassphrase):
        Store(data_dir / "peerdesk.db", cipher=crypto.Cipher.for_file(data_dir / "peerdesk.db", "first passphrase"))
    db = data_dir / "peerdesk.db"
    reopened = Store(db, cipher=crypto.Cipher.for_file(db, "second passphrase"))
    assert reopened.count() == 1
    reopened.close()


def test_plain_stores_keep_working(data_dir):
    ws = Workspace(data_dir)
    store = ws.open_store()
    store.add(entry(1))
    assert store.cipher is None and not ws.encrypted
    ws.close()
    assert (data_dir / "peerdesk.db").read_bytes().startswith(b"SQLite format 3")


def test_command_line_reads_the_passphrase_from_a_file_only(tmp_path, data_dir, capsys):
    pp, pp2, wrong = tmp_path / "pp", tmp_path / "pp2", tmp_path / "wrong"
    pp.write_text("correct horse battery\n")
    pp2.write_text("new staple gun\n")
    wrong.write_text("nope nope nope\n")
    d = str(data_dir)
    assert main(["init", "--encrypt", "--passphrase-file", str(pp), "--data-dir", d]) == 0
    day = (date.today() - timedelta(days=1)).isoformat()
    assert main(["add", "--data-dir", d, "--passphrase-file", str(pp), "--date", day, "--minutes", "30",
                 "--category", "advocacy", "--note", NOTE]) == 0
    capsys.readouterr()
    assert main(["list", "--data-dir", d]) == 2
    assert "--passphrase-file" in capsys.readouterr().err
    before = digests(data_dir)
    assert main(["list", "--data-dir", d, "--passphrase-file", str(wrong)]) == 2
    assert "does not open" in capsys.readouterr().err
    assert digests(data_dir) == before
    assert main(["backup", "--data-dir", d, "--passphrase-file", str(pp)]) == 0
    assert main(["check", "--data-dir", d, "--passphrase-file", str(pp)]) == 0
    assert main(["passphrase", "--data-dir", d, "--passphrase-file", str(pp), "--new-passphrase-file", str(pp2)]) == 0
    assert main(["list", "--data-dir", d, "--passphrase-file", str(pp), "--json"]) == 2
    capsys.readouterr()
    assert main(["list", "--data-dir", d, "--passphrase-file", str(pp2), "--json"]) == 0
    assert NOTE in capsys.readouterr().out
    assert NOTE.encode() not in all_bytes(data_dir)
    with pytest.raises(SystemExit):
        main(["list", "--data-dir", d, "--passphrase", "correct horse battery"])  # no such option
