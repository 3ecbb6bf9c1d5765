"""Hand-mutation kills (mut4) for a Word document's properties: a title of exactly the 255
characters Word keeps is kept whole, not cut and ended with an ellipsis."""

from __future__ import annotations

from wessex_cli.formats import a4_document


def test_a_title_of_255_characters_is_kept_whole() -> None:
    title = "a" * 255
    assert a4_document(title).core_properties.title == title
    longer = a4_document("b" * 300).core_properties.title
    assert longer == "b" * 254 + "\u2026"
