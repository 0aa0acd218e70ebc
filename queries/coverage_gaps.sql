-- title: Coverage and year-end gaps per series and publisher
-- title_zh: 各序列、各发布机构的覆盖范围与年末缺口
-- group: Sources and data quality
-- group_zh: 来源与数据质量
-- description: For each series and publisher: observations, first and last period, and which year-ends
-- description: between the first and last year have no figure (any label ending on 31 December counts).
SELECT series_id, publisher_id, count(*) AS observations, min(period_end) AS first_end, max(period_end) AS last_end,
       list_sort(list_distinct(list(year(period_end)) FILTER (WHERE month(period_end) = 12 AND day(period_end) = 31))) AS year_ends,
       list_sort(list_filter(range(year(min(period_end)), year(max(period_end)) + 1),
                             lambda y: NOT list_contains(list(year(period_end)) FILTER (WHERE month(period_end) = 12 AND day(period_end) = 31), y))) AS missing_year_ends
FROM observations
WHERE region = 'CN' AND period_type <> 'cumulative'
GROUP BY series_id, publisher_id
ORDER BY series_id, publisher_id
