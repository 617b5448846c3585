"""Entry point: page set-up, navigation between the dashboard's pages, and the shared footer."""

from __future__ import annotations

import streamlit as st

from ui import panels, session, theme

st.set_page_config(
    page_title="No One Left Behind: Scotland's labour market",
    page_icon=theme.PAGE_ICON,
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = [
    st.Page(
        "pages/overview.py", title="Overview", icon=":material/home:", url_path="", default=True
    ),
    st.Page("pages/map.py", title="Map and ranking", icon=":material/map:", url_path="map"),
    st.Page(
        "pages/area.py",
        title="Area profile",
        icon=":material/location_on:",
        url_path="area",
    ),
    st.Page(
        "pages/compare.py",
        title="Compare areas",
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
    st.Page("pages/trends.py", title="Trends", icon=":material/show_chart:", url_path="trends"),
    st.Page(
        "pages/targets.py", title="Progress to targets", icon=":material/flag:", url_path="targets"
    ),
    st.Page(
        "pages/delivery.py",
        title="No One Left Behind delivery",
        icon=":material/work:",
        url_path="delivery",
    ),
    st.Page(
        "pages/whats_new.py", title="What's new", icon=":material/campaign:", url_path="whats_new"
    ),
    st.Page(
        "pages/data.py", title="Data and downloads", icon=":material/download:", url_path="data"
    ),
    st.Page("pages/about.py", title="About the data", icon=":material/info:", url_path="about"),
]

st.html(theme.GLOBAL_CSS)
navigation = st.navigation(PAGES, position="sidebar")
navigation.run()
panels.footer(session.catalogue())
