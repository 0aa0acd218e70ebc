-- title: Peak of a series, by publisher
-- title_zh: 某序列的峰值(按发布机构)
-- group: Any series
-- group_zh: 任一序列
-- description: The highest value each publisher gives for a series, and when.
-- param: series text p2p_platforms_operating  Series id
SELECT publisher_id, max(value) AS peak, arg_max(period_label, value) AS peak_period,
       count(*) AS observations, min(period_label) AS first_period, max(period_label) AS last_period
FROM observations
WHERE series_id = $series AND region = 'CN'
GROUP BY publisher_id
ORDER BY peak DESC
