-- title: Claim check: "regulatory policy keeps being improved" (rules binding collection keep coming)
-- title_zh: 原文说法核查:“监管政策不断完善”(约束催收的规则不断出台)
-- group: Claim checks
-- group_zh: 原文说法核查
-- description: Rule: events on debt collection and on personal information (which binds collectors) are
-- description: counted as rules once each: a draft and its final version (the draft's final_version) are one
-- description: rule, dated at the final text; a draft never finalised is not yet a rule; enforcement news,
-- description: statements and market events are not rules. The testable half of the claim counts as supported
-- description: when such rules were issued in at least three different years up to the article's date and at
-- description: least one in the three years before it; rules issued after the article are reported, not used.
-- description: The other half ("the industry will become more standardised") is a forecast (see claims.toml).
-- param: article_date date 2025-02-12  The date the article was posted
WITH considered AS (
    SELECT event_id, date, year(date) AS year, category, kind, final_version, title_zh, title_en, authority
    FROM events WHERE category IN ('collection', 'personal_information')
),
judged AS (
    SELECT c.*,
           CASE WHEN c.kind = 'rule' THEN 'rule'
                WHEN c.kind = 'draft' AND f.event_id IS NOT NULL THEN 'draft of a rule'
                WHEN c.kind = 'draft' THEN 'draft not finalised'
                ELSE 'not a rule' END AS counted_as,
           f.date AS final_date
    FROM considered c LEFT JOIN events f ON f.event_id = c.final_version AND f.kind = 'rule'
),
rules AS (SELECT * FROM judged WHERE counted_as = 'rule'),
summary AS (
    SELECT count(*) FILTER (WHERE date <= $article_date) AS rules,
           count(DISTINCT year) FILTER (WHERE date <= $article_date) AS years_with_rules,
           count(*) FILTER (WHERE date > $article_date) AS rules_after,
           max(date) FILTER (WHERE date <= $article_date) AS latest_date,
           arg_max(title_zh, date) FILTER (WHERE date <= $article_date) AS latest_title_zh,
           arg_max(title_en, date) FILTER (WHERE date <= $article_date) AS latest_title_en,
           (SELECT count(*) FROM judged WHERE counted_as = 'draft of a rule') AS drafts_merged,
           (SELECT count(*) FROM judged WHERE counted_as = 'not a rule') AS not_rules,
           (SELECT count(*) FROM judged) AS events
    FROM rules
),
verdict AS (
    SELECT *, CASE WHEN rules = 0 THEN 'not testable with the data held'
                   WHEN years_with_rules >= 3 AND latest_date > $article_date - INTERVAL 3 YEAR THEN 'supported'
                   ELSE 'partly supported' END AS verdict
    FROM summary
)
SELECT j.event_id, j.date, j.category, j.kind, j.counted_as, j.final_version, j.authority, j.title_zh, j.title_en,
       j.date > $article_date AS after_article, v.rules, v.years_with_rules, v.rules_after, v.drafts_merged,
       v.not_rules, v.events, v.verdict,
       '截至文章发布日({date:' || $article_date || '}),数据中有' || v.rules || '项约束催收或个人信息处理的规则,分布在'
       || v.years_with_rules || '个年份,最近一项是{date:' || v.latest_date || '}的《' || v.latest_title_zh || '》'
       || '(共' || v.events || '项相关事件:征求意见稿与其正式文本合计为一项,' || v.drafts_merged || '份征求意见稿未另计;'
       || v.not_rules || '项执法或其他消息不计为规则)。'
       || CASE WHEN v.rules_after > 0 THEN '文章发布后又有' || v.rules_after || '项。' ELSE '' END
       || CASE v.verdict WHEN 'supported' THEN '规则持续出台,这一半说法有数据支持。'
                         WHEN 'partly supported' THEN '规则有所出台,但不够持续。' ELSE '' END AS explanation_zh,
       'Up to the article''s date ({date:' || $article_date || '}) the data hold ' || v.rules
       || ' rules binding debt collection or the handling of personal information, issued in ' || v.years_with_rules
       || ' different years; the latest is "' || v.latest_title_en || '" of {date:' || v.latest_date || '} ('
       || v.events || ' events in all: a draft and its final text count as one rule, so ' || v.drafts_merged
       || ' drafts are not counted again; ' || v.not_rules || ' enforcement or other announcements are not rules). '
       || CASE WHEN v.rules_after > 0 THEN v.rules_after || ' more came after the article. ' ELSE '' END
       || CASE v.verdict WHEN 'supported' THEN 'Rules kept coming: this half of the claim is supported.'
                         WHEN 'partly supported' THEN 'Some rules were issued, but not steadily.' ELSE '' END AS explanation_en
FROM judged j CROSS JOIN verdict v
ORDER BY j.date, j.event_id
