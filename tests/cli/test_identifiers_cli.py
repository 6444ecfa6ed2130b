"""The command line refuses likely identifiers with exit 2 naming the kind, unless accepted."""

import json
from datetime import date, timedelta


def _add(cli, data_dir, *extra):
    day = (date.today() - timedelta(days=1)).isoformat()
    return cli("add", "--data-dir", str(data_dir), "--date", day, "--minutes", "30", "--category", "advocacy", *extra)


def test_phone_number_in_note_is_refused_naming_the_kind(cli, data_dir):
    result = _add(cli, data_dir, "--note", "ring 0412 555 123")
    assert result.code == 2
    assert "--note:" in result.err and "phone number" in result.err and "--accept-identifiers" in result.err
    assert "0412" not in result.err  # the identifier itself is not echoed into logs
    listed = cli("list", "--data-dir", str(data_dir), "--json", "--week", _this_or_last_week())
    assert json.loads(listed.out) == []


def test_name_as_client_ref_is_refused(cli, data_dir):
    result = _add(cli, data_dir, "--client-ref", "Jane Doe")
    assert result.code == 2 and "--client-ref:" in result.err and "person's name" in result.err


def test_accept_identifiers_saves(cli, data_dir):
    result = _add(cli, data_dir, "--note", "ring 0412 555 123", "--accept-identifiers")
    assert result.code == 0 and len(result.out.strip()) == 36


def _this_or_last_week():
    iso = (date.today() - timedelta(days=1)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def test_a_surname_alone_or_in_lower_case_is_refused_and_a_code_is_not(cli, data_dir):
    for ref in ("Smith", "john smith", "J. Smith", "Anne-Marie O'Neil"):
        result = _add(cli, data_dir, "--client-ref", ref)
        assert result.code == 2 and "person's name" in result.err, ref
        assert ref not in result.err  # not echoed into logs
    assert _add(cli, data_dir, "--client-ref", "PW7-33").code == 0


def test_the_audit_log_names_the_worker_and_the_account(cli, data_dir):
    import getpass

    assert _add(cli, data_dir, "--client-ref", "C-102", "--worker", "PW-09").code == 0
    (line, *_) = json.loads(cli("audit", "--data-dir", str(data_dir), "--json").out)
    assert (line["worker"], line["account"], line["action"]) == ("PW-09", getpass.getuser(), "create")
    text = cli("audit", "--data-dir", str(data_dir), "--limit", "1").out
    assert f"PW-09 ({getpass.getuser()})" in text
