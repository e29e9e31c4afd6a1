"""Front matter: title and description as text, `translation`, `source_hash` and `reviewers` where they belong,
the speaker's consent for every recording of the page, nothing else."""

from __future__ import annotations

import re

from alerta.audio.recordings import CONSENT_KEY, SPEAKER_KEY, consent_given, page_recordings
from alerta.pages import HASH_KEY, HASH_LENGTH, Page
from alerta.problems import Problem, Text, say
from alerta.review.reviewers import KEY as REVIEWERS
from alerta.review.reviewers import read_reviewers, reviewed_problem

DESCRIPTION_MAX = 160
RECORDING_KEYS = (CONSENT_KEY, SPEAKER_KEY)
SOURCE_KEYS = ("title", "description", "translation", *RECORDING_KEYS)
TRANSLATION_KEYS = ("title", "description", "translation", HASH_KEY, REVIEWERS, *RECORDING_KEYS)
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
    out += check_recording_consent(page)
    allowed = SOURCE_KEYS if page.is_source else TRANSLATION_KEYS
    for key in meta:
        if key not in allowed and not (page.is_source and key == HASH_KEY):
            add(
                page.meta_line(key),
                say(f'"{key}" no es una clave conocida del encabezado', f'front matter: unknown key "{key}"'),
                say(f'bórrela o corrija cómo está escrita; las claves son {", ".join(allowed)}', f'remove it or fix its spelling; the keys are {", ".join(allowed)}'),
            )
    return out


def check_recording_consent(page: Page) -> list[Problem]:
    """A recording of the page is published only with `recording_consent: yes`; the speaker's name, if any, is text."""
    meta, out = page.meta, []
    speaker = meta.get(SPEAKER_KEY)
    if SPEAKER_KEY in meta and speaker is not None and not isinstance(speaker, str):
        out.append(Problem(page.rel, page.meta_line(SPEAKER_KEY), say(f'"{SPEAKER_KEY}" debe ser un texto', f'front matter: "{SPEAKER_KEY}" must be text'), say(f'escriba el nombre entre comillas ({SPEAKER_KEY}: "Nombre"), o {SPEAKER_KEY}: anonymous', f'write the name between quotes, or {SPEAKER_KEY}: anonymous')))
    recordings = page_recordings(page.path) if page.lang else []
    consent = consent_given(meta.get(CONSENT_KEY))
    if CONSENT_KEY in meta and consent is None:
        out.append(
            Problem(page.rel, page.meta_line(CONSENT_KEY), say(f'"{CONSENT_KEY}: {meta.get(CONSENT_KEY)}" no es un valor permitido', f'front matter: "{CONSENT_KEY}: {meta.get(CONSENT_KEY)}" is not allowed'), say(f"escriba {CONSENT_KEY}: yes (la persona dijo que sí) o {CONSENT_KEY}: no", f"write {CONSENT_KEY}: yes (the speaker agreed) or {CONSENT_KEY}: no"))
        )
    if not recordings or (consent is None and CONSENT_KEY in meta):
        return out  # nothing to consent to, or a value already reported above
    names = ", ".join(f"{page.rel.rsplit('/', 1)[0]}/audio/{p.name}" for p in recordings)
    if CONSENT_KEY not in meta:
        out.append(
            Problem(
                page.rel,
                1,
                say(f"hay una grabación de esta página ({names}), pero el encabezado no dice que la persona que habla dio su permiso para publicarla", f"the page has a recording ({names}) but its front matter does not record the speaker's consent to publish it"),
                say(
                    f'cuando ella haya dicho que sí, agregue la línea {CONSENT_KEY}: yes (y {SPEAKER_KEY}: anonymous, o su nombre entre comillas si quiere que se vea); sin su permiso, borre la grabación',
                    f'once she has agreed, add the line {CONSENT_KEY}: yes (and {SPEAKER_KEY}: anonymous, or her name in quotes if she wants it shown); without consent, remove the recording',
                ),
            )
        )
    elif consent is False:
        out.append(
            Problem(
                page.rel,
                page.meta_line(CONSENT_KEY),
                say(f"el encabezado dice que la persona que habla no dio su permiso, y hay una grabación de esta página ({names})", f"the front matter says the speaker did not consent, and the page has a recording ({names})"),
                say("borre la grabación: sin permiso no se publica", "remove the recording: without consent it is not published"),
            )
        )
    return out
