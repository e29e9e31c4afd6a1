"""[[forward]]: the message to forward, on the page, with a copy button that needs no other script.

The message is the one saved as NAME-mensaje-LANG.txt (alerta.printed.share).
It sits in a read-only text box anyone can select by hand; the button is
shown only by its own small inline script, allowed by its hash in the page's
Content-Security-Policy (registered here, where it is inlined). It copies
with the Clipboard API, or with the older copy command where that is missing
(file://, old Android browsers).
"""

from __future__ import annotations

import html
from pathlib import Path

from alerta.config import site_config
from alerta.contacts import Contact, emergency_phone
from alerta.csp import register_script
from alerta.printed.blocks import marked_blocks
from alerta.printed.qr import site_address
from alerta.printed.share import forward_message
from alerta.strings import load_strings

MARKER = "[[forward]]"
COPY_SCRIPT = (
    '(function(){var b=document.getElementById("forward-copy"),t=document.getElementById("forward-text"),'
    's=document.getElementById("forward-status");if(!b||!t||!s)return;b.hidden=false;'
    'function done(){s.textContent=b.getAttribute("data-done")}'
    'function old(){t.focus();t.select();try{if(document.execCommand("copy"))done()}catch(e){}}'
    'b.addEventListener("click",function(){if(navigator.clipboard&&window.isSecureContext){'
    "navigator.clipboard.writeText(t.value).then(done,old)}else{old()}})})();"
)
register_script(COPY_SCRIPT)


def message(lang: str, contacts: list[Contact], root: Path) -> str:
    """The message of a language, as the text file holds it."""
    config = site_config(root / "mkdocs.yml")
    number = emergency_phone(contacts, config.extra.get("emergency_contact", "police-emergency")).display
    return forward_message(marked_blocks(lang, contacts, root), number, load_strings()[lang], site_address(config))


def render(text: str, strings: dict) -> str:
    """The message box, its copy button (hidden until its script runs) and a hint for copying by hand."""
    e = html.escape
    rows = text.count("\n") + 2
    return f"""<div class="forward" id="forward">
<p class="forward__title"><strong>{e(strings["forward_title"])}</strong></p>
<textarea id="forward-text" class="forward__text" readonly rows="{rows}" aria-label="{e(strings["forward_title"])}">{e(text).replace(chr(10), "&#10;")}</textarea>
<p><button type="button" id="forward-copy" class="md-button md-button--primary" data-done="{e(strings["forward_copied"])}" hidden>{e(strings["forward_copy"])}</button>
<span id="forward-status" role="status"></span></p>
<p class="forward__hint">{e(strings["forward_hint"])}</p>
<script>{COPY_SCRIPT}</script>
</div>"""
