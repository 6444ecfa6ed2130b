"""Every module of PeerDesk (and of its benchmarks) stays under 700 lines: DESIGN.md §1's rule,
so that a module keeps doing one thing."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 700


def test_no_module_reaches_700_lines():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text("utf-8").splitlines())
        for folder in ("src/peerdesk", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert sizes, "no modules found"
    assert {name: n for name, n in sizes.items() if n >= LIMIT} == {}
