-- title: Claim check: "the scale of the lending market keeps expanding"
-- title_zh: 原文说法核查:“放贷市场规模持续扩大”
-- group: Claim checks
-- group_zh: 原文说法核查
-- description: Rule: every kind of lender is judged on its own latest figures, never added to another kind.
-- description: P2P lending on the regulators' count of platforms in operation (and their change in lending
-- description: balance since end-2018); microloan companies on their loan balance (PBoC); online microloan
-- description: companies on their count (no second balance figure exists); consumer-finance companies on their
-- description: loan balance. For each, the peak and the latest figure of medium or high reliability (per
-- description: publisher; the online-microloan counts of different publishers are compared, and named). A kind
-- description: is still expanding when its latest figure is at least 90% of its peak (for a change rate: not
-- description: negative). Verdict: supported if every kind expands, partly supported if at least half do,
-- description: contradicted if fewer than half do, not testable without figures. A later figure from a
-- description: low-reliability source is shown, not used. Explanations carry {n:…}/{pub:…}/{period:…} tokens the
-- description: build formats for each language.
WITH measures(kind, position, series_id, pooled) AS (
    VALUES ('p2p', 1, 'p2p_institutions_operating_official', true),
           ('p2p', 2, 'p2p_loan_balance_change_official', true),
           ('microloan', 1, 'microloan_loan_balance', false),
           ('online_microloan', 1, 'online_microloan_companies', true),
           ('consumer_finance', 1, 'consumer_finance_loan_balance', false)
),
obs AS (
    SELECT m.kind, m.position, o.series_id, o.publisher_id, o.value, o.unit, o.period_label, o.period_end,
           o.reliability, s.measure, regexp_matches(o.excerpt, '(?i)\bmid-[a-z]|中旬') AS mid_month,
           CASE WHEN m.pooled THEN '*' ELSE o.publisher_id END AS line_key
    FROM observations o JOIN measures m USING (series_id) JOIN series s USING (series_id)
    WHERE o.region = 'CN' AND o.period_type NOT IN ('range', 'cumulative')
),
-- Publishers tied on a line's latest period (or its peak value) are all named, never one picked.
reliable AS (
    SELECT *, period_end = max(period_end) OVER w AS is_latest, value = max(value) OVER w AS is_peak
    FROM obs WHERE reliability <> 'low'
    WINDOW w AS (PARTITION BY series_id, line_key)
),
per_line AS (
    SELECT kind, position, series_id, line_key, any_value(unit) AS unit, any_value(measure) AS measure,
           count(*) AS figures,
           max(value) AS peak, min(period_label) FILTER (WHERE is_peak) AS peak_period,
           string_agg(DISTINCT publisher_id, '/' ORDER BY publisher_id) FILTER (WHERE is_peak) AS peak_publisher,
           min(value) FILTER (WHERE is_latest) AS latest, max(value) FILTER (WHERE is_latest) AS latest_high,
           min(period_label) FILTER (WHERE is_latest) AS latest_period,
           string_agg(DISTINCT publisher_id, '/' ORDER BY publisher_id) FILTER (WHERE is_latest) AS latest_publisher,
           max(period_end) AS latest_end,
           CASE WHEN bool_or(mid_month) FILTER (WHERE is_latest) THEN 'mid' ELSE 'period' END AS latest_token
    FROM reliable GROUP BY ALL
),
later_weak AS (  -- a newer figure from a low-reliability source, shown but not used
    SELECT o.series_id, o.line_key, arg_max(o.value, o.period_end) AS weak_value,
           arg_max(o.period_label, o.period_end) AS weak_period, arg_max(o.publisher_id, o.period_end) AS weak_publisher
    FROM obs o JOIN per_line p ON p.series_id = o.series_id AND p.line_key = o.line_key
    WHERE o.reliability = 'low' AND o.period_end > p.latest_end
    GROUP BY ALL
),
evidence AS (
    SELECT p.*, w.weak_value, w.weak_period, w.weak_publisher,
           CASE WHEN p.measure = 'rate' THEN NULL ELSE round(100 * p.latest / nullif(p.peak, 0), 1) END AS latest_pct_of_peak,
           CASE WHEN p.measure = 'rate' AND (p.latest >= 0) <> (p.latest_high >= 0) THEN NULL  -- tied publishers disagree
                WHEN p.measure = 'rate' THEN p.latest >= 0
                WHEN p.figures < 2 THEN NULL
                WHEN (p.latest >= 0.9 * p.peak) <> (p.latest_high >= 0.9 * p.peak) THEN NULL
                ELSE p.latest >= 0.9 * p.peak END AS still_expanding
    FROM per_line p LEFT JOIN later_weak w USING (series_id, line_key)
    -- A single figure says nothing about a trend; it is left out where the kind has a longer line.
    WHERE p.figures >= 2 OR p.measure = 'rate'
       OR NOT EXISTS (SELECT 1 FROM per_line q WHERE q.kind = p.kind AND q.figures >= 2)
),
-- A kind's direction is that of its first measure with a trend.
kinds AS (
    SELECT kind, arg_min(still_expanding, position) FILTER (WHERE still_expanding IS NOT NULL) AS expanding
    FROM evidence GROUP BY kind
),
verdict AS (
    SELECT CASE WHEN count(expanding) = 0 THEN 'not testable with the data held'
                WHEN bool_and(expanding) THEN 'supported'
                WHEN 2 * count(*) FILTER (WHERE expanding) >= count(expanding) THEN 'partly supported'
                ELSE 'contradicted' END AS verdict,
           count(*) FILTER (WHERE expanding) AS kinds_expanding, count(expanding) AS kinds_judged
    FROM kinds
),
described AS (
    SELECT e.*,
        '{n:' || e.latest || '|' || e.unit || '|' || e.series_id || '}' AS latest_n,
        '{n:' || e.peak || '|' || e.unit || '|' || e.series_id || '}' AS peak_n,
        coalesce('{n:' || e.weak_value || '|' || e.unit || '|' || e.series_id || '}', '') AS weak_n,
        '{n:' || coalesce(e.latest_pct_of_peak, 0) || '|%}' AS pct_n,
        '{' || e.latest_token || ':' || e.latest_period || '}' AS latest_p
    FROM evidence e
),
lines AS (
    SELECT d.*,
        '{series:' || series_id || '}:' || CASE
            WHEN measure = 'rate' THEN '至' || latest_p || '为' || latest_n || '({pub:' || replace(latest_publisher, '/', '}/{pub:') || '})'
            WHEN figures < 2 THEN '只有一个数字,' || latest_n || '({period:' || latest_period || '},{pub:' || replace(latest_publisher, '/', '}/{pub:') || '})'
            ELSE '最高' || peak_n || '({period:' || peak_period || '},{pub:' || replace(peak_publisher, '/', '}/{pub:') || '}),最新' || latest_n
                 || '(' || latest_p || ',{pub:' || replace(latest_publisher, '/', '}/{pub:') || '}),为最高值的' || pct_n
                 || CASE WHEN NOT list_has_any(string_split(peak_publisher, '/'), string_split(latest_publisher, '/')) THEN '(两个数字来自不同发布机构)' ELSE '' END END
        || coalesce(';更晚的低可靠性来源数字' || weak_n || '({period:' || weak_period || '},{pub:' || weak_publisher || '})未采用', '')
            AS line_zh,
        '{series:' || series_id || '}: ' || CASE
            WHEN measure = 'rate' THEN latest_n || ' by ' || latest_p || ' ({pub:' || replace(latest_publisher, '/', '}/{pub:') || '})'
            WHEN figures < 2 THEN 'a single figure, ' || latest_n || ' ({period:' || latest_period || '}, {pub:' || replace(latest_publisher, '/', '}/{pub:') || '})'
            ELSE 'highest ' || peak_n || ' ({period:' || peak_period || '}, {pub:' || replace(peak_publisher, '/', '}/{pub:') || '}), latest ' || latest_n
                 || ' (' || latest_p || ', {pub:' || replace(latest_publisher, '/', '}/{pub:') || '}), ' || pct_n || ' of the highest'
                 || CASE WHEN NOT list_has_any(string_split(peak_publisher, '/'), string_split(latest_publisher, '/')) THEN ' (the two figures come from different publishers)' ELSE '' END END
        || coalesce('; a later figure from a low-reliability source, ' || weak_n || ' ({period:' || weak_period || '}, {pub:' || weak_publisher || '}), is not used', '')
            AS line_en
    FROM described d
)
SELECT l.kind, l.series_id, l.latest_publisher AS publisher_id, l.unit, l.figures, l.peak, l.peak_period, l.peak_publisher,
       l.latest, l.latest_period, l.latest_pct_of_peak, l.still_expanding, l.weak_value, l.weak_period,
       v.kinds_expanding, v.kinds_judged, v.verdict,
       (SELECT string_agg(line_zh, ';' ORDER BY kind, position, line_key) FROM lines) || '。'
       || CASE v.verdict
            WHEN 'supported' THEN '每一类放贷机构的最新数字都在峰值附近。'
            WHEN 'partly supported' THEN v.kinds_judged || '类放贷机构中有' || v.kinds_expanding || '类仍接近峰值,其余已远低于峰值。'
            WHEN 'contradicted' THEN v.kinds_judged || '类放贷机构中只有' || v.kinds_expanding || '类仍在扩张;P2P网贷已清零,其余大多低于峰值。'
            ELSE '' END AS explanation_zh,
       (SELECT string_agg(line_en, '; ' ORDER BY kind, position, line_key) FROM lines) || '. '
       || CASE v.verdict
            WHEN 'supported' THEN 'Every kind of lender is at or near its peak.'
            WHEN 'partly supported' THEN v.kinds_expanding || ' of ' || v.kinds_judged || ' kinds of lender are still near their peak; the others have fallen well below it.'
            WHEN 'contradicted' THEN 'Only ' || v.kinds_expanding || ' of ' || v.kinds_judged || ' kinds of lender are still expanding; P2P lending was wound down to zero and the others are mostly below their peak.'
            ELSE '' END AS explanation_en
FROM lines l CROSS JOIN verdict v
ORDER BY l.kind, l.position, l.line_key
