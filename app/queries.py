"""SQL for the dashboard's tables and controls, as named constants with bound parameters. No Streamlit.

Chart SQL is not here: every query that feeds a figure is a named query in queries/ (its one home,
also runnable in the SQL console and by `python -m etl query`), referenced by the figure specs."""

BUILD_INFO = "SELECT build_id, built_at, lendscope_version, duckdb_version FROM build_info"

TABLE_COUNTS = "SELECT table_name, row_count FROM build_tables ORDER BY table_name"

SERIES = """
SELECT s.series_id, s.topic, s.measure, s.unit, s.frequency, s.name_zh, s.name_en,
       s.definition_zh, s.definition_en, count(o.obs_id) AS observations
FROM series s LEFT JOIN observations o USING (series_id)
GROUP BY ALL ORDER BY s.topic, s.series_id
"""

# The provinces' names, for those a map draws without a figure.
PROVINCES = "SELECT code, name_zh, name_en FROM regions WHERE code LIKE 'CN-%' ORDER BY code"

PROVINCIAL_PERIODS = """
SELECT period_label, max(period_end) AS period_end, count(DISTINCT region) AS provinces
FROM observations WHERE series_id = ? AND region LIKE 'CN-%'
GROUP BY period_label ORDER BY period_end
"""

EVENT_CATEGORIES = "SELECT category, name_zh, name_en FROM event_categories ORDER BY category"

SOURCES = """
SELECT s.source_id, s.publisher, s.title, s.url, s.accessed, s.published, s.kind, s.reliability, s.licence,
       count(o.obs_id) AS figures, string_agg(DISTINCT o.series_id, ', ' ORDER BY o.series_id) AS series,
       (SELECT count(*) FROM events e WHERE e.source_id = s.source_id) AS events
FROM sources s LEFT JOIN observations o USING (source_id)
GROUP BY ALL ORDER BY s.source_id
"""

METHODS = "SELECT * FROM collection_methods ORDER BY position"

METHOD_RULES = """
SELECT r.method_id, r.rule_number, r.limit_zh, r.limit_en, r.clause_read, e.event_id, e.date, e.title_zh, e.title_en,
       e.authority, s.url AS source_url
FROM collection_method_rules r JOIN events e USING (event_id) JOIN sources s ON s.source_id = e.source_id
ORDER BY r.method_id, r.rule_number
"""

METHOD_EVIDENCE = """
SELECT m.method_id, m.series_id, s.name_zh, s.name_en, s.unit, count(o.obs_id) AS observations
FROM collection_method_evidence m JOIN series s USING (series_id) LEFT JOIN observations o USING (series_id)
GROUP BY ALL ORDER BY m.method_id, m.series_id
"""

CLAIMS = "SELECT * FROM claims ORDER BY position"

CLAIM_EVIDENCE = "SELECT claim_id, row_number, evidence FROM claim_evidence ORDER BY claim_id, row_number"

SCHEMA_COLUMNS = """
SELECT table_name, column_name, data_type, ordinal_position
FROM information_schema.columns WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position
"""

PUBLISHERS_OF_SERIES = """
SELECT DISTINCT o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en
FROM observations o JOIN publishers p USING (publisher_id)
WHERE list_contains(?, o.series_id) AND o.region = ?
ORDER BY o.publisher_id
"""

# Regions with figures for any of the given series, the most-covered first, each with its series, the
# most figures first (the collection page's pickers: the default draws the most).
REGIONS_OF_SERIES = """
WITH counts AS (
    SELECT region, series_id, count(*) AS figures FROM observations WHERE list_contains(?, series_id) GROUP BY ALL
)
SELECT region, count(*) AS series, list(series_id ORDER BY figures DESC, series_id) AS series_ids
FROM counts GROUP BY region ORDER BY series DESC, region = 'CN' DESC, region
"""

SERIES_REGIONS = "SELECT DISTINCT region FROM observations WHERE series_id = ? ORDER BY region"
