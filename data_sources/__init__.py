"""Getting real numbers: official files and APIs parsed into one validated tidy table.

No Streamlit here.
"""
