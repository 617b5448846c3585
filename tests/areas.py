"""Council areas the geography, comparator, peer and profile tests check by hand."""

from __future__ import annotations

GLASGOW = "S12000049"
FIFE = "S12000047"
ORKNEY = "S12000023"
SHETLAND = "S12000027"
HIGHLAND = "S12000017"
EILEAN_SIAR = "S12000013"
YEAR_2022 = "2022-01-01/P1Y"
YEAR_2025 = "2025-01-01/P1Y"
GLASGOW_BORDERS = {
    "East Dunbartonshire",
    "East Renfrewshire",
    "North Lanarkshire",
    "Renfrewshire",
    "South Lanarkshire",
    "West Dunbartonshire",
}
