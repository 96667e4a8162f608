"""Estimate where a .docx's pages break, without rendering it.

The briefing needs page numbers before any reader lays it out: for the
cached entries of its table of contents, to decide whether it is long enough
to need one, and to place its charts and tables where the page has room for
them. This module lays out the flow report_gen.ooxml.flow reads from a
python-docx document the way a word processor does, simplified: paragraphs
broken into lines by character widths (report_gen.text.cjk's estimate as LibreOffice Writer sets the
briefing: CJK characters one em plus letter spacing, Latin text by Times New Roman's
widths, a Latin word never broken, closing punctuation allowed to hang),
exact or single line heights, inline pictures, table rows that do not split
and a header row repeated on every page, and the rules that move text to the
next page: page breaks, keep with next, keep lines together, widow and
orphan control.

It is an estimate: a reader's own line breaking and font substitutions can
move a break by a line. The tests compare it with LibreOffice's layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from docx.document import Document
from docx.text.paragraph import Paragraph
from lxml import etree

from ..ooxml.flow import Flow, FlowParagraph, FlowRow, read_flow
from ..text.cjk import HANGING, WORD_JOINER, WRITER_AUTOSPACE_EM, NO_LINE_END, NO_LINE_START, is_wide, needs_autospace, writer_ems

SINGLE_LINE_EM = 1.45
"""Height of a single-spaced line in ems of its largest text (CJK fonts' ascent plus descent)."""
PICTURE_DESCENT_EM = 0.0
"""What a line holding a picture adds below it, in ems of the paragraph's text (readers add nothing)."""
ROW_BORDER_PT = 0.75
"""What a table row's borders add to its height."""


# -- lines of a paragraph ------------------------------------------------------


@dataclass
class _Token:
    width: float
    height: float = 0.0
    """Height of an inline picture; 0 for text."""
    text: str = ""
    breaks_line: bool = False
    size: float = 0.0


def _char_width(char: str, size: float, letter_spacing: float) -> float:
    ems = writer_ems(char)
    return ems * size + letter_spacing if ems else 0.0


def _tokens(paragraph: FlowParagraph, tracking: float = 0.0) -> Iterator[_Token]:
    """Yield the paragraph's unbreakable pieces: a CJK character, a Latin word, a picture, a line break.

    Readers put a gap (WRITER_AUTOSPACE_EM) between a Chinese character and a Latin
    letter or digit next to it (Word's autoSpaceDE/DN, on by default); that
    gap is added to the piece after the boundary.
    """
    previous = ""
    for token in _raw_tokens(paragraph, tracking):
        if token.text and previous:
            if needs_autospace(previous[-1], token.text[0]):
                token.width += WRITER_AUTOSPACE_EM * token.size
        if token.text or token.height:
            previous = token.text or "\ufffc"
        yield token


def _raw_tokens(paragraph: FlowParagraph, tracking: float) -> Iterator[_Token]:
    for piece in paragraph.pieces:
        if piece.line_break:
            yield _Token(0, breaks_line=True)
        elif piece.picture is not None:
            yield _Token(piece.picture[0], height=piece.picture[1])
        elif piece.tab:
            yield _Token(2 * piece.size, text="\t")
        else:
            yield from _text_tokens(piece.text, piece.size, piece.letter_spacing + tracking)


def _text_tokens(text: str, size: float, letter_spacing: float) -> Iterator[_Token]:
    word = ""
    for char in text:
        if not is_wide(char) and not char.isspace():
            word += char
            continue
        if word:
            yield _Token(sum(_char_width(c, size, letter_spacing) for c in word), text=word, size=size)
            word = ""
        yield _Token(_char_width(char, size, letter_spacing), text=char, size=size)
    if word:
        yield _Token(sum(_char_width(c, size, letter_spacing) for c in word), text=word, size=size)


def _break_lines(paragraph: FlowParagraph, width: float, tracking: float = 0.0) -> list[list[_Token]]:
    """Break the paragraph into lines in a column `width` points wide: each line's pieces.

    `tracking` adds that many points to every character's letter spacing.
    """
    props = paragraph.props
    lines: list[list[_Token]] = [[]]
    used = props.first_line
    available = width - props.left - props.right
    for token in _tokens(paragraph, tracking):
        if token.breaks_line:
            lines.append([])
            used = 0.0
            continue
        if used + token.width > available + 0.01 and lines[-1]:
            previous = lines[-1][-1].text
            if token.text and token.text[0] in HANGING and previous and is_wide(previous[-1]):
                lines[-1].append(token)  # hangs past the margin
                used += token.width
                continue
            carried = []
            first = token.text
            while first and (first[0] in NO_LINE_START or first[0] == WORD_JOINER) and len(lines[-1]) > 1:
                carried.insert(0, lines[-1].pop())  # closing marks and a glued citation keep to what comes before
                first = carried[0].text
            if lines[-1][-1].text and lines[-1][-1].text[-1] in NO_LINE_END and len(lines[-1]) > 1:
                carried.insert(0, lines[-1].pop())
            lines.append(carried)
            used = sum(t.width for t in carried)
        lines[-1].append(token)
        used += token.width
    return lines


def _line_heights(paragraph: FlowParagraph, width: float) -> list[float]:
    """Return the height of each line the paragraph takes in a column `width` points wide."""
    props = paragraph.props
    lines = _break_lines(paragraph, width)
    heights = []
    for line in lines:
        picture = max((t.height for t in line), default=0.0)
        if props.line is not None and props.line_rule == "exact":
            heights.append(props.line)
            continue
        natural = max(picture + PICTURE_DESCENT_EM * props.size if picture else 0.0, SINGLE_LINE_EM * props.size * props.line_factor)
        heights.append(max(natural, props.line or 0.0))
    return heights


# -- blocks and pages ----------------------------------------------------------


@dataclass
class _Block:
    """A paragraph or a table row: lines that may split (paragraph) or not (row)."""

    element: etree._Element
    lines: list[float]
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool = True
    header_rows: list["_Block"] = field(default_factory=list)
    """For a table row: the table's repeated header rows, placed again at the top of a new page."""
    is_header: bool = False

    @property
    def height(self) -> float:
        return self.before + sum(self.lines) + self.after

    @property
    def splits(self) -> bool:
        """Whether the block may break across pages (a paragraph of four lines or more, not kept together)."""
        return not self.keep_lines and len(self.lines) >= 4

    def minimum_start(self) -> float:
        """Height that must fit on a page for the block to start there (its space after may fall below)."""
        if self.keep_lines or len(self.lines) < 4:
            return self.before + sum(self.lines)
        return self.before + sum(self.lines[:2] if self.widow_control else self.lines[:1])


def _table_blocks(rows: list[FlowRow]) -> list[_Block]:
    """Return one block per row of a table: a row does not split, and its header rows come again on each page."""
    blocks: list[_Block] = []
    headers: list[_Block] = []
    for row in rows:
        height = 0.0
        keep_next = False
        for cell in row.cells:
            used = 0.0
            for paragraph in cell.paragraphs:
                props = paragraph.props
                keep_next = keep_next or props.keep_next
                used += props.before + sum(_line_heights(paragraph, cell.width)) + props.after
            height = max(height, used)
        block = _Block(row.element, [height + ROW_BORDER_PT], keep_next=keep_next, keep_lines=True, is_header=row.is_header)
        if row.is_header and not blocks:
            headers.append(block)
        block.header_rows = headers
        blocks.append(block)
    if blocks:
        # Writer keeps a row with the next row when its cells' paragraphs keep with the next, but it does not keep
        # a table with the paragraph after it that way: a key-figure panel stays at a page's foot while the source
        # line and caption below it go on to the next page.
        blocks[-1].keep_next = False
    return blocks


def _paragraph_block(paragraph: FlowParagraph, width: float) -> _Block:
    props = paragraph.props
    return _Block(
        paragraph.element, _line_heights(paragraph, width), props.before, props.after, props.keep_next,
        props.keep_lines, props.page_break_before or paragraph.page_break, props.widow_control,
    )


def _rules(blocks: list[_Block], paragraphs: list[FlowParagraph]) -> None:
    """Add the rules above and below groups of paragraphs sharing them to the first and last line of each group."""
    for index, (block, paragraph) in enumerate(zip(blocks, paragraphs)):
        props = paragraph.props
        same_before = index > 0 and paragraphs[index - 1].props.borders == props.borders
        same_after = index + 1 < len(paragraphs) and paragraphs[index + 1].props.borders == props.borders
        if props.border_top and not same_before and block.lines:
            block.lines[0] += props.border_top
        if props.border_bottom and not same_after and block.lines:
            block.lines[-1] += props.border_bottom


def _blocks(flow: Flow) -> list[_Block]:
    blocks: list[_Block] = []
    table: list[FlowRow] = []
    paragraphs: list[FlowParagraph] = []
    paragraph_blocks: list[_Block] = []
    for item in flow.blocks + [None]:
        if isinstance(item, FlowRow) and (not table or table[-1].table is item.table):
            table.append(item)
            continue
        if table:
            blocks.extend(_table_blocks(table))
            table = []
        if isinstance(item, FlowRow):
            table.append(item)
        elif item is not None:
            paragraphs.append(item)
            paragraph_blocks.append(_paragraph_block(item, flow.width))
            blocks.append(paragraph_blocks[-1])
    _rules(paragraph_blocks, paragraphs)
    return blocks


@dataclass
class PageEstimate:
    """Where the pages break: the page count and the page each paragraph or table row starts on."""

    pages: int
    starts: dict[etree._Element, int]
    left: dict[int, float] = field(default_factory=dict)
    """The room left at the foot of each page but the last, in points."""

    def page_of(self, element: etree._Element) -> int:
        """Return the page (from 1) a body paragraph (`w:p`) or table row (`w:tr`) starts on."""
        return self.starts[element]

    def page_of_paragraph(self, paragraph: Paragraph) -> int:
        """Return the page (from 1) a python-docx body paragraph starts on."""
        return self.starts[paragraph._p]


class _Pager:
    def __init__(self, height: float):
        self.height = height
        self.page = 1
        self.used = 0.0
        self.starts: dict[etree._Element, int] = {}
        self.left: dict[int, float] = {}

    @property
    def room(self) -> float:
        return self.height - self.used

    def new_page(self, block: Optional[_Block] = None) -> None:
        self.left[self.page] = max(0.0, self.room)
        self.page += 1
        self.used = 0.0
        if block is not None and block.header_rows and not block.is_header:
            for header in block.header_rows:
                self.used += header.height

    def place(self, block: _Block) -> None:
        if block.page_break_before and self.used > 0:
            self.new_page(block)
        # Readers drop the space before a paragraph at the top of a page, but not at the top of the document.
        before = block.before if self.used > 0 or not self.starts else 0.0
        # Space after the last paragraph of a page may fall below the text area.
        if before + sum(block.lines) <= self.room + 0.01:
            self.starts[block.element] = self.page
            self.used += before + sum(block.lines) + block.after
            return
        if block.keep_lines or len(block.lines) == 1:
            if self.used > 0:
                self.new_page(block)
            self.starts[block.element] = self.page
            self.used += sum(block.lines) + block.after
            return
        lines = list(block.lines)
        first = True
        while lines:
            fit, total = 0, before if first else 0.0
            while fit < len(lines) and total + lines[fit] <= self.room + 0.01:
                total += lines[fit]
                fit += 1
            if fit == len(lines):
                if first:
                    self.starts[block.element] = self.page
                self.used += total + block.after
                return
            if block.widow_control and fit < len(lines):
                if len(lines) - fit == 1:
                    fit -= 1  # never leave a single line (a widow) at the top of the next page
                if fit < 2:
                    fit = 0  # never leave a single line (an orphan) at the foot of this page
            if fit == 0:
                if self.used == 0:  # a single line taller than the page: place it anyway
                    fit = 1
                else:
                    self.new_page()
                    before = 0.0
                    continue
            if first:
                self.starts[block.element] = self.page
                first = False
            self.used += sum(lines[:fit])
            lines = lines[fit:]
            before = 0.0
            if lines:
                self.new_page()


def _paginate(blocks: list[_Block], height: float) -> PageEstimate:
    pager = _Pager(height)
    index = 0
    while index < len(blocks):
        chain_end = index
        while chain_end < len(blocks) - 1 and blocks[chain_end].keep_next:
            chain_end += 1
        # A chain kept together holds only up to its first paragraph that may split across pages: readers keep
        # each paragraph with the start of the next, so that one's first lines are all the chain asks for.
        chain_end = next((k for k in range(index + 1, chain_end + 1) if blocks[k].splits), chain_end)
        if chain_end > index and pager.used > 0 and not blocks[index].page_break_before:
            needed = sum(block.height for block in blocks[index:chain_end]) + blocks[chain_end].minimum_start()
            needed -= blocks[index].before if pager.used == 0 else 0.0
            if needed <= pager.height and needed > pager.room + 0.01:
                pager.new_page(blocks[index])
        pager.place(blocks[index])
        index += 1
    return PageEstimate(pages=pager.page, starts=pager.starts, left=pager.left)


class PageModel:
    """A document's body measured once, to be paginated in its own order or with its blocks moved.

    `body` lists the body's paragraphs and tables (`w:p`, `w:tbl`) in order;
    `paginate` lays out any order of them without touching the document.
    """

    def __init__(self, document: Document):
        flow = read_flow(document)
        self.height = flow.height
        self.paragraphs = {block.element: block for block in flow.blocks if isinstance(block, FlowParagraph)}
        """Each body paragraph as read, with its resolved properties."""
        self.by_body: dict[etree._Element, list[_Block]] = {}
        rows = {block.element: block for block in flow.blocks if isinstance(block, FlowRow)}
        for block in _blocks(flow):
            row = rows.get(block.element)
            self.by_body.setdefault(row.table if row is not None else block.element, []).append(block)
        self.body = list(self.by_body)

    def paginate(self, body: Optional[list[etree._Element]] = None) -> PageEstimate:
        """Return where the pages break with the body in the order `body` gives (default: the document's)."""
        order = self.body if body is None else body
        return _paginate([block for element in order for block in self.by_body[element]], self.height)


def estimate_pages(document: Document) -> PageEstimate:
    """Return where the pages of a python-docx document break, as a reader laying it out would, roughly."""
    return PageModel(document).paginate()


@dataclass
class LaidLine:
    """A line of a paragraph as the estimate breaks it: its text, its natural width and the width it may take, in points."""

    text: str
    width: float
    available: float
    size: float
    ends_paragraph: bool = False
    """The paragraph's last line: it is not justified."""


def lay_out_lines(paragraph: FlowParagraph, width: float, tracking: float = 0.0) -> list[LaidLine]:
    """Return a paragraph's lines in a column `width` points wide, its letter spacing `tracking` points wider."""
    props = paragraph.props
    lines = _break_lines(paragraph, width, tracking)
    available = width - props.left - props.right
    laid = []
    for index, line in enumerate(lines):
        room = available - (props.first_line if index == 0 else 0.0)
        last = index + 1 == len(lines)
        laid.append(LaidLine("".join(token.text for token in line), sum(token.width for token in line), room, props.size, last))
    return laid
