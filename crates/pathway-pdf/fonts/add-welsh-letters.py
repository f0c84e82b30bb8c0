#!/usr/bin/env python3
"""Add the Welsh letters Atkinson Hyperlegible lacks, as composite glyphs.

Welsh writes w and y with a circumflex (to bach), grave, acute and
diaeresis: ŵ ŷ ẁ ẃ ẅ ỳ and their capitals. The font has every base letter
and every mark; it only lacks the combinations. Each new glyph is the base
glyph plus the font's own mark, placed the way the font places the same
mark over a, e and u (capitals: A, E, U): centred over the base, then moved
by the designer's usual offset for that mark. Nothing else changes.

    pip install fonttools
    python3 add-welsh-letters.py AtkinsonHyperlegible_*.ttf   # edits in place

Running it again on a font that already has the letters changes nothing.
"""
import statistics
import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

# new glyph name, code point, base glyph, mark composites to learn from
LETTERS = [
    ("wcircumflex", 0x0175, "w", ["acircumflex", "ecircumflex", "ucircumflex"]),
    ("ycircumflex", 0x0177, "y", ["acircumflex", "ecircumflex", "ucircumflex"]),
    ("Wcircumflex", 0x0174, "W", ["Acircumflex", "Ecircumflex", "Ucircumflex"]),
    ("Ycircumflex", 0x0176, "Y", ["Acircumflex", "Ecircumflex", "Ucircumflex"]),
    ("wgrave", 0x1E81, "w", ["agrave", "egrave", "ugrave"]),
    ("ygrave", 0x1EF3, "y", ["agrave", "egrave", "ugrave"]),
    ("Wgrave", 0x1E80, "W", ["Agrave", "Egrave", "Ugrave"]),
    ("Ygrave", 0x1EF2, "Y", ["Agrave", "Egrave", "Ugrave"]),
    ("wacute", 0x1E83, "w", ["aacute", "eacute", "uacute"]),
    ("Wacute", 0x1E82, "W", ["Aacute", "Eacute", "Uacute"]),
    ("wdieresis", 0x1E85, "w", ["adieresis", "edieresis", "udieresis"]),
    ("Wdieresis", 0x1E84, "W", ["Adieresis", "Edieresis", "Udieresis"]),
]


def centre(glyf, name):
    glyph = glyf[name]
    glyph.recalcBounds(glyf)
    return (glyph.xMin + glyph.xMax) / 2


def add_letter(font, name, code, base, models):
    glyf = font["glyf"]
    if name in glyf.glyphs:
        return False
    marks, offsets, heights = [], [], []
    for model in models:
        components = glyf[model].components
        model_base, mark = components[0], components[1]
        marks.append(mark.glyphName)
        offsets.append(mark.x - (centre(glyf, model_base.glyphName) - centre(glyf, mark.glyphName)))
        heights.append(mark.y)
    mark = statistics.mode(marks)
    x = round(centre(glyf, base) - centre(glyf, mark) + statistics.median(offsets))
    y = round(statistics.median(heights))

    glyph = Glyph()
    glyph.numberOfContours = -1
    glyph.components = []
    for component_name, dx, dy in ((base, 0, 0), (mark, x, y)):
        component = GlyphComponent()
        component.glyphName = component_name
        component.x, component.y = dx, dy
        component.flags = 0x4  # ROUND_XY_TO_GRID
        glyph.components.append(component)
    glyph.components[0].flags |= 0x200  # USE_MY_METRICS: the base's width

    font.setGlyphOrder(font.getGlyphOrder() + [name])
    glyf.glyphs[name] = glyph
    glyf.glyphOrder = font.getGlyphOrder()
    font["hmtx"].metrics[name] = font["hmtx"].metrics[base]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[code] = name
    glyph.recalcBounds(glyf)
    return True


def main(paths):
    for path in paths:
        font = TTFont(path)
        added = [n for n, c, b, m in LETTERS if add_letter(font, n, c, b, m)]
        if added:
            font.save(path)
        print(f"{path}: added {len(added)} letters")


if __name__ == "__main__":
    main(sys.argv[1:])
