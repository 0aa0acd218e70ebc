-- title: Claim check: "the scale of the lending market keeps expanding"
-- group: Claim checks
-- description: For the lending volumes held (P2P loan balance and annual turnover, microloan-company loan
-- description: balance, consumer-finance loan balance): each publisher's peak and latest figure. A series
-- description: counts as still expanding when its latest figure is at least 90% of its peak.
WITH candidates(series_id, reading_en, reading_zh) AS (
    VALUES ('p2p_loan_balance', 'P2P loan balance', 'P2P网贷贷款余额'),
           ('p2p_turnover', 'P2P annual turnover', 'P2P网贷年成交量'),
           ('microloan_loan_balance', 'microloan-company loan balance', '小额贷款公司贷款余额'),
           ('consumer_finance_loan_balance', 'consumer-finance loan balance', '消费金融公司贷款余额')
),
obs AS (
    SELECT o.series_id, o.publisher_id, o.period_label, o.period_end, o.value
    FROM observations o JOIN candidates USING (series_id)
    WHERE o.region = 'CN' AND o.reliability <> 'low'
      AND (o.series_id <> 'p2p_turnover' OR o.period_type = 'year')
      AND (o.series_id = 'p2p_turnover' OR o.period_type IN ('year', 'quarter', 'month'))
),
per_series AS (
    SELECT series_id, publisher_id, count(*) AS observations,
           max(value) AS peak, arg_max(period_label, value) AS peak_period,
           arg_max(value, period_end) AS latest, arg_max(period_label, period_end) AS latest_period
    FROM obs GROUP BY ALL HAVING count(*) >= 3
),
evidence AS (
    SELECT p.*, c.reading_en, c.reading_zh, round(100 * p.latest / p.peak, 1) AS latest_pct_of_peak,
           p.latest >= 0.9 * p.peak AS still_expanding
    FROM per_series p JOIN candidates c USING (series_id)
),
verdict AS (
    SELECT CASE WHEN count(*) = 0 THEN 'not testable with the data held'
                WHEN bool_and(still_expanding) THEN 'supported'
                WHEN bool_or(still_expanding) THEN 'partly supported'
                ELSE 'contradicted' END AS verdict,
           string_agg(reading_en || ' (' || publisher_id || '): peak ' || peak || ' in ' || peak_period || ', latest '
                      || latest || ' in ' || latest_period || ' (' || latest_pct_of_peak || '% of peak)', '; '
                      ORDER BY series_id, publisher_id) AS summary_en,
           string_agg(reading_zh || '(' || publisher_id || '):峰值' || peak || '(' || peak_period || '),最新'
                      || latest || '(' || latest_period || ')' || '(峰值的' || latest_pct_of_peak || '%)', ';'
                      ORDER BY series_id, publisher_id) AS summary_zh
    FROM evidence
)
SELECT e.series_id, e.publisher_id, e.reading_en, e.reading_zh, e.observations, e.peak, e.peak_period, e.latest, e.latest_period,
       e.latest_pct_of_peak, e.still_expanding, v.verdict,
       '各口径(亿元,剔除低可靠性来源):' || v.summary_zh || '。' || CASE v.verdict
           WHEN 'partly supported' THEN '只有部分口径仍接近峰值,其余已远低于峰值。'
           WHEN 'contradicted' THEN '没有任何口径仍处于峰值附近。'
           ELSE '' END AS explanation_zh,
       'By series (100 million yuan, low-reliability sources left out): ' || v.summary_en || '. ' || CASE v.verdict
           WHEN 'partly supported' THEN 'Only some series are still near their peak; the others have fallen well below it.'
           WHEN 'contradicted' THEN 'No series is near its peak.'
           ELSE '' END AS explanation_en
FROM evidence e CROSS JOIN verdict v
ORDER BY e.series_id, e.publisher_id
