"""One fixed palette for every chart.

A hue per work type from the Okabe–Ito set (distinguishable with the common
colour-vision deficiencies, and in greyscale print by lightness), and each
category as a shade of its work type's hue. The same colours are used on light,
dark and high-contrast desktop themes; everything else of a chart (its background,
titles, legend, axes, the contracted-hours line) takes the theme's own colours
(chart_parts.follow_palette), so no text or line vanishes on a high-contrast theme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ..domain.taxonomy import Taxonomy

WORK_TYPE_HUES = {
    "direct": "#0072B2",  # blue
    "indirect": "#E69F00",  # orange
    "role": "#009E73",  # bluish green
}
# For work types an organisation adds, in order.
EXTRA_HUES = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
UNKNOWN = "#999999"
NEUTRAL = "#56B4E9"  # mode / format bars, which are not work types


def work_type_colour(taxonomy: Taxonomy, key: str) -> QColor:
    if key in WORK_TYPE_HUES:
        return QColor(WORK_TYPE_HUES[key])
    extras = [k for k in taxonomy.work_types if k not in WORK_TYPE_HUES]
    if key in extras:
        return QColor(EXTRA_HUES[extras.index(key) % len(EXTRA_HUES)])
    return QColor(UNKNOWN)


def category_colour(taxonomy: Taxonomy, key: str) -> QColor:
    """A shade of the category's work-type hue: darker for the first, lighter for the last."""
    cat = taxonomy.categories.get(key)
    if cat is None:
        return QColor(UNKNOWN)
    base = work_type_colour(taxonomy, cat.work_type)
    siblings = [c.key for c in taxonomy.categories_of(cat.work_type)]
    n = len(siblings)
    i = siblings.index(key)
    h, s, _l, a = base.getHslF()
    lightness = 0.28 + (0.44 * i / (n - 1) if n > 1 else 0.2)
    return QColor.fromHslF(max(h, 0.0), s, lightness, a)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Window).lightness() < 128
