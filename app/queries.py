"""SQL the dashboard runs, as named constants with bound parameters. No Streamlit here."""

BUILD_INFO = "SELECT build_id, built_at, lendscope_version, duckdb_version FROM build_info"

TABLE_COUNTS = "SELECT table_name, row_count FROM build_tables ORDER BY table_name"

SERIES = """
SELECT s.series_id, s.topic, s.measure, s.unit, s.frequency, s.name_zh, s.name_en,
       s.definition_zh, s.definition_en, count(o.obs_id) AS observations
FROM series s LEFT JOIN observations o USING (series_id)
GROUP BY ALL ORDER BY s.topic, s.series_id
"""

SERIES_OBSERVATIONS = """
SELECT o.period_end, o.period_label, o.period_type, o.value, o.unit, o.qualifier, o.publisher_id,
       p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.derived, o.derivation, o.vintage,
       o.reliability, o.note, o.excerpt, s.title AS source_title, s.url AS source_url,
       s.publisher AS source_site, s.accessed
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE o.series_id = ? AND o.region = ?
ORDER BY o.publisher_id, o.period_end, o.vintage NULLS FIRST
"""
