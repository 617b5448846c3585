"""Area profile: one council area's labour market against Scotland and a comparator group."""

from __future__ import annotations

from ui import cached, session
from ui.sections import area as sections
from ui.sections import delivery

catalogue = session.catalogue()
sections.introduction()
area, kind, custom = sections.choices()
group = cached.group(catalogue, kind, area.code, custom)
sections.comparator_group(catalogue, area, kind, group)

rows = cached.profile_rows(catalogue, area.code, group.members)
spine_figure, peer_figure = cached.profile_figures_for(
    catalogue, area.code, group.members, area.name, group.short_label
)
sections.every_measure(catalogue, area, rows, group.short_label)
sections.among_council_areas(catalogue, area, rows, spine_figure)
sections.against_comparator_group(catalogue, area, group, rows, peer_figure)
sections.young_people(catalogue, area)
sections.disabled_people(catalogue)
delivery.area_sections(catalogue, area.code)
