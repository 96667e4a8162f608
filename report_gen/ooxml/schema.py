"""The order the Office schemas give an element's children, declared once for each element report_gen writes into.

WordprocessingML and DrawingML are sequences: a child in the wrong place
makes Word refuse the file or LibreOffice drop the property. python-docx and
python-pptx know the order only of the children they model, so a child they
do not model (`w:outlineLvl` on a style, `w:framePr`, a bullet's `a:buChar`)
is put here: `child` finds or adds it, `insert` adds a new one, each before
the first of the children the schema puts after it that is present.
"""

from __future__ import annotations

from lxml import etree

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CHILD_ORDER: dict[str, tuple[str, ...]] = {
    # ECMA-376 part 1, 17.3.1.26 (CT_PPr; its CT_PPrBase first)
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
        "w:sectPr", "w:pPrChange",
    ),
    # 17.3.2.28 (CT_RPr)
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath", "w:rPrChange",
    ),
    # 17.3.1.24 (CT_PBdr)
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    # 17.4.60 (CT_TblPr)
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
        "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
        "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    ),
    # 17.7.4.17 (CT_Style)
    "w:style": (
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:uiPriority", "w:semiHidden",
        "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose", "w:personalReply", "w:rsid",
        "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    # 17.7.4.18 (CT_Styles), 17.7.5.1 (CT_DocDefaults), 17.7.5.5 (CT_RPrDefault)
    "w:styles": ("w:docDefaults", "w:latentStyles", "w:style"),
    "w:docDefaults": ("w:rPrDefault", "w:pPrDefault"),
    "w:rPrDefault": ("w:rPr",),
    # 17.15.1.78 (CT_Settings): from w:updateFields on, the only one of its children report_gen writes
    "w:settings": (
        "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
        "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
        "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
    # 17.6.17 (CT_SectPr): the grid is followed only by these
    "w:sectPr": ("w:docGrid", "w:printerSettings", "w:sectPrChange"),
    # ECMA-376 part 1, 21.1.2.2.7 (CT_TextParagraphProperties)
    "a:pPr": (
        "a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx",
        "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip", "a:tabLst", "a:defRPr", "a:extLst",
    ),
    # 21.1.2.3.9 (CT_TextCharacterProperties: a:rPr, a:defRPr, a:endParaRPr)
    "a:rPr": (
        "a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill", "a:effectLst",
        "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill", "a:latin", "a:ea", "a:cs", "a:sym",
        "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst",
    ),
}
"""Each element's children in the schema's order, by the element's prefixed name."""

CHILD_ORDER["a:defRPr"] = CHILD_ORDER["a:endParaRPr"] = CHILD_ORDER["a:rPr"]

_PREFIXED = {qn(name): name for name in CHILD_ORDER}


def successors(parent: str, tag: str) -> tuple[str, ...]:
    """Return the children the schema puts after `tag` in the element `parent` (both prefixed: "w:pPr", "w:jc")."""
    order = CHILD_ORDER[parent]
    return order[order.index(tag) + 1:]


def insert(parent: etree._Element, element: etree._Element) -> etree._Element:
    """Add `element` to `parent` in the schema's order: before the first child present of those the schema puts after it."""
    name = _PREFIXED[parent.tag]
    tag = _prefixed(element.tag)
    for later in successors(name, tag):
        found = parent.find(qn(later))
        if found is not None:
            found.addprevious(element)
            return element
    parent.append(element)
    return element


def child(parent: etree._Element, tag: str) -> etree._Element:
    """Return `parent`'s child `tag` (prefixed, "w:outlineLvl"), adding an empty one in the schema's order when it has none."""
    found = parent.find(qn(tag))
    return found if found is not None else insert(parent, OxmlElement(tag))


def _prefixed(clark: str) -> str:
    namespace, local = clark[1:].split("}")
    for name in CHILD_ORDER:
        if qn(name).startswith(f"{{{namespace}}}"):
            return f"{name.split(':')[0]}:{local}"
    raise KeyError(f"no child order is declared in the namespace of {clark}")
