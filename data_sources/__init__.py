"""Getting real numbers: parse official files and APIs into one validated tidy table (no Streamlit)."""
