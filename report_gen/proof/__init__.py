"""Proofreading: the rules of GB/T 15834, GB/T 15835, GB/T 9704 and statistical bulletins, over any text.

`proofread_texts` runs every rule over (place, text) pairs, so `validate`,
`build` and the documents' writers check report_gen's own text;
`report_gen check` reads a .docx into passages (`document`), proofreads it and
writes the safe fixes back as tracked changes with a comment on the rest (`fix`).
The rules are one table, `rules.RULES`.
"""

from .engine import describe_counts, proofread, proofread_texts
from .model import Finding, PageSetup, Passage, Rule, Severity
from .rules import BY_ID, RULES

__all__ = ["BY_ID", "RULES", "Finding", "PageSetup", "Passage", "Rule", "Severity", "describe_counts", "proofread", "proofread_texts"]
