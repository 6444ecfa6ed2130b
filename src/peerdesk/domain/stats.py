"""A period's figures in the terms funders ask for (the README says each in one sentence):

* ``individuals_served``: distinct client references of direct work;
* ``not_uniquely_identified``: direct entries without a client reference;
* ``direct_interactions``: direct entries;
* ``face_to_face`` / ``not_face_to_face``: direct entries in person / by phone, text, video or other;
* ``group_sessions`` / ``group_attendance``: group entries, and the people they reached;
* ``minutes_by_work_type``, ``minutes_by_category``: where the time went;
* ``minutes_by_code``: per reporting system, the minutes of the categories mapped to each code in
  the organisation's taxonomy file (``codes = { ohrs = "450" }``), with the entries they count.

Direct work is the taxonomy's ``direct`` work type; indirect and role work is never counted as
client contact. Pure Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

from ..i18n import N_
from .entry import DIRECT
from .taxonomy import Taxonomy

# Each count's name where people read it (reports, the command line, the review), in this order;
# in English: shown translated, _(LABELS[key]).
LABELS = {
    "individuals_served": N_("Individuals served (distinct client refs of direct work)"),
    "not_uniquely_identified": N_("Direct entries without a client ref"),
    "direct_interactions": N_("Direct interactions"),
    # TRANSLATORS: keep the four spaces at the start: a part of the direct interactions above
    "face_to_face": N_("    face to face (in person)"),
    # TRANSLATORS: keep the four spaces at the start: a part of the direct interactions above
    "not_face_to_face": N_("    not face to face (phone, text, video, other)"),
    "group_sessions": N_("Group sessions"),
    "group_attendance": N_("Group attendance (people in them)"),
}


class Row(Protocol):
    """What the figures read of an entry: the store's :class:`~.entry.Entry` and the review's rows alike."""

    @property
    def worker(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def minutes(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def people(self) -> int: ...
    @property
    def client_ref(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...


def figures(entries: Iterable[Row], taxonomy: Taxonomy) -> dict[str, Any]:
    refs: set[str] = set()
    counts: Counter[str] = Counter()
    by_work_type: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_code: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for e in entries:
        category = taxonomy.categories.get(e.category)
        work_type = category.work_type if category else "unknown"
        by_work_type[work_type] += e.minutes
        by_category[e.category] += e.minutes
        for system, code in category.codes if category else ():
            cell = by_code[system].setdefault(code, {"minutes": 0, "entries": 0})
            cell["minutes"] += e.minutes
            cell["entries"] += 1
        if e.format == "group":
            counts["group_sessions"] += 1
            counts["group_attendance"] += e.people
        if work_type != DIRECT:
            continue
        counts["direct_interactions"] += 1
        counts["face_to_face" if e.mode == "in_person" else "not_face_to_face"] += 1
        if e.client_ref.strip():
            refs.add(e.client_ref.strip())
        else:
            counts["not_uniquely_identified"] += 1
    return {
        "individuals_served": len(refs),
        "not_uniquely_identified": counts["not_uniquely_identified"],
        "direct_interactions": counts["direct_interactions"],
        "face_to_face": counts["face_to_face"],
        "not_face_to_face": counts["not_face_to_face"],
        "group_sessions": counts["group_sessions"],
        "group_attendance": counts["group_attendance"],
        "minutes_by_work_type": dict(sorted(by_work_type.items())),
        "minutes_by_category": dict(sorted(by_category.items())),
        "minutes_by_code": {system: dict(sorted(codes.items())) for system, codes in sorted(by_code.items())},
    }
