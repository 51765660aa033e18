"""Member pictures: an uploaded one, made square and small, or initials drawn as SVG by the hub."""

import hashlib
import io
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

SIZE = 160  # pixels of a stored picture: enough for 80 px at double density
MAX_BYTES = 2 * 1024 * 1024
# Dark enough for white initials at 4.5:1 or more.
COLOURS = ("#0b5d55", "#7a3e00", "#5b2a86", "#1d4e89", "#8a1c3b", "#2f5d1e", "#6b4e16", "#234e52")


def initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").replace("_", " ").split() if word[:1].isalnum()]
    letters = "".join(word[0] for word in words[:2]) or (name[:1] or "?")
    return letters.upper()


def colour(key: str) -> str:
    return COLOURS[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(COLOURS)]


def initials_svg(name: str, key: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
        f'<rect width="64" height="64" fill="{colour(key)}"/>'
        '<text x="32" y="41" text-anchor="middle" font-family="system-ui, sans-serif" font-size="26" '
        f'font-weight="700" fill="#ffffff">{escape(initials(name))}</text></svg>'
    )


class PictureError(ValueError):
    pass


def square_png(upload) -> ContentFile:
    """The uploaded image cropped to a centred square of SIZE pixels, as PNG (metadata dropped)."""
    if upload.size > MAX_BYTES:
        raise PictureError("This picture is too big. Choose one under 2 MB.")
    try:
        image = Image.open(upload)
        image.load()
    except (OSError, Image.DecompressionBombError):
        raise PictureError("We could not read this picture. Try a JPEG or PNG file.") from None
    image = ImageOps.exif_transpose(image).convert("RGB")
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue())
