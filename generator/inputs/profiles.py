"""ICC profiles: the theme's CMYK output profile (``cmyk_profile:``) is read and checked with the
layout, so a wrong file is a designer's error before any page is drawn."""

from __future__ import annotations

import io
from typing import Any

from generator.problems import Unplaced

__all__ = ["ProfileProblem", "read_profile"]


class ProfileProblem(Unplaced):
    """An ICC profile that cannot be used to convert to CMYK."""



def read_profile(data: bytes) -> Any:
    """An ImageCms profile from ICC bytes; it must convert to CMYK (an output profile)."""
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError, TypeError, ValueError):
        raise ProfileProblem("not an ICC profile") from None
    space = profile.profile.xcolor_space.strip()
    if space != "CMYK":
        raise ProfileProblem(f"is a profile for {space}, not CMYK; name the print shop's CMYK output profile (such as ISO Coated v2)")
    return profile
