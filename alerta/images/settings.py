"""What mkdocs.yml `extra.images` may set, with the defaults, and the error every image problem raises."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from alerta.config import cache_dir, site_config
from alerta.problems import Problem, ProblemError, Text, say

# Refuse pictures too big to decode safely on a build machine (a 12 MP phone
# photo is far below; a crafted "decompression bomb" header is far above).
# Pillow's own warning for (limit, 2 x limit] becomes an error (raster.py).
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageError(ProblemError):
    """An image (or the image settings) cannot be published; each problem names the file."""


def image_error(rel: str, what: Text, fix: Text) -> ImageError:
    return ImageError([Problem(rel, 0, what, fix)])


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml `extra.images` may set, with the defaults."""

    widths: tuple[int, ...] = (480, 960)
    # Byte budget of a variant by width (a width not listed takes the budget
    # of the next listed width up, or of the largest).
    budget_kb: tuple[tuple[int, int], ...] = ((480, 25), (960, 60))
    quality: int = 80
    min_quality: int = 40
    quality_step: int = 5
    max_megapixels: float = MAX_PIXELS / 1_000_000
    cache_dir: str = ""  # relative to the project; "" = images/ in the build cache (alerta.config.cache_dir)
    sizes: str = "(max-width: 960px) 100vw, 960px"

    @classmethod
    def from_extra(cls, extra: dict | None) -> Settings:
        """Settings from `extra.images`; a wrong value names the key."""
        extra = dict(extra or {})
        kwargs: dict = {}
        try:
            if "widths" in extra:
                widths = tuple(sorted({int(w) for w in extra.pop("widths")}))
                if not widths or widths[0] < 16:
                    raise ValueError("widths must be a list of pixel widths, each at least 16")
                kwargs["widths"] = widths
            if "budget_kb" in extra:
                budget = extra.pop("budget_kb")
                if not isinstance(budget, dict) or not budget:
                    raise ValueError("budget_kb must map widths to kilobytes, e.g. {480: 25, 960: 60}")
                kwargs["budget_kb"] = tuple(sorted((int(w), int(kb)) for w, kb in budget.items()))
            for name in ("quality", "min_quality", "quality_step"):
                if name in extra:
                    kwargs[name] = int(extra.pop(name))
            if "max_megapixels" in extra:
                kwargs["max_megapixels"] = float(extra.pop("max_megapixels"))
            for name in ("cache_dir", "sizes"):
                if name in extra:
                    kwargs[name] = str(extra.pop(name))
        except (TypeError, ValueError) as exc:
            raise image_error("mkdocs.yml", say(f"extra.images: {exc}", f"extra.images: {exc}"), say("corrija el valor o borre la línea para usar el de siempre", "fix the value, or remove the line to use the default")) from None
        if extra:
            unknown, known = ", ".join(sorted(extra)), ", ".join(cls.__dataclass_fields__)
            raise image_error("mkdocs.yml", say(f"extra.images: no se conoce(n) {unknown}", f"extra.images: unknown setting(s) {unknown}"), say(f"las opciones son: {known}", f"known: {known}"))
        settings = cls(**kwargs)
        if not 1 <= settings.min_quality <= settings.quality <= 100 or settings.quality_step < 1:
            raise image_error("mkdocs.yml", say("extra.images: las calidades no tienen sentido", "extra.images: the qualities make no sense"), say("hace falta 1 <= min_quality <= quality <= 100 y quality_step >= 1", "need 1 <= min_quality <= quality <= 100 and quality_step >= 1"))
        return settings

    def cache_path(self, root: Path) -> Path:
        """The folder of the image cache."""
        return root / self.cache_dir if self.cache_dir else cache_dir() / "images"

    @property
    def max_pixels(self) -> int:
        return int(self.max_megapixels * 1_000_000)

    def budget_for(self, width: int) -> int:
        """Byte budget of a variant of this width."""
        for w, kb in self.budget_kb:
            if width <= w:
                return kb * 1024
        return self.budget_kb[-1][1] * 1024

    def qualities(self) -> list[int]:
        steps = list(range(self.quality, self.min_quality - 1, -self.quality_step))
        return steps if steps[-1] == self.min_quality else steps + [self.min_quality]

    def key_data(self) -> dict:
        """What changes the output (and so the cache key)."""
        data = asdict(self)
        data.pop("cache_dir")
        data.pop("sizes")
        data["max_pixels"] = self.pixel_limit()
        return data

    def pixel_limit(self) -> int:
        """The lower of this setting and Pillow's (a test may lower Pillow's)."""
        limit = Image.MAX_IMAGE_PIXELS
        return min(self.max_pixels, limit) if limit else self.max_pixels


def load_settings() -> Settings:
    """extra.images of mkdocs.yml, else the defaults."""
    return Settings.from_extra(site_config().extra.get("images"))
