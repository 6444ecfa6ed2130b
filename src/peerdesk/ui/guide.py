"""Help ▸ Role guide: what each work type, category and enactment means, with examples.

The text comes from the taxonomy (``guide`` keys in ``resources/taxonomy.toml``
or an organisation's own file); this widget only lays it out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
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
from . import palette
from .fitting import open_size, text_ratio

KEY_ROLE = Qt.UserRole + 1
SOURCE = (
    "Jacobson N, Trojanowski L, Dewa CS (2012). What do peer support workers do? "
    "A job description. BMC Health Services Research 12:205."
)


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
        self.setWindowTitle("Role guide — what peer support workers do")
        open_size(self, 900, 600)  # grown with larger text, within the screen
        self.tree = QTreeWidget(objectName="guide_tree")
        self.tree.setHeaderHidden(True)
        self.text = QTextBrowser(objectName="guide_text")
        self.text.setOpenExternalLinks(False)
        self._items: dict[str, QTreeWidgetItem] = {}

        intro = QTreeWidgetItem(["About this guide"])
        intro.setData(0, KEY_ROLE, "intro")
        self.tree.addTopLevelItem(intro)
        self._items["intro"] = intro
        for wt in taxonomy.work_types.values():
            top = QTreeWidgetItem([f"{wt.label} work"])
            top.setData(0, KEY_ROLE, f"work_type:{wt.key}")
            top.setForeground(0, palette.work_type_colour(taxonomy, wt.key).darker(120))
            self.tree.addTopLevelItem(top)
            self._items[f"work_type:{wt.key}"] = top
            for cat in taxonomy.categories_of(wt.key):
                child = QTreeWidgetItem([cat.label])
                child.setData(0, KEY_ROLE, f"category:{cat.key}")
                top.addChild(child)
                self._items[f"category:{cat.key}"] = child
        tags_top = QTreeWidgetItem(["Enactments of the peer philosophy"])
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
        kind, _, name = key.partition(":")
        if kind == "category" and name in tax.categories:
            cat = tax.categories[name]
            wt = tax.work_types[cat.work_type]
            colour = palette.work_type_colour(tax, wt.key).name()
            body = (
                f"<p style='color:{colour}'><b>{html.escape(wt.label)} work</b></p>"
                f"<h2>{html.escape(cat.label)}</h2>"
                f"<p><i>{html.escape(cat.description)}</i></p>{guide_html(cat.guide)}"
            )
        elif kind == "work_type" and name in tax.work_types:
            wt = tax.work_types[name]
            cats = "".join(f"<li>{html.escape(c.label)}</li>" for c in tax.categories_of(name))
            body = (
                f"<h2>{html.escape(wt.label)} work</h2><p><i>{html.escape(wt.description)}</i></p>"
                f"{guide_html(wt.guide)}<p>Categories:</p><ul>{cats}</ul>"
            )
        elif kind == "tag" and name in tax.tags:
            tag = tax.tags[name]
            body = (
                f"<h2>{html.escape(tag.label)}</h2><p><i>{html.escape(tag.description)}</i></p>"
                f"{guide_html(tag.guide)}"
            )
        elif kind == "tags":
            items = "".join(
                f"<li><b>{html.escape(t.label)}</b>: {html.escape(t.description)}</li>" for t in tax.tags.values()
            )
            body = (
                "<h2>Enactments of the peer philosophy</h2>"
                "<p>Ways the peer approach shows in everyday work. Tag an entry with the ones it shows.</p>"
                f"<ul>{items}</ul>"
            )
        else:
            body = "<h2>What peer support workers do</h2>" + guide_html(tax.guide_intro)
        return f"{body}<hr><p style='font-size:small'>Source: {html.escape(SOURCE)}</p>"
