"""Draw the web app's home-screen icons (PNG) to match static/icon.svg.

Run once after changing the icon: ``python scripts/make_icons.py``. Uses Pillow, which comes
with matplotlib. The icon is a soft square with two rings, a breath seen from above.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "src/kindvoice/interfaces/web/static"
ACCENT = (91, 127, 119)
SOFT = (143, 179, 169)
PAPER = (246, 244, 239)


def draw(size: int, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink, for smooth edges
    big = size * scale
    image = Image.new(
        "RGB" if maskable else "RGBA", (big, big), ACCENT if maskable else (0, 0, 0, 0)
    )
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=int(big * 14 / 64), fill=ACCENT)
    # A maskable icon keeps its picture inside the middle 80 %.
    reach = 0.8 if maskable else 1.0
    centre = big / 2
    for radius, colour in ((19, SOFT), (11, PAPER)):
        r = big * radius / 64 * reach
        pen.ellipse((centre - r, centre - r, centre + r, centre + r), fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for size in (192, 512):
        draw(size, maskable=False).save(STATIC / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(STATIC / "icon-maskable-512.png", optimize=True)
    print("icons written to", STATIC)


if __name__ == "__main__":
    main()
