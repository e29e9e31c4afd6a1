"""Record which version of the Spanish page a translation follows (`source_hash:` in its front matter)."""

from __future__ import annotations

import re
from pathlib import Path

from alerta.pages import FRONT_MATTER, HASH_KEY, SOURCE_LANGUAGE, TRANSLATION_LANGUAGES, normalize_name, page_files, read_page, source_hash


def set_source_hash(text: str, value: str) -> str | None:
    """The file text with only its source_hash line written (added after `translation:` if absent)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    plain = text[len(bom) :].replace("\r\n", "\n")
    match = FRONT_MATTER.match(plain)
    if not match:
        return None
    lines = plain.split("\n")
    end = match.group(0).count("\n") - 1  # index of the closing --- line
    # Quoted only if YAML would read it as a number (all digits).
    new_line = f'{HASH_KEY}: "{value}"' if value.isdigit() else f"{HASH_KEY}: {value}"
    key = re.compile(rf"^{HASH_KEY}\s*:")
    for i in range(1, end):
        if key.match(lines[i]):
            lines[i] = new_line
            break
    else:
        after = next((i for i in range(1, end) if lines[i].startswith("translation:")), end - 1)
        lines.insert(after + 1, new_line)
    return bom + newline.join(lines)


def mark(docs_dir: Path, lang: str, names: list[str] | None) -> tuple[list[str], list[str]]:
    """Record the current Spanish version in translations of lang; (done messages, error messages)."""
    sources = page_files(docs_dir, SOURCE_LANGUAGE)
    translations = page_files(docs_dir, lang)
    done, errors = [], []
    if lang not in TRANSLATION_LANGUAGES:
        return done, [f"'{lang}' is not a translation language. Use one of: {', '.join(TRANSLATION_LANGUAGES)}."]
    wanted = sorted(translations) if names is None else [_page_name(n, lang) for n in names]
    if names is None and not wanted:
        errors.append(f"{docs_dir.name}/{lang}/ has no pages yet.")
    for name in wanted:
        rel = f"{docs_dir.name}/{lang}/{name}"
        if name not in sources:
            errors.append(f"{rel}: there is no Spanish page {docs_dir.name}/{SOURCE_LANGUAGE}/{name}. Check the file name.")
            continue
        if name not in translations:
            errors.append(f"{rel}: does not exist. Copy {docs_dir.name}/{SOURCE_LANGUAGE}/{name} there and translate it first.")
            continue
        path = translations[name]
        text = path.read_text(encoding="utf-8")
        current = source_hash(sources[name].read_text(encoding="utf-8"))
        previous = read_page(path, docs_dir).raw_meta(HASH_KEY)
        if previous == current:
            done.append(f"{rel}: {HASH_KEY} is already {current}.")
            continue
        updated = set_source_hash(text, current)
        if updated is None:
            errors.append(f"{rel}: has no front matter. Add the title, description and translation lines first (see CONTRIBUTING.md).")
            continue
        path.write_text(updated, encoding="utf-8")
        done.append(f"{rel}: {HASH_KEY} set to {current}" + (f" (was {previous})." if previous else "."))
    return done, errors


def _page_name(argument: str, lang: str) -> str:
    """Accept 'señales', 'señales.md' or 'docs/en/señales.md'."""
    name = normalize_name(argument.replace("\\", "/"))
    for prefix in (f"docs/{lang}/", f"{lang}/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name if name.endswith(".md") else name + ".md"
