"""What every case of run.py returns, and how the runner times, summarises and prints it."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass
class Result:
    figure: str
    value: float
    floor: float
    target: str
    max_ratio: float
    unit: str = "s"
    max_value: float | None = None  # an absolute limit as well (week switch: 50 ms)
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.max_ratio and (self.max_value is None or self.value < self.max_value)

    def cells(self) -> tuple[str, str, str, str, str, str]:
        if self.unit == "MB":
            v, f = f"{self.value:.1f} MB", f"{self.floor:.1f} MB"
        elif self.value < 0.1:
            v, f = f"{self.value * 1000:.2f} ms", f"{self.floor * 1000:.2f} ms"
        else:
            v, f = f"{self.value:.3f} s", f"{self.floor:.3f} s"
        return self.figure, v, f, f"{self.ratio:.2f}", self.target, "ok" if self.ok else "MISSED"

    def as_json(self) -> dict:
        return {
            "figure": self.figure,
            "value_s": round(self.value, 6),
            "floor_s": round(self.floor, 6),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "ok": self.ok,
        }


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[-1]


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def log(text: str) -> None:
    print(text, flush=True)


def alternate(floor: Callable[[], object], value: Callable[[], object], runs: int, warmup: int = 1):
    """Time floor and PeerDesk alternately: *warmup* untimed rounds, then *runs* timed ones."""
    fs: list[float] = []
    vs: list[float] = []
    for i in range(warmup + runs):
        for fn, out in ((floor, fs), (value, vs)) if i % 2 == 0 else ((value, vs), (floor, fs)):
            t = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t
            if i >= warmup:
                out.append(elapsed)
    return fs, vs


def samples(xs: list[float]) -> str:
    return ", ".join(f"{x * 1000:.1f}" for x in xs) + " ms"


def machine() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return (
        f"{date.today().isoformat()}, {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
        f"SQLite {sqlite3.sqlite_version}"
    )


def table(results: list[Result]) -> str:
    head = ("figure", "PeerDesk median", "floor median", "ratio", "target", "ok")
    rows = [head, *(r.cells() for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
