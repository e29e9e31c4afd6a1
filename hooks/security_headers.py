"""The Content-Security-Policy of every page and of _headers (alerta.csp)."""

from __future__ import annotations

from pathlib import Path

from alerta.csp import PLACEHOLDER, headers_file, policy, script_hashes


def on_page_context(context, page, config, nav):
    context["csp"] = PLACEHOLDER
    return context


def on_template_context(context, template_name, config):
    context["csp"] = PLACEHOLDER
    return context


def on_post_template(output, template_name, config):
    return on_post_page(output, None, config)


def on_post_page(output, page, config):
    return output.replace(PLACEHOLDER, policy(script_hashes(output)), 1)


def on_post_build(config):
    Path(config.site_dir, "_headers").write_text(headers_file(script_hashes()), encoding="utf-8")
