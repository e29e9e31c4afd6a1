"""Everything checked before anything is built, every problem at once.

`make site` runs these first and stops, with the whole list, on any error:
the nav in mkdocs.yml against the Spanish pages, what docs/ may publish,
the interface strings, the contacts, the content lint, every image and every
recording (unreadable, silent, too short or too long ones named). The
build hooks run the same checks again for `mkdocs serve` (they are the same
functions, so a message reads the same either way).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from alerta.audio.publish import AudioPublisher
from alerta.audio.settings import Settings as AudioSettings
from alerta.config import ROOT, site_config
from alerta.contacts import due, load_contacts
from alerta.images.publish import ImagePublisher
from alerta.images.settings import Settings
from alerta.lint import lint_docs
from alerta.lint.consistency import check_consistency
from alerta.problems import Problem, ProblemError, say
from alerta.publishing import check_tree
from alerta.strings import load_strings, strings_dir

NAV_ENTRY = re.compile(r"^(\s*-\s+)(\S+\.md)\s*$")


def preflight(root: Path = ROOT) -> list[Problem]:
    """Every problem the sources have, before building."""
    docs = root / "docs"
    config = site_config(root / "mkdocs.yml")
    problems = check_nav(root) + check_tree(docs)
    try:
        load_strings(strings_dir(root))
    except ProblemError as exc:
        problems += exc.problems
    try:
        problems += contacts_warnings(docs, root)
    except ProblemError as exc:
        problems += exc.problems
    problems += lint_docs(docs, drafts=False) + drafts_summary(check_consistency(docs))
    # Every picture and recording, processed into the build cache (the build then finds them there).
    for publisher, settings, key in ((ImagePublisher(root), Settings, "images"), (AudioPublisher(root), AudioSettings, "audio")):
        try:
            publisher.configure(settings.from_extra(config.extra.get(key)))
            problems += publisher.prepare(docs)
        except ProblemError as exc:
            problems += exc.problems
    return problems


def contacts_warnings(docs: Path, root: Path) -> list[Problem]:
    """The contacts, loaded (raising every problem); one warning when some wait for a confirming call."""
    contacts = load_contacts(docs / "contacts.yml", root=root)
    waiting = due(contacts)
    if not waiting:
        return []
    return [
        Problem(
            "docs/contacts.yml",
            0,
            say(f"{len(waiting)} de {len(contacts)} contactos esperan una llamada que los confirme", f"{len(waiting)} of {len(contacts)} entries wait for a call to confirm them"),
            say("ejecute make contacts-due: dice cuáles son y prepara la hoja para llamar", "run make contacts-due: it lists them and prints the call sheet"),
            level="warning",
        )
    ]


def check_nav(root: Path) -> list[Problem]:
    """The nav of mkdocs.yml and the Spanish pages agree: each entry exists, each page is listed."""
    config = site_config(root / "mkdocs.yml")
    source = root / "docs" / config.default.code
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    listed = {m.group(2): number for number, line in enumerate(lines, 1) if (m := NAV_ENTRY.match(line))}
    problems = []
    for name in config.nav:
        if not (source / name).is_file():
            problems.append(
                Problem(
                    "mkdocs.yml",
                    listed.get(name, 0),
                    say(f"el menú (nav) nombra {name}, pero no existe docs/{config.default.code}/{name}", f"the nav names {name}, but docs/{config.default.code}/{name} does not exist"),
                    say("corrija el nombre en esa línea, o bórrela si la página ya no existe", "fix the name on that line, or remove the line if the page is gone"),
                )
            )
    last = max(listed.values(), default=0)
    for page in sorted(source.glob("*.md")):
        if page.name not in config.nav:
            after = f" (después de la línea {last}, «{lines[last - 1].strip()}»)" if last else ""
            after_en = f" (after line {last}, '{lines[last - 1].strip()}')" if last else ""
            problems.append(
                Problem(
                    f"docs/{config.default.code}/{page.name}",
                    0,
                    say("la página no aparece en el menú del sitio", "the page is not in the site's menu"),
                    say(
                        f"agregue la línea «  - {page.name}» en mkdocs.yml, en la lista nav:{after}, o más arriba si debe aparecer antes",
                        f"add the line '  - {page.name}' to mkdocs.yml, in the nav: list{after_en}, or higher up to show it earlier",
                    ),
                )
            )
    return problems


def drafts_summary(problems: list[Problem]) -> list[Problem]:
    """A draft's notes for its reviewers as one line per file (make lint lists them); errors as they are.

    A draft may carry dozens of them until a speaker reviews it; listed one by
    one they would hide the warnings an editor must act on.
    """
    counts = Counter(p.file for p in problems if p.level == "warning")
    return [p for p in problems if p.level != "warning"] + [
        Problem(
            file,
            0,
            say(
                f"{n} {'aviso' if n == 1 else 'avisos'} para revisar este borrador (glosario, palabras en español, frases sin par en español)",
                f"{n} {'note' if n == 1 else 'notes'} for this draft's review (glossary, Spanish words, sentences without a Spanish pair)",
            ),
            say("véalos uno por uno con make lint", "list them with make lint"),
            level="warning",
        )
        for file, n in sorted(counts.items())
    ]
