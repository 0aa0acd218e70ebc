-- title: How many rules and events, by category and year
-- group: Regulation and events
-- description: Counts of dated events per category per year: where regulation concentrated.
SELECT year(date) AS year, category, count(*) AS events, string_agg(title_zh, ' / ' ORDER BY date) AS titles
FROM events
GROUP BY ALL
ORDER BY year, category
