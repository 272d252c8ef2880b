#!/usr/bin/env python3
"""Generate the Shortlist application icon set (Tauri 2).

Design: a GOV.UK-green (#00703c) rounded-square tile with a white mark of
three horizontal list lines; the top line is preceded by a tick (the
shortlisted idea). Drawn once at 1024 px and downsampled with LANCZOS for
anti-aliasing. Output is deterministic (no timestamps or metadata).

Usage:  pip install pillow && python3 icons/make_icons.py
"""
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent
MASTER = 1024
SS = 4  # extra supersampling factor for the master drawing

GREEN = (0, 112, 60, 255)  # #00703c GOV.UK green
WHITE = (255, 255, 255, 255)


def draw_master(t: float = 112) -> Image.Image:
    """Return the 1024x1024 RGBA master icon; t is the stroke thickness."""
    n = MASTER * SS

    def s(v: float) -> int:
        return round(v * SS)

    im = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)

    # Tile: small margin so the shape isn't clipped by OS masks.
    m = 40
    d.rounded_rectangle((s(m), s(m), s(MASTER - m), s(MASTER - m)),
                        radius=s(210), fill=GREEN)

    # Mark geometry (1024 px units), offset so the mark sits optically
    # centred on the tile. Default t=112 is ~3.5 px at 32 px.
    dx, dy = 18, 28
    rows = [350 + dy, 532 + dy, 714 + dy]  # row centre lines
    bar_x0, bar_x1 = 440 + dx, 836 + dx

    def bar(x0: float, x1: float, cy: float) -> None:
        d.rounded_rectangle((s(x0), s(cy - t / 2), s(x1), s(cy + t / 2)),
                            radius=s(t / 2), fill=WHITE)

    # Top row: tick + full bar.
    bar(bar_x0, bar_x1, rows[0])
    # Lower rows: bars only, getting shorter (the list narrows).
    bar(bar_x0, bar_x1 - 80, rows[1])
    bar(bar_x0, bar_x1 - 160, rows[2])

    # Tick with round caps and joint, centred on the top row.
    pts = [(196 + dx, rows[0] - 6), (266 + dx, rows[0] + 62),
           (372 + dx, rows[0] - 104)]
    spts = [(s(x), s(y)) for x, y in pts]
    d.line(spts, fill=WHITE, width=s(t * 0.92), joint="curve")
    r = t * 0.92 / 2
    for x, y in (pts[0], pts[-1]):
        d.ellipse((s(x - r), s(y - r), s(x + r), s(y + r)), fill=WHITE)

    return im.resize((MASTER, MASTER), Image.LANCZOS)


def scaled(master: Image.Image, size: int) -> Image.Image:
    if size == master.width:
        return master.copy()
    return master.resize((size, size), Image.LANCZOS)


def save_png(im: Image.Image, name: str) -> None:
    assert im.mode == "RGBA"
    im.save(OUT / name, format="PNG", optimize=True)


def main() -> None:
    master = draw_master()

    pngs = {
        "icon.png": 512,
        # Every size the freedesktop hicolor theme looks for, so a menu or file manager never
        # has to scale a big icon down (or a small one up).
        "16x16.png": 16,
        "24x24.png": 24,
        "32x32.png": 32,
        "48x48.png": 48,
        "64x64.png": 64,
        "128x128.png": 128,
        "128x128@2x.png": 256,
        "256x256.png": 256,
    }
    for name, size in pngs.items():
        save_png(scaled(master, size), name)

    ico_sizes = [16, 24, 32, 48, 64, 256]
    ico_imgs = [scaled(master, sz) for sz in ico_sizes]
    ico_imgs[-1].save(OUT / "icon.ico", format="ICO",
                      sizes=[(sz, sz) for sz in ico_sizes],
                      append_images=ico_imgs[:-1])

    icns_sizes = [16, 32, 64, 128, 256, 512, 1024]
    icns_imgs = [scaled(master, sz) for sz in icns_sizes]
    master.save(OUT / "icon.icns", format="ICNS",
                append_images=icns_imgs[:-1])

    for name in list(pngs) + ["icon.ico", "icon.icns"]:
        print(OUT / name)


if __name__ == "__main__":
    main()
