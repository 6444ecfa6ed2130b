"""Edit ▸ Submit week… and Reopen week… in the window: the week's state at a glance, a save into
a submitted week refused on the form with how to reopen (what was typed kept)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

TODAY = date(2026, 11, 25)


def test_submit_lock_and_reopen_from_the_window(qtbot, window, dialogs):
    form = window.form
    form.quick.focus()
    qtbot.keyClicks(form.quick.edit, "team 60")
    qtbot.keyClick(form.quick.edit, Qt.Key_Return)
    window.submit_action.trigger()
    assert dialogs.confirms[-1][0] == "Submit week"
    assert "1 entry, 1h" in dialogs.confirms[-1][1]
    assert window.week_view.week_label.text().endswith("(this week)  · submitted, locked")
    window.grab().save(str(window.workspace.data_dir.parent / "submitted.png"))

    qtbot.keyClicks(form.quick.edit, "adm 20")
    qtbot.keyClick(form.quick.edit, Qt.Key_Return)
    assert window.store.count_between(TODAY, TODAY) == 1
    shown = form.general_error.text()
    assert form.general_error.isVisibleTo(form) and shown.startswith("Not saved: week 2026-W48")
    assert "is submitted, so its entries are locked; reopen it first (Edit ▸ Reopen week…" in shown
    assert form.quick.edit.text() == "adm 20"  # kept, to save once the week is reopened

    dialogs.text_answer = "forgot the admin time"
    window.reopen_action.trigger()
    assert window.week_view.week_label.text().endswith("(this week)")
    qtbot.keyClick(form.quick.edit, Qt.Key_Return)
    assert window.store.count_between(TODAY, TODAY) == 2


def log_and_submit(qtbot, window):
    """The team meeting logged from the Quick line, then Edit ▸ Submit week…; the week."""
    from peerdesk.domain.weeks import Week

    window.form.quick.focus()
    qtbot.keyClicks(window.form.quick.edit, "team 60")
    qtbot.keyClick(window.form.quick.edit, Qt.Key_Return)
    window.submit_action.trigger()
    return Week.of(TODAY)


def test_a_receipt_opened_in_the_window_shows_the_week_reviewed(qtbot, window, dialogs, tmp_path):
    from peerdesk.exchange.csv_export import export_entries
    from peerdesk.operations import weeks
    from peerdesk.workspace import Workspace

    week = log_and_submit(qtbot, window)
    out = tmp_path / "pw07-w48.csv"
    result = export_entries(window.store, window.taxonomy, week.start, week.end, out)
    assert result.signature is not None and result.signature.exists()
    supervisor = Workspace(tmp_path / "supervisor")
    try:
        from peerdesk.exchange.signatures import fingerprint
        from peerdesk.storage import signing_key

        trusted = {fingerprint(signing_key.public_key(window.store)): "PW-07"}
        receipt = weeks.sign_off(out, by="S. Khan", comment="good week", trusted=trusted,
                                 store=supervisor.open_store())
    finally:
        supervisor.close()
    dialogs.ask_open_paths = lambda *_args: [str(receipt)]
    window.receipt_action.trigger()
    assert window.week_view.week_label.text().endswith("(this week)  · reviewed ✓")
    said = window.week_view.state_label.text()
    assert said.startswith("Reviewed by S. Khan on ") and said.endswith(": good week")
    window.grab().save(str(tmp_path / "reviewed.png"))


def test_the_review_window_signs_off_the_signed_files_of_trusted_workers(qtbot, window, dialogs, tmp_path):
    import base64

    from peerdesk.exchange.csv_export import export_entries
    from peerdesk.operations import reviewing
    from peerdesk.storage import signing_key

    week = log_and_submit(qtbot, window)
    signed, unsigned = tmp_path / "signed.csv", tmp_path / "unsigned.csv"
    export_entries(window.store, window.taxonomy, week.start, week.end, signed)
    export_entries(window.store, window.taxonomy, week.start, week.end.replace(day=30), unsigned)  # W49 is open
    reviewing.trust_key(window.workspace.data_dir, "worker: PW-07\npublic-key: "  # as `key --show` prints it
                        + base64.b64encode(signing_key.public_key(window.store)).decode() + "\n")
    review = window.open_review([str(signed), str(unsigned)])
    dialogs.text_answer = "S. Khan"
    review.sign_off_action.trigger()
    assert signed.with_name("signed.csv.receipt").exists() and not unsigned.with_name("unsigned.csv.receipt").exists()
    assert dialogs.infos[-1] == ("Signed off", str(signed.with_name("signed.csv.receipt")))
    review.close()
