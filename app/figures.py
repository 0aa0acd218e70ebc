"""Named figures for scripts and newsrooms (`python -m etl figure NAME`): any series id, drawn as on
its dashboard page. Pure: a DuckDB connection in, a plotly Figure out."""

from __future__ import annotations

import duckdb

from app import charts, queries


class UnknownFigure(LookupError):
    pass


def figure_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.sql("SELECT DISTINCT series_id FROM observations ORDER BY 1").fetchall()]


def build_figure(con: duckdb.DuckDBPyConnection, name: str, lang: str = "en", region: str = "CN"):
    series = con.sql(queries.SERIES).pl().filter(series_id=name)
    if series.is_empty():
        raise UnknownFigure(f"no figure {name!r}; names are series ids, e.g. {', '.join(figure_names(con)[:5])} …")
    frame = con.sql(queries.SERIES_OBSERVATIONS, params=[name, region]).pl()
    return charts.series_line_chart(frame, series.row(0, named=True), lang)
