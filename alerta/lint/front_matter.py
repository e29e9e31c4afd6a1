"""Front matter: title and description as text, `translation`, `source_hash` and `reviewers` where they belong, nothing else."""

from __future__ import annotations

import re

from alerta.pages import HASH_KEY, HASH_LENGTH, Page
from alerta.problems import Problem, Text, say
from alerta.review.reviewers import KEY as REVIEWERS
from alerta.review.reviewers import read_reviewers, reviewed_problem

DESCRIPTION_MAX = 160
SOURCE_KEYS = ("title", "description", "translation")
TRANSLATION_KEYS = ("title", "description", "translation", HASH_KEY, REVIEWERS)
TRANSLATION_VALUES = ("draft", "reviewed")
SOURCE_TRANSLATION_VALUE = "source"


def check_front_matter(page: Page) -> list[Problem]:
    """Title, description, translation, source_hash and nothing else."""
    out: list[Problem] = []

    def add(line: int, what: Text, fix: Text) -> None:
        out.append(Problem(page.rel, line, what, fix))

    if page.meta_text is None:
        add(
            1,
            say("la página no tiene encabezado", "the page has no front matter"),
            say(
                'empiece el archivo con una línea ---, luego title: "...", description: "..." y otra línea ---',
                'start the file with a line ---, then title: "...", description: "...", then a line ---',
            ),
        )
        return out
    if page.meta_error:
        add(
            page.meta_error_line,
            say(f"no se puede leer el encabezado de la página ({page.meta_error})", f"the front matter cannot be read (YAML says: {page.meta_error})"),
            say(
                'si un valor tiene dos puntos (:) o empieza con comillas, póngalo todo entre comillas dobles, así: title: "Qué: hacer"',
                'if a value contains a colon (:) or starts with a quote, put the whole value between double quotes, like title: "Qué: hacer"',
            ),
        )
        return out
    meta = page.meta
    for key, how in (
        ("title", say("el título de la página", "the page title")),
        ("description", say(f"una o dos frases sobre la página, de {DESCRIPTION_MAX} caracteres como máximo", f"one or two sentences about the page, {DESCRIPTION_MAX} characters at most")),
    ):
        value = meta.get(key)
        if key not in meta:
            add(1, say(f'falta "{key}" en el encabezado', f'front matter: "{key}" is missing'), say(f'agregue una línea {key}: "..." con {how.es}', f'add a line {key}: "..." with {how.en}'))
        elif not isinstance(value, str):
            add(page.meta_line(key), say(f'"{key}" debe ser un texto', f'front matter: "{key}" must be text'), say(f'póngalo entre comillas dobles: {key}: "..."', f'put it between double quotes: {key}: "..."'))
        elif not value.strip():
            add(page.meta_line(key), say(f'"{key}" está vacío', f'front matter: "{key}" is empty'), say(f"escriba {how.es}", f"write {how.en}"))
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > DESCRIPTION_MAX:
        length = len(description.strip())
        add(
            page.meta_line("description"),
            say(f"la descripción tiene {length} caracteres, más de {DESCRIPTION_MAX}", f"front matter: the description has {length} characters, more than {DESCRIPTION_MAX}"),
            say("acórtela: los buscadores y las vistas previas de enlaces la cortan", "shorten it: search results and link previews cut it"),
        )
    translation = meta.get("translation")
    source_fix = say("borre la línea (esta es la página original en español)", "remove the line (this is the Spanish source)")
    if page.is_source:
        if "translation" in meta and translation != SOURCE_TRANSLATION_VALUE:
            add(page.meta_line("translation"), say(f'"translation: {translation}" es solo para traducciones', f'front matter: "translation: {translation}" is only for translations'), source_fix)
        if HASH_KEY in meta:
            add(page.meta_line(HASH_KEY), say(f'"{HASH_KEY}" es solo para traducciones', f'front matter: "{HASH_KEY}" is only for translations'), source_fix)
    else:
        if "translation" not in meta:
            add(
                1,
                say('falta "translation" en el encabezado', 'front matter: "translation" is missing'),
                say(
                    "agregue una línea translation: draft (o translation: reviewed cuando una persona que habla el idioma la haya revisado)",
                    "add a line translation: draft (or translation: reviewed once a native speaker has checked the page)",
                ),
            )
        elif translation not in TRANSLATION_VALUES:
            add(
                page.meta_line("translation"),
                say(f'"translation: {translation}" no es un valor permitido', f'front matter: "translation: {translation}" is not allowed'),
                say("escriba translation: draft o translation: reviewed", "write translation: draft or translation: reviewed"),
            )
        recorded = page.raw_meta(HASH_KEY)
        if HASH_KEY in meta and not re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", recorded or ""):
            add(
                page.meta_line(HASH_KEY),
                say(f'"{HASH_KEY}: {recorded or ""}" no tiene {HASH_LENGTH} caracteres de 0-9 y a-f', f'front matter: "{HASH_KEY}: {recorded or ""}" is not {HASH_LENGTH} characters of 0-9 and a-f'),
                say(
                    f"cópielo del estado de las traducciones (make i18n-status), o ejecute python scripts/i18n_status.py mark {page.lang} {page.name}",
                    f"copy it from the translation status, or run python scripts/i18n_status.py mark {page.lang} {page.name}",
                ),
            )
        out += read_reviewers(page)[1]
        enough = reviewed_problem(page)
        out += [enough] if enough else []
    allowed = SOURCE_KEYS if page.is_source else TRANSLATION_KEYS
    for key in meta:
        if key not in allowed and not (page.is_source and key == HASH_KEY):
            add(
                page.meta_line(key),
                say(f'"{key}" no es una clave conocida del encabezado', f'front matter: unknown key "{key}"'),
                say(f'bórrela o corrija cómo está escrita; las claves son {", ".join(allowed)}', f'remove it or fix its spelling; the keys are {", ".join(allowed)}'),
            )
    return out
