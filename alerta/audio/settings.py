"""What mkdocs.yml `extra.audio` may set, with the defaults, and the error every recording problem raises."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from alerta.config import cache_dir, site_config
from alerta.problems import Problem, ProblemError, Text, say


class AudioError(ProblemError):
    """A recording (or the audio settings) cannot be published; each problem names the file."""


def audio_error(rel: str, what: Text, fix: Text) -> AudioError:
    return AudioError([Problem(rel, 0, what, fix)])


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml `extra.audio` may set. The encoding itself is fixed (process.py), so the same input gives the same bytes."""

    # Length of the speech once the silence at both ends is trimmed.
    min_seconds: float = 2.0
    max_seconds: float = 1200.0  # 20 minutes: a long page read slowly
    cache_dir: str = ""  # relative to the project; "" = audio/ in the build cache (alerta.config.cache_dir)

    @classmethod
    def from_extra(cls, extra: dict | None) -> Settings:
        """Settings from `extra.audio`; a wrong value names the key."""
        extra = dict(extra or {})
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(extra) - set(known))
        fix = say("corrija el valor o borre la línea para usar el de siempre", "fix the value, or remove the line to use the default")
        if unknown:
            raise audio_error("mkdocs.yml", say(f"extra.audio: no se conoce(n) {', '.join(unknown)}", f"extra.audio: unknown setting(s) {', '.join(unknown)}"), say(f"las opciones son: {', '.join(known)}", f"known: {', '.join(known)}"))
        try:
            kwargs = {name: float(extra[name]) for name in ("min_seconds", "max_seconds") if name in extra}
        except (TypeError, ValueError):
            raise audio_error("mkdocs.yml", say("extra.audio: min_seconds y max_seconds son segundos (un número)", "extra.audio: min_seconds and max_seconds are seconds (a number)"), fix) from None
        if "cache_dir" in extra:
            kwargs["cache_dir"] = str(extra["cache_dir"])
        settings = cls(**kwargs)
        if not 0 < settings.min_seconds < settings.max_seconds:
            raise audio_error("mkdocs.yml", say("extra.audio: hace falta 0 < min_seconds < max_seconds", "extra.audio: need 0 < min_seconds < max_seconds"), fix)
        return settings

    def cache_path(self, root: Path) -> Path:
        """The folder of the audio cache."""
        return root / self.cache_dir if self.cache_dir else cache_dir() / "audio"


def load_settings() -> Settings:
    """extra.audio of mkdocs.yml, else the defaults."""
    return Settings.from_extra(site_config().extra.get("audio"))
