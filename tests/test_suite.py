"""The suite itself, as a user's clone meets it: what it says when it skips."""

from __future__ import annotations

from tests.helpers import ROOT, SEEDS, SEEDS_MISSING


def test_the_skip_without_the_source_articles_names_no_folder_of_this_machine():
    assert str(ROOT) not in SEEDS_MISSING and str(SEEDS) not in SEEDS_MISSING
    assert not any(word.strip("()").startswith(("/", "~")) or ":\\" in word for word in SEEDS_MISSING.split())
