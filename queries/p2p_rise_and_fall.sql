-- title: The rise and fall of P2P platforms
-- title_zh: P2P平台的兴起与退出
-- group: P2P platforms
-- group_zh: P2P平台
-- description: P2P platforms in normal operation at each year-end by industry publisher (medium or high
-- description: reliability), and the regulators' own count of institutions still operating, on one time
-- description: axis: the rows the Overview chart draws, with publisher, source page and excerpt.
SELECT o.series_id, o.period_end, o.period_label, o.period_type, o.region, o.value, o.unit, o.qualifier,
       o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.publisher_inferred,
       o.derived, o.derivation, o.vintage, o.reliability, o.note, o.excerpt,
       s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE o.region = 'CN' AND (
    (o.series_id = 'p2p_platforms_operating' AND o.period_type = 'year' AND o.reliability <> 'low')
    OR o.series_id = 'p2p_institutions_operating_official')
ORDER BY o.period_end, o.series_id, o.publisher_id
