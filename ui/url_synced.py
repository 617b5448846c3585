"""One input kept in step with the URL: the state machine every URL-synced picker shares.

A widget keeps its own session key, so Streamlit remembers the user's choice across reruns.
The URL wins only when it names something new (a shared link opened, or the back button):
`{key}__from_url` remembers what the URL said last time, so a URL that merely echoes the
user's own choice never overrides the next one. After drawing, the choice is written back to
the URL so the view can be shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from ui import url_state

V = TypeVar("V")


def keep_in_step_with_url(
    draw: Callable[[], V],
    *,
    key: str,
    from_url: V | None,
    default: V,
    to_params: Callable[[V], Mapping[str, str | None]],
    clean: Callable[[Any], V] | None = None,
    messages: Sequence[str] = (),
) -> V:
    """Draw one widget bound to `key`, starting from the URL, and write its value back.

    `from_url` is the URL's value already parsed and checked (None when the URL names nothing
    usable; `messages` then say, in the dashboard's words, what was ignored: the link's own
    text is never shown). `clean` mends a remembered value the current options no longer
    allow (for example after the indicator changed). `to_params` gives the URL parameters for
    a value (None removes one).
    """
    url_state.show_messages(messages)
    seen_key = f"{key}__from_url"
    if key not in st.session_state or (
        from_url is not None and st.session_state.get(seen_key) != from_url
    ):
        st.session_state[key] = from_url if from_url is not None else default
        st.session_state[seen_key] = from_url
    if clean is not None:
        current = st.session_state[key]
        mended = clean(current)
        if mended != current:
            st.session_state[key] = mended
    value = draw()
    st.session_state[seen_key] = value
    url_state.set_params(**to_params(value))
    return value
