"""Product photos for the demo catalogue, drawn with Pillow at seed time (no image files in the repo).

Each "look" is a container on a wooden table (a plate, a bowl, a jar, a basket, a flower pot...) with
produce drawn as many small shapes, then softened with light, blur and grain so it reads as a photo.
Deterministic: the same product always gets the same picture.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (800, 600)

# look -> (container, item shape, item colours, item count, item size range in px)
LOOKS: dict[str, tuple[str, str, list[tuple[int, int, int]], int, tuple[int, int]]] = {
    "green_tea": ("plate", "leaf", [(74, 112, 52), (92, 130, 60), (60, 94, 44)], 260, (14, 26)),
    "black_tea": ("plate", "leaf", [(70, 42, 30), (92, 56, 36), (55, 35, 25)], 260, (12, 22)),
    "honey": ("jar", "liquid", [(214, 140, 30), (230, 165, 50)], 1, (0, 0)),
    "kiwi": ("basket", "kiwi", [(120, 86, 50), (138, 100, 58)], 14, (60, 80)),
    "oranges": ("basket", "circle", [(238, 136, 28), (246, 156, 40), (228, 120, 24)], 14, (60, 80)),
    "sour_soup": ("bowl", "soup", [(196, 52, 32), (220, 80, 40)], 40, (6, 14)),
    "pickled_cabbage": ("jar", "strip", [(214, 204, 120), (196, 190, 96), (226, 220, 150)], 90, (40, 90)),
    "eggs": ("basket", "oval", [(236, 214, 180), (222, 196, 160), (240, 226, 200)], 16, (46, 58)),
    "bacon": ("board", "block", [(120, 40, 30), (150, 60, 40), (96, 32, 24)], 7, (90, 150)),
    "bamboo_shoots": ("plate", "strip", [(220, 200, 140), (206, 186, 120)], 70, (50, 110)),
    "costume": ("cloth", "pattern", [(184, 28, 36), (212, 170, 60)], 40, (12, 30)),
    "wood_box": ("none", "box", [(212, 176, 128), (190, 150, 100)], 1, (0, 0)),
    "roses": ("pot", "circle", [(214, 60, 96), (232, 96, 128), (190, 40, 80)], 22, (22, 40)),
    "sapling": ("pot", "leaf", [(60, 120, 50), (80, 140, 60)], 140, (16, 30)),
    "succulents": ("pots", "rosette", [(110, 160, 110), (140, 176, 120), (96, 140, 120)], 3, (60, 80)),
    "radish": ("bowl", "circle", [(240, 236, 226), (230, 200, 200), (214, 120, 140)], 40, (24, 40)),
    "walnuts": ("basket", "circle", [(150, 110, 70), (170, 128, 80), (130, 94, 60)], 40, (34, 46)),
    "mushrooms": ("basket", "cap", [(120, 80, 50), (140, 96, 60), (100, 66, 40)], 22, (44, 70)),
    "millet": ("bag", "grain", [(232, 196, 70), (220, 180, 60), (240, 210, 90)], 1800, (3, 5)),
    "rice": ("bag", "grain", [(244, 240, 228), (232, 226, 210), (250, 248, 240)], 1800, (3, 6)),
    "vermicelli": ("plate", "strand", [(200, 196, 186), (180, 176, 168)], 120, (120, 260)),
    "rice_tofu": ("board", "block", [(222, 206, 150), (210, 192, 130)], 9, (70, 100)),
    "rice_cakes": ("plate", "block", [(246, 244, 236), (236, 232, 220)], 10, (60, 90)),
    "bamboo_basket": ("none", "weave", [(196, 160, 96), (170, 134, 76)], 1, (0, 0)),
    "chili": ("plate", "strip", [(200, 30, 30), (170, 20, 20), (220, 60, 40)], 60, (40, 80)),
    "shaobing": ("plate", "circle", [(196, 140, 70), (210, 160, 90)], 6, (90, 110)),
}


def _table(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    base = rng.choice([(150, 108, 70), (170, 126, 84), (120, 86, 56), (196, 170, 140)])
    for y in range(0, SIZE[1], 6):
        shade = rng.randint(-14, 14)
        colour = tuple(max(0, min(255, c + shade)) for c in base)
        draw.rectangle([0, y, SIZE[0], y + 6], fill=colour)
    for _ in range(12):  # wood grain
        y = rng.randint(0, SIZE[1])
        draw.arc([-200, y - 40, SIZE[0] + 200, y + 40], 0, 180, fill=tuple(c - 30 for c in base), width=2)


def _container(draw: ImageDraw.ImageDraw, kind: str, rng: random.Random) -> tuple[int, int, int, int]:
    """Draw the container; return the box the produce goes in."""
    cx, cy = SIZE[0] // 2, SIZE[1] // 2 + 20
    shadow = (60, 40, 28)
    if kind in ("plate", "bowl"):
        draw.ellipse([cx - 300, cy - 170, cx + 310, cy + 200], fill=shadow)
        rim = (244, 242, 236) if kind == "plate" else (230, 226, 214)
        draw.ellipse([cx - 300, cy - 190, cx + 300, cy + 180], fill=rim)
        draw.ellipse(
            [cx - 250, cy - 150, cx + 250, cy + 140], fill=(252, 250, 246) if kind == "plate" else (214, 60, 40)
        )
        return cx - 220, cy - 130, cx + 220, cy + 120
    if kind == "basket":
        draw.ellipse([cx - 310, cy - 170, cx + 320, cy + 210], fill=shadow)
        draw.ellipse([cx - 300, cy - 190, cx + 300, cy + 190], fill=(176, 138, 80))
        for r in range(0, 300, 14):
            draw.ellipse(
                [cx - 300 + r, cy - 190 + r * 0.63, cx + 300 - r, cy + 190 - r * 0.63], outline=(140, 104, 56), width=3
            )
        return cx - 230, cy - 140, cx + 230, cy + 140
    if kind == "jar":
        draw.rounded_rectangle([cx - 150, cy - 200, cx + 170, cy + 230], radius=60, fill=shadow)
        draw.rounded_rectangle([cx - 160, cy - 210, cx + 160, cy + 220], radius=60, fill=(226, 234, 232))
        draw.rectangle([cx - 120, cy - 250, cx + 120, cy - 205], fill=(170, 40, 36))
        return cx - 130, cy - 170, cx + 130, cy + 190
    if kind in ("pot", "pots"):
        pots = [cx] if kind == "pot" else [cx - 220, cx, cx + 220]
        for px in pots:
            width = 130 if kind == "pot" else 80
            draw.polygon(
                [
                    (px - width, cy + 30),
                    (px + width, cy + 30),
                    (px + width - 30, cy + 240),
                    (px - width + 30, cy + 240),
                ],
                fill=(176, 90, 56),
            )
            draw.rectangle([px - width - 10, cy + 20, px + width + 10, cy + 50], fill=(160, 80, 50))
        return cx - 260, cy - 240, cx + 260, cy + 40
    if kind == "bag":
        draw.rounded_rectangle([cx - 200, cy - 180, cx + 220, cy + 240], radius=40, fill=shadow)
        draw.rounded_rectangle([cx - 210, cy - 190, cx + 210, cy + 230], radius=40, fill=(214, 196, 160))
        for y in range(cy - 180, cy + 230, 10):
            draw.line([cx - 200, y, cx + 200, y], fill=(200, 182, 146), width=1)
        draw.ellipse([cx - 180, cy - 220, cx + 180, cy - 80], fill=(190, 170, 130))
        return cx - 160, cy - 205, cx + 160, cy - 95
    if kind == "board":
        draw.rounded_rectangle([cx - 300, cy - 170, cx + 320, cy + 210], radius=30, fill=shadow)
        draw.rounded_rectangle([cx - 310, cy - 180, cx + 310, cy + 200], radius=30, fill=(206, 170, 116))
        return cx - 260, cy - 140, cx + 260, cy + 160
    if kind == "cloth":
        draw.rectangle([60, 40, SIZE[0] - 60, SIZE[1] - 40], fill=(184, 28, 36))
        return 80, 60, SIZE[0] - 80, SIZE[1] - 60
    return 120, 80, SIZE[0] - 120, SIZE[1] - 60


def _items(draw, shape, colours, count, sizes, box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2

    def spot():
        # Uniform inside the ellipse of the box.
        angle, radius = rng.uniform(0, 2 * math.pi), math.sqrt(rng.random())
        return cx + radius * (x1 - x0) / 2 * math.cos(angle), cy + radius * (y1 - y0) / 2 * math.sin(angle)

    if shape == "liquid":
        draw.rounded_rectangle([x0 + 10, y0 + 40, x1 - 10, y1 - 10], radius=40, fill=colours[0])
        draw.rounded_rectangle([x0 + 40, y0 + 60, x0 + 80, y1 - 60], radius=20, fill=(250, 210, 120))
        return
    if shape == "box":
        draw.rectangle([x0 + 60, y0 + 120, x1 - 60, y1 - 40], fill=colours[1])
        draw.polygon(
            [(x0 + 60, y0 + 120), (x0 + 140, y0 + 40), (x1 + 20, y0 + 40), (x1 - 60, y0 + 120)], fill=colours[0]
        )
        for x in range(x0 + 80, x1 - 60, 26):
            draw.line([x, y0 + 130, x + rng.randint(-6, 6), y1 - 50], fill=(176, 138, 92), width=2)
        return
    if shape == "weave":
        draw.ellipse([x0 + 20, y1 - 120, x1 - 20, y1], fill=(90, 62, 40))
        draw.rectangle([x0 + 40, y0 + 80, x1 - 40, y1 - 60], fill=colours[0])
        for y in range(y0 + 80, y1 - 60, 18):
            draw.line([x0 + 40, y, x1 - 40, y], fill=colours[1], width=6)
        for x in range(x0 + 40, x1 - 40, 22):
            draw.line([x, y0 + 80, x, y1 - 60], fill=(150, 116, 64), width=3)
        draw.arc([x0 + 100, y0 - 60, x1 - 100, y0 + 200], 180, 360, fill=colours[1], width=14)
        return
    if shape == "pattern":
        for _ in range(count):
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            r = rng.randint(*sizes)
            draw.ellipse([x - r, y - r, x + r, y + r], outline=colours[1], width=3)
            draw.line([x - r, y, x + r, y], fill=colours[1], width=2)
        draw.rectangle([x0, y0 + 40, x1, y0 + 70], fill=colours[1])
        draw.rectangle([x0, y1 - 70, x1, y1 - 40], fill=colours[1])
        return
    for _ in range(count):
        x, y = spot()
        colour = rng.choice(colours)
        size = rng.randint(*sizes) if sizes[1] else 10
        if shape == "circle":
            draw.ellipse([x - size, y - size, x + size, y + size], fill=colour, outline=tuple(c - 30 for c in colour))
        elif shape == "oval":
            draw.ellipse([x - size * 0.75, y - size, x + size * 0.75, y + size], fill=colour, outline=(200, 176, 140))
        elif shape == "kiwi":
            draw.ellipse([x - size * 0.7, y - size * 0.5, x + size * 0.7, y + size * 0.5], fill=colour)
            if rng.random() < 0.35:
                r = size * 0.45
                draw.ellipse([x - r, y - r, x + r, y + r], fill=(120, 170, 40))
                draw.ellipse([x - r * 0.3, y - r * 0.3, x + r * 0.3, y + r * 0.3], fill=(236, 236, 200))
                for k in range(14):
                    a = k * math.pi / 7
                    draw.point((x + r * 0.55 * math.cos(a), y + r * 0.55 * math.sin(a)), fill=(20, 20, 20))
        elif shape == "leaf":
            angle = rng.uniform(0, math.pi)
            dx, dy = size * math.cos(angle), size * math.sin(angle)
            draw.line([x - dx, y - dy, x + dx, y + dy], fill=colour, width=max(3, size // 3))
        elif shape == "strip":
            angle = rng.uniform(-0.6, 0.6) + (math.pi / 2 if rng.random() < 0.5 else 0)
            dx, dy = size / 2 * math.cos(angle), size / 2 * math.sin(angle)
            draw.line([x - dx, y - dy, x + dx, y + dy], fill=colour, width=rng.randint(6, 12))
        elif shape == "strand":
            points = [(x + rng.uniform(-60, 60), y + rng.uniform(-40, 40)) for _ in range(5)]
            draw.line(points, fill=colour, width=2, joint="curve")
        elif shape == "block":
            w, h = size, size * rng.uniform(0.6, 0.9)
            draw.rectangle([x - w / 2 + 6, y - h / 2 + 6, x + w / 2 + 6, y + h / 2 + 6], fill=(90, 66, 44))
            draw.rectangle(
                [x - w / 2, y - h / 2, x + w / 2, y + h / 2], fill=colour, outline=tuple(c - 25 for c in colour)
            )
        elif shape == "grain":
            draw.ellipse([x - size, y - size / 2, x + size, y + size / 2], fill=colour)
        elif shape == "cap":
            draw.rectangle([x - size * 0.15, y, x + size * 0.15, y + size * 0.7], fill=(230, 220, 196))
            draw.pieslice([x - size * 0.6, y - size * 0.5, x + size * 0.6, y + size * 0.5], 180, 360, fill=colour)
        elif shape == "rosette":
            for k, px in enumerate((cx - 220, cx, cx + 220)):
                for ring in range(4, 0, -1):
                    r = ring * 18
                    for petal in range(8):
                        a = petal * math.pi / 4 + ring * 0.4
                        draw.ellipse(
                            [
                                px + r * math.cos(a) - 14,
                                y1 - 40 + r * 0.5 * math.sin(a) - 14 - ring * 12,
                                px + r * math.cos(a) + 14,
                                y1 - 40 + r * 0.5 * math.sin(a) + 14 - ring * 12,
                            ],
                            fill=colours[(k + ring) % len(colours)],
                        )
            return
        elif shape == "soup":
            draw.ellipse(
                [x - size, y - size / 2, x + size, y + size / 2],
                fill=rng.choice([(240, 200, 60), (90, 140, 50), (250, 240, 220)]),
            )


def demo_photo(look: str, *, seed: str, variant: int = 0) -> bytes:
    """A JPEG (800 x 600) of this look; `variant` gives a second angle of the same produce."""
    rng = random.Random(f"{seed}:{variant}")
    container, shape, colours, count, sizes = LOOKS[look]
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    _table(draw, rng)
    if shape == "soup":
        box = _container(draw, "bowl", rng)
        draw.ellipse(list(box), fill=colours[0])
    else:
        box = _container(draw, container, rng)
    _items(draw, shape, colours, count, sizes, box, rng)
    if variant:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).rotate(rng.uniform(-4, 4), fillcolor=(120, 86, 56))
    # Light from the top left, a touch of blur and sensor grain: it reads as a photo, not a drawing.
    # A radial gradient twice the photo's size, cropped so its centre sits above and left of the middle.
    light = Image.radial_gradient("L").resize((SIZE[0] * 2, SIZE[1] * 2))
    light = light.crop((520, 390, 520 + SIZE[0], 390 + SIZE[1])).point(lambda v: 255 - v // 3)
    image = Image.composite(image, Image.new("RGB", SIZE, (30, 20, 12)), light)
    image = image.filter(ImageFilter.GaussianBlur(1.1))
    grain = Image.effect_noise(SIZE, 18).convert("RGB")
    image = Image.blend(image, grain, 0.06)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
