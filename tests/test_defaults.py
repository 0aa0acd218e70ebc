"""Defaults that show data: every page's default view draws figures."""

from __future__ import annotations

import base64
import json

import numpy as np


def points(chart) -> int:
    """How many values a plotly chart element draws (arrays may arrive base64-encoded)."""
    total = 0
    for trace in json.loads(chart.proto.spec).get("data", []):
        for axis in ("x", "y"):
            values = trace.get(axis)
            if isinstance(values, dict) and "bdata" in values:
                values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
            if values is not None and axis == ("x" if trace.get("orientation") == "h" else "y"):
                total += len(values)
    return total


def test_collection_default_chart_draws_where_the_evidence_is(open_page, bundled_db):
    at = open_page(bundled_db, "collection", lang="en")
    charts = at.get("plotly_chart")
    assert charts and points(charts[-1]) >= 3  # the series with the most figures there, not a lone claim
    assert not any("holds no figures" in i.value for i in at.info)


def test_province_change_defaults_to_the_best_covered_periods(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", lt="provinces")  # only the open tab runs
    assert at.selectbox(key="pr_from.en").value == "2016" and at.selectbox(key="pr_to.en").value == "2018-Q1"
    (change,) = [c for c in at.get("plotly_chart") if c.key == "prov_change_chart"]
    assert points(change) >= 28
