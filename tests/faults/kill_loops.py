"""The long fault loops (the short ones run in the test suite): PeerDesk's writing commands
killed with SIGKILL at random moments, again and again, and the data folder checked after each.

    python tests/faults/kill_loops.py [--tries 50] [--seed 18] [--workdir DIR]

For each fault it prints the tries and the survivals: a survival is a store that opens (with
exactly one of the two passphrases for a re-key), holds every entry it acknowledged, checks
(integrity and the audit chain), and, after the next start, has no unfinished file left
beside it. Linux or macOS (SIGKILL); nothing here touches a real data folder.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEERDESK = [sys.executable, "-m", "peerdesk"]
HITS = {"n": 0}  # kills that found the command still running (the others came after it ended)


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*PEERDESK, *args], capture_output=True, text=True, timeout=timeout, check=False)


def duration(args: list[str]) -> float:
    """How long `peerdesk ARGS` takes here, start-up included: kills are timed within it."""
    started = time.monotonic()
    subprocess.run([*PEERDESK, *args], capture_output=True, timeout=300, check=False)
    return time.monotonic() - started


def killed(args: list[str], delay: float) -> bool:
    """Start `peerdesk ARGS`, kill it after *delay* seconds; whether it was still running."""
    child = subprocess.Popen([*PEERDESK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    running = child.poll() is None
    HITS["n"] += running
    child.send_signal(signal.SIGKILL)
    child.wait()
    return running


def unfinished(*folders: Path) -> list[str]:
    return [p.name for folder in folders if folder.exists() for p in folder.iterdir()
            if p.name.startswith(".") and ".part" in p.name]


def age(*folders: Path) -> None:
    then = time.time() - 86_400
    for folder in folders:
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                os.utime(path, (then, then))


def entries_of(data: Path, *extra: str) -> int | None:
    done = run("--data-dir", str(data), *extra, "list", "--week", "2026-W48")
    if done.returncode != 0:
        return None
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return 0 if last.startswith("No entries") else int(last.split()[0])


def loop_adds(work: Path, tries: int, rnd: random.Random) -> tuple[int, int]:
    data = work / "adds"
    add = ["--data-dir", str(data), "add", "--date", "2026-11-24", "--minutes", "30", "--category", "advocacy"]
    acknowledged, survived = int(run(*add).returncode == 0), 0
    whole = duration(add)
    acknowledged += 1
    for _ in range(tries):
        if rnd.random() < 0.5:
            done = run("--data-dir", str(data), "add", "--date", "2026-11-24", "--minutes", "30",
                       "--category", "advocacy")
            acknowledged += done.returncode == 0
        else:
            killed(add, rnd.uniform(0.0, whole))
        count = entries_of(data)
        ok = count is not None and count >= acknowledged and run("--data-dir", str(data), "check").returncode == 0
        survived += ok
    return tries, survived


def loop_backups_and_exports(work: Path, tries: int, rnd: random.Random) -> tuple[int, int]:
    from peerdesk import demo

    data, outbox = work / "big", work / "outbox"
    outbox.mkdir(exist_ok=True)
    if not data.exists():
        demo.create_demo_folder(data, weeks=260)  # five years: a copy takes long enough to be cut
    survived = 0
    backup = ["--data-dir", str(data), "backup"]
    export = ["--data-dir", str(data), "export", "--from", "2020-01-01", "--to", "2026-12-31",
              "--include-notes", "--out", str(outbox / "export.csv")]
    wholes = [duration(backup), duration(export)]
    for n in range(tries):
        killed(backup if n % 2 else export, rnd.uniform(0.0, wholes[n % 2 == 0]))
        age(data, outbox)
        ok = run("--data-dir", str(data), "check").returncode == 0
        run("--data-dir", str(data), "export", "--from", "2026-11-01", "--to", "2026-11-30",
            "--out", str(outbox / "next.csv"))  # the next export into that folder sweeps it
        ok = ok and unfinished(data, data / "backups", outbox) == []
        survived += ok
    return tries, survived


def loop_rekeys(work: Path, tries: int, rnd: random.Random) -> tuple[int, int]:
    data = work / "encrypted"
    words = [work / "one.txt", work / "two.txt"]
    for path, text in zip(words, ("first passphrase", "second passphrase"), strict=True):
        path.write_text(text + "\n", "utf-8")
        path.chmod(0o600)
    if not data.exists():
        run("--data-dir", str(data), "init", "--encrypt", "--passphrase-file", str(words[0]))
        for _ in range(20):
            run("--data-dir", str(data), "--passphrase-file", str(words[0]), "add", "--date", "2026-11-24",
                "--minutes", "30", "--category", "advocacy")
    expected = entries_of(data, "--passphrase-file", str(words[0]))

    def change(current: int) -> list[str]:
        return ["--data-dir", str(data), "--passphrase-file", str(words[current]), "passphrase",
                "--new-passphrase-file", str(words[1 - current])]

    whole = duration(change(0))  # the store now opens with the second passphrase
    current = 1
    survived = 0
    for _ in range(tries):
        killed(change(current), rnd.uniform(0.0, whole))
        opens = [i for i in (0, 1) if entries_of(data, "--passphrase-file", str(words[i])) == expected]
        if len(opens) == 1:
            survived += 1
            current = opens[0]
    return tries, survived


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="peerdesk-kill-loops-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, loop in (("killed adds", loop_adds), ("killed backups and exports", loop_backups_and_exports),
                       ("killed passphrase changes", loop_rekeys)):
        started, HITS["n"] = time.monotonic(), 0
        tries, survived = loop(work, args.tries, rnd)
        failed |= survived != tries
        print(f"{name}: {survived} of {tries} survived, {HITS['n']} killed while running "
              f"({time.monotonic() - started:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
