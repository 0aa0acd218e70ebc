"""Tables are drawn on a canvas in the browser, so they are read here, under AppTest: on every page in
both languages no table header is a column id (publisher_zh, from_value) or English on a Chinese page,
and no cell reads None or a machine timestamp. The SQL page is left out (it shows query results as they
are); the chart blocks' Table tabs are read like every other table."""

from __future__ import annotations

import re

import pytest

from app.i18n import t
from etl.dictionary import describe_schema

PAGES = ["overview", "platforms", "volume", "lenders", "regulation", "collection", "claims", "sources"]
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
LATIN = re.compile(r"[A-Za-z]{3,}")
# source_id: the sources table labels its id column as such; Statista: a publisher's name.
ALLOWED = {"SQL", "source_id", "Statista"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_reads_as_text_for_a_reader(open_page, bundled_db, lang):
    problems = []
    # Tabs and boxes run only when open (a click reruns the script): each lenders tab is opened by its
    # link, every chart block's Table tab and every data-dictionary box through the session state.
    views = [(p, {"lt": tab} if p == "lenders" else {}) for p in PAGES
             for tab in (["compare", "national", "provinces", "others"] if p == "lenders" else [None])]  # fmt: skip
    for page, extra in views:
        params = {"lang": lang, "cf_n": "1575"} if page == "claims" else {"lang": lang}
        at = open_page(bundled_db, page, **params, **extra)
        for key in [k for k in at.session_state.to_dict() if str(k).endswith(f"_view.{lang}")]:
            at.session_state[key] = t("fig_tab_table", lang)
        if page == "sources":
            for table in {row["table"] for row in describe_schema()}:
                at.session_state[f"so_dict_{table}"] = True
        at.run()
        assert not at.exception, at.exception
        for frame in at.dataframe:
            table = frame.value
            columns = [str(c) for c in table.columns]
            for column in columns:
                if SNAKE.match(column):
                    problems.append(f"{page}/{lang}: header {column}")
                if lang == "zh" and any(w not in ALLOWED for w in LATIN.findall(column.split("(")[0])):
                    problems.append(f"{page}/{lang}: English header {column}")
            for value in map(str, table.to_numpy().ravel()):
                if value in ("None", "nan", "NaN", "NaT") or TIMESTAMP.search(value):
                    problems.append(f"{page}/{lang}: cell {value!r} under {columns}")
                    break
    assert not problems, problems[:20]
