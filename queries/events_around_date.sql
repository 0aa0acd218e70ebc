-- title: Regulation and market events around a date
-- title_zh: 某一日期前后的监管与市场事件
-- group: Regulation and events
-- group_zh: 监管与事件
-- description: Events within a number of days before or after a date, with authority, title and source.
-- param: around date 2020-11-01  Centre date
-- param: days integer 365  Days either side
SELECT e.date, e.category, e.authority, e.title_zh, e.title_en, e.doc_number, e.title_zh_verified,
       s.url AS source_url, e.date - $around AS days_from_centre
FROM events e JOIN sources s USING (source_id)
WHERE abs(e.date - $around) <= $days
ORDER BY e.date
