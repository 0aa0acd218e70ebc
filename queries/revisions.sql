-- title: Revised figures: one figure, several vintages
-- title_zh: 修订过的数字:同一数字的多个版本
-- group: Sources and data quality
-- group_zh: 来源与数据质量
-- description: Figures a publisher published more than once with different values (revisions), each vintage
-- description: with its value and source.
SELECT o.series_id, o.period_label, o.region, o.publisher_id, o.vintage, o.value, o.derivation, s.url AS source_url
FROM observations o JOIN sources s USING (source_id)
WHERE (o.series_id, o.period_label, o.region, o.publisher_id) IN (
    SELECT (series_id, period_label, region, publisher_id) FROM observations
    GROUP BY ALL HAVING count(DISTINCT value) > 1
)
ORDER BY o.series_id, o.period_label, o.publisher_id, o.vintage NULLS FIRST
