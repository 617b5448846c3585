"""Compare areas: one council area against its comparator group on one indicator and period."""

from __future__ import annotations

from ui import cached, session
from ui.sections import compare

catalogue = session.catalogue()
compare.introduction()
choice = compare.choices(catalogue)
group = cached.group(catalogue, choice.kind, choice.area.code, choice.custom)
summary, ranking = cached.peer_comparison(
    catalogue, choice.indicator, choice.area.code, group.members, choice.period.period
)
compare.headline(choice, group, summary, ranking)
compare.beside_peers(catalogue, choice, group, summary, ranking)
compare.group_ranked(catalogue, choice, group, summary, ranking)
compare.every_measure(catalogue, choice.area, group)
