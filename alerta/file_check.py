"""The file-check page's form ([[file-check]] in docs/<lang>/comprobar.md); check.js does the checking.

Every message is in the page's language (data/strings, keys check_*), carried
in data-* attributes so the script holds no text. Without JavaScript the form
stays hidden and a sentence says why.
"""

from __future__ import annotations

import html

MARKER = "[[file-check]]"
SCRIPT = "assets/javascripts/check.js"
MESSAGES = ("working", "original", "altered", "unknown", "no-list", "no-crypto", "list")


def render(strings: dict[str, str]) -> str:
    """The form: pick a file, then the verdict, the list it was compared with, and the file's SHA-256."""
    data = " ".join(f'data-{key}="{html.escape(strings["check_" + key.replace("-", "_")])}"' for key in MESSAGES)
    return f"""<div class="file-check" data-file-check {data} hidden>
<p><label class="file-check__label" for="file-check-input">{html.escape(strings["check_pick"])}</label></p>
<p><input class="file-check__input" id="file-check-input" type="file"></p>
<p class="file-check__result" role="status" aria-live="polite"></p>
<p class="file-check__fingerprint">{html.escape(strings["check_fingerprint"])}: <code class="file-check__digest"></code></p>
<p class="file-check__list"></p>
</div>
<noscript><p class="file-check__no-js">{html.escape(strings["check_no_js"])}</p></noscript>
"""
