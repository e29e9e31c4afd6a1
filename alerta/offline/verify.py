"""Is a received file the one that was published? Checked against its own manifest and the published SHA256SUMS.

A zip carries a manifest of every file inside it, so a damaged copy is found;
but someone who changes a help number can rewrite the manifest too. So a
file is also compared with the SHA256SUMS published on the site (a file, or
its address), and that list's Ed25519 signature (SHA256SUMS.sig beside it)
is checked against the site's public key in the repository: someone who
rewrites the list too cannot sign it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from alerta.offline.meta import sha256
from alerta.offline.signing import SIGNATURE_SUFFIX, development_signer, signed_by, site_public_key
from alerta.offline.sums import SUMS_NAME
from alerta.problems import Text, say

ADVICE = say(
    "no lo use ni lo reenvíe: descargue de nuevo la copia del sitio, o pídala a alguien que tenga la original",
    "do not use or forward it: download the copy again from the site, or ask someone who has the original",
)


def parse_sums(text: str) -> dict[str, str]:
    """SHA256SUMS lines ("<sha256>  <name>") as name -> sha256."""
    sums = {}
    for line in text.splitlines():
        digest, _, name = line.strip().partition("  ")
        if len(digest) == 64 and name:
            sums[name.lstrip("*")] = digest.lower()
    return sums


def read_bytes(where: str) -> bytes | None:
    """A file, or the body at an address (the only step that uses the network, and only when asked); None if absent."""
    if where.startswith(("https://", "http://")):
        try:
            with urllib.request.urlopen(where, timeout=20) as response:  # TLS certificates are verified by default
                return response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise
    path = Path(where)
    return path.read_bytes() if path.is_file() else None


def read_sums(where: str) -> str:
    """The published list, from a file or from its address."""
    data = read_bytes(where)
    if data is None:
        raise FileNotFoundError(where)
    return data.decode("utf-8")


def check_signature(sums: bytes, signature: bytes | None) -> tuple[list[Text], Text | None]:
    """(problems, note): the list must carry the site's signature; the development key's only while the site has no key of its own."""
    if signature is None:
        return [say(f"la lista {SUMS_NAME} no trae su firma ({SUMS_NAME}{SIGNATURE_SUFFIX}): no se puede saber quién la hizo", f"{SUMS_NAME} comes without its signature ({SUMS_NAME}{SIGNATURE_SUFFIX}): there is no knowing who made it")], None
    site_key, development = site_public_key(), development_signer().public
    if site_key and signed_by(sums, signature, site_key):
        return [], None
    if signed_by(sums, signature, development):
        if site_key:
            return [say(f"la lista {SUMS_NAME} está firmada con la clave de desarrollo, no con la del sitio", f"{SUMS_NAME} is signed with the development key, not the site's")], None
        return [], say("la lista está firmada con la clave de DESARROLLO (el sitio aún no tiene clave propia): la firma solo sirve para pruebas", "the list is signed with the DEVELOPMENT key (the site has no key of its own yet): the signature is for testing only")
    return [say(f"la firma de la lista {SUMS_NAME} no es válida: alguien cambió la lista o la firmó con otra clave", f"the signature of {SUMS_NAME} is not valid: someone changed the list or signed it with another key")], None


def verify(path: Path, published: dict[str, str] | None = None) -> list[Text]:
    """What is wrong with a received file; [] when it is the original.

    A zip is checked against its own manifest; every file against the
    published list when given, else against a SHA256SUMS beside it.
    """
    if not path.is_file():
        return [say(f"{path.name}: no se encuentra el archivo", f"{path.name}: not found")]
    problems = verify_zip(path) if path.suffix == ".zip" else []
    if published is None:
        beside = path.parent / SUMS_NAME
        if not beside.is_file():
            return problems + ([] if path.suffix == ".zip" else [say(f"{path.name}: no hay un SHA256SUMS al lado para comparar", f"{path.name}: no SHA256SUMS beside it to check against")])
        published = parse_sums(beside.read_text(encoding="utf-8"))
    if path.name not in published:
        return problems + [say(f"{path.name}: no está en la lista publicada (SHA256SUMS); quizás le cambiaron el nombre", f"{path.name}: not in the published list (SHA256SUMS); it may have been renamed")]
    if sha256(path.read_bytes()) != published[path.name]:
        problems.append(say(f"{path.name}: NO es el archivo publicado: su huella (SHA-256) es otra, alguien lo cambió o se dañó al copiarlo", f"{path.name}: NOT the published file: its SHA-256 differs, it was changed or damaged in copying"))
    return problems


def verify_zip(path: Path) -> list[Text]:
    """A zip against the manifest it carries: every file there, unchanged, nothing added."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [say(f"{path.name}: no es un zip que se pueda abrir (dañado o descargado a medias)", f"{path.name}: not a readable zip file (damaged or incomplete download)")]
    problems = []
    with archive:
        names = archive.namelist()
        top = names[0].split("/", 1)[0] if names else ""
        try:
            doc = json.loads(archive.read(f"{top}/manifest.json"))
        except (KeyError, ValueError):
            return [say(f"{path.name}: falta manifest.json o no se puede leer", f"{path.name}: manifest.json is missing or unreadable")]
        listed = {entry["path"]: entry for entry in doc["files"]}
        present = {n.split("/", 1)[1] for n in names if "/" in n and not n.endswith("/")} - {"manifest.json"}
        for rel, entry in sorted(listed.items()):
            if rel not in present:
                problems.append(say(f"{path.name}: falta el archivo {rel}", f"{path.name}: missing file {rel}"))
                continue
            try:
                data = archive.read(f"{top}/{rel}")
            except zipfile.BadZipFile as exc:
                problems.append(say(f"{path.name}: el archivo {rel} está alterado ({exc})", f"{path.name}: altered file {rel} ({exc})"))
                continue
            if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
                problems.append(say(f"{path.name}: el archivo {rel} está alterado (su SHA-256 no es el del manifiesto)", f"{path.name}: altered file {rel} (SHA-256 does not match the manifest)"))
        for rel in sorted(present - set(listed)):
            problems.append(say(f"{path.name}: sobra el archivo {rel} (no está en el manifiesto)", f"{path.name}: unexpected file {rel} (not in the manifest)"))
    return problems
