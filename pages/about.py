"""About the data: every indicator, target, event, source release and method, from the registry
and the snapshot manifest (nothing here is typed twice)."""

from __future__ import annotations

from ui import session, vintages
from ui.sections import about

catalogue = session.catalogue()
about.introduction()
about.indicators(catalogue)
vintages.vintages_section(catalogue)
about.targets_and_benchmarks(catalogue)
about.events(catalogue)
about.sources_and_releases(catalogue)
about.statuses()
about.methods()
about.geography()
about.citation_and_feedback(catalogue)
about.accessibility_statement(catalogue)
