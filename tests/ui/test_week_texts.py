"""Small texts of the week that must say the truth: an empty past week, a day as the form writes it."""

from __future__ import annotations

from datetime import date

from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week


def test_an_empty_week_says_whether_it_is_this_week(window):
    view = window.week_view
    window.show_week(Week(2026, 48))  # the window's today is in 2026-W48
    assert view.empty_label.text() == "No entries this week yet. Log what you did in the form on the left."
    window.show_week(Week(2026, 40))
    assert view.empty_label.text() == "No entries in week 40. To log one, set the form's date to one of its days."


def test_the_table_writes_a_day_as_the_form_does(window):
    entry = validate({"worker": "PW-07", "date": "2026-11-02", "minutes": "30", "category": "advocacy"},
                     window.taxonomy, today=date(2026, 11, 25))
    window.store.add(entry)
    window.show_week(Week(2026, 45))
    model = window.week_view.model
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "Mon 2 Nov" in texts and "Mon 02 Nov" not in texts
