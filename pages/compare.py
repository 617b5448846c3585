"""Compare areas: one council area against its comparator group on one indicator and period."""

from __future__ import annotations

from ui import session
from ui.sections import compare

catalogue = session.catalogue()
compare.intro()
chosen, custom = compare.choices(catalogue)
view = compare.view_for(catalogue, chosen, custom)
compare.headline(chosen, view)
compare.peer_chart(catalogue, chosen, view)
compare.group_ranked(catalogue, chosen, custom, view)
compare.every_measure(catalogue, chosen)
