"""`report_gen check`: proofread a .docx, list the findings, and optionally write a copy with them marked.

The command's library half: `check_document` reads and proofreads,
`write_fixed` makes and writes the marked copy. The options `--data` (compare
the document's figures with a data file) and `--apply` will add their own
findings to the same `Checked` and their own lines to the same listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import ReportError
from .document import Draft, read_draft
from .engine import count, describe_counts, proofread
from .model import Finding, Severity


@dataclass
class Checked:
    """A document read and proofread: its findings in reading order."""

    draft: Draft
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count(self.findings)[Severity.ERROR]

    @property
    def passed(self) -> bool:
        """Whether the document has no error-severity finding (warnings alone pass)."""
        return self.errors == 0

    def lines(self) -> list[str]:
        """Return one line per finding: place, severity, rule, standard and clause, quoted text, fix, message."""
        return [f"{self.draft.path.name}: {finding.line()}" for finding in self.findings]

    def summary(self) -> str:
        """Return the closing line: how many errors and warnings, and what that means for the exit status."""
        verdict = "the check passes (warnings alone do not fail it)" if self.passed else "the check fails"
        return f"{self.draft.path}: {describe_counts(self.findings)} in {len(self.draft.passages)} paragraphs; {verdict}"


def check_document(path: Path) -> Checked:
    """Read a .docx and proofread every paragraph, table cell, text box, header and footer and each section's page."""
    draft = read_draft(path)
    return Checked(draft, proofread(draft.passages, draft.pages))


def write_fixed(checked: Checked, output: Path) -> str:
    """Write a copy of the document with the safe fixes as tracked changes and a comment on the rest; return what was done.

    Refuse an output that is the input itself: the original is never touched.
    """
    from ..output import write_atomically
    from .fix import fixed_copy

    source = checked.draft.path
    if _same_file(source, output):
        raise ReportError(f"-o {output} is the document being checked; name another file, the original is never changed")
    if output.suffix.lower() != ".docx":
        raise ReportError(f"-o {output}: the fixed copy is a Word document; name it with .docx")
    fixed = fixed_copy(checked.draft, checked.findings)
    write_atomically(output, fixed.data)
    listed = f"; {fixed.listed} in headers and footers listed only" if fixed.listed else ""
    return (f"wrote {output}: {fixed.tracked} fixes as tracked changes ({fixed.insertions} insertions, {fixed.deletions} deletions), "
            f"{fixed.commented} comments for a person{listed}")


def _same_file(first: Path, second: Path) -> bool:
    try:
        if second.exists() and first.samefile(second):
            return True
    except OSError:
        pass
    return first.resolve() == second.resolve()


def describe_failure(checked: Checked) -> Optional[str]:
    """Return the error message for the exit status 1, or None when the check passes."""
    if checked.passed:
        return None
    return f"{checked.draft.path.name}: {describe_counts(checked.findings)}; fix the errors (--fix -o FIXED.docx marks the safe ones as tracked changes)"
