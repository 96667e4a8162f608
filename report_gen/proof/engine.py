"""Run the rules over passages (and page set-ups) and return the findings in reading order."""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

from .model import Finding, PageSetup, Passage, Rule, Severity
from .rules import RULES


def proofread(passages: Sequence[Passage], pages: Sequence[PageSetup] = (), rules: Optional[Iterable[Rule]] = None) -> list[Finding]:
    """Return every finding of `rules` (default: all) in the passages and page set-ups, in reading order.

    Two rules that quote the same span of the same passage are both kept: each
    names a different fault.
    """
    chosen = tuple(rules) if rules is not None else RULES
    passages = list(passages)
    found: list[tuple[int, int, int, Finding]] = []
    for order, rule in enumerate(chosen):
        if rule.scan_text is not None:
            for index, passage in enumerate(passages):
                if rule.kinds and passage.kind not in rule.kinds:
                    continue
                for hit in rule.scan_text(passage.text):
                    found.append((index, hit.start, order, _finding(rule, passage, hit)))
        if rule.scan_passages is not None:
            for index, hit in rule.scan_passages(passages):
                found.append((index, hit.start, order, _finding(rule, passages[index], hit)))
    found.sort(key=lambda item: item[:3])
    findings = [item[3] for item in found]
    for page in pages:
        for rule in chosen:
            if rule.scan_page is not None:
                findings.extend(Finding(rule, page.place, "", note=note) for note in rule.scan_page(page))
    return findings


def _finding(rule: Rule, passage: Passage, hit) -> Finding:
    return Finding(rule, passage.place, passage.text, hit.start, hit.end, hit.fix if rule.fixes else None, hit.note, passage)


def proofread_texts(texts: Iterable[tuple[str, str]], kind: str = "generated") -> list[Finding]:
    """Proofread (place, text) pairs, such as report_gen's own narrative, captions, table cells and speaker notes.

    The API the briefing and the deck use on what they write: each pair is one
    paragraph; `place` names it for people (themes[2].charts[0].caption,
    beibei.yaml:215). Sequence labels are checked across the pairs in the
    order given when `kind` is "body".
    """
    return proofread([Passage(place, text, kind) for place, text in texts])


def count(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Return how many findings there are of each severity."""
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def describe_counts(findings: Sequence[Finding]) -> str:
    """Return '2 errors, 1 warning' for a list of findings."""
    counts = count(findings)
    return ", ".join(f"{number} {severity.value}{'' if number == 1 else 's'}" for severity, number in counts.items())
