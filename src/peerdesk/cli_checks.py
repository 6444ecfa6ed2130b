"""Checks of the command line's arguments that need more than argparse: text that is text,
output paths that are not PeerDesk's own files, and passphrase files."""

from __future__ import annotations

import argparse
import os

from .cli import EXIT_USAGE, CliError, warn  # imported by cli.py when a command runs, not at its import
from .i18n import _

# The options that hold text a person typed (not file names, which may be any bytes on POSIX).
_TEXT_OPTIONS = ("note", "client_ref", "worker", "category", "mode", "format", "tag", "start", "minutes")


def text_is_text(args: argparse.Namespace) -> None:
    """An option holding bytes that are not UTF-8 (Python keeps them as lone surrogates) is
    refused with exit 2 before anything is written."""
    for name in _TEXT_OPTIONS:
        values = getattr(args, name, None)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value):
                flag = "--" + name.replace("_", "-")
                raise CliError(_("{flag}: is not valid text (its bytes are not UTF-8); type it again").format(
                    flag=flag), EXIT_USAGE)


def not_in_data_folder(flag: str, path: str, args: argparse.Namespace) -> None:
    """Refuse (exit 2, nothing written) a file PeerDesk would write among its own: over the
    database, its journal or a backup. Exports and backups check this in their own layers."""
    from .config import owned_by_peerdesk, owned_refusal, resolve_data_dir

    folder = resolve_data_dir(getattr(args, "data_dir", None))
    if owned_by_peerdesk(path, folder):
        raise CliError(f"{flag}: {owned_refusal(path, folder)}", EXIT_USAGE)


def read_passphrase(path: str | None, flag: str) -> str | None:
    if not path:
        return None
    try:
        text = open(path, encoding="utf-8").read()  # noqa: SIM115 - read at once
    except OSError as exc:
        raise CliError(_("{flag}: cannot read {path} ({reason})").format(flag=flag, path=path, reason=exc.strerror),
                       EXIT_USAGE) from None
    text = text.rstrip("\r\n")
    if not text:
        raise CliError(_("{flag}: {path} is empty").format(flag=flag, path=path), EXIT_USAGE)
    if os.name == "posix":
        mode = os.stat(path).st_mode
        if mode & 0o077:
            warn(_("{flag}: other accounts on this computer can read {path} (mode {mode}); make it yours alone "
                   "with: chmod 600 {path}").format(flag=flag, path=path, mode=f"{mode & 0o777:o}"))
    return text
