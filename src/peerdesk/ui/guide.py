"""Help ▸ Role guide: what each work type, category and enactment means, with examples.

The text comes from the taxonomy (``guide`` keys in ``resources/taxonomy.toml``
or an organisation's own file); this widget only lays it out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _
from . import contrast, palette
from .fitting import open_size, text_ratio

KEY_ROLE = Qt.UserRole + 1
SOURCE = (
    "Jacobson N, Trojanowski L, Dewa CS (2012). What do peer support workers do? "
    "A job description. BMC Health Services Research 12:205."
)  # a citation: as published
# A work type's heading, for the default work types (an organisation's own: "{work_type} work").
WORK_HEADINGS = {"direct": N_("Direct work"), "indirect": N_("Indirect work"), "role": N_("Role work")}


def work_heading(key: str, label: str) -> str:
    """"Direct work": the heading of the work type *key* (labelled *label*), translated."""
    if key in WORK_HEADINGS:
        return _(WORK_HEADINGS[key])
    return _("{work_type} work").format(work_type=label)


def guide_html(text: str) -> str:
    """Plain guide text to HTML: paragraphs, and lines starting with '- ' as a list."""
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("- "):
            items.append(html.escape(line[2:]))
            continue
        flush()
        if line:
            out.append(f"<p>{html.escape(line)}</p>")
    flush()
    return "".join(out)


class RoleGuide(QDialog):
    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.setWindowTitle(_("Role guide — what peer support workers do"))
        open_size(self, 900, 600)  # grown with larger text, within the screen
        self.tree = QTreeWidget(objectName="guide_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Role guide topics"))
        self.tree.setAccessibleDescription(_("Work types, their categories and the enactments; "
                                             "the chosen topic is explained beside it"))
        self.text = QTextBrowser(objectName="guide_text")
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName(_("Role guide text"))
        self._items: dict[str, QTreeWidgetItem] = {}

        intro = QTreeWidgetItem([_("About this guide")])
        intro.setData(0, KEY_ROLE, "intro")
        self.tree.addTopLevelItem(intro)
        self._items["intro"] = intro
        for wt in taxonomy.work_types.values():
            top = QTreeWidgetItem([work_heading(wt.key, wt.label)])
            top.setData(0, KEY_ROLE, f"work_type:{wt.key}")
            # the work type's hue, dark enough to read on the tree (the theme's text under high contrast)
            base = self.tree.palette().color(QPalette.ColorRole.Base)
            top.setForeground(0, contrast.shade_for(palette.work_type_colour(taxonomy, wt.key).darker(120), base))
            self.tree.addTopLevelItem(top)
            self._items[f"work_type:{wt.key}"] = top
            for cat in taxonomy.categories_of(wt.key):
                child = QTreeWidgetItem([cat.label])
                child.setData(0, KEY_ROLE, f"category:{cat.key}")
                top.addChild(child)
                self._items[f"category:{cat.key}"] = child
        tags_top = QTreeWidgetItem([_("Enactments of the peer philosophy")])
        tags_top.setData(0, KEY_ROLE, "tags")
        self.tree.addTopLevelItem(tags_top)
        self._items["tags"] = tags_top
        for tag in taxonomy.tags.values():
            child = QTreeWidgetItem([tag.label])
            child.setData(0, KEY_ROLE, f"tag:{tag.key}")
            tags_top.addChild(child)
            self._items[f"tag:{tag.key}"] = child
        self.tree.expandAll()

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        ratio = text_ratio(self)
        splitter.setSizes([round(280 * ratio), round(620 * ratio)])
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

        self.tree.currentItemChanged.connect(self._show_current)
        self.open_at("intro")

    def open_at(self, key: str) -> None:
        """Select ``intro``, ``work_type:KEY``, ``category:KEY``, ``tags`` or ``tag:KEY``."""
        item = self._items.get(key) or self._items.get(f"category:{key}") or self._items["intro"]
        self.tree.setCurrentItem(item)
        self._show(item.data(0, KEY_ROLE))

    def current_key(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item else ""

    def _show_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self._show(item.data(0, KEY_ROLE))

    def _show(self, key: str) -> None:
        self.text.setHtml(self.page_html(key))

    def page_html(self, key: str) -> str:
        tax = self.taxonomy
        kind, _colon, name = key.partition(":")
        if kind == "category" and name in tax.categories:
            cat = tax.categories[name]
            wt = tax.work_types[cat.work_type]
            base = self.text.palette().color(QPalette.ColorRole.Base)
            colour = contrast.shade_for(palette.work_type_colour(tax, wt.key), base).name()
            body = (
                f"<p style='color:{colour}'><b>{html.escape(work_heading(wt.key, wt.label))}</b></p>"
                f"<h2>{html.escape(cat.label)}</h2>"
                f"<p><i>{html.escape(cat.description)}</i></p>{guide_html(cat.guide)}"
            )
        elif kind == "work_type" and name in tax.work_types:
            wt = tax.work_types[name]
            categories = _("Categories:")  # (Babel reads no call inside an f-string)
            cats = "".join(f"<li>{html.escape(c.label)}</li>" for c in tax.categories_of(name))
            body = (
                f"<h2>{html.escape(work_heading(wt.key, wt.label))}</h2><p><i>{html.escape(wt.description)}</i></p>"
                f"{guide_html(wt.guide)}<p>{html.escape(categories)}</p><ul>{cats}</ul>"
            )
        elif kind == "tag" and name in tax.tags:
            tag = tax.tags[name]
            body = (
                f"<h2>{html.escape(tag.label)}</h2><p><i>{html.escape(tag.description)}</i></p>"
                f"{guide_html(tag.guide)}"
            )
        elif kind == "tags":
            items = "".join(
                "<li>" + _("{tag}: {description}").format(tag=f"<b>{html.escape(t.label)}</b>",
                                                           description=html.escape(t.description)) + "</li>"
                for t in tax.tags.values()
            )
            title = _("Enactments of the peer philosophy")
            what = _("Ways the peer approach shows in everyday work. Tag an entry with the ones it shows.")
            body = (
                f"<h2>{html.escape(title)}</h2>"
                f"<p>{html.escape(what)}</p><ul>{items}</ul>"
            )
        else:
            title = _("What peer support workers do")
            body = f"<h2>{html.escape(title)}</h2>" + guide_html(tax.guide_intro)
        source = html.escape(_("Source: {citation}").format(citation=SOURCE))
        return f"{body}<hr><p style='font-size:small'>{source}</p>"
