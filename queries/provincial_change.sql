-- title: Change by province between two periods
-- title_zh: 两个时期之间各省的变化
-- group: Provinces
-- group_zh: 各省
-- description: For provinces published in both periods: the value at each and the change.
-- param: series text microloan_companies  Series id
-- param: from_period text 2016  Earlier period label
-- param: to_period text 2018-Q1  Later period label
SELECT a.region, r.name_zh, r.name_en, a.value AS from_value, b.value AS to_value,
       b.value - a.value AS change, round(100 * (b.value - a.value) / nullif(a.value, 0), 1) AS change_pct
FROM observations a
JOIN observations b ON b.series_id = a.series_id AND b.region = a.region AND b.publisher_id = a.publisher_id
JOIN regions r ON r.code = a.region
WHERE a.series_id = $series AND a.period_label = $from_period AND b.period_label = $to_period AND a.region LIKE 'CN-%'
ORDER BY change
