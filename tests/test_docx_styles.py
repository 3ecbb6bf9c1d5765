"""to_docx gives each heading and list item its Word style (looked up once per document)."""

from __future__ import annotations

import io

import docx

from wessex_cli.formats import to_docx

MARKDOWN = """# Welcome

Some words.

## What happens next

- a point
- another point

1. first
2. second

##### A deep heading

### Back up a level
"""


def _styles(markdown: str) -> list[str]:
    document = docx.Document(io.BytesIO(to_docx(markdown, "A letter")))
    return [p.style.name for p in document.paragraphs if p.text]


def test_headings_and_list_items_have_their_styles_in_every_document() -> None:
    wanted = ["Heading 1", "Normal", "Heading 2", "List Bullet", "List Bullet",
              "List Number", "List Number", "Heading 4",  # Word's levels stop at 4 here
              "Heading 3"]
    assert _styles(MARKDOWN) == wanted
    assert _styles(MARKDOWN) == wanted  # a second document, its styles its own
