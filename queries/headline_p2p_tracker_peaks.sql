-- title: Headline: each industry tracker's own peak count of P2P platforms
-- title_zh: 要点:各行业统计机构各自的P2P平台数峰值
-- group: Overview headlines
-- group_zh: 概览要点
-- description: Rule: trackers count platforms on their own definitions (series p2p_platforms_operating), so
-- description: no maximum is taken across them. For each tracker (medium or high reliability) its highest
-- description: figure, called a peak only when the same tracker has a lower figure both before and after it
-- description: (`is_peak`); a highest figure at the edge of a tracker's record (e.g. its only two months)
-- description: may be a month of decline, so it is listed but not headlined.
WITH obs AS (
    SELECT publisher_id, value, period_label, period_end
    FROM observations
    WHERE series_id = 'p2p_platforms_operating' AND region = 'CN' AND reliability <> 'low'
),
top AS (
    SELECT publisher_id, max(value) AS peak, arg_max(period_label, value) AS peak_period,
           arg_max(period_end, value) AS peak_end, count(*) AS figures,
           min(period_end) AS first_end, max(period_end) AS last_end
    FROM obs GROUP BY publisher_id
)
SELECT t.publisher_id, t.peak, t.peak_period, t.figures,
       EXISTS (SELECT 1 FROM obs o WHERE o.publisher_id = t.publisher_id AND o.period_end < t.peak_end AND o.value < t.peak)
       AND EXISTS (SELECT 1 FROM obs o WHERE o.publisher_id = t.publisher_id AND o.period_end > t.peak_end AND o.value < t.peak)
           AS is_peak
FROM top t
ORDER BY is_peak DESC, t.figures DESC, t.publisher_id
