"""One strict MkDocs build in this process, its warnings and errors returned as problems.

MkDocs reports a broken link, a missing anchor or a nav entry with no page
as an English log line ("Doc file 'es/ayuda.md' contains a link ...",
"Aborted with 1 warnings in strict mode!"). Here each known line becomes a
Problem with the Markdown file, the line where the link is written, and the
fix in plain words; an unknown one is passed on as MkDocs wrote it.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from alerta.problems import Problem, say

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

LINK_MISSING = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<href>[^']*)', but the target '(?P<target>[^']+)' is not found among documentation files\.")
ANCHOR_MISSING = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<href>[^']*)', but the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']*)'\.")
ABSOLUTE = re.compile(r"Doc file '(?P<src>[^']+)' contains an absolute link '(?P<href>[^']*)', it was left as is\.")
UNRECOGNIZED = re.compile(r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<href>[^']*)', it was left as is\.")
NAV_MISSING = re.compile(r"A reference to '(?P<name>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.")
NAV_OMITTED = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav" configuration:\s*(?P<names>(?:\s*- \S+)+)')
ABORTED = re.compile(r"^Aborted with")


class _Collect(logging.Handler):
    """Keeps every warning and error MkDocs logs during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(config_file: Path, site_dir: Path, root: Path) -> list[Problem]:
    """Build the site of config_file into site_dir (strict); every warning and error as a problem."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    handler, level, propagate = _Collect(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # nothing on the screen: the caller shows the problems
    problems: list[Problem] = []
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except ConfigurationError as exc:
        problems.append(Problem(Path(config_file).name, 0, say(f"la configuración no se puede usar: {exc}", f"the configuration cannot be used: {exc}"), say("corrija esa línea de la configuración", "fix that setting")))
    except Abort:
        pass  # the reasons were logged, and are read below
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    for message in handler.messages:
        problems += translate(message, root)
    return sorted(set(problems))


def translate(message: str, root: Path) -> list[Problem]:
    """One MkDocs log message as problems (none for its closing "Aborted with..." line)."""
    if ABORTED.match(message):
        return []
    if m := LINK_MISSING.match(message):
        return [
            _at(root, m["src"], m["href"], say(f"el enlace '{m['href']}' lleva a una página que no existe ({m['target']})", f"the link '{m['href']}' leads to a page that does not exist ({m['target']})"), say("corrija el nombre del archivo en el enlace (los nombres están en la carpeta de ese idioma, como docs/es/)", "fix the file name in the link (the names are in the language's folder, like docs/es/)"))
        ]
    if m := ANCHOR_MISSING.match(message):
        return [
            _at(
                root,
                m["src"],
                m["href"],
                say(f"el enlace '{m['href']}' lleva a la sección #{m['anchor']}, que no existe en {m['target']}", f"the link '{m['href']}' leads to section #{m['anchor']}, which {m['target']} does not have"),
                say("use el id de un título de esa página: lo que está entre { # } al final del título", "use the id of a heading of that page: what is between { # } at the end of the heading"),
            )
        ]
    if m := ABSOLUTE.match(message):
        return [_at(root, m["src"], m["href"], say(f"el enlace '{m['href']}' empieza con /: no funciona en la copia sin internet", f"the link '{m['href']}' starts with /: it does not work in the offline copy"), say("escríbalo con el nombre de la página, como ayuda.md", "write it with the page's file name, like ayuda.md"))]
    if m := UNRECOGNIZED.match(message):
        return [_at(root, m["src"], m["href"], say(f"el enlace '{m['href']}' no lleva a una página del sitio", f"the link '{m['href']}' does not lead to a page of the site"), say("enlace el archivo .md de la página, como ayuda.md o ../es/ayuda.md", "link the page's .md file, like ayuda.md"))]
    if m := NAV_MISSING.match(message):
        return [Problem("mkdocs.yml", 0, say(f"el menú (nav) nombra {m['name']}, que no existe", f"the nav names {m['name']}, which does not exist"), say("corrija el nombre o borre la línea", "fix the name or remove the line"))]
    if m := NAV_OMITTED.search(message):
        names = re.findall(r"- (\S+)", m["names"])
        return [Problem(f"docs/{name}", 0, say("la página no aparece en el menú del sitio", "the page is not in the site's menu"), say(f"agregue «  - {Path(name).name}» a la lista nav: de mkdocs.yml", f"add '  - {Path(name).name}' to the nav: list of mkdocs.yml")) for name in names]
    return [Problem("", 0, say(f"MkDocs avisa: {message}", f"MkDocs says: {message}"))]


def _at(root: Path, src: str, href: str, what, fix) -> Problem:
    """A problem in docs/<src>, at the line where href is written (when it can be found)."""
    path = root / "docs" / src
    line = 0
    if path.is_file():
        for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if f"]({href}" in text or f"({href})" in text or href in text:
                line = number
                break
    return Problem(f"docs/{src}", line, what, fix)
