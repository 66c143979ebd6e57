"""Streamlit helpers shared by the pages: state, browser storage, sidebar, tables, text."""
