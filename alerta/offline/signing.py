"""The published list (SHA256SUMS) signed with Ed25519 (the `cryptography` package).

The site's private key comes only from the environment (SITE_SIGNING_KEY, a
CI secret): base64 of its 32 bytes, or a PEM. Its public key is committed in
SITE_PUBLIC_KEY and printed on the download page. Without the secret, the
build signs with the development key kept in DEVELOPMENT_KEY (not secret on
purpose: rebuilds stay byte-identical), and everything that shows the key
says it is the development key. `python scripts/package_offline.py new-key`
makes the site's pair.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from alerta.config import ROOT
from alerta.offline.meta import BundleError
from alerta.problems import Problem, say

KEY_ENV = "SITE_SIGNING_KEY"
DEVELOPMENT_KEY = Path("data/signing/development-key.txt")
SITE_PUBLIC_KEY = Path("data/signing/site-public-key.txt")
SIGNATURE_SUFFIX = ".sig"
RAW = serialization.Encoding.Raw


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey
    development: bool

    @property
    def public(self) -> str:
        return public_text(self.key.public_key())


def public_text(key: Ed25519PublicKey) -> str:
    """A public key as it is printed: base64 of its 32 bytes."""
    return base64.b64encode(key.public_bytes(RAW, serialization.PublicFormat.Raw)).decode()


def _key_line(path: Path) -> str:
    """The one line of a key file that is not a comment."""
    return next(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


def _private(value: str) -> Ed25519PrivateKey:
    value = value.strip()
    if value.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(value.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("not an Ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value, validate=True))


def site_public_key(root: Path = ROOT) -> str | None:
    """The site's public key committed in the repository, if the team has made its pair."""
    path = root / SITE_PUBLIC_KEY
    return _key_line(path) if path.is_file() else None


def development_signer(root: Path = ROOT) -> Signer:
    return Signer(_private(_key_line(root / DEVELOPMENT_KEY)), development=True)


def signer(root: Path = ROOT) -> Signer:
    """The site's key from the environment, checked against the committed public key; else the development key."""
    secret = os.environ.get(KEY_ENV, "").strip()
    if not secret:
        return development_signer(root)
    try:
        found = Signer(_private(secret), development=False)
    except (ValueError, TypeError, binascii.Error):
        raise BundleError([_problem(say(f"la clave de {KEY_ENV} no es una clave Ed25519 legible", f"{KEY_ENV} is not a readable Ed25519 key"), say("vuelva a copiar en el secreto la clave que dio `package_offline.py new-key`", "copy the key `package_offline.py new-key` printed into the secret again"))]) from None
    expected = site_public_key(root)
    if expected != found.public:
        what = say(
            f"la clave de {KEY_ENV} no corresponde a la clave pública de {SITE_PUBLIC_KEY.as_posix()}" if expected else f"hay una clave en {KEY_ENV} pero falta su clave pública en {SITE_PUBLIC_KEY.as_posix()}",
            f"{KEY_ENV} does not match the public key in {SITE_PUBLIC_KEY.as_posix()}" if expected else f"{KEY_ENV} is set but {SITE_PUBLIC_KEY.as_posix()} is missing",
        )
        raise BundleError([_problem(what, say("use el par que dio `package_offline.py new-key`: la clave privada en el secreto, la pública en el repositorio", "use the pair `package_offline.py new-key` printed: private key in the secret, public key in the repository"))])
    return found


def _problem(what, fix) -> Problem:
    return Problem(SITE_PUBLIC_KEY.as_posix(), 0, what, fix)


def sign(data: bytes, who: Signer) -> bytes:
    """The signature file: base64 of the 64-byte Ed25519 signature, one line."""
    return base64.b64encode(who.key.sign(data)).decode().encode() + b"\n"


def signed_by(data: bytes, signature: bytes, public: str) -> bool:
    """Whether the signature file is this key's signature of exactly these bytes."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature.strip(), validate=True), data)
        return True
    except (InvalidSignature, ValueError, binascii.Error):
        return False


def new_key(root: Path = ROOT) -> str:
    """A new pair for the site: the public key written into the repository, the private one returned (for the CI secret only)."""
    key = Ed25519PrivateKey.generate()
    path = root / SITE_PUBLIC_KEY
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# The site's Ed25519 public key: SHA256SUMS.sig is checked against it.\n{public_text(key.public_key())}\n", encoding="utf-8")
    return base64.b64encode(key.private_bytes(RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())).decode()
