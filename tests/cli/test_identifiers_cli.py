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
    assert result.code == 2 and "--client-ref:" in result.err and "full name" in result.err


def test_accept_identifiers_saves(cli, data_dir):
    result = _add(cli, data_dir, "--note", "ring 0412 555 123", "--accept-identifiers")
    assert result.code == 0 and len(result.out.strip()) == 36


def _this_or_last_week():
    iso = (date.today() - timedelta(days=1)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"
