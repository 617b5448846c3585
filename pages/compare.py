"""Compare areas: one council area against its comparator group on one indicator and period."""

from __future__ import annotations

from ui import session
from ui.sections import compare

catalogue = session.catalogue()
compare.introduction()
choice = compare.choices(catalogue)
compared = compare.comparison(catalogue, choice)
compare.headline(choice, compared)
compare.beside_peers(catalogue, choice, compared)
compare.group_ranked(catalogue, choice, compared)
compare.every_measure(catalogue, choice.area, compared.group)
