"""Exports of submitted weeks are signed; a supervisor's review says for each file whether it is
signed by the worker and intact, changed after signing (its rows left out unless accepted),
signed by an unknown key, or not signed; a bad signature file is named with its line."""

from __future__ import annotations

import pytest

ADD = ("add", "--date", "2026-11-24", "--minutes", "30", "--category", "advocacy")


@pytest.fixture
def signed(cli, tmp_path):
    """A worker's submitted week 48, exported (signed), and the key they give their supervisor."""
    worker = tmp_path / "worker"
    settings(worker)
    for minutes in ("30", "45"):
        assert cli(*ADD[:4], minutes, *ADD[5:], "--data-dir", worker).code == 0  # (the worker of settings)
    assert cli("submit", "--week", "2026-W48", "--data-dir", worker).code == 0
    out = tmp_path / "pw07.csv"
    done = cli("export", "--from", "2026-11-23", "--to", "2026-11-29", "--out", out, "--data-dir", worker)
    assert done.code == 0 and f"{out}.sig (signed with your key)" in done.out
    key = tmp_path / "pw07.key"
    shown = cli("key", "--show", "--data-dir", worker)
    assert shown.out.splitlines()[0] == "worker: PW-07" and shown.out.splitlines()[2].startswith("fingerprint: ")
    key.write_text(shown.out)
    return out, key, tmp_path / "supervisor"


def settings(folder, worker="PW-07"):
    from peerdesk.workspace import Workspace

    ws = Workspace(folder)
    ws.settings.set("worker", worker)  # as the window's first start asks
    ws.settings.save()


def review(cli, *args):
    return cli("review", "--check", *map(str, args))


def test_signed_and_intact_once_the_key_is_trusted(cli, signed):
    out, key, supervisor = signed
    unknown = review(cli, out, "--data-dir", supervisor)
    assert "signed by an unknown key" in unknown.out and "which says it is PW-07's" in unknown.out
    trusted = review(cli, out, "--trust-key", key, "--data-dir", supervisor)
    assert trusted.code == 0 and f"{out}:1:(file): note: signed by PW-07 and intact (weeks 2026-W48)" in trusted.out
    assert trusted.out.splitlines()[-1].startswith("1 file, 2 entries, 0 problems")
    again = review(cli, out, "--data-dir", supervisor)  # remembered in the supervisor's data folder
    assert "signed by PW-07 and intact" in again.out


def test_one_byte_changed_is_told_and_its_rows_left_out_unless_accepted(cli, signed):
    out, key, supervisor = signed
    data = bytearray(out.read_bytes())
    at = data.index(b",30,")
    data[at + 1:at + 3] = b"90"  # thirty minutes become ninety
    out.write_bytes(bytes(data))
    told = review(cli, out, "--trust-key", key, "--data-dir", supervisor)
    assert told.code == 1
    assert f"{out}:1:(file): changed after PW-07 signed it: its rows are left out" in told.out
    assert "0 entries" in told.out.splitlines()[-1]
    accepted = review(cli, out, "--accept-changed", "--data-dir", supervisor)
    assert "2 entries" in accepted.out.splitlines()[-1] and "supervisor accepted the changed file" in accepted.out


def test_a_missing_a_cut_or_another_workers_signature(cli, signed, tmp_path):
    out, key, supervisor = signed
    sig = out.with_name(out.name + ".sig")
    lines = sig.read_text().splitlines(keepends=True)
    sig.write_text("".join(lines[:4]))  # cut short
    cut = review(cli, out, "--trust-key", key, "--data-dir", supervisor)
    assert f"{sig}:5: expected 'weeks: …' (the file is cut short)" in cut.out and cut.code == 1
    sig.write_text("".join(line.replace("worker: PW-07", "worker: PW-08") for line in lines))
    forged = review(cli, out, "--data-dir", supervisor)
    assert "the signature does not match its own lines" in forged.out
    sig.unlink()
    unsigned = review(cli, out, "--data-dir", supervisor)
    assert f"{out}:1:(file): note: not signed" in unsigned.out and unsigned.code == 0


def test_an_open_weeks_export_is_not_signed(cli, tmp_path):
    worker = tmp_path / "worker"
    assert cli(*ADD, "--data-dir", worker).code == 0
    out = tmp_path / "open.csv"
    done = cli("export", "--from", "2026-11-23", "--to", "2026-11-29", "--out", out, "--data-dir", worker)
    assert done.code == 0 and "signed" not in done.out and not out.with_name("open.csv.sig").exists()
    none = cli("key", "--show", "--data-dir", worker)
    assert none.code == 2 and "made when you first submit a week" in none.err


def test_a_supervisors_receipt_marks_the_week_reviewed_on_the_workers_pc(cli, signed, tmp_path):
    out, key, supervisor = signed
    worker = tmp_path / "worker"
    done = cli("review", out, "--sign-off", "--by", "S. Khan", "--comment", "good week, see you Tuesday",
               "--trust-key", key, "--data-dir", supervisor)
    assert done.code == 0, done.err
    receipt = out.with_name(out.name + ".receipt")
    assert f"{receipt} (signed off by S. Khan)" in done.out
    opened = cli("receipt", "--import", receipt, "--data-dir", worker)
    assert (opened.code, opened.out.strip()) == (0, "reviewed: 2026-W48")
    listed = cli("list", "--week", "2026-W48", "--data-dir", worker).out.splitlines()[0]
    assert listed.endswith("— reviewed")
    assert "sign-off" in cli("audit", "--data-dir", supervisor).out  # kept on the supervisor's side too
    assert (supervisor / "receipts" / receipt.name).read_bytes() == receipt.read_bytes()


def test_receipts_that_do_not_apply_are_refused_and_change_nothing(cli, signed, tmp_path):
    out, key, supervisor = signed
    worker = tmp_path / "worker"
    assert cli("review", out, "--sign-off", "--by", "S. Khan", "--trust-key", key, "--data-dir", supervisor).code == 0
    receipt = out.with_name(out.name + ".receipt")
    other = tmp_path / "other-worker"
    settings(other, "PW-08")
    assert cli(*ADD, "--data-dir", other).code == 0
    assert cli("submit", "--week", "2026-W48", "--data-dir", other).code == 0
    wrong = cli("receipt", "--import", receipt, "--data-dir", other)
    assert wrong.code == 2 and f"{receipt}: a receipt for PW-07, not for PW-08; nothing was changed" in wrong.err
    cut = tmp_path / "cut.receipt"
    cut.write_text("".join(receipt.read_text().splitlines(keepends=True)[:5]))
    short = cli("receipt", "--import", cut, "--data-dir", worker)
    assert short.code == 2 and f"{cut}:6: expected 'reviewed-by: …' (the file is cut short)" in short.err
    assert cli("reopen", "--week", "2026-W48", "--reason", "one more group", "--data-dir", worker).code == 0
    assert cli("submit", "--week", "2026-W48", "--data-dir", worker).code == 0
    stale = cli("receipt", "--import", receipt, "--data-dir", worker)
    assert stale.code == 2 and "week 2026-W48 was reopened since it was reviewed" in stale.err
    assert cli("list", "--week", "2026-W48", "--data-dir", worker).out.splitlines()[0].endswith("— submitted")
    unsigned = cli("review", out.with_name("nothing.csv"), "--sign-off", "--by", "S. Khan", "--data-dir", supervisor)
    assert unsigned.code == 2
