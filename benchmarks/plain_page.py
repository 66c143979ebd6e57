"""A plain Streamlit page to compare lorkit's pages against (used by benchmarks/app.py).

A faithful copy of Streamlit's own dataframe demo (streamlit/hello/dataframe_demo.py):
cached data, a multiselect, a dataframe and one Altair area chart written exactly as in
the demo, with its "Show code" sidebar checkbox. The only change: the demo downloads the
UN agricultural data set; this copy builds synthetic data of the same shape (26 regions ×
50 years, in dollars) deterministically inside the `st.cache_data` function, so it runs
offline and every run sees the same numbers.
"""

from __future__ import annotations

from urllib.error import URLError

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.hello.utils import show_code

REGIONS = [
    "Argentina",
    "Australia",
    "Bangladesh",
    "Brazil",
    "Canada",
    "China",
    "Egypt",
    "Ethiopia",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Iran",
    "Italy",
    "Japan",
    "Mexico",
    "Nigeria",
    "Pakistan",
    "Russian Federation",
    "South Africa",
    "Spain",
    "Thailand",
    "Turkey",
    "United Kingdom",
    "United States of America",
    "Viet Nam",
]
YEARS = [str(y) for y in range(1961, 2011)]  # 50 years, as column names like the CSV's


def data_frame_demo() -> None:
    @st.cache_data
    def get_un_data() -> pd.DataFrame:
        # Deterministic stand-in for agri.csv.gz: a linear congruential generator, so the
        # data never depend on numpy's or Python's random state.
        seed = 20261124
        rows = []
        for r, region in enumerate(REGIONS):
            level = 2e9 + 4e8 * r
            row: dict[str, str | float] = {"Region": region}
            for t, year in enumerate(YEARS):
                seed = (1103515245 * seed + 12345) % 2**31
                noise = (seed / 2**31 - 0.5) * 0.1
                row[year] = level * (1 + 0.03 * t) * (1 + noise)
            rows.append(row)
        df = pd.DataFrame(rows)
        return df.set_index("Region")

    try:
        df = get_un_data()
        countries = st.multiselect(
            "Choose countries", list(df.index), ["China", "United States of America"]
        )
        if not countries:
            st.error("Please select at least one country.")
        else:
            data = df.loc[countries]
            data /= 1000000.0
            st.subheader("Gross agricultural production ($B)")
            st.dataframe(data.sort_index())

            data = data.T.reset_index()
            data = pd.melt(data, id_vars=["index"]).rename(
                columns={"index": "year", "value": "Gross Agricultural Product ($B)"}
            )
            chart = (
                alt.Chart(data)
                .mark_area(opacity=0.3)
                .encode(
                    x="year:T",
                    y=alt.Y("Gross Agricultural Product ($B):Q", stack=None),
                    color="Region:N",
                )
            )
            st.altair_chart(chart, width="stretch")
    except URLError as e:  # kept from the demo; the offline data never raises it
        st.error(f"This demo requires internet access. Connection error: {e.reason}")


st.set_page_config(page_title="DataFrame demo", page_icon=":material/table:")
st.title("DataFrame demo")
st.write(
    """
    This demo shows how to use `st.dataframe` to visualize a Pandas DataFrame.
    Data: synthetic, generated offline in the shape of the UN Data Explorer set.
    """
)
data_frame_demo()
show_code(data_frame_demo)
