"""The quick-entry line's cost per key typed: :func:`peerdesk.domain.quick_entry.parse` (which
ranks the categories) on every prefix of typical lines, with an organisation taxonomy of 200
categories, against a floor that only splits each prefix into words and looks each word up in
a set of the taxonomy's label words.

    python benchmarks/quick_bench.py          # prints the 95th percentiles
"""

from __future__ import annotations

import statistics
import time
from datetime import date

LINES = (
    "team 60", "adv 45 @p C-12", "gf 90 x6 #p", "adm 20", "14-14:45 sup", "rel 10 @t",
    "yesterday 10:30 1h30 group facilitation x6 #presence",
    "mon advocacy 45 @phone ref:C-102 // called the housing office with them",
    "harm reduction outreach 30 @person", "peer recovery coaching 1h @video #role",
)
WORDS = ("peer", "recovery", "coaching", "harm", "reduction", "outreach", "housing", "navigation", "court",
         "support", "family", "liaison", "crisis", "follow", "up", "wellness", "planning", "employment",
         "benefits", "intake", "discharge", "transition", "medication", "youth", "circle")


def organisation(size: int = 200):
    """The built-in taxonomy and enough organisation categories to make *size*, labelled as an
    organisation labels them (three to five words, many sharing their first word)."""
    from peerdesk.domain.taxonomy import Category, Taxonomy, load_default

    base = load_default()
    cats = dict(base.categories)
    n = 0
    while len(cats) < size:
        words = [WORDS[(n * k + k * k) % len(WORDS)] for k in range(1, 3 + n % 3 + 1)]
        label = " ".join(words).capitalize() + f" {n // len(WORDS) + 1}" * (n >= len(WORDS))
        cats[f"org_{n}"] = Category(f"org_{n}", "direct" if n % 2 else "indirect", label)
        n += 1
    return Taxonomy(base.work_types, cats, base.tags)


def measure(runs: int = 7) -> tuple[float, float, int]:
    """(PeerDesk's p95, the floor's p95, keystrokes timed), each key timed alone, alternating."""
    import re

    from peerdesk.domain.quick_entry import parse

    tax = organisation()
    today = date(2026, 11, 25)
    label_words = {w for c in tax.categories.values() for w in c.label.lower().split()}
    prefixes = [line[:n] for line in LINES for n in range(1, len(line) + 1)]

    def floor(text: str) -> object:
        return [w.lower() in label_words for w in re.findall(r"\S+", text)]

    parse(LINES[0], tax, today=today)  # the taxonomy's index, made once as the window's first key makes it
    ours: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        for text in prefixes:
            t = time.perf_counter()
            floor(text)
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            parse(text, tax, today=today)
            ours.append(time.perf_counter() - t)
    return p95(ours), p95(base), len(prefixes)


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1]


if __name__ == "__main__":
    ours, base, keys = measure()
    print(f"{keys} keystrokes x 7: parse p95 {ours * 1000:.3f} ms, floor p95 {base * 1000:.4f} ms, "
          f"ratio {ours / base:.1f}")
