"""The one URL-synced input state machine (ui.url_synced), run on its own in a tiny app."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

EVIL = "[Sign in](https://evil.example/login) ![t](http://evil.example/px.png)\n# evil"


def period_app() -> None:
    """A period picker as the pages build one: parse the URL, then keep the box in step."""
    import streamlit as st

    from ui import url_state
    from ui.url_synced import keep_in_step_with_url

    labels = {"2023-01-01/P1Y": "2023", "2024-01-01/P1Y": "2024", "2025-01-01/P1Y": "2025"}
    latest = "2025-01-01/P1Y"
    parsed = url_state.parse_period(url_state.get("period"), labels)
    chosen = keep_in_step_with_url(
        lambda: st.selectbox("Period", list(labels), key="period", format_func=labels.get),
        key="period",
        from_url=parsed.value,
        default=latest,
        clean=lambda current: current if current in labels else latest,
        to_params=lambda value: {"period": value},
        messages=parsed.messages,
    )
    st.markdown(f"Showing {labels[chosen]}.")


def _open(**params: str) -> AppTest:
    app = AppTest.from_function(period_app, default_timeout=30)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _url_period(app: AppTest) -> str:
    value = app.query_params["period"]
    return value[0] if isinstance(value, list) else value


def test_without_a_url_value_the_default_is_shown_and_written_to_the_url() -> None:
    app = _open()
    assert app.selectbox(key="period").value == "2025-01-01/P1Y"
    assert _url_period(app) == "2025-01-01/P1Y"
    assert not app.info


def test_the_url_sets_the_widget() -> None:
    app = _open(period="2023")  # a label works as well as an id
    assert app.selectbox(key="period").value == "2023-01-01/P1Y"
    assert app.markdown[0].value == "Showing 2023."
    assert _url_period(app) == "2023-01-01/P1Y"


def test_the_users_choice_is_written_to_the_url_and_kept() -> None:
    app = _open(period="2023-01-01/P1Y")
    app.selectbox(key="period").set_value("2024-01-01/P1Y").run()
    assert _url_period(app) == "2024-01-01/P1Y"
    app.run()  # a rerun with the URL echoing the choice changes nothing
    assert app.selectbox(key="period").value == "2024-01-01/P1Y"
    assert app.markdown[0].value == "Showing 2024."


def test_a_url_that_names_something_new_wins_again() -> None:
    app = _open(period="2023-01-01/P1Y")
    app.selectbox(key="period").set_value("2024-01-01/P1Y").run()
    app.query_params["period"] = "2023-01-01/P1Y"  # as the back button does
    app.run()
    assert app.selectbox(key="period").value == "2023-01-01/P1Y"


def test_an_unknown_value_gets_a_friendly_message_and_is_never_echoed() -> None:
    app = _open(period=EVIL)
    assert app.selectbox(key="period").value == "2025-01-01/P1Y"
    assert [i.value for i in app.info] == [
        "There are no figures for the period the link names, so the latest is shown."
    ]
    shown = [e.value for e in (*app.info, *app.markdown)]
    assert not any("evil" in text for text in shown)
    assert _url_period(app) == "2025-01-01/P1Y"  # the hostile value is not kept in the URL
