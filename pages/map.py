"""Map and ranking: one indicator across the 32 council areas for a chosen period."""

from __future__ import annotations

from ui import session
from ui.sections import map as sections

catalogue = session.catalogue()
ranking = sections.choices(catalogue)
layout = sections.layout_choice()
selected_code = sections.selected_area()
sections.map_and_table(catalogue, ranking, layout, selected_code)
sections.ranking_bars(catalogue, ranking, selected_code)
