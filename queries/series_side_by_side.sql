-- title: Several series side by side (kinds of lender), national
-- title_zh: 多个序列并列(各类放贷机构,全国)
-- group: What replaced P2P
-- group_zh: P2P之后
-- description: Every national figure of the listed series at its period end (no spans of months or running
-- description: totals), one row per figure with publisher, source page and excerpt; every reliability (the
-- description: Lenders page's "After P2P" chart counts the weak ones in its notes). Never add the rows up.
-- param: series_ids text p2p_platforms_operating,microloan_companies  Series ids, comma-separated
SELECT o.series_id, o.period_end, o.period_label, o.period_type, o.region, o.value, o.unit, o.qualifier,
       o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.publisher_inferred,
       o.derived, o.derivation, o.vintage, o.reliability, o.note, o.excerpt,
       s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE list_contains(string_split($series_ids, ','), o.series_id) AND o.region = 'CN'
  AND o.period_type NOT IN ('range', 'cumulative')
ORDER BY o.series_id, o.publisher_id, o.period_end, o.vintage NULLS FIRST
