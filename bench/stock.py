"""The stock stack: the project's real content built by a generated mkdocs.yml with plain
Material (its default font, so Google Fonts), `search`, mkdocs-static-i18n (+ `offline` for the
offline copy), no project hook, and only the language partials without which the project's
languages Material lacks do not build at all. Times its builds beside ours on the same pages,
compares the offline zips (zip -9 of the whole stock offline build against dist/NAME.zip), and
builds ours once more with one CSS file (extra.inline_css: false) for the browser to compare.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import yaml

from alerta.config import site_config
from bench.project import clear_cache, copy_project, docs_dir, inherit_config, site_pages
from bench.timing import StageError, median, mkdocs_build, progress, project_script, r3, run_timed, timings

# Files of the project's own design that the stock site must not publish
# (they would only add bytes to its zip; no stock page loads them).
STOCK_EXCLUDE = ("assets/stylesheets/site.css", "assets/javascripts/site.js", "assets/vendor/", "assets/blank.html")
LANGUAGE_PARTIALS = Path("overrides") / "partials" / "languages"


def i18n_languages(data: dict) -> list[dict]:
    """plugins.i18n.languages as mkdocs.yml writes them (plugins as a mapping or a list)."""
    plugins = data.get("plugins") or {}
    if isinstance(plugins, list):
        plugins = {k: v for item in plugins if isinstance(item, dict) for k, v in item.items()}
    return [dict(lang) for lang in (plugins.get("i18n") or {}).get("languages") or []]


def write_stock_project(project: Path, stock: Path) -> dict[str, Path]:
    """A stock MkDocs project over the copy's docs/: configs for the online and offline builds."""
    config = site_config(project / "mkdocs.yml")
    data = config.data
    languages_dir = stock / LANGUAGE_PARTIALS
    languages_dir.mkdir(parents=True, exist_ok=True)
    for code in config.codes:  # the project's own partials: the languages Material has no strings for
        partial = project / LANGUAGE_PARTIALS / f"{code}.html"
        if partial.is_file():
            shutil.copy2(partial, languages_dir / partial.name)
    keep = ("locale", "name", "default", "build", "site_name", "site_description")
    languages = [{k: v for k, v in lang.items() if k in keep} for lang in i18n_languages(data)]
    excluded = [line for line in str(data.get("exclude_docs") or "").splitlines() if line.strip()] + list(STOCK_EXCLUDE)
    base = {
        "site_name": data.get("site_name"),
        "site_description": data.get("site_description"),
        "use_directory_urls": False,
        "docs_dir": str(docs_dir(project, config).resolve()),
        "exclude_docs": "\n".join(excluded) + "\n",
        "nav": data.get("nav"),
        # Material's defaults: Roboto from Google Fonts, the full JS bundle.
        "theme": {"name": "material", "custom_dir": "overrides", "language": config.default.code},
        "markdown_extensions": data.get("markdown_extensions") or [],
    }
    base = {k: v for k, v in base.items() if v is not None}
    i18n_plugin = {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "languages": languages}}
    online = dict(base, plugins=["search", i18n_plugin])
    # offline after i18n, or its search index holds only the last language (stack-notes pitfall 6)
    offline = dict(base, plugins=["search", i18n_plugin, "offline"])
    paths = {"online": stock / "mkdocs.yml", "offline": stock / "mkdocs-offline.yml"}
    for key, config_data in (("online", online), ("offline", offline)):
        paths[key].write_text(yaml.safe_dump(config_data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def time_stock_builds(stock_config: Path, site: Path, runs: int, label: str) -> dict:
    times = []
    for run in range(1, runs + 1):
        progress(f"{label} run {run}/{runs}: stock build (mkdocs build --strict, plain Material)")
        seconds, _ = run_timed(mkdocs_build(stock_config, site), stock_config.parent)
        times.append(seconds)
    return timings(times)


def zip_folder(folder: Path, target: Path) -> int:
    """zip -9 of a whole folder (the `zip` program when present); its size in bytes."""
    target.unlink(missing_ok=True)
    if shutil.which("zip"):
        subprocess.run(["zip", "-9", "-r", "-q", "-X", str(target), "."], cwd=folder, check=True)
    else:  # pragma: no cover - the same with zipfile
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())
    return target.stat().st_size


def folder_stats(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def stock_bench(workdir: Path, runs: int) -> tuple[dict, dict]:
    """The real content with both stacks: build time, offline zip; returns (figures, built sites and their pages)."""
    project = copy_project(workdir / "real")
    config = site_config(project / "mkdocs.yml")
    progress("real content: our pipeline (bundles, online build) for the zip and the browser")
    bundle_s, _ = run_timed(project_script("package_offline", "build", "--dist", project / "dist"), project)
    ours_build = []
    for run in range(1, runs + 1):
        progress(f"real content run {run}/{runs}: our online build")
        clear_cache(project)
        seconds, _ = run_timed(mkdocs_build(project / "mkdocs.yml", project / "site"), project)
        ours_build.append(seconds)
    progress("real content: our online build with one CSS file (extra.inline_css: false), for the browser")
    clear_cache(project)
    run_timed(mkdocs_build(inherit_config(project, "mkdocs-bench-onefile.yml", {"extra": {"inline_css": False}}), project / "site-onefile"), project)
    stock_dir = workdir / "stock-real"
    paths = write_stock_project(project, stock_dir)
    stock_build = time_stock_builds(paths["online"], stock_dir / "site", runs, "real content")
    progress("real content: stock offline build (search + i18n + offline plugins) and zip -9")
    stock_offline_s, _ = run_timed(mkdocs_build(paths["offline"], stock_dir / "offline"), stock_dir)
    stock_zip = zip_folder(stock_dir / "offline", stock_dir / "stock-offline.zip")
    name = str((config.extra.get("bundle") or {}).get("name") or "guia")
    our_zip = project / "dist" / f"{name}.zip"
    if not our_zip.is_file():
        raise StageError(f"dist/{name}.zip was not written by scripts/package_offline.py")
    pages = site_pages(project / "site", config)
    ours = timings(ours_build)
    stock_offline = folder_stats(stock_dir / "offline")
    figures = {
        "content": "the project's real pages",
        "pages": len(pages),
        "build": {
            "ours_median_s": ours["median_s"],
            "ours_runs_s": ours["runs_s"],
            "stock_median_s": stock_build["median_s"],
            "stock_runs_s": stock_build["runs_s"],
            "ratio": round(median(ours_build) / stock_build["median_s"], 3),
        },
        "offline": {
            "ours_bundles_s": r3(bundle_s),
            "stock_offline_build_s": r3(stock_offline_s),
            "ours_zip_bytes": our_zip.stat().st_size,
            "stock_zip_bytes": stock_zip,
            "zip_ratio": round(our_zip.stat().st_size / stock_zip, 4),
            "ours_zip": f"dist/{name}.zip (scripts/package_offline.py)",
            "stock_zip": "zip -9 -r of the whole stock offline build",
            "stock_offline_files": stock_offline["files"],
            "stock_offline_bytes": stock_offline["bytes"],
        },
        "site_bytes": {"ours": folder_stats(project / "site")["bytes"], "stock": folder_stats(stock_dir / "site")["bytes"]},
    }
    return figures, {"ours": project / "site", "ours_file": project / "site-onefile", "stock": stock_dir / "site", "pages": pages}
