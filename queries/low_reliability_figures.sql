-- title: Figures resting on weak sources
-- title_zh: 依据低可靠性来源的数字
-- group: Sources and data quality
-- group_zh: 来源与数据质量
-- description: Observations rated low reliability (content farms, vendor claims, unnamed origin, inferred
-- description: publisher), so a chart headline never rests on them alone.
-- param: series_like text %  Series id pattern (SQL LIKE), % for all
SELECT o.series_id, o.period_label, o.publisher_id, o.publisher_inferred, o.value, o.unit, s.publisher AS page_publisher,
       s.url AS source_url, o.note
FROM observations o JOIN sources s USING (source_id)
WHERE o.reliability = 'low' AND o.series_id LIKE $series_like
ORDER BY o.series_id, o.period_end
