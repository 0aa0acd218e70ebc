-- title: Claim check: "online lending platforms grew from 1,575 in 2014 to nearly 2,000 in 2023"
-- title_zh: 原文说法核查:“网贷平台从2014年的1575家增至2023年的近2000家”
-- group: Claim checks
-- group_zh: 原文说法核查
-- description: For every series the article's "网贷平台" could mean (P2P platforms as counted by industry
-- description: trackers and by regulators, microloan, online-microloan and consumer-finance companies):
-- description: the end-2014 value, the value nearest the end of 2023 (or the zero a wound-down sector stayed
-- description: at), and whether
-- description: each matches the article's 1575 and "nearly 2000" (1800 to 2000). The verdict follows from
-- description: those matches; the explanation is written from the same figures.
WITH claim AS (SELECT 1575 AS claimed_2014, 1800 AS nearly_2000_low, 2000 AS nearly_2000_high),
candidates(series_id, reading_en, reading_zh) AS (
    VALUES ('p2p_platforms_operating', 'P2P platforms in normal operation (industry trackers)', 'P2P网贷正常运营平台数(行业统计)'),
           ('p2p_institutions_operating_official', 'P2P institutions operating (regulators)', 'P2P网贷实际运营机构数(监管部门)'),
           ('microloan_companies', 'microloan companies (PBoC)', '小额贷款公司(人民银行)'),
           ('microloan_companies_nfra', 'microloan companies (NFRA)', '小额贷款公司(金融监管总局)'),
           ('online_microloan_companies', 'online microloan companies', '网络小额贷款公司'),
           ('consumer_finance_companies', 'consumer-finance companies', '消费金融公司')
),
obs AS (
    SELECT o.series_id, o.publisher_id, o.period_end, o.period_label, o.value, o.vintage, o.reliability
    FROM observations o JOIN candidates USING (series_id)
    WHERE o.region = 'CN'
),
year_2014 AS (
    SELECT series_id, publisher_id, arg_max(value, coalesce(vintage, DATE '1900-01-01')) AS value_2014,
           arg_max(reliability, coalesce(vintage, DATE '1900-01-01')) AS reliability_2014
    FROM obs WHERE period_end = DATE '2014-12-31'
    GROUP BY ALL
),
-- The figure nearest the end of 2023 (within a year of it), labelled with its own period; a sector
-- already at zero (P2P since November 2020) stays at zero.
year_2023 AS (
    SELECT series_id, publisher_id,
           arg_min(value, abs(datediff('day', period_end, DATE '2023-12-31'))) AS value_2023,
           arg_min(period_label, abs(datediff('day', period_end, DATE '2023-12-31'))) AS period_2023
    FROM obs
    WHERE abs(datediff('day', period_end, DATE '2023-12-31')) <= 366
       OR (value = 0 AND period_end <= DATE '2023-12-31')
    GROUP BY ALL
),
-- When the regulators' count of P2P institutions first reached zero.
p2p_zero AS (
    SELECT CASE WHEN arg_min(regexp_matches(excerpt, '(?i)\bmid-[a-z]|中旬'), period_end) THEN '{mid:' ELSE '{period:' END
           || arg_min(period_label, period_end) || '}' AS zero_label
    FROM observations
    WHERE series_id = 'p2p_institutions_operating_official' AND value = 0
),
keys AS (
    SELECT series_id, publisher_id FROM year_2014 UNION SELECT series_id, publisher_id FROM year_2023
),
evidence AS (
    SELECT k.series_id, k.publisher_id, c.reading_en, c.reading_zh,
           a.value_2014, a.reliability_2014, b.value_2023, b.period_2023,
           claim.claimed_2014, claim.nearly_2000_low, claim.nearly_2000_high,
           coalesce(abs(a.value_2014 - claim.claimed_2014) < 0.5, false) AS matches_2014,
           coalesce(b.value_2023 BETWEEN claim.nearly_2000_low AND claim.nearly_2000_high, false) AS matches_2023
    FROM keys k JOIN candidates c USING (series_id) CROSS JOIN claim
    LEFT JOIN year_2014 a ON a.series_id = k.series_id AND a.publisher_id = k.publisher_id
    LEFT JOIN year_2023 b ON b.series_id = k.series_id AND b.publisher_id = k.publisher_id
),
described AS (
    SELECT *,
        '{n:' || value_2014 || '|家|' || series_id || '}' AS v14,
        '{n:' || value_2023 || '|家|' || series_id || '}' AS v23
    FROM evidence
),
verdict AS (
    SELECT
        CASE
            WHEN bool_or(matches_2014 AND matches_2023) THEN 'supported'
            WHEN bool_or(matches_2014) AND bool_or(matches_2023) THEN 'partly supported'
            WHEN bool_or(matches_2014) THEN 'contradicted'
            WHEN bool_or(matches_2023) THEN 'partly supported'
            ELSE 'not testable with the data held'
        END AS verdict,
        string_agg(reading_en || ' by {pub:' || publisher_id || '}', '; ' ORDER BY series_id, publisher_id) FILTER (WHERE matches_2014) AS match_2014_en,
        string_agg(reading_zh || '({pub:' || publisher_id || '})', '、' ORDER BY series_id, publisher_id) FILTER (WHERE matches_2014) AS match_2014_zh,
        string_agg(reading_en || ' ' || v23 || ' ({pub:' || publisher_id || '}, {period:' || period_2023 || '})', '; '
                   ORDER BY value_2023 DESC, series_id, publisher_id) FILTER (WHERE value_2023 IS NOT NULL) AS all_2023_en,
        string_agg(reading_zh || v23 || '({pub:' || publisher_id || '},{period:' || period_2023 || '})', ';'
                   ORDER BY value_2023 DESC, series_id, publisher_id) FILTER (WHERE value_2023 IS NOT NULL) AS all_2023_zh
    FROM described
)
SELECT d.series_id, d.publisher_id, d.reading_en, d.reading_zh, d.value_2014, d.reliability_2014, d.value_2023, d.period_2023,
       d.claimed_2014, d.nearly_2000_low, d.nearly_2000_high, d.matches_2014, d.matches_2023,
       v.verdict,
       CASE WHEN v.match_2014_zh IS NOT NULL
            THEN '1,575家与' || v.match_2014_zh || '2014年末的数字一致。'
            ELSE '没有任何系列在2014年末为1,575家。' END
       || '2023年前后(最接近2023年末的数字;已清零的行业取其清零数字)各口径为:' || coalesce(v.all_2023_zh, '无数据') || '。'
       || CASE v.verdict
            WHEN 'contradicted' THEN '与1,575家同一口径的P2P网贷平台在' || coalesce(z.zero_label, '?') || '已清零(监管部门数字),没有任何口径在2023年接近2,000家(1,800至2,000家):文章把两种不同的机构混为一谈。'
            WHEN 'supported' THEN '同一口径在2023年接近2,000家。'
            ELSE '两个数字来自不同口径。' END AS explanation_zh,
       CASE WHEN v.match_2014_en IS NOT NULL
            THEN '1,575 is the end-2014 figure of ' || v.match_2014_en || '. '
            ELSE 'No series held 1,575 at the end of 2014. ' END
       || 'Around 2023 (the figure nearest its end, or the zero a wound-down sector stayed at) the candidates give: ' || coalesce(v.all_2023_en, 'no data') || '. '
       || CASE v.verdict
            WHEN 'contradicted' THEN 'The series that matches 1,575, P2P platforms, was wound down to zero by ' || coalesce(z.zero_label, '?') || ' (regulators'' count), and no reading is near 2,000 (1,800 to 2,000) in 2023: the article joins two different kinds of lender.'
            WHEN 'supported' THEN 'The same series is near 2,000 in 2023.'
            ELSE 'The two figures come from different series.' END AS explanation_en
FROM described d CROSS JOIN verdict v CROSS JOIN p2p_zero z
ORDER BY d.matches_2014 DESC, d.series_id, d.publisher_id
