-- title: Where publishers disagree on the same figure
-- title_zh: 发布机构对同一数字说法不一之处
-- group: Sources and data quality
-- group_zh: 来源与数据质量
-- description: Periods for which two or more publishers give a value of the same series, with the
-- description: lowest and highest value and who gave them. Publishers count differently: the spread is the point.
-- param: series text p2p_platforms_operating  Series id
SELECT o.period_end, string_agg(DISTINCT o.period_label, ' / ' ORDER BY o.period_label) AS labels,
       count(DISTINCT o.publisher_id) AS publishers,
       min(o.value) AS lowest, arg_min(o.publisher_id, o.value) AS lowest_by,
       max(o.value) AS highest, arg_max(o.publisher_id, o.value) AS highest_by,
       round(max(o.value) / nullif(min(o.value), 0), 2) AS ratio_high_to_low,
       string_agg(o.publisher_id || '=' || o.value, '; ' ORDER BY o.publisher_id) AS all_values
FROM observations o
WHERE o.series_id = $series AND o.region = 'CN'
GROUP BY o.period_end
HAVING count(DISTINCT o.publisher_id) >= 2
ORDER BY o.period_end
