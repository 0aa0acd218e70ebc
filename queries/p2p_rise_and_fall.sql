-- title: The rise and fall of P2P platforms
-- group: P2P platforms
-- description: P2P platforms in normal operation at each year-end by industry publisher, and the
-- description: regulators' own count of institutions still operating, on one time axis.
SELECT o.period_end, o.period_label, o.series_id, o.publisher_id, p.name_zh AS publisher, o.value,
       o.qualifier, o.reliability, o.vintage, o.note
FROM observations o JOIN publishers p USING (publisher_id)
WHERE o.region = 'CN'
  AND ((o.series_id = 'p2p_platforms_operating' AND month(o.period_end) = 12 AND day(o.period_end) = 31)
       OR o.series_id = 'p2p_institutions_operating_official')
ORDER BY o.period_end, o.series_id, o.publisher_id
