"""`make site`, all or nothing: check, build everything into a temporary folder, check it, then publish.

    preflight (alerta.checks) -> offline build -> bundles -> online site -> links of
    the site and of every unpacked bundle, bundle manifests, page sizes -> site/ and dist/

Every problem found is shown at once, in plain Spanish (SITE_MESSAGES=en for
English). site/ and dist/ are replaced only when nothing is wrong: a failure
at any step leaves both exactly as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from alerta import mkdocs_run
from alerta.checks import preflight
from alerta.config import ROOT, site_config
from alerta.downloads import DIST_ENV, DOWNLOADS_DIR
from alerta.links import Options, check_site
from alerta.links.model import Finding
from alerta.links.report import KIND_LABELS
from alerta.offline.build import offline_build, package
from alerta.offline.verify import verify
from alerta.printed.qr import SITE_URL_HINT, site_address
from alerta.problems import Problem, ProblemError, errors, say

PAGE_MAX_KB = 100  # extra.checks.page_max_kb: a page heavier than this costs a prepaid phone too much
SINGLE_FILE_MAX_KB = 160  # extra.checks.single_file_max_kb: a whole language in one file, sent once over WhatsApp
WORK_PREFIX = ".building-"
REVIEW = "review"  # dist/review/: sheets for the team, never published
LINK_FIXES = {
    "missing": say("corrija el enlace para que lleve a una página o archivo que exista", "fix the link so it leads to a page or file that exists"),
    "anchor": say("corrija el enlace para que lleve a una sección que exista", "fix the link so it leads to a section that exists"),
    "offline": say("escriba el enlace con el nombre de la página, sin / al principio, para que funcione sin internet", "write the link with the page's file name, without a leading /, so it works offline"),
    "tel": say("use [[tel:ID]] con un contacto de docs/contacts.yml", "use [[tel:ID]] with a contact of docs/contacts.yml"),
    "tel-unknown": say("use [[tel:ID]] con un contacto de docs/contacts.yml", "use [[tel:ID]] with a contact of docs/contacts.yml"),
    "mailto": say("corrija la dirección de correo", "fix the e-mail address"),
    "javascript": say("enlace una página (ayuda.md) o un sitio (https://...)", "link a page (ayuda.md) or a website (https://...)"),
    "scheme": say("enlace una página (ayuda.md) o un sitio (https://...)", "link a page (ayuda.md) or a website (https://...)"),
    "external": say("revise la dirección; si el sitio cambió, actualice el enlace", "check the address; if the site moved, update the link"),
}
DEVELOPER = say("avise a quien programa: el problema está en las plantillas o en el código", "tell a developer: the problem is in the templates or the code")


def link_problem(finding: Finding) -> Problem:
    """A link checker finding as a problem for editors."""
    label = KIND_LABELS[finding.kind]
    what = say(f"{label.es} '{finding.link}' (en {finding.page}): {finding.reason.es}", f"{label.en} '{finding.link}' (in {finding.page}): {finding.reason.en}")
    return Problem(finding.file, finding.line or 0, what, LINK_FIXES.get(finding.kind, DEVELOPER))


def check_links(folder: Path, label: str, root: Path, offline: bool = False) -> list[Problem]:
    options = Options(site=folder, site_label=label, offline=offline, docs=root / "docs", contacts=root / "docs" / "contacts.yml")
    findings, _ = check_site(options)
    return [link_problem(f) for f in findings]


def page_sizes(site: Path, root: Path) -> list[Problem]:
    """A warning for every page heavier than its budget (mkdocs.yml extra.checks.page_max_kb, single_file_max_kb)."""
    checks = site_config(root / "mkdocs.yml").extra.get("checks") or {}
    page_limit = int(checks.get("page_max_kb", PAGE_MAX_KB))
    # The single files under downloads/ hold every page of a language: one download, its size shown on the download page.
    file_limit = int(checks.get("single_file_max_kb", SINGLE_FILE_MAX_KB))
    out = []
    for page in sorted(site.rglob("*.html")):
        size = page.stat().st_size
        single = page.parent.name == DOWNLOADS_DIR
        limit = file_limit if single else page_limit
        if size > limit * 1024 and "assets" not in page.parts:
            what = say(f"el archivo para descargar pesa {size // 1024} KB, más de {limit} KB", f"the download is {size // 1024} KB, over {limit} KB") if single else say(
                f"la página pesa {size // 1024} KB, más de {limit} KB", f"the page is {size // 1024} KB, over {limit} KB"
            )
            out.append(
                Problem(
                    f"site/{page.relative_to(site).as_posix()}",
                    0,
                    say(f"{what.es}: en un teléfono con pocos datos tarda y cuesta", f"{what.en}: slow and costly on a phone with little data"),
                    say("el archivo junta todas las páginas del idioma: acorte las más largas o quite texto repetido", "the file holds every page of the language: shorten the longest or remove repeated text")
                    if single
                    else say("divida la página en varias, o quite texto repetido", "split the page in several, or remove repeated text"),
                    level="warning",
                )
            )
    return out


def check_bundles(dist: Path, work: Path, root: Path) -> list[Problem]:
    """Each zip against its manifest, and its links as file:// opens them once unpacked."""
    problems = []
    for archive in sorted(dist.glob("*.zip")):
        problems += [Problem(f"dist/{archive.name}", 0, text, DEVELOPER) for text in verify(archive)]
        target = work / "unpacked" / archive.stem
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(target)
        problems += check_links(target / archive.stem, f"dist/{archive.name}", root, offline=True)
    return problems


def replace_folder(new: Path, target: Path, trash: Path) -> None:
    """Put new in target's place; the old one goes to trash (same disk: two renames)."""
    if target.exists():
        os.replace(target, trash / target.name)
    os.replace(new, target)


def build_all(root: Path = ROOT, say_step: Callable[[str], None] = print) -> list[Problem]:
    """Check and build everything; publish site/ and dist/ only if there is no error. Return every problem found."""
    es = os.environ.get("SITE_MESSAGES", "es").startswith("es")
    say_step("1/4 Revisando el contenido, los contactos y las imágenes…" if es else "1/4 Checking content, contacts and images…")
    problems = preflight(root)
    if errors(problems):
        return problems
    work = Path(tempfile.mkdtemp(dir=root, prefix=WORK_PREFIX))
    previous = os.environ.get(DIST_ENV)
    try:
        say_step("2/4 Armando la copia sin internet y los paquetes…" if es else "2/4 Building the offline copy and the bundles…")
        try:
            offline = offline_build(work / "offline", root)
        except ProblemError as exc:
            return problems + exc.problems
        dist = work / "dist"
        try:
            package(offline, dist)
        except ProblemError as exc:
            return problems + exc.problems
        if not site_address(site_config(root / "mkdocs.yml")):
            say_step(SITE_URL_HINT)
        say_step("3/4 Armando el sitio…" if es else "3/4 Building the site…")
        os.environ[DIST_ENV] = str(dist)
        problems += mkdocs_run.build(root / "mkdocs.yml", work / "site", root)
        if errors(problems):
            return problems
        say_step("4/4 Revisando los enlaces del sitio y de cada paquete…" if es else "4/4 Checking the links of the site and of every bundle…")
        site_links = check_links(work / "site", "site", root)
        # A broken link in the Markdown shows in the site and again in every bundle: say it once.
        seen = {(p.file, p.line) for p in site_links if p.file.startswith("docs/")}
        bundle_problems = [p for p in check_bundles(dist, work, root) if (p.file, p.line) not in seen]
        problems += site_links + bundle_problems + page_sizes(work / "site", root)
        if errors(problems):
            return problems
        trash = work / "previous"
        trash.mkdir()
        replace_folder(work / "site", root / "site", trash)
        if (root / "dist" / REVIEW).is_dir():  # the team's sheets (contacts-due, review-sheets) are not the build's to replace
            shutil.move(str(root / "dist" / REVIEW), dist / REVIEW)
        replace_folder(dist, root / "dist", trash)
        return problems
    finally:
        if previous is None:
            os.environ.pop(DIST_ENV, None)
        else:
            os.environ[DIST_ENV] = previous
        shutil.rmtree(work, ignore_errors=True)
