"""The text of a spaCy Doc, computed once per Doc.

`Doc.text` joins every token on each access (linear in the article's length); stages that
slice it in loops use `doc_text(doc)`, which keeps the string in `doc.user_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "dyad.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on first use and cached on the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
