-- Lendscope database schema. Loaded into an empty file by etl/build.py; constraints are enforced
-- by DuckDB at load time, on top of the rules in etl/validate.py.

CREATE TABLE units (
    unit        VARCHAR PRIMARY KEY,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('count', 'money', 'rate', 'duration', 'other'))
);

CREATE TABLE publishers (
    publisher_id VARCHAR PRIMARY KEY,
    name_zh      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    url          VARCHAR,
    note         VARCHAR
);

CREATE TABLE regions (
    code        VARCHAR PRIMARY KEY CHECK (regexp_full_match(code, 'CN-[A-Z]{2}|[A-Z]{2}')),
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL
);

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY,
    publisher   VARCHAR NOT NULL,          -- who published the page read (may be a repost site)
    title       VARCHAR NOT NULL,
    url         VARCHAR NOT NULL CHECK (regexp_matches(url, '^https?://')),
    accessed    DATE NOT NULL,
    published   DATE,
    licence     VARCHAR,
    kind        VARCHAR NOT NULL CHECK (kind IN ('web page', 'official release', 'API', 'document')),
    reliability VARCHAR NOT NULL CHECK (reliability IN ('high', 'medium', 'low')),
    note        VARCHAR,
    defined_in  VARCHAR NOT NULL           -- input file, for lineage
);

CREATE TABLE series (
    series_id     VARCHAR PRIMARY KEY,
    topic         VARCHAR NOT NULL CHECK (topic IN ('platforms', 'volume', 'outcomes', 'microloans',
                                                   'regulation', 'collection', 'macro')),
    measure       VARCHAR NOT NULL CHECK (measure IN ('stock', 'flow', 'rate', 'cumulative')),
    unit          VARCHAR NOT NULL REFERENCES units (unit),
    frequency     VARCHAR NOT NULL,
    name_zh       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    definition_zh VARCHAR NOT NULL,
    definition_en VARCHAR NOT NULL,
    note          VARCHAR
);

CREATE TABLE observations (
    obs_id        VARCHAR NOT NULL,        -- hash of the key below: stable across builds; the
                                           -- primary key is added after the bulk load (build.py)
    -- series_id, region, publisher_id, unit and source_id name rows of series, regions, publishers,
    -- units and sources. The build checks that in one query after the load (build.py,
    -- OBSERVATION_REFERENCES) rather than by declared foreign keys, which cost a lookup per
    -- inserted row (3 of the 10 s of a 1e6-row build) and cannot be added after a load in DuckDB.
    series_id     VARCHAR NOT NULL,
    period_label  VARCHAR NOT NULL,        -- as written: 2015, 2015-Q3, 2015-06, 2015-H1, 2020-10-22,
                                           -- 2019-01/2019-09, to:2018-12
    period_type   VARCHAR NOT NULL CHECK (period_type IN ('year', 'half', 'quarter', 'month', 'day', 'range',
                                                          'cumulative')),
    period_start  DATE,                    -- NULL for cumulative-to-date
    period_end    DATE NOT NULL,
    region        VARCHAR NOT NULL,
    publisher_id  VARCHAR NOT NULL,
    publisher_inferred BOOLEAN NOT NULL,   -- the page does not name the producer; see note
    value         DOUBLE NOT NULL,
    unit          VARCHAR NOT NULL,
    qualifier     VARCHAR CHECK (qualifier IN ('about', 'nearly', 'more_than', 'less_than')),
    source_id     VARCHAR NOT NULL,
    excerpt       VARCHAR NOT NULL CHECK (length(trim(excerpt)) > 0),
    derived       BOOLEAN NOT NULL,
    derivation    VARCHAR,                 -- the arithmetic, when derived
    vintage       DATE,                    -- when the publisher published this version; NULL unknown
    reliability   VARCHAR NOT NULL CHECK (reliability IN ('high', 'medium', 'low')),
    note          VARCHAR,
    input_file    VARCHAR NOT NULL,
    input_line    INTEGER NOT NULL,
    CHECK (derived = (derivation IS NOT NULL))
);

CREATE TABLE event_categories (
    category    VARCHAR PRIMARY KEY,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    date              DATE NOT NULL,
    in_force          DATE,
    authority         VARCHAR NOT NULL,
    title_zh          VARCHAR NOT NULL,
    title_en          VARCHAR NOT NULL,
    title_zh_verified BOOLEAN NOT NULL,
    doc_number        VARCHAR,
    category          VARCHAR NOT NULL REFERENCES event_categories (category),
    gist_zh           VARCHAR NOT NULL,
    gist_en           VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL REFERENCES sources (source_id),
    excerpt           VARCHAR NOT NULL,
    note              VARCHAR,
    kind              VARCHAR NOT NULL,  -- rule (a law, measures, notice, guideline or standard as issued) | draft (for comment) | enforcement (action against firms, crackdown results) | statement (speech, meeting, press remarks) | market
    final_version     VARCHAR,           -- for a draft: the event id of its final text; the two are one rule
    input_file        VARCHAR NOT NULL,
    input_line        INTEGER NOT NULL
);

CREATE TABLE collection_methods (
    method_id   VARCHAR PRIMARY KEY,       -- phone, sms, social_media, door_visit, legal_action, big_data_ai
    position    INTEGER NOT NULL,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    article_zh  VARCHAR NOT NULL,          -- the seed article's description, verbatim
    article_en  VARCHAR NOT NULL,          -- English translation
    stage_zh    VARCHAR NOT NULL,          -- when in the delinquency the article says it is used
    stage_en    VARCHAR NOT NULL
);

CREATE TABLE collection_method_rules (
    method_id   VARCHAR NOT NULL REFERENCES collection_methods (method_id),
    rule_number INTEGER NOT NULL,
    event_id    VARCHAR NOT NULL REFERENCES events (event_id),
    limit_zh    VARCHAR NOT NULL,          -- how the rule limits the method (clause text where read)
    limit_en    VARCHAR NOT NULL,
    clause_read BOOLEAN NOT NULL,          -- false: a summary or our reading, not clause text read on a page
    PRIMARY KEY (method_id, rule_number)
);

CREATE TABLE collection_method_evidence (
    method_id   VARCHAR NOT NULL REFERENCES collection_methods (method_id),
    series_id   VARCHAR NOT NULL REFERENCES series (series_id),
    PRIMARY KEY (method_id, series_id)
);

CREATE TABLE build_info (
    build_id          VARCHAR NOT NULL,    -- hash of every table's content hash: equal builds, equal ids
    built_at          TIMESTAMP NOT NULL,  -- UTC
    lendscope_version VARCHAR NOT NULL,
    duckdb_version    VARCHAR NOT NULL
);

CREATE TABLE build_inputs (
    path        VARCHAR PRIMARY KEY,       -- relative to the project root
    sha256      VARCHAR NOT NULL,
    bytes       BIGINT NOT NULL
);

CREATE TABLE build_tables (
    table_name   VARCHAR PRIMARY KEY,
    row_count    BIGINT NOT NULL,
    content_hash VARCHAR NOT NULL          -- sha256 over the table's rows in a canonical order
);

CREATE TABLE claims (
    claim_id       VARCHAR PRIMARY KEY,
    position       INTEGER NOT NULL,       -- order in the article
    section_zh     VARCHAR NOT NULL,       -- the article section it comes from
    text_zh        VARCHAR NOT NULL,       -- the claim as the article words it
    text_en        VARCHAR NOT NULL,
    test_zh        VARCHAR NOT NULL,       -- what data would test it
    test_en        VARCHAR NOT NULL,
    query_name     VARCHAR NOT NULL,       -- queries/<query_name>.sql computes verdict and explanation
    verdict        VARCHAR NOT NULL CHECK (verdict IN ('supported', 'partly supported', 'contradicted',
                                                       'not testable with the data held')),
    explanation_zh VARCHAR NOT NULL,       -- written by the query, numbers and names formatted for the language
    explanation_en VARCHAR NOT NULL,
    forecast_zh    VARCHAR,                -- the part of the claim that is a forecast no data can test yet
    forecast_en    VARCHAR
);

CREATE TABLE claim_evidence (
    claim_id    VARCHAR NOT NULL REFERENCES claims (claim_id),
    row_number  INTEGER NOT NULL,
    evidence    VARCHAR NOT NULL,          -- one row of the claim query's result, as a JSON object
    PRIMARY KEY (claim_id, row_number)
);
