"""`peerdesk submit` and `peerdesk reopen` as a worker types them."""

from __future__ import annotations

import json


def test_submit_locks_the_week_list_says_so_and_reopen_unlocks_it(cli, data_dir):
    add = ("add", "--data-dir", data_dir, "--date", "2026-11-24", "--minutes", "30", "--category", "advocacy",
           "--worker", "PW-07")
    assert cli(*add).code == 0
    done = cli("submit", "--week", "2026-W48", "--data-dir", data_dir)
    assert (done.code, done.out.strip()) == (0, "week 2026-W48 submitted: 1 entry, 30m; its entries are locked")
    refused = cli(*add)
    assert refused.code != 0 and "peerdesk reopen --week 2026-W48 --reason TEXT" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    listed = json.loads(cli("list", "--week", "2026-W48", "--json", "--data-dir", data_dir).out)
    assert [e["week_state"] for e in listed] == ["submitted"]
    assert "— submitted" in cli("list", "--week", "2026-W48", "--data-dir", data_dir).out.splitlines()[0]
    assert cli("submit", "--week", "2026-W48", "--data-dir", data_dir).code == 2  # already
    no_reason = cli("reopen", "--week", "2026-W48", "--reason", " ", "--data-dir", data_dir)
    assert no_reason.code == 2 and "say why" in no_reason.err
    assert cli("reopen", "--week", "2026-W48", "--reason", "a missed group", "--data-dir", data_dir).code == 0
    assert cli(*add).code == 0
    audit = cli("audit", "--data-dir", data_dir).out
    assert "submit" in audit and "a missed group" in audit
