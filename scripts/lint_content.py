"""Content lint: what editors write in docs/, checked in plain words.

    lint_content.py [--docs DIR] [--no-hints]

Every page (docs/<lang>/*.md) is checked for:
  - front matter: title and description (160 characters at most) as text;
    `translation: draft|reviewed` in translations (absent or `source` in
    Spanish); `source_hash` only in translations; no other keys;
  - raw HTML: only a safe list of tags; no <script>, <iframe>, <object>,
    <embed>, <form>, <style>, on...= attributes, javascript: links, images
    or media loaded from other websites, or tracking pixels;
  - images: every image has alt text;
  - phone numbers: none typed in pages (and none in any other file of docs/
    but docs/contacts.yml), no tel: link typed by hand;
  - [[markers]]: only [[tel:ID]], [[contacts]], [[contacts:national]],
    [[contacts:verified]], [[downloads]], with ID a published contact;
  - headings h2/h3: each has an explicit id { #id };
  - plain language: a sentence of more than 35 words is a HINT, printed but
    never an error.

Each finding reads `docs/es/formas.md:14: <what is wrong>. <How to fix it.>`
The exit code is 1 when there is an error. hooks/content_lint.py runs the
same checks on every build.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.contacts import ContactsError, load_contacts  # noqa: E402
from scripts.pages import (  # noqa: E402
    DOCS_DIR,
    HASH_KEY,
    HASH_LENGTH,
    MARKER,
    Page,
    all_page_paths,
    display_path,
    headings,
    masked_lines,
    read_page,
    read_text,
)

CONTACTS_NAME = "contacts.yml"
DESCRIPTION_MAX = 160
SENTENCE_MAX_WORDS = 35
SOURCE_KEYS = ("title", "description", "translation")
TRANSLATION_KEYS = ("title", "description", "translation", HASH_KEY)
TRANSLATION_VALUES = ("draft", "reviewed")
SOURCE_TRANSLATION_VALUE = "source"
FIXED_MARKERS = ("contacts", "contacts:national", "contacts:verified", "downloads")
MARKER_HELP = "[[tel:ID]], [[contacts]], [[contacts:national]], [[contacts:verified]] or [[downloads]]"
# Raw HTML an editor may use; anything else is reported.
SAFE_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var wbr".split()
)
BLOCKED_TAGS = {
    "script": "pages cannot run their own scripts. Remove it (ask a developer if the page needs a feature)",
    "noscript": "pages cannot run their own scripts. Remove it",
    "iframe": "it shows another website inside the page, which can track readers and does not work offline. "
    "Remove it and link to that page instead: [text](https://...)",
    "frame": "it shows another website inside the page. Remove it and link to that page instead: [text](https://...)",
    "object": "it embeds content from outside the page. Remove it and link to the content instead: [text](https://...)",
    "embed": "it embeds content from outside the page. Remove it and link to the content instead: [text](https://...)",
    "applet": "it embeds a program. Remove it",
    "form": "the site collects no data from its readers. Remove the form",
    "input": "the site collects no data from its readers. Remove it",
    "button": "the site collects no data from its readers. Remove it",
    "textarea": "the site collects no data from its readers. Remove it",
    "select": "the site collects no data from its readers. Remove it",
    "style": "styles live in docs/assets/stylesheets/site.css, not in pages. Remove it (ask a developer for a style)",
    "link": "it loads a file into the page. Remove it; for a link to another page write [text](page.md)",
    "meta": "page settings go in the front matter. Remove it",
    "base": "it changes where every link of the page points. Remove it",
}
EMBED_ATTRS = ("src", "srcset", "poster", "data", "background")
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*?)?)\s*/?>")
ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
COMMENT = re.compile(r"<!--.*?-->", re.S)
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
SCRIPT_URL = re.compile(r"(?:\]\(|\]:\s|=\s*[\"']?|<)\s*((?:javascript|vbscript):)", re.I)
MD_IMAGE = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^)\s>]*)")
# Phone numbers: a run of 7 or more digits, possibly separated by a space, a
# dot or a dash (800 14 0348, 2-2440123, 72006607), any "+591" number, and
# any hand-written tel: link ([[tel:ID]] is the marker, not a link).
SEPARATOR = r"(?:[ \u00a0\u202f]?[.\-\u2010\u2011\u2013][ \u00a0\u202f]?|[ \u00a0\u202f])"
DIGIT_RUN = re.compile(rf"(?<![\w+])\d(?:{SEPARATOR}?\d){{6,}}(?!\w)")
PLUS_591 = re.compile(rf"\(?\+[ \u00a0]?\(?591\)?(?:{SEPARATOR}?\d)*")
TEL_LINK = re.compile(r"(?<!\[\[)\btel:(?://)?[+\d(%][^\s)\]\"'<>]*", re.I)
YEAR = re.compile(r"^(?:19|20)\d\d$")
DATE = re.compile(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # 1.243.315 in Spanish notation
OTHER_TEXT_SUFFIXES = frozenset(".html .htm .yml .yaml .txt .json .csv .xml .js .css .svg .webmanifest".split())
SVG_GEOMETRY = re.compile(r"""\b(?:d|points|viewBox|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height)\s*=\s*(?:"[^"]*"|'[^']*')""")
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
NOT_PROSE = re.compile(r"^\s*(?:$|#|\||!!!|\?\?\?|\[[^\]]+\]:\s)")
LIST_START = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where, what is wrong and how to fix it."""

    path: str
    line: int
    message: str
    hint: bool = False

    def __post_init__(self) -> None:
        if not self.message.endswith((".", "!", "?")):
            object.__setattr__(self, "message", self.message + ".")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: " if self.path else ""
        return f"{where}{'HINT: ' if self.hint else ''}{self.message}"


def check_front_matter(page: Page) -> list[Finding]:
    """Title, description, translation, source_hash and nothing else."""
    out: list[Finding] = []

    def add(line: int, message: str) -> None:
        out.append(Finding(page.rel, line, message))

    if page.meta_text is None:
        add(1, 'the page has no front matter. Start the file with a line ---, then title: "...", description: "...", then a line ---')
        return out
    if page.meta_error:
        add(
            page.meta_error_line,
            f"the front matter cannot be read (YAML says: {page.meta_error}). "
            'If a value contains a colon (:) or starts with a quote, put the whole value between double quotes, like title: "Qué: hacer"',
        )
        return out
    meta = page.meta
    for key, how in (
        ("title", "the page title"),
        ("description", f"one or two sentences about the page, {DESCRIPTION_MAX} characters at most"),
    ):
        value = meta.get(key)
        if key not in meta:
            add(1, f'front matter: "{key}" is missing. Add a line {key}: "..." with {how}')
        elif not isinstance(value, str):
            add(page.meta_line(key), f'front matter: "{key}" must be text. Put it between double quotes: {key}: "..."')
        elif not value.strip():
            add(page.meta_line(key), f'front matter: "{key}" is empty. Write {how}')
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > DESCRIPTION_MAX:
        add(
            page.meta_line("description"),
            f"front matter: the description has {len(description.strip())} characters, more than {DESCRIPTION_MAX}. "
            "Shorten it: search results and link previews cut it",
        )
    translation = meta.get("translation")
    if page.is_source:
        if "translation" in meta and translation != SOURCE_TRANSLATION_VALUE:
            add(
                page.meta_line("translation"),
                f'front matter: "translation: {translation}" is only for translations. Remove the line (this is the Spanish source)',
            )
        if HASH_KEY in meta:
            add(
                page.meta_line(HASH_KEY),
                f'front matter: "{HASH_KEY}" is only for translations. Remove the line (this is the Spanish source)',
            )
    else:
        if "translation" not in meta:
            add(
                1,
                'front matter: "translation" is missing. Add a line translation: draft '
                "(or translation: reviewed once a native speaker has checked the page)",
            )
        elif translation not in TRANSLATION_VALUES:
            add(
                page.meta_line("translation"),
                f'front matter: "translation: {translation}" is not allowed. Write translation: draft or translation: reviewed',
            )
        recorded = page.raw_meta(HASH_KEY)
        if HASH_KEY in meta and not re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", recorded or ""):
            add(
                page.meta_line(HASH_KEY),
                f'front matter: "{HASH_KEY}: {recorded or ""}" is not {HASH_LENGTH} characters of 0-9 and a-f. '
                f"Copy it from the translation status, or run python scripts/i18n_status.py mark {page.lang} {page.name}",
            )
    allowed = SOURCE_KEYS if page.is_source else TRANSLATION_KEYS
    for key in meta:
        if key not in allowed and not (page.is_source and key == HASH_KEY):
            add(page.meta_line(key), f'front matter: unknown key "{key}". Remove it or fix its spelling; the keys are {", ".join(allowed)}')
    return out


def _line_of(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


def _attrs(raw: str) -> dict[str, str]:
    """HTML attributes, names lower case; a bare attribute has the value ''."""
    result = {}
    for match in ATTR.finditer(raw):
        value = next((v for v in match.groups()[1:] if v is not None), "")
        result.setdefault(match.group(1).lower(), value)
    return result


def check_html(page: Page, text: str) -> list[Finding]:
    """Raw HTML against the safe list, unsafe URLs and attributes, external embeds, alt text of <img>."""
    out = []
    scan = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for match in TAG.finditer(scan):
        name, attrs = match.group(1).lower(), _attrs(match.group(2))
        line = _line_of(scan, match.start(), page.body_line)
        if name in BLOCKED_TAGS:
            out.append(Finding(page.rel, line, f"raw HTML <{name}> is not allowed: {BLOCKED_TAGS[name]}"))
            continue
        if name not in SAFE_TAGS:
            out.append(
                Finding(
                    page.rel, line, f"raw HTML <{name}> is not in the list of allowed tags. Remove it, or write the content in Markdown"
                )
            )
            continue
        for attr in attrs:
            if attr.startswith("on"):
                out.append(Finding(page.rel, line, f"the HTML attribute {attr}= runs a script, which pages may not do. Remove it"))
            elif attr == "style":
                out.append(
                    Finding(
                        page.rel,
                        line,
                        "the HTML attribute style= is blocked by the site's security policy. Remove it (ask a developer for a style)",
                    )
                )
        if name == "img":
            size = {attrs.get("width", "").strip().lower(), attrs.get("height", "").strip().lower()}
            if size & {"0", "1", "0px", "1px"}:
                out.append(Finding(page.rel, line, "this <img> is 0 or 1 pixel wide or high: it looks like a tracking pixel. Remove it"))
                continue
            if not attrs.get("alt", "").strip():
                out.append(Finding(page.rel, line, '<img> without alt text. Add alt="what the picture shows" inside the tag'))
        external = [a for a in EMBED_ATTRS if a in attrs and EXTERNAL.match(attrs[a])]
        if external:
            out.append(
                Finding(
                    page.rel,
                    line,
                    f'<{name} {external[0]}="{attrs[external[0]]}"> loads a file from another website, '
                    "which tracks readers and does not work offline. "
                    "Upload the file to docs/assets/images/ and use it from there",
                )
            )
    for match in ATTR_LIST.finditer(scan):
        for attr in _attrs(match.group(1)):
            if attr.startswith("on"):
                line = _line_of(scan, match.start(), page.body_line)
                out.append(Finding(page.rel, line, f"the attribute {attr}= in {{ }} runs a script, which pages may not do. Remove it"))
    for match in SCRIPT_URL.finditer(scan):
        line = _line_of(scan, match.start(), page.body_line)
        out.append(
            Finding(
                page.rel,
                line,
                f"a {match.group(1)} link runs a script, which pages may not do. "
                "Link to a page (ayuda.md) or a website (https://...) instead",
            )
        )
    return out


def check_images(page: Page, text: str) -> list[Finding]:
    """Markdown images: alt text, and no image loaded from another website."""
    out = []
    for match in MD_IMAGE.finditer(text):
        line = _line_of(text, match.start(), page.body_line)
        if not match.group(1).strip():
            out.append(
                Finding(
                    page.rel,
                    line,
                    "image without alt text. Describe what the picture shows between the brackets: "
                    "![Two women talking at a market](../assets/images/market.jpg)",
                )
            )
        if EXTERNAL.match(match.group(2)):
            out.append(
                Finding(
                    page.rel,
                    line,
                    f"the image {match.group(2)} is loaded from another website, which tracks readers and does not work offline. "
                    "Upload it to docs/assets/images/ and write ![alt text](../assets/images/file.jpg)",
                )
            )
    return out


def is_phone_number(candidate: str) -> bool:
    """False for what only looks like a number: years, year ranges, dates, 1.243.315."""
    if candidate.lstrip().startswith("+"):
        return True
    compact = re.sub(r"[ \u00a0\u202f]*([.\-\u2010\u2011\u2013])[ \u00a0\u202f]*", r"\1", candidate.strip())
    groups = re.split(r"[ \u00a0\u202f.\-\u2010\u2011\u2013]+", compact)
    if all(YEAR.match(group) for group in groups):
        return False
    return not (DATE.match(compact) or THOUSANDS.match(compact))


def phone_findings(text: str, rel: str, first_line: int = 1) -> list[Finding]:
    """Phone numbers and tel: links typed in a text."""
    out, taken = [], []
    for match in TEL_LINK.finditer(text):
        taken.append(range(match.start(), match.end()))
        out.append(
            Finding(
                rel,
                _line_of(text, match.start(), first_line),
                f'a tel: link typed by hand ("{match.group(0)}"). Write [[tel:ID]] with the contact\'s id from docs/contacts.yml instead',
            )
        )
    for pattern in (PLUS_591, DIGIT_RUN):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken) or not is_phone_number(match.group(0)):
                continue
            taken.append(range(match.start(), match.end()))
            out.append(
                Finding(
                    rel,
                    _line_of(text, match.start(), first_line),
                    f'phone number "{match.group(0).strip()}" typed in the text. Numbers live only in docs/contacts.yml: add it there, '
                    "then write [[tel:ID]] for one number or [[contacts]] for the list",
                )
            )
    return sorted(out)


def check_markers(page: Page, text: str, tel_ids: list[str] | None) -> list[Finding]:
    """Only the markers the hooks render, with a known contact id."""
    out = []
    for match in MARKER.finditer(text):
        inner = match.group(1)
        line = _line_of(text, match.start(), page.body_line)
        if inner in FIXED_MARKERS:
            continue
        if re.fullmatch(r"tel:[a-z0-9]+(?:-[a-z0-9]+)*", inner):
            contact = inner[4:]
            if tel_ids is not None and contact not in tel_ids:
                out.append(
                    Finding(
                        page.rel,
                        line,
                        f"[[tel:{contact}]] does not name a published contact with a phone in docs/contacts.yml. "
                        f"Use one of: {', '.join(tel_ids)}",
                    )
                )
            continue
        out.append(Finding(page.rel, line, f"unknown marker [[{inner}]]. Use {MARKER_HELP}, spelled exactly so"))
    return out


def check_headings(page: Page, lines: list[str]) -> list[Finding]:
    """Every h2/h3 has its own explicit id."""
    out, seen = [], set()
    for index, level, text, hid in headings(lines):
        line = page.body_line + index
        if hid is None and level in (2, 3):
            out.append(
                Finding(
                    page.rel,
                    line,
                    f'heading "{text.strip()}" has no id. Add {{ #an-id }} at the end of the line, with the same id in every language '
                    "(copy it from the Spanish page)",
                )
            )
        elif hid in seen:
            out.append(Finding(page.rel, line, f"the heading id #{hid} is used twice on this page. Give each heading its own id"))
        seen.add(hid)
    return out


def _prose(line: str) -> str:
    """A line reduced to its words: no links, markup, markers or ids."""
    line = re.sub(r"\{[^{}]*\}", " ", line)
    line = MARKER.sub(" ", line)
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"<[^>]+>", " ", line)
    line = re.sub(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", "", line)
    return re.sub(r"[*_]+", "", line)


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Paragraphs and list items as lists of (line index, prose); headings, tables and admonition titles left out."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        skip = bool(NOT_PROSE.match(line))
        if skip or LIST_START.match(line):
            if current:
                blocks.append(current)
            current = []
        if not skip:
            current.append((index, _prose(line)))
    if current:
        blocks.append(current)
    return blocks


def check_sentences(page: Page, lines: list[str]) -> list[Finding]:
    """HINT for each sentence of more than 35 words."""
    out = []
    for block in _blocks(lines):
        text, starts = "", []
        for index, prose in block:
            starts.append((len(text), index))
            text += prose.strip() + " "
        position = 0
        for sentence in SENTENCE_END.split(text):
            words = WORD.findall(sentence)
            offset = text.find(sentence, position)
            position = offset + len(sentence)
            if len(words) > SENTENCE_MAX_WORDS:
                index = max(i for start, i in starts if start <= max(offset, 0))
                beginning = " ".join(words[:6])
                out.append(
                    Finding(
                        page.rel,
                        page.body_line + index,
                        f'a sentence of {len(words)} words ("{beginning}..."). '
                        f"Plain language: split it into sentences of {SENTENCE_MAX_WORDS} words or fewer",
                        hint=True,
                    )
                )
    return out


def lint_page(page: Page, tel_ids: list[str] | None = None) -> list[Finding]:
    """Every check on one page."""
    lines = masked_lines(page.body)
    text = "\n".join(lines)
    findings = check_front_matter(page)
    findings += check_html(page, text)
    findings += check_images(page, text)
    findings += phone_findings(page.text, page.rel)
    findings += check_markers(page, text, tel_ids)
    findings += check_headings(page, lines)
    findings += check_sentences(page, lines)
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.hint, f.message))


def published_tel_ids(docs_dir: Path) -> tuple[list[str] | None, list[Finding]]:
    """Contacts a [[tel:ID]] may name; None when docs/ has no contacts file."""
    path = docs_dir / CONTACTS_NAME
    if not path.is_file():
        return None, []
    try:
        contacts = load_contacts(path)
    except ContactsError as exc:
        return None, [Finding("", 0, str(exc))]
    return [c.id for c in contacts if c.published and c.phones], []


def other_text_files(docs_dir: Path) -> list[Path]:
    """Text files of docs/ that are not pages and not the contacts data."""
    return sorted(
        p for p in docs_dir.rglob("*") if p.is_file() and p.suffix.lower() in OTHER_TEXT_SUFFIXES and p != docs_dir / CONTACTS_NAME
    )


def phones_in_file(path: Path, docs_dir: Path) -> list[Finding]:
    """Phone numbers in one file of docs/ (SVG drawing coordinates ignored)."""
    text = read_text(path)
    if path.suffix.lower() == ".svg":
        text = SVG_GEOMETRY.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return phone_findings(text, display_path(path, docs_dir))


def phones_in_tree(docs_dir: Path = DOCS_DIR) -> list[Finding]:
    """Phone numbers anywhere in docs/ except docs/contacts.yml: pages and every other text file."""
    return sorted(f for path in all_page_paths(docs_dir) + other_text_files(docs_dir) for f in phones_in_file(path, docs_dir))


def lint_docs(docs_dir: Path = DOCS_DIR) -> list[Finding]:
    """Every finding in docs/: each page, then phone numbers in the other text files."""
    tel_ids, findings = published_tel_ids(docs_dir)
    for path in all_page_paths(docs_dir):
        findings += lint_page(read_page(path, docs_dir), tel_ids)
    for path in other_text_files(docs_dir):
        findings += phones_in_file(path, docs_dir)
    return findings


def format_findings(findings: list[Finding], hints: bool = True) -> str:
    """Errors first, then hints, with a closing count."""
    errors = [f for f in findings if not f.hint]
    notes = [f for f in findings if f.hint]
    lines = [str(f) for f in errors]
    if hints and notes:
        if lines:
            lines.append("")
        lines.append(f"Plain-language hints ({len(notes)}; they do not block publishing):")
        lines += [str(f) for f in notes]
    if lines:
        lines.append("")
    lines.append(f"{len(errors)} error{'s' if len(errors) != 1 else ''}, {len(notes)} hint{'s' if len(notes) != 1 else ''}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lint_content.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="exit 1 on errors (always the case; hints never fail)")
    parser.add_argument("--no-hints", action="store_true", help="do not print the plain-language hints")
    args = parser.parse_args(argv)
    docs_dir = args.docs.resolve()
    if not docs_dir.is_dir():
        print(f"{args.docs}: no such folder.", file=sys.stderr)
        return 1
    findings = lint_docs(docs_dir)
    print(format_findings(findings, hints=not args.no_hints))
    return 1 if any(not f.hint for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
