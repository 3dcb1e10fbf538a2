"""The published texts the real-corpus tier reads (../shared/corpus/): where they are absent, this one
test says so and the tier's modules are not collected (tests/conftest.py); where they are present,
each is the very file that `corpus fetch` pins, byte for byte, so that the tier's figures are the
published reports'."""

from __future__ import annotations

import hashlib

import pytest
from conftest import CORPUS_INPUTS, SHARED_CORPUS, corpus_missing

from reportcli.importer.sources import PINNED


def test_the_published_texts_are_the_pinned_files() -> None:
    if missing := corpus_missing():
        pytest.skip(f"{missing}: the real-corpus tier (tests/real/test_real_*.py) is not collected")
    pinned = {p.path: p for p in PINNED}
    checked = 0
    for name in CORPUS_INPUTS:
        if name not in pinned:
            continue  # the English texts of 2024-2026 are test inputs, not pinned downloads
        data = (SHARED_CORPUS / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (pinned[name].size, pinned[name].sha256), name
        checked += 1
    assert checked == len(PINNED)
