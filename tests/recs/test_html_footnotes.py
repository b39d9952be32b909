"""HTML footnote markers become plain reference numbers in the stored text. The page below was
written for this test in the style of an inquiry chapter published as HTML."""

from __future__ import annotations

import pytest

from bot.library.formats import html_extract

PAGE = """<html><head><title>Chapter 4: Conclusions</title></head><body><main><article>
<h1>Chapter 4: Conclusions and recommendations</h1>
<p>4.1 The evidence on unauthorised disclosures was limited,<sup>16</sup> but the pattern was
clear enough to warrant action by every force in England and Wales.</p>
<p>4.2 I recommend that chief constables publish a register of their contacts with the
media.<sup>17</sup> The register should be open to inspection by the public at any time.</p>
<p>4.3 I make no other recommendation on this topic, for the reasons given in Part C.</p>
</article></main></body></html>"""


def test_footnote_markers_become_plain_numbers():
    pytest.importorskip("trafilatura")
    text = html_extract(PAGE).text
    assert "<sup>" not in text and "</sup>" not in text
    assert "limited,16 but" in " ".join(text.split())
    assert "media.17 The register" in " ".join(text.split())
