"""Colours and type: colour-blind-safe palettes and WCAG 2.2 AA contrast pairs, in one place."""

from __future__ import annotations

from pathlib import Path

from metadata.registry import Polarity

# A local file, so the browser never fetches an icon from a font CDN.
PAGE_ICON = str(Path(__file__).parent / "static" / "icon.png")

TEXT = "#1b1b1b"
MUTED_TEXT = "#4d4d4d"  # 8.45:1 on white
SCOTLAND_LINE = "#1b1b1b"
ACCENT = "#0065bd"  # Scottish Government blue, 5.84:1 on white
MISSING_FILL = "#bdbdbd"
MISSING_LINE = "#6b6b6b"

# ColorBrewer PuOr (colour-blind safe): orange for worse, purple for better. Never red/green.
WORSE_TO_BETTER = ["#b35806", "#e08214", "#fdb863", "#f7f7f7", "#b2abd2", "#8073ac", "#542788"]
BETTER = "#542788"  # 10.4:1 on white
WORSE = "#b35806"  # 4.87:1 on white
NEUTRAL = "#6b6b6b"  # 5.3:1 on white
# Marker shapes by judgement, so a shape and not only a colour tells better from worse (Plotly
# symbol names, also said in the legend).
JUDGEMENT_MARKERS = {
    "better": "circle",
    "worse": "diamond",
    "not_different": "square",
    "unknown": "open circle",
}

# Okabe-Ito, for several lines on one chart (distinguishable with common colour-vision types).
SERIES = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"]


def diverging_scale(polarity: Polarity) -> list[list[float | str]]:
    """Plotly colour scale running from low to high values, coloured worse→better by polarity."""
    colours = WORSE_TO_BETTER if polarity is Polarity.HIGHER_IS_BETTER else WORSE_TO_BETTER[::-1]
    steps = len(colours) - 1
    return [[i / steps, colour] for i, colour in enumerate(colours)]


def _channels(colour: str) -> list[float]:
    """0-1 channels of '#rrggbb' or 'rgb(r, g, b)' (the form Plotly's colour scales return)."""
    if colour.startswith("rgb"):
        return [float(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    return [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]


def readable_text_on(background: str) -> str:
    """Black or white, whichever contrasts more with the background."""
    on_dark = contrast_ratio("#ffffff", background)
    on_light = contrast_ratio(TEXT, background)
    return "#ffffff" if on_dark > on_light else TEXT


def relative_luminance(hex_colour: str) -> float:
    channels = _channels(hex_colour)
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two hex colours."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


# A strong, consistent focus ring for keyboard users (WCAG 2.4.7): Streamlit marks focus on some
# controls only by a background or border change. A constant: no data ever reaches this CSS.
GLOBAL_CSS = f"""<style>
:focus-visible {{
  outline: 3px solid {ACCENT} !important;
  outline-offset: 2px !important;
}}
</style>"""
