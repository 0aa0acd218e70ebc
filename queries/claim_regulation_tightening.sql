-- title: Claim check: "regulatory policy keeps being improved" (rules binding collection keep coming)
-- group: Claim checks
-- description: Rules on debt collection and on personal information (which binds collectors) in the events
-- description: table, by year. The claim counts as supported when such rules were issued in at least three
-- description: different years and at least one of them in the last three years of the data.
WITH rules AS (
    SELECT date, year(date) AS year, category, title_zh, title_en, authority
    FROM events WHERE category IN ('collection', 'personal_information')
),
summary AS (
    SELECT count(*) AS rules, count(DISTINCT year) AS years_with_rules, max(date) AS latest_date,
           arg_max(title_zh, date) AS latest_title_zh, arg_max(title_en, date) AS latest_title_en,
           (SELECT max(year(date)) FROM events) AS last_year_of_data
    FROM rules
),
verdict AS (
    SELECT *, CASE WHEN rules = 0 THEN 'not testable with the data held'
                   WHEN years_with_rules >= 3 AND year(latest_date) >= last_year_of_data - 2 THEN 'supported'
                   ELSE 'partly supported' END AS verdict
    FROM summary
)
SELECT r.date, r.category, r.authority, r.title_zh, r.title_en, v.rules, v.years_with_rules, v.verdict,
       '数据中有' || v.rules || '项约束催收或个人信息处理的规则,分布在' || v.years_with_rules || '个年份,最近一项是'
       || v.latest_date || '的《' || v.latest_title_zh || '》。' AS explanation_zh,
       'The data hold ' || v.rules || ' rules binding debt collection or the handling of personal information, issued in '
       || v.years_with_rules || ' different years; the latest is "' || v.latest_title_en || '" of ' || v.latest_date || '.' AS explanation_en
FROM rules r CROSS JOIN verdict v
ORDER BY r.date
