"""`peerdesk stats --from DATE --to DATE [--json]`: a period's figures in the terms funders use."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from .cli import EXIT_OK, EXIT_USAGE, CliError, _common, _opened, _subcommand, _workspace

LABELS = {
    "individuals_served": "individuals served (distinct client refs of direct work)",
    "not_uniquely_identified": "direct entries without a client ref",
    "direct_interactions": "direct interactions",
    "face_to_face": "  face to face (in person)",
    "not_face_to_face": "  not face to face (phone, text, video, other)",
    "group_sessions": "group sessions",
    "group_attendance": "group attendance (people in them)",
}


def declare_stats(sub: Any) -> None:
    stats = _subcommand(sub, "stats", help="a period's figures in the terms funders use")
    _common(stats, suppress=True)
    stats.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    stats.add_argument("--json", action="store_true", help="the figures as one JSON object")


def cmd_stats(args: argparse.Namespace) -> int:
    from .domain.entry import format_minutes
    from .operations.reporting import period_figures

    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise CliError("--from and --to are days written YYYY-MM-DD", EXIT_USAGE) from None
    ws = _workspace(args)
    with _opened(ws) as store:
        try:
            got = period_figures(store, ws.taxonomy, start, end)
        except ValueError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    if args.json:
        print(json.dumps(got, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{start} to {end}")
    if not got["minutes_by_category"]:
        print("No entries in this period.")
        return EXIT_OK
    for key, label in LABELS.items():
        print(f"{label:<48} {got[key]:>6}")
    print("time by work type:")
    for key, minutes in got["minutes_by_work_type"].items():
        print(f"  {key:<46} {format_minutes(minutes):>8}")
    print("time by category:")
    for key, minutes in got["minutes_by_category"].items():
        print(f"  {ws.taxonomy.category_label(key):<46} {format_minutes(minutes):>8}")
    for system, codes in got["minutes_by_code"].items():
        print(f"by {system} code:")
        for code, cell in codes.items():
            print(f"  {code:<46} {format_minutes(cell['minutes']):>8} ({cell['entries']} entries)")
    return EXIT_OK
