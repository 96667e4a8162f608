"""An office's Word or PowerPoint template, cleaned on the way in: its look kept, everything else left behind.

A template comes from someone else, and what it holds reaches every document
built on it. So a template contributes only what it is for:

- a Word template its styles, numbering, page set-up, theme, headers and
  footers (and the pictures they show);
- a PowerPoint template its slide masters, layouts and themes (and their
  pictures), its slide size and table styles.

The package is rebuilt from those parts alone, found by walking the
relationships each kind of part may have (`WORD`, `POWERPOINT`). Left behind:
every external relationship (a remote attached template, a linked picture
that a reader would fetch, an `r:link` beacon, a `file:` hyperlink), the
attached template and mail-merge source in the settings, macros
(`vbaProject.bin`; the main part is declared an ordinary document's, so a
.docm or .dotx is read as a .docx), OLE objects, ActiveX controls, embedded
fonts, custom XML, the sample slides and the body text, and every
INCLUDEPICTURE, INCLUDETEXT, LINK, DDE or HYPERLINK field. An element that
referred to something left behind goes with it (a hyperlink keeps its text).

Every XML part is parsed by `safe_xml` (a DTD anywhere, in any encoding, is
refused) and written again, so no DOCTYPE, comment or processing instruction
is copied; each must hold no control character (text/controls.py); and
`template_checks` checks the numbers the briefing and the deck read from it.
Faults are `TemplateFault`, naming the part and line.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Callable, Mapping, Optional

from lxml import etree

from ..text.controls import FORBIDDEN, first_forbidden, forbidden_message
from .safe_xml import UnsafeXml, parse_part
from .template_checks import TemplateFault, check_presentation, check_word, check_word_part

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML_NAMESPACES = ("urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office")
CORE = f"{PACKAGE_RELATIONSHIPS}/metadata/core-properties"
MAIN = f"{R}/officeDocument"
CONTENT_TYPES = "[Content_Types].xml"

MAX_TEMPLATE_PARTS = 2000
"""Entries of a template's zip: Word's and PowerPoint's own templates have a few dozen."""

MAX_TEMPLATE_XML_BYTES = 20 * 1024 * 1024
"""One XML part of a template, unpacked: a styles part is a few hundred kilobytes."""

LINKING_FIELDS = frozenset({"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT", "DATABASE", "HYPERLINK"})
"""Word fields that fetch or point at something outside the document; a template's are dropped, result and all."""


TemplateCheck = Callable[[Mapping[str, etree._Element], Mapping[str, str]], None]
"""Checks a cleaned template: its XML parts by name, and the relationship type that reached each part."""


@dataclass(frozen=True)
class Policy:
    """What one kind of template keeps: the relationships each kind of part may have, and its main part's type."""

    follows: Mapping[str, frozenset[str]]
    """Relationship type that reached a part (MAIN, …; "" for the package) → the relationship types it keeps."""
    main_types: frozenset[str]
    """Content types a main part may have (documents, templates, macro-enabled ones)."""
    main_type: str
    """The content type the main part is given: an ordinary document's or presentation's."""
    drop: frozenset[str]
    """Elements (Clark notation) removed wherever they are, with everything in them."""
    clean: Callable[[str, etree._Element], None]
    """Kind-specific cleaning of a parsed part, given the relationship type that reached it."""
    limit: Callable[[str, str, etree._Element], None] = lambda kind, part, root: None
    """Refuses a part too large to work on as soon as it is parsed, given its kind, name and root."""


def _types(*names: str) -> frozenset[str]:
    return frozenset(name if name.startswith("http") else f"{R}/{name}" for name in names)


def _q(namespace: str, *names: str) -> frozenset[str]:
    return frozenset(f"{{{namespace}}}{name}" for name in names)


def clean_word_main(kind: str, root: etree._Element) -> None:
    """Empty a Word document's body but for its last section's page set-up, and drop linking fields everywhere."""
    if kind == MAIN:
        body = root.find(f"{{{W}}}body")
        for child in list(body) if body is not None else []:
            if child.tag != f"{{{W}}}sectPr":
                body.remove(child)
    _drop_linking_fields(root)


def clean_presentation(kind: str, root: etree._Element) -> None:
    """Leave out lists a presentation keeps of parts left behind (notes masters, fonts, custom shows) once emptied."""
    if kind != MAIN:
        return
    for name in ("notesMasterIdLst", "handoutMasterIdLst", "embeddedFontLst", "custShowLst", "custDataLst"):
        for element in root.findall(f"{{{P}}}{name}"):
            root.remove(element)


WORD = Policy(
    follows={
        "": _types(MAIN, CORE),
        MAIN: _types("styles", "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", "settings",
                     "webSettings", "fontTable", "theme", "numbering", "header", "footer", "footnotes", "endnotes"),
        f"{R}/header": _types("image"),
        f"{R}/footer": _types("image"),
        f"{R}/theme": _types("image"),
        f"{R}/numbering": _types("image"),
    },
    main_types=frozenset({
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }),
    main_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    drop=_q(W, "object", "control", "subDoc", "altChunk", "attachedTemplate", "mailMerge", "linkStyles",
            "saveThroughXslt", "docVars", "embedRegular", "embedBold", "embedItalic", "embedBoldItalic"),
    clean=clean_word_main,
    limit=check_word_part,
)
"""A Word template keeps its styles, numbering, settings, fonts' names, theme, headers, footers and notes' separators."""

POWERPOINT = Policy(
    follows={
        "": _types(MAIN, CORE),
        MAIN: _types("slideMaster", "theme", "presProps", "viewProps", "tableStyles"),
        f"{R}/slideMaster": _types("slideLayout", "theme", "image"),
        f"{R}/slideLayout": _types("slideMaster", "image"),
        f"{R}/theme": _types("image"),
    },
    main_types=frozenset({
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    }),
    main_type="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    drop=_q(P, "oleObj", "control", "controls", "custDataLst", "embeddedFont", "extLst") | _q(A, "videoFile", "audioFile",
                                                                                            "wavAudioFile", "quickTimeFile"),
    clean=clean_presentation,
)
"""A PowerPoint template keeps its presentation (without slides), masters, layouts, themes and their pictures."""

PICTURE_HOLDERS = _q(W, "drawing", "pict", "object") | _q(P, "pic", "bg") | _q(MC, "AlternateContent")
"""What a picture left without its image takes with it: the drawing, VML picture, slide picture or background."""

PICTURE_REFERENCES = _q(A, "blip") | _q(VML_NAMESPACES[0], "imagedata", "fill")
"""Elements that show a picture by reference."""


def relationships_part(part: str) -> str:
    """Return the name of a part's relationships part ("" is the package's)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class _Cleaner:
    """One template being rebuilt: the parts kept, by name, with their bytes."""

    def __init__(self, data: bytes, policy: Policy, check: "TemplateCheck"):
        try:
            self.package = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise TemplateFault(f"its zip cannot be read: {error}") from None
        self.names = set(self.package.namelist())
        if len(self.names) > MAX_TEMPLATE_PARTS:
            raise TemplateFault(f"it has {len(self.names)} parts; a template may have at most {MAX_TEMPLATE_PARTS}")
        self.policy = policy
        self.check = check
        self.kept: dict[str, bytes] = {}
        self.trees: dict[str, etree._Element] = {}
        self.reached_by: dict[str, str] = {}
        self.defaults, self.overrides = self._content_types()

    def _xml(self, name: str) -> etree._Element:
        if name not in self.names:
            raise TemplateFault(f"it has no {name}: not an Office file")
        if self.package.getinfo(name).file_size > MAX_TEMPLATE_XML_BYTES:
            raise TemplateFault(f"part {name} unpacks to more than {MAX_TEMPLATE_XML_BYTES // (1024 * 1024)} MB; "
                                "a template's parts are far smaller")
        return parse_part(self.package.read(name), name, strip=True)

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self._xml(CONTENT_TYPES)
        defaults = {(item.get("Extension") or "").lower(): item.get("ContentType") or ""
                    for item in root.iter(f"{{{CONTENT_TYPES_NS}}}Default")}
        overrides = {(item.get("PartName") or "").lstrip("/"): item.get("ContentType") or ""
                     for item in root.iter(f"{{{CONTENT_TYPES_NS}}}Override")}
        return defaults, overrides

    def content_type(self, part: str) -> Optional[str]:
        return self.overrides.get(part) or self.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower())

    def rebuild(self) -> bytes:
        queue = [""]
        self.reached_by[""] = ""
        while queue:
            part = queue.pop(0)
            kept_ids = self._relationships(part, queue)
            if part:
                self._keep(part, kept_ids)
        main = next((part for part, kind in self.reached_by.items() if kind == MAIN), None)
        if main is None:
            raise TemplateFault("it has no main document part: not an Office file")
        if self.content_type(main) not in self.policy.main_types:
            raise TemplateFault(f"its main part {main} is a {self.content_type(main)}, not what this template must be")
        self.check(self.trees, self.reached_by)
        for part, root in self.trees.items():
            self.kept[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.kept[CONTENT_TYPES] = self._content_types_xml(main)
        return _zip(self.kept)

    def _relationships(self, part: str, queue: list[str]) -> set[str]:
        """Keep the relationships of `part` its kind may have, queueing their targets; return the ids kept."""
        name = relationships_part(part)
        if name not in self.names:
            return set()
        root = self._xml(name)
        follows = self.policy.follows.get(self.reached_by[part], frozenset())
        kept: set[str] = set()
        for relation in list(root):
            kind = relation.get("Type") or ""
            target = _target(part, relation.get("Target") or "")
            if (relation.get("TargetMode") == "External" or kind not in follows or target not in self.names
                    or (kind == f"{R}/image" and not (self.content_type(target) or "").startswith("image/"))):
                root.remove(relation)
                continue
            kept.add(relation.get("Id") or "")
            if target not in self.reached_by:
                self.reached_by[target] = kind
                queue.append(target)
        self.trees[name] = root
        return kept

    def _keep(self, part: str, kept_ids: set[str]) -> None:
        kind = self.content_type(part)
        if kind is None:
            raise TemplateFault(f"part {part} has no content type in {CONTENT_TYPES}; the file is damaged")
        if not kind.endswith("xml"):
            self.kept[part] = self.package.read(part)
            return
        root = self._xml(part)
        self.policy.limit(self.reached_by[part], part, root)
        shown = [paragraph for paragraph in root.iter(f"{{{W}}}p") if _shows_something(paragraph)]
        self.policy.clean(self.reached_by[part], root)
        _drop_elements(root, self.policy.drop)
        _scrub_references(root, kept_ids)
        _drop_emptied_paragraphs(shown)
        _refuse_forbidden_characters(part, root)
        self.trees[part] = root

    def _content_types_xml(self, main: str) -> bytes:
        root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
        extensions = {posixpath.splitext(part)[1].lstrip(".").lower() for part in self.kept} | {"rels", "xml"}
        for extension, kind in sorted(self.defaults.items()):
            if extension in extensions and "macroEnabled" not in kind and "vbaProject" not in kind:
                etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", Extension=extension, ContentType=kind)
        for part in sorted(self.kept):
            if part in self.overrides:
                kind = self.policy.main_type if part == main else self.overrides[part]
                etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=f"/{part}", ContentType=kind)
        if main not in self.overrides:
            etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=f"/{main}", ContentType=self.policy.main_type)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(parts: Mapping[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for name in [CONTENT_TYPES] + sorted(set(parts) - {CONTENT_TYPES}):
            package.writestr(name, parts[name])
    return stream.getvalue()


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _drop_elements(root: etree._Element, tags: frozenset[str]) -> None:
    doomed = [element for element in root.iter() if element.tag in tags]
    for element in doomed:
        _remove(element)
    for frame in root.iter(f"{{{P}}}graphicFrame"):  # an OLE object's frame, emptied above
        data = frame.find(f"{{{A}}}graphic/{{{A}}}graphicData")
        if data is not None and len(data) == 0:
            _remove(frame)


def _scrub_references(root: etree._Element, kept_ids: set[str]) -> None:
    """Take out references to relationships left behind, with the elements that need them; unwrap hyperlinks."""
    broken = []
    for element in root.xpath("//*[@*[namespace-uri()=$r]]", r=R):
        for name, value in list(element.attrib.items()):
            if name.startswith(f"{{{R}}}") and value and value not in kept_ids:
                del element.attrib[name]
                broken.append(element)
    for element in root.xpath("//*[namespace-uri()=$v or namespace-uri()=$o]", v=VML_NAMESPACES[0], o=VML_NAMESPACES[1]):
        for name in list(element.attrib):
            if etree.QName(name).localname in ("href", "althref", "src"):
                del element.attrib[name]
    for element in dict.fromkeys(broken):
        if element.tag == f"{{{W}}}hyperlink":
            _unwrap(element)
        elif element.tag in PICTURE_REFERENCES and not any(name.startswith(f"{{{R}}}") for name in element.attrib):
            holder = next((ancestor for ancestor in element.iterancestors() if ancestor.tag in PICTURE_HOLDERS), element)
            _remove(holder)
        elif element.tag not in PICTURE_REFERENCES:
            _remove(element)


_SHOWN = tuple(f"{{{W}}}{name}" for name in ("t", "drawing", "pict", "object", "fldSimple", "instrText", "tab", "sym", "ptab"))


def _shows_something(paragraph: etree._Element) -> bool:
    return next(paragraph.iter(*_SHOWN), None) is not None


def _drop_emptied_paragraphs(shown: list[etree._Element]) -> None:
    """Remove paragraphs that showed something before cleaning and nothing after (a linked picture's line in a header).

    A header, footer or cell keeps at least one paragraph, as Word requires.
    """
    for paragraph in shown:
        parent = paragraph.getparent()
        if parent is None or _shows_something(paragraph):
            continue
        if sum(1 for sibling in parent if sibling.tag == f"{{{W}}}p") > 1:
            parent.remove(paragraph)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _drop_linking_fields(root: etree._Element) -> None:
    """Remove Word fields that fetch or point outside (INCLUDEPICTURE …): simple ones, and complex ones run by run.

    A complex field runs from the run with its `begin` mark to the run with its
    `end` mark, across paragraphs and around nested fields; all its runs go,
    the instruction and the result (a linked picture) alike.
    """
    for simple in list(root.iter(f"{{{W}}}fldSimple")):
        if _field_name(simple.get(f"{{{W}}}instr") or "") in LINKING_FIELDS:
            _remove(simple)
    open_fields: list[tuple[list[etree._Element], list[str]]] = []
    doomed: list[etree._Element] = []
    for run in list(root.iter(f"{{{W}}}r")):
        for runs, _ in open_fields:
            runs.append(run)
        for mark in run.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
            kind = mark.get(f"{{{W}}}fldCharType")
            if mark.tag == f"{{{W}}}instrText":
                if open_fields:
                    open_fields[-1][1].append(mark.text or "")
            elif kind == "begin":
                open_fields.append(([run], []))
            elif kind == "end" and open_fields:
                runs, instruction = open_fields.pop()
                if _field_name("".join(instruction)) in LINKING_FIELDS:
                    doomed.extend(runs)
    for run in dict.fromkeys(doomed):
        _remove(run)


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _refuse_forbidden_characters(part: str, root: etree._Element) -> None:
    if not FORBIDDEN.search(etree.tostring(root, encoding="unicode")):
        return  # the usual case, found at C speed; the element is looked for only when there is one
    for element in root.iter():
        for text in (element.text, *element.attrib.values()):
            if text and first_forbidden(text):
                raise TemplateFault(f"{part}:{element.sourceline}: the text {forbidden_message(text, 'a template')}")


def clean_template(data: bytes, policy: Policy, check: "TemplateCheck") -> bytes:
    """Return a template's package rebuilt from the parts `policy` keeps, cleaned; raise TemplateFault when it cannot be.

    `check` is given every kept XML part by name, parsed and cleaned, and the
    relationship type that reached each part; it raises TemplateFault for
    anything the writers could not use (template_checks.py).
    """
    try:
        return _Cleaner(data, policy, check).rebuild()
    except UnsafeXml as error:
        raise TemplateFault(str(error)) from None


def clean_word_template(data: bytes) -> bytes:
    """Return a Word template (.docx, .dotx, .docm, .dotm) as a clean .docx package; TemplateFault when it is unusable."""
    return clean_template(data, WORD, check_word)


def clean_pptx_template(data: bytes) -> bytes:
    """Return a PowerPoint template (.pptx, .potx, .pptm …) as a clean .pptx package; TemplateFault when it is unusable."""
    return clean_template(data, POWERPOINT, check_presentation)
