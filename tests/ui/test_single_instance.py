"""One window per data folder, held by a file lock the operating system releases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from peerdesk.ui.single_instance import LOCK_NAME, REQUEST_NAME, InstanceServer, ask_running_instance


def test_a_folder_is_claimed_once_and_free_again_after_close(qapp, tmp_path):
    first = InstanceServer.claim(tmp_path)
    assert first is not None
    try:
        assert InstanceServer.claim(tmp_path) is None  # the same folder, a second time
        (tmp_path / "other").mkdir()
        other = InstanceServer.claim(tmp_path / "other")  # another folder, another window
        assert other is not None
        other.close()
    finally:
        first.close()
    again = InstanceServer.claim(tmp_path)
    assert again is not None
    again.close()


def test_a_second_start_asks_the_first_to_come_forward(qtbot, tmp_path):
    first = InstanceServer.claim(tmp_path)
    try:
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            ask_running_instance(tmp_path)
        qtbot.waitUntil(lambda: not (tmp_path / REQUEST_NAME).exists(), timeout=2000)
    finally:
        first.close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_crashed_window_leaves_no_claim_behind(qapp, tmp_path):
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from peerdesk.storage.locking import hold_file_lock
        assert hold_file_lock(Path({str(tmp_path)!r}) / {LOCK_NAME!r}) is not None
        print("held", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert InstanceServer.claim(tmp_path) is None  # that process holds the folder
        os.kill(proc.pid, signal.SIGKILL)  # a crash: no code of ours runs
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    claim = InstanceServer.claim(tmp_path)
    assert claim is not None
    claim.close()


def test_a_request_left_by_an_earlier_start_is_not_taken_for_a_new_one(qtbot, tmp_path):
    (tmp_path / REQUEST_NAME).write_bytes(b"show")
    server = InstanceServer.claim(tmp_path)
    try:
        assert not (tmp_path / REQUEST_NAME).exists()
        with qtbot.assertNotEmitted(server.show_requested, wait=300):
            (tmp_path / "draft.json").write_text("{}")  # the window's own files change the folder too
    finally:
        server.close()
