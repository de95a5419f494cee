"""doc_text joins the cached token lists instead of asking spaCy's `Doc.text` (which makes a
Token per word): it must give the text back exactly, whitespace and joined chunks included."""

from __future__ import annotations

import pytest

from frontwire.text.context import doc_text
from frontwire.text.nlp import join_docs, split_text

TEXTS = [
    "KYIV, March 4 - Shelling hit the  market in Kherson on Monday,  officials said.\n\n"
    "Two people were wounded.\t A second strike followed at dusk. ",
    "  A lead that opens with spaces\nand a single line break, then ends without a stop",
]



@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_is_the_text_parsed(nlp, text):
    doc = nlp(text)
    assert doc_text(doc) == doc.text == text


def test_doc_text_of_a_doc_joined_from_chunks(nlp):
    text = "\n\n".join(TEXTS * 4)
    doc = join_docs(nlp.pipe(split_text(text, 200)))
    assert len(split_text(text, 200)) > 2
    assert doc_text(doc) == text
