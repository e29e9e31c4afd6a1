"""Publish the referral directory as Open Referral HSDS JSON, site/directorio.json (alerta.hsds)."""

from __future__ import annotations

from pathlib import Path

from alerta.config import root_of, site_config
from alerta.contacts import load_contacts
from alerta.hsds import FILE_NAME, export_bytes
from alerta.strings import build_strings


def on_post_build(config):
    """Once, at the site's root; not in the offline bundles (a file for other directories, not for readers)."""
    if config.extra.get("offline"):
        return
    contacts = load_contacts(Path(config.docs_dir) / "contacts.yml", root=root_of(config))
    default = site_config(config.config_file_path).default.code
    Path(config.site_dir, FILE_NAME).write_bytes(export_bytes(contacts, build_strings(config)[default]))
