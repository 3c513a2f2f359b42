"""RGB to CMYK, for everything placed on a page: raster images and the colours of SVG drawings.

Every colour in our PDFs is CMYK (press canvases refuse anything else), so an RGB logo is
converted before it is drawn:

- with an ICC profile, when the theme names one (``cmyk_profile:``, a file in ``layouts/``:
  the print shop's output profile, e.g. ISO Coated v2 / FOGRA39): Pillow's ImageCms (LittleCMS)
  converts from the image's own embedded profile, or from sRGB, with perceptual intent;
- without one, by a plain formula with full grey component replacement:
  ``K = 1 - max(R, G, B)`` and ``C = (max - R) / max`` (M and Y alike). Greys and black become
  black ink only (no rich black in small type), pure colours stay clean; it knows nothing of
  the press, so a print shop may still adjust what it gets.

Both are deterministic. Transparency is flattened onto the colour the image stands on (in
CMYK), so no soft mask reaches the PDF.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.inputs.profiles import read_profile

if TYPE_CHECKING:
    from PIL import Image

    from generator.warm import Cache

__all__ = ["CMYK", "ColourConverter", "naive_cmyk"]

CMYK = tuple[float, float, float, float]  # 0..1 each


def naive_cmyk(r: float, g: float, b: float) -> CMYK:
    """RGB (0..1) -> CMYK (0..1) with full grey component replacement (see the module text)."""
    high = max(r, g, b)
    if high <= 0:
        return (0.0, 0.0, 0.0, 1.0)
    return (round((high - r) / high, 4), round((high - g) / high, 4), round((high - b) / high, 4), round(1 - high, 4))


@dataclass(frozen=True)
class ColourConverter:
    """Converts to CMYK with the theme's profile (``profile`` bytes) or the plain formula."""

    profile: bytes | None
    transforms: Cache[Any, Any]  # (profile digest, source profile digest, mode) -> ImageCms transform

    @property
    def key(self) -> str:
        """What the conversion depends on: part of the key of every converted image."""
        return hashlib.sha256(self.profile).hexdigest() if self.profile else "naive"

    def colour(self, r: float, g: float, b: float) -> CMYK:
        if self.profile is None:
            return naive_cmyk(r, g, b)
        from PIL import Image

        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
        c, m, y, k = self.image(pixel).getpixel((0, 0))  # type: ignore[misc]
        return (round(c / 255, 4), round(m / 255, 4), round(y / 255, 4), round(k / 255, 4))

    def image(self, image: Image.Image, background: CMYK = (0.0, 0.0, 0.0, 0.0)) -> Image.Image:
        """Any Pillow image -> a CMYK image; transparency flattened onto ``background``."""
        from PIL import Image as PILImage

        alpha = None
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info) or image.mode == "1":
            rgba = image.convert("RGBA")
            alpha = rgba.getchannel("A")
            if alpha.getextrema() == (255, 255):
                alpha = None
            image = rgba.convert("RGB")
        if image.mode == "CMYK":
            cmyk = image
        elif image.mode in ("L", "I", "I;16", "F"):
            cmyk = self._grey(image.convert("L"))
        else:
            cmyk = self._rgb(image if image.mode == "RGB" else image.convert("RGB"))
        if alpha is not None:
            ground = PILImage.new("CMYK", cmyk.size, tuple(round(v * 255) for v in background))
            cmyk = PILImage.composite(cmyk, ground, alpha)
        return cmyk

    def _grey(self, grey: Image.Image) -> Image.Image:
        """A greyscale image is black ink only (its darkness as K)."""
        from PIL import Image, ImageChops

        blank = Image.new("L", grey.size, 0)
        return Image.merge("CMYK", (blank, blank, blank, ImageChops.invert(grey)))

    def _rgb(self, rgb: Image.Image) -> Image.Image:
        if self.profile is not None:
            return self._icc(rgb)
        from PIL import Image, ImageChops, ImageMath

        r, g, b = rgb.split()
        high = ImageChops.lighter(ImageChops.lighter(r, g), b)

        def ink(channel: Image.Image) -> Image.Image:
            # (max - channel) / max, in 0..255; ImageMath gives 0 where max is 0 (black: K only)
            return ImageMath.lambda_eval(lambda a: (a["m"] - a["c"]) * 255 / a["m"], m=high, c=channel).convert("L")

        return Image.merge("CMYK", (ink(r), ink(g), ink(b), ImageChops.invert(high)))

    def _icc(self, rgb: Image.Image) -> Image.Image:
        from PIL import ImageCms

        assert self.profile is not None
        embedded = rgb.info.get("icc_profile")

        def build(source_icc: bytes | None) -> Any:
            source = ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc else ImageCms.createProfile("sRGB")
            target = read_profile(self.profile or b"")
            return ImageCms.buildTransform(source, target, "RGB", "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL)

        transform = None
        if embedded:  # the image's own profile says what its RGB means
            try:
                transform = self.transforms.get_or_make((self.key, hashlib.sha256(embedded).hexdigest()), lambda: build(embedded))
            except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
                transform = None  # a broken embedded profile: read the pixels as sRGB, as browsers do
        if transform is None:
            transform = self.transforms.get_or_make((self.key, "sRGB"), lambda: build(None))
        converted = ImageCms.applyTransform(rgb, transform)
        assert converted is not None  # None only when converting in place
        return converted
