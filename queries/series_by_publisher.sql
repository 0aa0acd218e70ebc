-- title: One series, every publisher side by side
-- group: Any series
-- description: Every observation of a series in one region, with its publisher, source page and excerpt.
-- description: The rows the dashboard's line charts draw (one line per publisher).
-- param: series text p2p_platforms_operating  Series id (see the series table)
-- param: region text CN  CN for national, or an ISO 3166-2:CN code such as CN-GD
SELECT o.period_label, o.period_type, o.period_end, o.publisher_id, p.name_zh AS publisher,
       o.value, o.unit, o.qualifier, o.derived, o.derivation, o.vintage, o.reliability, o.publisher_inferred,
       s.url AS source_url, o.excerpt
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE o.series_id = $series AND o.region = $region
ORDER BY o.period_end, o.publisher_id, o.vintage NULLS FIRST
