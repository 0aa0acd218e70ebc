-- title: Regulation and market events, with their sources
-- title_zh: 监管与市场事件及其来源
-- group: Regulation and events
-- group_zh: 监管与事件
-- description: Every dated event (rules, campaigns, market milestones) with its category, authority,
-- description: titles in both languages, gist and the page it was read on: the rows the Regulation
-- description: timeline draws and the event markers on series charts.
SELECT e.event_id, e.date, e.in_force, e.authority, e.title_zh, e.title_en, e.title_zh_verified, e.doc_number,
       e.category, c.name_zh AS category_zh, c.name_en AS category_en, e.gist_zh, e.gist_en,
       s.url AS source_url, s.title AS source_title, s.publisher AS source_site, s.accessed, e.excerpt, e.note,
       e.kind, e.final_version
FROM events e JOIN event_categories c USING (category) JOIN sources s USING (source_id)
ORDER BY e.date, e.event_id
