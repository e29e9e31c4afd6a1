"""What may be published from docs/: an allow-list of file types, no links out of the folder.

Editors add pages (.md), pictures and recordings (only in docs/<lang>/audio/,
where the build turns them into small Opus files); nothing under docs/
may run code, and nothing may bring in a file from elsewhere on the disk:
a symlink, or a name that resolves outside docs/, is refused. The site's own
scripts, styles and blank exit page are listed here by name: a new one needs
a developer to add it (and review it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from alerta.audio import FOLDER as AUDIO_FOLDER
from alerta.audio import SUFFIXES as AUDIO_SUFFIXES
from alerta.config import site_config
from alerta.problems import Problem, say

CONTENT_SUFFIXES = frozenset(".md .jpg .jpeg .png .webp .gif .svg".split())
DATA_FILES = frozenset({"contacts.yml"})  # read by the build, never published as they are
# The project's own code and pages under docs/ (relative to docs/).
PROJECT_ASSETS = frozenset(
    {
        "assets/javascripts/site.js",
        "assets/javascripts/check.js",
        "assets/stylesheets/site.css",
        "assets/vendor/iframe-worker/shim.js",
        "assets/blank.html",
    }
)
LICENCE_FILES = re.compile(r"^assets/vendor/[^/]+/(LICENSE|LICENCE|README)(\.[a-z]+)?$")
UNSAFE_NAME = re.compile(r"[\s]|[A-ZÁÉÍÓÚÑ]")


def check_tree(docs: Path) -> list[Problem]:
    """Every file under docs/: refused when not an allowed type, a symlink, or outside docs/; warned when its name has spaces or capitals."""
    docs = Path(docs)
    real_docs = docs.resolve()
    problems = []
    for current, folders, names in os.walk(docs, followlinks=False):
        for name in sorted(folders + names):
            path = Path(current) / name
            rel = path.relative_to(docs).as_posix()
            shown = f"{docs.name}/{rel}"  # as editors see it: docs/es/x.md
            if path.is_symlink():
                problems.append(
                    Problem(
                        shown,
                        0,
                        say("es un acceso directo (enlace simbólico) a otro archivo o carpeta, y publicaría lo que está en otra parte", "is a symbolic link, which would publish whatever it points to"),
                        say("bórrelo y copie aquí el archivo verdadero, si debe publicarse", "remove it and copy the real file here, if it is meant to be published"),
                    )
                )
                continue
            if not path.resolve().is_relative_to(real_docs):
                problems.append(Problem(shown, 0, say("apunta fuera de la carpeta docs/", "resolves outside docs/"), say("bórrelo", "remove it")))
                continue
            if path.is_dir():
                continue
            problem = _refused(rel, shown)
            if problem:
                problems.append(problem)
            elif UNSAFE_NAME.search(name) and rel not in PROJECT_ASSETS and not LICENCE_FILES.match(rel):
                problems.append(
                    Problem(
                        shown,
                        0,
                        say("el nombre del archivo tiene espacios o mayúsculas: en la dirección web se ve mal y algunos teléfonos no lo abren", "the file name has spaces or capitals: it looks wrong in the address and some phones will not open it"),
                        say("use minúsculas y guiones, como 'mujer-mercado.jpg' (y cambie los enlaces)", "use lowercase and dashes, like 'mujer-mercado.jpg' (and change the links)"),
                        level="warning",
                    )
                )
    return problems


def allowed(rel: str) -> bool:
    """Whether a file of docs/ (relative path) may be part of the site."""
    return _refused(rel, rel) is None


def _refused(rel: str, shown: str) -> Problem | None:
    suffix = Path(rel).suffix.lower()
    if rel in PROJECT_ASSETS or rel in DATA_FILES or LICENCE_FILES.match(rel):
        return None
    if suffix in CONTENT_SUFFIXES:
        return None
    if suffix in AUDIO_SUFFIXES:
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] in site_config().codes and parts[1] == AUDIO_FOLDER:
            return None
        return Problem(
            shown,
            0,
            say("las grabaciones van en la carpeta audio del idioma que se oye, como docs/qu/audio/", "recordings go in the audio folder of the language spoken, like docs/qu/audio/"),
            say("mueva el archivo allí, con el nombre de la página que lee (formas.opus) o de la página y la sección (formas--sexual-exploitation.opus)", "move it there, named after the page it reads (formas.opus) or the page and section (formas--sexual-exploitation.opus)"),
        )
    if suffix in (".html", ".htm", ".js", ".mjs", ".css"):
        return Problem(
            shown,
            0,
            say("las páginas de contenido son archivos .md: un archivo .html, .js o .css en docs/ se publicaría tal cual, con su código", "content pages are .md files: an .html, .js or .css file in docs/ would be published as it is, code and all"),
            say("escriba la página en Markdown (.md); si hace falta código nuevo, pida ayuda a quien programa", "write the page in Markdown (.md); for new code, ask a developer"),
        )
    return Problem(
        shown,
        0,
        say(f"el sitio no publica archivos {suffix or 'sin extensión'}", f"the site does not publish {suffix or 'extension-less'} files"),
        say(
            "las páginas van en .md, las imágenes en .jpg, .png, .webp, .gif o .svg y las grabaciones en .opus, .ogg, .m4a, .mp3, .wav o .webm; borre o mueva este archivo",
            "pages are .md, pictures .jpg, .png, .webp, .gif or .svg, recordings .opus, .ogg, .m4a, .mp3, .wav or .webm; remove or move this file",
        ),
    )
