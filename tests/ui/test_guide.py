"""Help ▸ Role guide: text for every key of the taxonomy, opened where the user is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from peerdesk.domain import taxonomy as taxonomy_mod
from peerdesk.domain.taxonomy import load_default
from peerdesk.ui.guide import KEY_ROLE, RoleGuide, guide_html
from peerdesk.ui.main_window import MainWindow
from peerdesk.workspace import Workspace

from .conftest import TODAY

ORG_TAXONOMY = '''
[categories.harm_reduction]
work_type = "direct"
label = "Harm reduction"
description = "Helping a client use more safely, on their own terms."
guide = """
Harm reduction meets a client where they are.
Examples:
- Talked through safer-use supplies with a client before weekend leave.
- Went with a client to the needle exchange for a first visit.
Keep notes free of names."""

[categories.advocacy]
guide = """
Our service's own words on advocacy.
- Raised a client's concern at the ward community meeting."""
'''


@pytest.fixture
def taxonomy():
    return load_default()


@pytest.fixture
def guide(qtbot, taxonomy):
    dialog = RoleGuide(taxonomy)
    qtbot.addWidget(dialog)
    return dialog


def tree_keys(guide: RoleGuide) -> list[str]:
    keys = []

    def walk(item):
        keys.append(item.data(0, KEY_ROLE))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(guide.tree.topLevelItemCount()):
        walk(guide.tree.topLevelItem(i))
    return keys


def list_items(guide: RoleGuide) -> list[str]:
    """Text of every block of the page that is a list item."""
    out = []
    block = guide.text.document().begin()
    while block.isValid():
        if block.textList() is not None:
            out.append(block.text())
        block = block.next()
    return out


def examples(text: str) -> list[str]:
    return [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]


def prose(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("- ")]


# ------------------------------------------------------------------ the text in the taxonomy


def test_every_category_of_the_taxonomy_has_guide_text(taxonomy):
    missing = [key for key, cat in taxonomy.categories.items() if not cat.guide.strip()]
    assert not missing, f"resources/taxonomy.toml has no guide text for categories: {', '.join(missing)}"


def test_every_category_guide_gives_examples(taxonomy):
    without = [key for key, cat in taxonomy.categories.items() if not examples(cat.guide)]
    assert not without, f"no '- ' example lines in the guide of: {', '.join(without)}"


def test_every_work_type_and_tag_has_guide_text_and_there_is_an_introduction(taxonomy):
    missing = [f"work_types.{k}" for k, wt in taxonomy.work_types.items() if not wt.guide.strip()]
    missing += [f"tags.{k}" for k, tag in taxonomy.tags.items() if not tag.guide.strip()]
    if not taxonomy.guide_intro.strip():
        missing.append("guide_intro")
    assert not missing, f"resources/taxonomy.toml has no guide text for: {', '.join(missing)}"


# ------------------------------------------------------------------ the dialog


def test_the_tree_has_an_item_for_every_category_work_type_and_tag(guide, taxonomy):
    keys = tree_keys(guide)
    expected = (
        ["intro", "tags"]
        + [f"work_type:{k}" for k in taxonomy.work_types]
        + [f"category:{k}" for k in taxonomy.categories]
        + [f"tag:{k}" for k in taxonomy.tags]
    )
    assert sorted(keys) == sorted(expected)
    assert len(keys) == len(set(keys))
    # categories sit under their own work type
    for i in range(guide.tree.topLevelItemCount()):
        top = guide.tree.topLevelItem(i)
        kind, _, name = top.data(0, KEY_ROLE).partition(":")
        if kind == "work_type":
            children = {top.child(j).data(0, KEY_ROLE) for j in range(top.childCount())}
            assert children == {f"category:{c.key}" for c in taxonomy.categories_of(name)}


def test_it_opens_at_the_introduction(guide, taxonomy):
    assert guide.current_key() == "intro"
    text = guide.text.toPlainText()
    assert "What peer support workers do" in text
    assert prose(taxonomy.guide_intro)[0] in text
    assert "Jacobson" in text  # the source is cited on every page


def test_open_at_a_category_selects_it_and_shows_its_label_description_and_examples(guide, taxonomy):
    guide.open_at("category:advocacy")
    cat = taxonomy.categories["advocacy"]
    assert guide.current_key() == "category:advocacy"
    assert guide.tree.currentItem().text(0) == cat.label
    text = guide.text.toPlainText()
    assert cat.label in text
    assert cat.description in text
    assert taxonomy.work_types[cat.work_type].label in text
    assert examples(cat.guide), "advocacy has no examples to show"
    assert list_items(guide) == examples(cat.guide)  # each '- ' line is a list item, in order
    for paragraph in prose(cat.guide):
        assert paragraph in text
        assert paragraph not in list_items(guide)
    assert "Jacobson" in text


def test_every_page_opens_and_shows_its_own_text(guide, taxonomy):
    for key, cat in taxonomy.categories.items():
        guide.open_at(f"category:{key}")
        assert guide.current_key() == f"category:{key}"
        assert cat.label in guide.text.toPlainText()
    for key, wt in taxonomy.work_types.items():
        guide.open_at(f"work_type:{key}")
        text = guide.text.toPlainText()
        assert f"{wt.label} work" in text
        for cat in taxonomy.categories_of(key):
            assert cat.label in text
    for key, tag in taxonomy.tags.items():
        guide.open_at(f"tag:{key}")
        assert guide.current_key() == f"tag:{key}"
        assert tag.label in guide.text.toPlainText()
        assert tag.description in guide.text.toPlainText()
    guide.open_at("tags")
    assert all(tag.label in guide.text.toPlainText() for tag in taxonomy.tags.values())


def test_clicking_in_the_tree_shows_that_page(guide, taxonomy):
    item = next(
        guide.tree.topLevelItem(i)
        for i in range(guide.tree.topLevelItemCount())
        if guide.tree.topLevelItem(i).data(0, KEY_ROLE) == "work_type:role"
    )
    guide.tree.setCurrentItem(item.child(0))
    first = taxonomy.categories_of("role")[0]
    assert guide.current_key() == f"category:{first.key}"
    assert first.description in guide.text.toPlainText()


def test_a_bare_key_or_an_unknown_key(guide):
    guide.open_at("advocacy")
    assert guide.current_key() == "category:advocacy"
    guide.open_at("category:no_such_thing")
    assert guide.current_key() == "intro"


def test_guide_text_is_shown_as_text_never_as_markup():
    html = guide_html("A <b>bold</b> claim & more\n- first <i>example</i>\n- second\n\nAfter the list")
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<li>") == 2
    assert html.index("</ul>") < html.index("After the list")


def test_an_organisation_taxonomy_brings_its_own_guide_text(qtbot, tmp_path):
    path = tmp_path / "our-taxonomy.toml"
    path.write_text(ORG_TAXONOMY, encoding="utf-8")
    taxonomy = taxonomy_mod.load(path)
    guide = RoleGuide(taxonomy)
    qtbot.addWidget(guide)

    assert "category:harm_reduction" in tree_keys(guide)
    guide.open_at("category:harm_reduction")
    text = guide.text.toPlainText()
    assert "Harm reduction" in text
    assert "Helping a client use more safely, on their own terms." in text
    assert "Harm reduction meets a client where they are." in text
    assert "Keep notes free of names." in text
    assert list_items(guide) == [
        "Talked through safer-use supplies with a client before weekend leave.",
        "Went with a client to the needle exchange for a first visit.",
    ]

    # Rewording the guide of a built-in category replaces its text, label and description stay.
    guide.open_at("category:advocacy")
    text = guide.text.toPlainText()
    assert "Our service's own words on advocacy." in text
    assert load_default().categories["advocacy"].description in text
    assert list_items(guide) == ["Raised a client's concern at the ward community meeting."]


# ------------------------------------------------------------------ from the main window


def choose_category(window: MainWindow, key: str) -> None:
    form = window.form
    form.work_type_combo.setCurrentIndex(form.work_type_combo.findData(window.taxonomy.work_type_of(key)))
    form.category_combo.setCurrentIndex(form.category_combo.findData(key))
    assert form.category_combo.currentData() == key


def test_the_category_info_button_opens_the_guide_at_that_category(window):
    assert window.guide is None
    choose_category(window, "legitimizing_role")
    window.form.guide_button.click()
    assert window.guide is not None and window.guide.isVisible()
    assert window.guide.current_key() == "category:legitimizing_role"
    assert window.taxonomy.categories["legitimizing_role"].label in window.guide.text.toPlainText()

    # The same dialog moves to the next category asked for.
    shown = window.guide
    choose_category(window, "advocacy")
    window.form.guide_button.click()
    assert window.guide is shown
    assert window.guide.current_key() == "category:advocacy"


def test_the_info_button_shows_an_organisation_category(qtbot, data_dir, dialogs, tmp_path):
    path = tmp_path / "our-taxonomy.toml"
    path.write_text(ORG_TAXONOMY, encoding="utf-8")
    ws = Workspace(data_dir, path)
    try:
        win = MainWindow(ws, dialogs=dialogs, today=lambda: TODAY)
        qtbot.addWidget(win)
        win.set_store(ws.open_store())
        win.show()
        choose_category(win, "harm_reduction")
        win.form.guide_button.click()
        assert win.guide.current_key() == "category:harm_reduction"
        assert "Harm reduction meets a client where they are." in win.guide.text.toPlainText()
    finally:
        ws.close()


def activate(qtbot, window: MainWindow, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_f1_is_the_role_guide_shortcut(window):
    assert QKeySequence(QKeySequence.HelpContents) in window.guide_action.shortcuts()
    assert QKeySequence(Qt.Key_F1) in QKeySequence.keyBindings(QKeySequence.HelpContents)


def test_f1_outside_the_form_opens_the_guide_at_the_introduction(qtbot, window):
    choose_category(window, "advocacy")
    activate(qtbot, window, window.week_view.table)
    qtbot.keyClick(window.week_view.table, Qt.Key_F1)
    assert window.guide is not None and window.guide.isVisible()
    assert window.guide.current_key() == "intro"


def test_f1_in_the_form_opens_the_guide_at_the_chosen_category(qtbot, window):
    choose_category(window, "team_communication")
    activate(qtbot, window, window.form.minutes_edit)
    qtbot.keyClick(window.form.minutes_edit, Qt.Key_F1)
    assert window.guide is not None and window.guide.isVisible()
    assert window.guide.current_key() == "category:team_communication"

    # Back in the window with the focus outside the form, F1 opens at the introduction again.
    activate(qtbot, window, window.week_view.table)
    qtbot.keyClick(window.week_view.table, Qt.Key_F1)
    assert window.guide.current_key() == "intro"


def test_the_guide_follows_the_text_size(qtbot, window):
    window.guide_action.trigger()
    window.larger_action.trigger()
    QApplication.processEvents()
    assert window.guide.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    assert window.guide.text.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
