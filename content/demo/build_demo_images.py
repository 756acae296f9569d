"""Draw the demo corpus's images: one small SVG per top-level interest (a line drawing of the
product kind on the interest's colour), written to static/img/demo/. The demo loader points demo
items at them, so `make run` shows pictures the project serves itself.

    python -m content.demo.build_demo_images

The colours are the top levels' own (content.constants.TOP_LEVEL_COLOURS), as on the cards'
placeholders."""

from pathlib import Path

from content.constants import TOP_LEVEL_COLOURS

OUT = Path(__file__).resolve().parents[2] / "static" / "img" / "demo"

# interest: a line drawing of its product kind in a 100 × 100 box, white strokes
DRAWINGS = {
    "digital": '<rect x="32" y="12" width="36" height="76" rx="6"/><circle cx="50" cy="79" r="3"/><line x1="44" y1="19" x2="56" y2="19"/>',
    "appliances": '<rect x="24" y="14" width="52" height="72" rx="5"/><circle cx="50" cy="56" r="17"/><circle cx="50" cy="56" r="9"/><line x1="32" y1="24" x2="44" y2="24"/>',
    "beauty": '<rect x="38" y="52" width="24" height="36" rx="3"/><path d="M41 52 V30 L59 20 V52"/><line x1="38" y1="62" x2="62" y2="62"/>',
    "fashion": '<path d="M36 16 L20 28 L28 42 L34 38 V86 H66 V38 L72 42 L80 28 L64 16 Q50 28 36 16 Z"/>',
    "food": '<path d="M26 40 H66 V64 Q66 82 46 82 Q26 82 26 64 Z"/><path d="M66 46 Q80 46 80 56 Q80 66 66 64"/><path d="M38 30 Q34 24 38 18 M48 30 Q44 24 48 18 M58 30 Q54 24 58 18"/>',
    "outdoor": '<path d="M12 82 L50 20 L88 82 Z"/><path d="M50 20 L50 82 M38 82 L50 58 L62 82"/><line x1="6" y1="82" x2="94" y2="82"/>',
    "toys": '<rect x="30" y="18" width="40" height="34" rx="10"/><circle cx="42" cy="34" r="4"/><circle cx="58" cy="34" r="4"/><path d="M38 52 V80 H62 V52 M30 62 H22 M70 62 H78"/><line x1="50" y1="10" x2="50" y2="18"/>',
    "entertainment": '<path d="M14 30 H86 V44 Q78 50 86 56 V70 H14 V56 Q22 50 14 44 Z"/><line x1="62" y1="32" x2="62" y2="68" stroke-dasharray="4 4"/>',
    "games": '<path d="M22 36 H78 Q92 36 90 58 Q88 76 76 72 L66 62 H34 L24 72 Q12 76 10 58 Q8 36 22 36 Z"/><path d="M30 44 V56 M24 50 H36"/><circle cx="66" cy="46" r="3"/><circle cx="72" cy="54" r="3"/>',
    "books": '<path d="M50 26 Q36 18 14 22 V78 Q36 74 50 82 Q64 74 86 78 V22 Q64 18 50 26 Z"/><line x1="50" y1="26" x2="50" y2="82"/>',
    "travel": '<rect x="18" y="32" width="64" height="48" rx="6"/><path d="M38 32 V22 H62 V32"/><line x1="34" y1="32" x2="34" y2="80"/><line x1="66" y1="32" x2="66" y2="80"/>',
    "home": '<path d="M14 50 L50 20 L86 50"/><path d="M24 42 V82 H76 V42"/><rect x="42" y="58" width="16" height="24"/>',
    "baby": '<rect x="34" y="36" width="32" height="50" rx="8"/><path d="M38 36 V28 H62 V36 M44 28 Q44 14 50 12 Q56 14 56 28"/><line x1="34" y1="52" x2="44" y2="52"/><line x1="34" y1="64" x2="44" y2="64"/>',
    "pets": '<ellipse cx="50" cy="64" rx="16" ry="13"/><circle cx="30" cy="44" r="7"/><circle cx="44" cy="32" r="7"/><circle cx="58" cy="32" r="7"/><circle cx="72" cy="44" r="7"/>',
    "auto": '<path d="M12 64 V52 L24 48 L34 32 H66 L78 48 L88 52 V64 Z"/><circle cx="30" cy="66" r="8"/><circle cx="70" cy="66" r="8"/><line x1="36" y1="48" x2="64" y2="48"/>',
}


def svg(colour: str, drawing: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" width="320" height="200">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{colour}"/>'
        f'<stop offset="1" stop-color="{colour}" stop-opacity=".72"/></linearGradient></defs>'
        '<rect width="320" height="200" fill="url(#g)"/>'
        '<g transform="translate(110 50)" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" '
        f'stroke-linejoin="round">{drawing}</g></svg>\n'
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, drawing in DRAWINGS.items():
        (OUT / f"{slug}.svg").write_text(svg(TOP_LEVEL_COLOURS[slug], drawing), encoding="utf-8")
    print(f"wrote {len(DRAWINGS)} images to {OUT}")


if __name__ == "__main__":
    main()
