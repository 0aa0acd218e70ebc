-- title: How many rules and events, by category and year
-- title_zh: 按类别和年份统计的规则与事件数
-- group: Regulation and events
-- group_zh: 监管与事件
-- description: Counts of dated events per category per year: where regulation concentrated.
SELECT year(date) AS year, category, count(*) AS events, string_agg(title_zh, ' / ' ORDER BY date) AS titles
FROM events
GROUP BY ALL
ORDER BY year, category
