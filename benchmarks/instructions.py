"""The cold starts counted in instructions, not seconds: a figure the machine's load cannot move.

    python benchmarks/instructions.py [--workdir DIR]

Runs run.py's cold-start children (benchmarks/children.py) once each under Valgrind's callgrind
(Debian's ``valgrind``), each ending at its mark, and counts the instructions of the main thread
alone (``--separate-threads``: the open's checks run on threads of their own): the bare window to
its first paint, and PeerDesk to its first paint (empty database), to the week shown (five years,
60,000 entries) and to ready to save (100,000 entries). Prints each count and its ratio to the
bare window's. A run takes a minute or two (callgrind runs a program some 50 times slower).

The counts are not times: they leave out waiting (the disk, the window system, a check still
running on its thread) and weigh every instruction alike. They are for telling whether a change
to the start made PeerDesk do less, on a machine too busy for run.py's medians to say; the
targets are run.py's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import children
import run

CASES = (("first paint, empty database", "empty", "paint"),
         ("week shown, 60,000 entries", "five", "shown"),
         ("ready to save, 100,000 entries", "many", "ready"))


def main_thread_instructions(code: str, stop_at: str, *args: str) -> int:
    """Instructions of *code*'s main thread, run in a fresh interpreter until it prints *stop_at*."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONHASHSEED="0", PEERDESK_BENCH_STOP_AT=stop_at,
                   XDG_CONFIG_HOME=run.child_config())
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--separate-threads=yes", f"--callgrind-out-file={out}",
             sys.executable, "-c", code, *args],
            env=env, capture_output=True, text=True, timeout=900,
        )
        main = Path(f"{out}-01")
        if not main.exists():
            raise SystemExit(f"callgrind wrote no count (exit {done.returncode}): {done.stderr[-2000:]}")
        for line in main.read_text().splitlines():
            if line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit(f"no summary line in {main}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", help="build (and keep, and reuse) the databases in DIR, as run.py does")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    run.compile_bytecode()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="peerdesk-ir-"))
    folders = {"empty": run.build_folder(work / "empty", 0),
               "five": run.build_folder(work / "five-years", run.FIVE_YEARS),
               "many": run.build_folder(work / "many", run.MANY)}
    run.spawn(children.PEERDESK, str(folders["many"]))  # the warm-up start: it writes the view settings
    bare = main_thread_instructions(children.BARE, "paint")
    print(f"bare window to its first paint: {bare / 1e6:,.0f} M instructions (main thread)")
    for figure, kind, mark in CASES:
        count = main_thread_instructions(children.PEERDESK, mark, str(folders[kind]))
        print(f"PeerDesk, {figure}: {count / 1e6:,.0f} M instructions, {count / bare:.2f}× the bare window")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
