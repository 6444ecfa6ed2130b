"""`peerdesk` without a command opens the window; its few options are read without making every
command's parser (14 ms of each start), and read exactly as the full parser reads them. Anything
else goes to the full parser, which lists the commands and says what is wrong."""

from __future__ import annotations

import pytest

from peerdesk import cli

WINDOW = [
    [],
    ["--data-dir", "/tmp/records"],
    ["--data-dir=/tmp/records", "--week", "2026-W10"],
    ["--lang", "fr", "--taxonomy", "org.toml", "--passphrase-file", "pass.txt"],
    ["--screenshot", "window.png", "--week=2026-W48"],
    ["--data-dir", "add"],  # a folder named like a command is still a folder
]
NOT_THE_WINDOW = [
    ["add", "--date", "2026-11-24", "--minutes", "30", "--category", "advocacy"],
    ["--data-dir", "/tmp/records", "list"],
    ["--help"], ["-h"], ["--version"],
    ["--lang", "de"],  # not a language PeerDesk speaks
    ["--week"],  # a value missing
    ["--data-dri", "/tmp/records"],  # a typing mistake
    ["--data"],  # abbreviations are never taken
]


@pytest.mark.parametrize("argv", WINDOW)
def test_the_windows_options_read_as_the_full_parser_reads_them(argv):
    assert vars(cli.window_args(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", NOT_THE_WINDOW)
def test_anything_else_goes_to_the_full_parser(argv):
    assert cli.window_args(argv) is None


@pytest.mark.parametrize(("argv", "said"), [
    (["--lang", "de"], "argument --lang: invalid choice: 'de'"),
    (["--data-dri", "/tmp/records"], "invalid choice"),
    (["--help"], "COMMAND"),
])
def test_the_full_parser_still_says_what_is_wrong(capsys, argv, said):
    with pytest.raises(SystemExit):
        cli.main(argv)
    out, err = capsys.readouterr()
    assert said in out + err
