"""The briefing's table of contents: a TOC field whose cached entries and page numbers are already right.

Word, WPS and LibreOffice show a field's cached result until someone updates
fields, so the entries are written out with the page each heading starts on,
as report_gen.briefing.pagination estimates the layout (with the page set-up and
styles of the document, a Word template's included). The field is marked
dirty and the settings ask for fields to be updated on opening, so Word
rewrites the page numbers from its own layout.
"""

from __future__ import annotations

from typing import Sequence

from docx.document import Document as DocumentObject
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ..ooxml import docx as docx_xml
from .pagination import PageEstimate
from .styles import STYLE_CONTENTS_TITLE, STYLE_FOOTER, STYLE_TOC

CONTENTS_TITLE = "目\u3000录"


def add_contents(
    document: DocumentObject, cover_end: Paragraph, body_start: Paragraph, levels: int,
    heading_styles: Sequence[str] = ("Heading 1", "Heading 2"), bare_first_page: bool = True,
) -> list[tuple[Paragraph, Paragraph]]:
    """Put a table of contents after the title block and start the body on a new page.

    `heading_styles` names the styles of the heading levels, first level
    first (a template's may differ from Word's). With `bare_first_page`
    the first page holds only the title and the contents and carries no
    page number; the body starts on page 2.
    """
    entries: list[tuple[Paragraph, Paragraph]] = []
    level_of = {name: level for level, name in enumerate(heading_styles[:levels], start=1)}
    headings = [paragraph for paragraph in document.paragraphs if paragraph.style.name in level_of]
    anchor = body_start
    anchor.insert_paragraph_before(CONTENTS_TITLE, style=STYLE_CONTENTS_TITLE)
    cover_end.paragraph_format.space_after = Pt(0)
    own = all(name == f"Heading {level}" for name, level in level_of.items())
    # Word builds the contents from outline levels; a template's own heading styles are named to it instead.
    scope = f'\\o "1-{levels}"' if own else '\\t "' + ",".join(f"{name},{level}" for name, level in level_of.items()) + '"'
    for index, heading in enumerate(headings):
        level = level_of[heading.style.name]
        entry = anchor.insert_paragraph_before(style=STYLE_TOC.format(level=level))
        if index == 0:
            docx_xml.start_field(entry, f'TOC {scope} \\h \\z \\u', dirty=True)
        entry.add_run(heading.text)
        entry.add_run("\t")
        entry.add_run("0")
        entries.append((entry, heading))
    if entries:
        docx_xml.end_field(entries[-1][0])
        # The cached page numbers are an estimate; a reader with other fonts (or a template's) lays the pages
        # out otherwise, so the field is marked to be updated when the file opens.
        docx_xml.update_fields_on_open(document)
    anchor.paragraph_format.page_break_before = True
    if not bare_first_page:
        return entries
    for section in document.sections:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        section.first_page_footer.paragraphs[0].style = document.styles[STYLE_FOOTER]
    return entries


def fill_contents(entries: list[tuple[Paragraph, Paragraph]], estimate: PageEstimate) -> None:
    """Write each entry's page number as the layout estimate has it."""
    for entry, heading in entries:
        number_run = [run for run in entry.runs if run.text][-1]
        number_run.text = str(estimate.page_of_paragraph(heading))
