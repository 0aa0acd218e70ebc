-- title: The official wind-down of P2P lending, 2019-2020
-- title_zh: P2P网贷的官方清退(2019—2020年)
-- group: P2P platforms
-- group_zh: P2P平台
-- description: Every dated count of operating P2P institutions given by the regulators (CBIRC, PBoC),
-- description: down to zero in November 2020, with who said it and where it was read.
-- param: since date 2019-01-01  First date shown
SELECT o.period_label, o.period_end, o.publisher_id, o.value, o.qualifier, o.note, s.url AS source_url, o.excerpt
FROM observations o JOIN sources s USING (source_id)
WHERE o.series_id = 'p2p_institutions_operating_official' AND o.period_end >= $since
ORDER BY o.period_end, o.publisher_id
