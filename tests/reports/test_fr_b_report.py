"""A team's report in French: the same pages and the same totals as the English one, with French
headings, table headers and footers; the English report keeps its words (tests/reports/test_*)."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk import i18n
from peerdesk.domain.entry import format_minutes
from peerdesk.domain.stats import LABELS
from peerdesk.exchange import review
from peerdesk.operations.reporting import team_report_of
from peerdesk.reports.pdf import Options, number, pdf_bytes

from . import pdf_tools

NBSP = "\u00a0"


@pytest.fixture
def team(team_exports, qapp):
    result = review.read_files(team_exports.entry_paths, team_exports.taxonomy)
    return result, team_exports.taxonomy


def written(tmp_path, name, result, taxonomy, language, **options):
    """The team's report drawn in *language*: its text (spaces of every kind made one), and the report."""
    i18n.set_language(language)
    report = team_report_of(result, taxonomy, entry_list=bool(options))
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes(report, taxonomy, Options(organisation="Riverside", made=date(2026, 12, 4), **options)))
    return flat(pdf_tools.words(path)), report, path


def flat(text: str) -> str:
    """*text* with every run of spaces (no-break and narrow ones too: French writing) made one space."""
    return " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split())


def totals(report) -> list[str]:
    """What the report's numbers look like in the current language: each worker's and the team's hours,
    the entries, the funder's figures."""
    out = [f"{w.worker} {format_minutes(w.minutes)}" for w in report.workers]
    out += [f"{i18n._(label).strip()} {number(report.stats[key])}" for key, label in LABELS.items()]
    out.append(format_minutes(report.minutes))
    out.append(number(report.entries))
    return [flat(text) for text in out]


def test_a_french_team_report_has_french_words_and_the_english_ones_totals(team, tmp_path):
    result, taxonomy = team
    english, en_report, _path = written(tmp_path, "en", result, taxonomy, "en")
    english_totals = totals(en_report)
    for expected in ("Team report", "Workers", "Hours by worker and week (hours)", "For the funder (the team)",
                     "Made with PeerDesk on 2026-12-04. Notes and client refs left out.", "Page 1"):
        assert expected in english, expected

    french, fr_report, path = written(tmp_path, "fr", result, taxonomy, "fr")
    french_totals = totals(fr_report)
    for expected in ("Rapport d'équipe", "Pairs aidants", "Heures par pair aidant et par semaine (heures)",
                     "Pour le bailleur de fonds (l'équipe)", "Moyenne par semaine", "Part directe",
                     "Produit avec PeerDesk le 2026-12-04. Notes et codes des personnes exclus.", "Page 1",
                     "Soutien par les pairs : PW-01", "Heures consignées", "Temps par catégorie",
                     "Comment le travail a été fait", "Manifestations du rôle de pair"):
        assert expected in french, expected
    for english_only in ("Team report", "Peer support work", "Made with PeerDesk", "Hours per week"):
        assert english_only not in french, english_only

    # the same numbers, written as each language writes them
    assert (fr_report.minutes, fr_report.entries, fr_report.stats) == (en_report.minutes, en_report.entries,
                                                                       en_report.stats)
    for expected in english_totals:
        assert expected in english, expected
    for expected in french_totals:
        assert expected in french, expected
    team_row = flat(f"Équipe {format_minutes(fr_report.minutes)}")
    assert team_row in french
    first = fr_report.weeks[0].week.number
    assert f"W{first:02d}" in english and f"S{first:02d}" in french  # a week's short name, as the charts say it
    assert pdf_tools.info(path)["Title"].startswith("Rapport d'équipe, du ")


def test_a_french_entry_list_has_french_headers_and_modes(team, tmp_path):
    result, taxonomy = team
    french, _report, _path = written(tmp_path, "fr_list", result, taxonomy, "fr", notes=True, client_refs=True)
    # ("Code de la personne" wraps in its column's header: its first words)
    for expected in ("Entrées", "Date", "Début", "Temps", "Catégorie", "Mode", "Personnes", "Code de la", "Note",
                     "Notes et codes des personnes inclus."):
        assert expected in french, expected
    assert i18n._("In person") in french  # the modes are shown in French too
