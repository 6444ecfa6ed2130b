"""Reading a PDF as its reader would: its text (pdftotext), its pages as images (pdftoppm),
its page size (pdfinfo): Debian's poppler-utils, which .ci/run installs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def need_poppler() -> None:
    if shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo"):
        return
    message = "poppler-utils (pdftotext, pdftoppm, pdfinfo) are not installed: apt-get install poppler-utils"
    if os.environ.get("PEERDESK_REQUIRE_POPPLER"):
        pytest.fail(message)
    pytest.skip(message)


def text(pdf: Path, *, page: int | None = None) -> str:
    need_poppler()
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def words(pdf: Path, *, page: int | None = None) -> str:
    """The text with runs of spaces made one, so a phrase is found across the layout's columns."""
    return re.sub(r"[ \t]+", " ", text(pdf, page=page))


def info(pdf: Path) -> dict[str, str]:
    need_poppler()
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pages(pdf: Path, folder: Path, dpi: int = 50) -> list[Path]:
    """Every page as a PNG in *folder*, in order."""
    need_poppler()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))
