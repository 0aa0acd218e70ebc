-- title: Headline: licensed lenders now
-- title_zh: 要点:目前的持牌放贷机构
-- group: Overview headlines
-- group_zh: 概览要点
-- description: Rule: for each kind of licensed lender that replaced P2P, the latest national count of medium or
-- description: high reliability: microloan companies (PBoC statistics, series microloan_companies; the headline
-- description: figure), online microloan companies and consumer-finance companies (the second line). Kinds are
-- description: never added up: their counts come from different publishers and dates.
WITH kinds(position, series_id) AS (
    VALUES (1, 'microloan_companies'), (2, 'online_microloan_companies'), (3, 'consumer_finance_companies')
),
latest AS (
    SELECT k.position, o.series_id, o.value, o.unit, o.qualifier, o.period_label, o.period_end, o.publisher_id,
           row_number() OVER (PARTITION BY o.series_id ORDER BY o.period_end DESC, o.vintage DESC NULLS LAST,
                              o.publisher_id) AS rank
    FROM observations o JOIN kinds k USING (series_id)
    WHERE o.region = 'CN' AND o.reliability <> 'low'
)
SELECT position, series_id, value, unit, qualifier, period_label, period_end, publisher_id
FROM latest WHERE rank = 1
ORDER BY position
