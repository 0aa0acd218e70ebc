"""SQL the dashboard runs, as named constants with bound parameters. No Streamlit here."""

BUILD_INFO = "SELECT build_id, built_at, lendscope_version, duckdb_version FROM build_info"

TABLE_COUNTS = "SELECT table_name, row_count FROM build_tables ORDER BY table_name"

SERIES = """
SELECT s.series_id, s.topic, s.measure, s.unit, s.frequency, s.name_zh, s.name_en,
       s.definition_zh, s.definition_en, count(o.obs_id) AS observations
FROM series s LEFT JOIN observations o USING (series_id)
GROUP BY ALL ORDER BY s.topic, s.series_id
"""

# What every chart query returns for a figure: the value, its period, publisher and the page it was
# read on (the export and the hover need all of it).
_FIGURE_COLUMNS = """
o.series_id, o.period_end, o.period_label, o.period_type, o.region, o.value, o.unit, o.qualifier,
o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.publisher_inferred,
o.derived, o.derivation, o.vintage, o.reliability, o.note, o.excerpt,
s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
"""
_FIGURE_FROM = """
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
"""

SERIES_OBSERVATIONS = f"""
SELECT {_FIGURE_COLUMNS} {_FIGURE_FROM}
WHERE o.series_id = ? AND o.region = ?
ORDER BY o.publisher_id, o.period_end, o.vintage NULLS FIRST
"""

# Several series side by side (kinds of lender), national, at their period ends (no ranges or running
# totals). Every reliability: the chart's footer counts the low-reliability figures it draws.
SERIES_SIDE_BY_SIDE = f"""
SELECT {_FIGURE_COLUMNS} {_FIGURE_FROM}
WHERE list_contains(?, o.series_id) AND o.region = 'CN' AND o.period_type NOT IN ('range', 'cumulative')
ORDER BY o.series_id, o.publisher_id, o.period_end, o.vintage NULLS FIRST
"""

# The industry's year-end counts (reliable sources) with the regulators' wind-down figures (overview).
RISE_AND_FALL = f"""
SELECT {_FIGURE_COLUMNS} {_FIGURE_FROM}
WHERE o.region = 'CN' AND (
    (o.series_id = 'p2p_platforms_operating' AND o.period_type = 'year' AND o.reliability <> 'low')
    OR o.series_id = 'p2p_institutions_operating_official')
ORDER BY o.period_end
"""

# All regions of a series at one period (provincial tables).
SERIES_PERIOD_REGIONS = f"""
SELECT {_FIGURE_COLUMNS}, r.name_zh, r.name_en {_FIGURE_FROM}
JOIN regions r ON r.code = o.region
WHERE o.series_id = ? AND o.period_label = ? AND o.region LIKE 'CN-%'
ORDER BY o.value DESC
"""

# The provinces' names, for those a map draws without a figure.
PROVINCES = "SELECT code, name_zh, name_en FROM regions WHERE code LIKE 'CN-%' ORDER BY code"

PROVINCIAL_PERIODS = """
SELECT period_label, max(period_end) AS period_end, count(DISTINCT region) AS provinces
FROM observations WHERE series_id = ? AND region LIKE 'CN-%'
GROUP BY period_label ORDER BY period_end
"""

EVENTS = """
SELECT e.event_id, e.date, e.in_force, e.authority, e.title_zh, e.title_en, e.title_zh_verified, e.doc_number,
       e.category, c.name_zh AS category_zh, c.name_en AS category_en, e.gist_zh, e.gist_en,
       s.url AS source_url, s.title AS source_title, e.excerpt, e.note, e.kind, e.final_version
FROM events e JOIN event_categories c USING (category) JOIN sources s USING (source_id)
ORDER BY e.date, e.event_id
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
