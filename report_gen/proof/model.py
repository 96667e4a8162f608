"""What proofreading works on and what it finds: passages of text, rules, hits and findings.

A `Passage` is one paragraph (or table cell, header line, text box line) with
the name of its place; a `Rule` finds `Hit`s in it, each a span of the text
with an optional replacement; a `Finding` is a hit tied to its rule and place.
Nothing here knows where the text came from (a .docx, report_gen's own
narrative): `anchor` carries whatever the reader needs to mark a finding in
its source, and is None for text that has no source to mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, Optional


class Severity(str, Enum):
    """How strongly a clause binds: an error breaks a requirement (应, 不应, 不得, 必须); a warning a usual practice (一般, 通常, 宜)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Hit:
    """A span of a passage's text that breaks a rule.

    `fix` is the text to put in place of text[start:end] where the right form
    is certain; None leaves the span for a person. `note` says what is wrong
    at this place when the rule's own message is not enough.
    """

    start: int
    end: int
    fix: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Passage:
    """One run of text to proofread: a paragraph, a table cell's paragraph, a header line, a caption."""

    place: str
    """Where it is, for people: a section heading and paragraph number (一、总体情况 ¶3), table 2 row 3 col 1, a data file's line."""
    text: str
    kind: str = "body"
    """body, table, header, footer, textbox, or generated (report_gen's own text, not read from a document)."""
    style: str = ""
    """The paragraph's style name, where the text came from a document; empty otherwise."""
    anchor: Any = None
    """What the reader needs to mark a finding in the source (a paragraph element); None for text with no source."""


@dataclass(frozen=True)
class PageSetup:
    """The page of one section of a document, in twentieths of a point (twips), as far as the document says."""

    place: str
    width: Optional[int] = None
    height: Optional[int] = None
    top: Optional[int] = None
    bottom: Optional[int] = None
    left: Optional[int] = None
    right: Optional[int] = None
    line_pitch: Optional[int] = None
    """The document grid's line pitch (w:docGrid/@w:linePitch), or the body style's exact line spacing."""
    char_pitch: Optional[float] = None
    """The advance of one body character in points: the Normal style's size plus its letter spacing, or the grid's character pitch; None when the document does not say."""


TextScan = Callable[[str], Iterable[Hit]]
"""Finds hits in one passage's text."""

PassagesScan = Callable[[list[Passage]], Iterable[tuple[int, Hit]]]
"""Finds hits that need more than one passage (numbering, quotations across paragraphs): (passage index, hit)."""

PageScan = Callable[[PageSetup], Iterable[str]]
"""Finds what is wrong with a section's page set-up: one note each."""


@dataclass(frozen=True)
class Rule:
    """One proofreading rule: what it checks, the standard and clause it follows, how strongly, and how to find it."""

    id: str
    """Stable identifier, `area.name`: num (GB/T 15835), punct (GB/T 15834), gw (GB/T 9704), stat (statistical bulletins' usage)."""
    standard: str
    """GB/T 15835-2011, GB/T 15834-2011, GB/T 9704-2012, or 统计公报 usage."""
    clause: str
    """The clause the rule follows, with its title: 5.1.3 数值范围."""
    severity: Severity
    message: str
    """What is wrong and what is right, in English, with examples: the command line and the README print it."""
    comment: str
    """The same in Chinese, for the Word comment a reviewer reads."""
    scan_text: Optional[TextScan] = None
    scan_passages: Optional[PassagesScan] = None
    scan_page: Optional[PageScan] = None
    fixes: bool = False
    """Whether the rule gives a replacement (applied by `check --fix` as a tracked change) where the right form is certain."""
    example: str = ""
    """A wrong form the rule finds, for the README's table and the tests."""
    kinds: tuple[str, ...] = ()
    """The kinds of passage the rule reads (body, textbox, generated …); empty for every kind."""

    @property
    def reference(self) -> str:
        """Return the standard and clause number as one label: GB/T 15835-2011 5.1.3 (the standard alone for bulletins' usage)."""
        number = self.clause.split()[0] if self.clause else ""
        return f"{self.standard} {number}" if number[:1].isdigit() else self.standard


@dataclass(frozen=True)
class Finding:
    """A rule broken at one place: the passage, the span, what to put instead (if certain)."""

    rule: Rule
    place: str
    text: str
    """The whole passage's text (empty for a page set-up finding)."""
    start: int = 0
    end: int = 0
    fix: Optional[str] = None
    note: Optional[str] = None
    passage: Optional[Passage] = field(default=None, compare=False, repr=False)

    @property
    def quote(self) -> str:
        """Return the text the rule found."""
        return self.text[self.start:self.end]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def excerpt(self, around: int = 8) -> str:
        """Return the found text with a few characters either side, the found part in 【】: …利润率【10～20%】之间…."""
        if not self.text:
            return ""
        before = self.text[max(0, self.start - around):self.start]
        after = self.text[self.end:self.end + around]
        lead = "…" if self.start > around else ""
        tail = "…" if self.end + around < len(self.text) else ""
        return f"{lead}{before}【{self.quote}】{after}{tail}".replace("\n", " ").replace("\t", " ")

    def message(self) -> str:
        """Return what is wrong here: the hit's own note, else the rule's message."""
        return self.note or self.rule.message

    def line(self) -> str:
        """Return the finding as one line: place, severity, rule, standard and clause, the quoted text, the fix, the message."""
        fix = f" → {self.fix}" if self.fix is not None else ""
        quoted = f" {self.excerpt()}{fix}:" if self.text else ""
        return f"{self.place}: {self.severity.value} {self.rule.id} ({self.rule.reference}):{quoted} {self.message()}"
