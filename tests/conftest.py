"""Test configuration shared by every layer.

Qt must never try to reach a display in tests: the offscreen platform is set
here, before anything imports Qt, rather than by hand in a shell.
"""

import os
import subprocess
import sys
from dataclasses import dataclass

# Its one screen is a ward PC's, 1366×768 (offscreen_screen.json), not the platform's own 800×800.
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "offscreen_screen.json"
)
# Tests never read or write the real user's data folder.
os.environ.pop("PEERDESK_DATA_DIR", None)
# Tests speak English whatever the machine's language (tests/i18n and the French tests ask for
# French themselves, with --lang fr or peerdesk.i18n.set_language); child processes too.
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANG"] = "C.UTF-8"

import pytest
from PySide6.QtCore import QStandardPaths


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English (a test that switched to French does not leak it)."""
    from peerdesk import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


# QSettings (view preferences such as the text size) go to a test location,
# never to the real user's configuration.
QStandardPaths.setTestModeEnabled(True)


@dataclass(frozen=True)
class Result:
    """What a ``peerdesk`` command did: its exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.strip().splitlines()


@pytest.fixture
def cli(capsys):
    """``cli("add", "--date", ...)`` → Result(code, out, err), through peerdesk.cli.main in this process."""
    from peerdesk.cli import main

    def run(*args):
        capsys.readouterr()  # drop anything printed before
        code = main([os.fspath(a) for a in args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def peerdesk_env():
    """The environment ``run_peerdesk`` gives its subprocess: no PEERDESK_DATA_DIR, Qt offscreen,
    UTF-8 pipes (the JSON and table output is UTF-8 text, whatever the platform's pipe encoding).
    A test module overrides it for a scratch home and temporary folder."""
    env = os.environ.copy()
    env.pop("PEERDESK_DATA_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _drop_dac_override() -> None:
    """In the child: root ignores permission bits unless it gives up these two capabilities."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: what lets root write anywhere
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_process(argv: list[str], *, honour_permissions: bool = False, **kwargs) -> subprocess.CompletedProcess:
    """*argv* in a child process, its output captured as text. With *honour_permissions*
    folder permissions apply to it even when the tests run as root (else the test is skipped)."""
    preexec = None
    if honour_permissions and os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("root ignores folder permissions and capabilities cannot be dropped here")
        preexec = _drop_dac_override
    try:
        return subprocess.run(
            argv, preexec_fn=preexec, capture_output=True, encoding="utf-8", timeout=120, **kwargs
        )
    except subprocess.SubprocessError as exc:
        if preexec is None:
            raise
        pytest.skip(f"cannot drop the capabilities that let root write anywhere: {exc}")


@pytest.fixture
def honouring_permissions():
    """``honouring_permissions([sys.executable, "-c", code])``: a child that folder permissions apply to."""
    return lambda argv, **kwargs: run_process(argv, honour_permissions=True, **kwargs)


@pytest.fixture
def run_peerdesk(tmp_path, peerdesk_env):
    """``run_peerdesk("list", "--json", env=...)`` → Result, via ``python -m peerdesk`` in a subprocess
    (``honour_permissions=True``: one that folder permissions apply to, even as root)."""

    def run(*args, env=None, honour_permissions=False):
        proc = run_process(
            [sys.executable, "-m", "peerdesk", *(os.fspath(a) for a in args)],
            env=peerdesk_env if env is None else env,
            cwd=tmp_path,
            honour_permissions=honour_permissions,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def data_dir(tmp_path):
    """A fresh PeerDesk data folder in a temporary directory."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


class TeamExports:
    """Three synthetic workers' records (peerdesk.demo, different seeds), each exported by the real
    exporter: entries with notes, and the weekly summary beside them; plus the summary PeerDesk
    itself writes for one database holding all three (the reference for the combined view)."""

    workers = ("PW-01", "Zoë (PW-02)", "=PW-03")  # the third is neutralised in every cell
    seeds = (101, 202, 303)
    today = None  # set below: 2026-11-25, a Wednesday in 2026-W48
    weeks = 6

    def __init__(self, folder):
        import datetime as dt

        from peerdesk import demo
        from peerdesk.domain import taxonomy as taxonomy_mod
        from peerdesk.domain.weeks import Week
        from peerdesk.exchange.csv_export import export_entries, export_summary
        from peerdesk.storage.store import Store

        self.today = dt.date(2026, 11, 25)
        self.taxonomy = taxonomy_mod.load_default()
        self.start = Week.of(self.today).shift(-(self.weeks - 1)).start
        self.end = self.today
        self.folder = folder
        self.entry_paths, self.summary_paths, self.entries = [], [], {}
        team = Store(folder / "team" / "peerdesk.db")
        try:
            for n, (worker, seed) in enumerate(zip(self.workers, self.seeds, strict=True), start=1):
                store = Store(folder / f"worker{n}" / "peerdesk.db")
                try:
                    made = list(
                        demo.generate(seed=seed, weeks=self.weeks, today=self.today, worker=worker)
                    )
                    store.restore_many(made)
                    team.restore_many(made)
                    entries_path = folder / f"peerdesk_worker{n}.csv"
                    summary_path = folder / f"peerdesk_worker{n}_summary.csv"
                    export_entries(store, self.taxonomy, self.start, self.end, entries_path, include_notes=True)
                    export_summary(store, self.taxonomy, self.start, self.end, summary_path)
                    self.entry_paths.append(entries_path)
                    self.summary_paths.append(summary_path)
                    self.entries.update((e.id, e) for e in store.entries_between(self.start, self.end))
                finally:
                    store.close()
            self.team_summary_path = folder / "peerdesk_team_summary.csv"
            export_summary(team, self.taxonomy, self.start, self.end, self.team_summary_path)
        finally:
            team.close()


@pytest.fixture(scope="session")
def team_exports(tmp_path_factory):
    """Read-only files for the review tests (shared by the session: never write into its folder)."""
    return TeamExports(tmp_path_factory.mktemp("team_exports"))
