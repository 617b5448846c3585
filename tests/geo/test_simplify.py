"""Tests for geo.simplify: simplification that keeps both ends and the topology."""

from __future__ import annotations

import shapely

from geo.simplify import crossing_lines, simplified_arcs, simplify_arc


def test_simplify_keeps_both_ends_and_drops_only_small_wiggles():
    arc = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 0.5), (4.0, 0.0)]
    assert simplify_arc(arc, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 0.5), (4.0, 0.0)]
    assert simplify_arc(arc, 1.0) == [(0.0, 0.0), (4.0, 0.0)]
    assert simplify_arc(arc, 0.0) == arc


def test_simplify_keeps_the_start_of_a_closed_arc():
    ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    simplified = simplify_arc(ring, 0.1)
    assert simplified[0] == simplified[-1] == (0.0, 0.0)
    assert len(simplified) == 5


def test_crossing_lines_allows_shared_ends_only():
    lines = [
        [(0.0, 0.0), (1.0, 1.0)],
        [(1.0, 1.0), (2.0, 0.0)],  # meets line 0 at their shared end: fine
        [(0.0, 1.0), (1.0, 0.0)],  # crosses line 0 in the middle
        [(5.0, 5.0), (6.0, 6.0), (6.0, 5.0), (5.0, 6.0)],  # crosses itself
        [(0.5, 0.5), (0.5, -1.0)],  # starts on line 0's interior, which is not an end of line 0
    ]
    assert crossing_lines(lines) == {0, 2, 3, 4}


def test_simplification_backs_off_where_it_would_cut_across_an_island():
    # A coastline with a headland and a small island just off it: simplifying the coast to a
    # straight line would run through the island, and the island would be squashed flat.
    coast = [(0.0, 0.0), (4.0, 0.0), (5.0, 1.0), (6.0, 0.0), (10.0, 0.0)]
    island = [(4.9, -0.1), (5.1, -0.1), (5.1, 0.1), (4.9, 0.1), (4.9, -0.1)]
    arcs = simplified_arcs([coast, island], [0, 1], tolerance=2.0)
    assert (5.0, 1.0) in arcs[0]
    assert len(arcs[1]) == 5
    assert not shapely.LineString(arcs[0]).intersects(shapely.LineString(arcs[1]))
    assert simplified_arcs([coast], [0], tolerance=2.0)[0] == [(0.0, 0.0), (10.0, 0.0)]
