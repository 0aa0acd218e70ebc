"""Chinese and English UI text. Data text (series names, titles) comes from the database in both."""

from __future__ import annotations

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "Lendscope · 网贷数据", "en": "Lendscope · China online lending data"},
    "language": {"zh": "语言 / Language", "en": "Language / 语言"},
    "page_overview": {"zh": "概览", "en": "Overview"},
    "page_platforms": {"zh": "P2P平台", "en": "P2P platforms"},
    "page_volume": {"zh": "规模与后果", "en": "Volume and outcomes"},
    "page_lenders": {"zh": "持牌放贷机构", "en": "Licensed lenders"},
    "page_regulation": {"zh": "监管时间线", "en": "Regulation"},
    "page_collection": {"zh": "催收", "en": "Debt collection"},
    "page_claims": {"zh": "原文说法核查", "en": "Claim check"},
    "page_sources": {"zh": "来源与数据字典", "en": "Sources"},
    "page_sql": {"zh": "SQL查询", "en": "SQL"},
    "db_unavailable": {"zh": "数据库不可用:{error}", "en": "The database is not available: {error}"},
    "db_how_to_build": {
        "zh": "请用随附数据构建数据库:`make build`(或 `python -m etl build`),然后刷新页面。",
        "en": "Build it from the bundled data with `make build` (or `python -m etl build`), then reload.",
    },
    "build_caption": {
        "zh": "数据版本 {build_id} · 构建于 {built_at} UTC",
        "en": "Build {build_id} · built {built_at} UTC",
    },
    "invalid_param": {
        "zh": "链接参数 {param} 无效,已使用默认值。",
        "en": "The link parameter {param} is not valid; the default is shown instead.",
    },
    "param_too_long": {
        "zh": "链接参数 {param} 过长({length} 个字符,最多 {limit} 个),已使用默认值。",
        "en": "The link parameter {param} is too long ({length} characters; at most {limit}); "
        "the default is shown instead.",
    },
    "series": {"zh": "数据系列", "en": "Series"},
    "publishers": {"zh": "发布机构", "en": "Publishers"},
    "frequency": {"zh": "频率", "en": "Frequency"},
    "freq_all": {"zh": "全部", "en": "All"},
    "freq_year": {"zh": "仅年末/年度", "en": "Year-end / annual only"},
    "freq_month": {"zh": "仅月度", "en": "Monthly only"},
    "log_scale": {"zh": "对数刻度", "en": "Log scale"},
    "show_events": {"zh": "在图上标出监管事件", "en": "Draw regulation events on the chart"},
    "empty_series": {
        "zh": "该系列在所选条件下没有数据。",
        "en": "This series holds no figures for the chosen filters.",
    },
    "download_csv": {"zh": "下载CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载XLSX", "en": "Download XLSX"},
    "download_zip": {"zh": "下载数据包(ZIP)", "en": "Download ZIP"},
    "download_svg": {"zh": "下载SVG", "en": "Download SVG"},
    "download_png": {"zh": "下载PNG", "en": "Download PNG"},
    "image_unavailable": {
        "zh": "服务器无法生成图片({error});请使用图表工具栏的相机按钮下载PNG。",
        "en": "The server cannot render images ({error}); use the chart toolbar's camera button for a PNG.",
    },
    "citation": {"zh": "引用", "en": "Citation"},
    "data_table": {"zh": "图中数据与来源", "en": "Data drawn, with sources"},
    "source_line": {"zh": "来源", "en": "Source"},
    "compare_tab": {"zh": "P2P之后", "en": "After P2P"},
    "compare_measure": {"zh": "比较", "en": "Compare"},
    "compare_companies": {"zh": "机构数量(家)", "en": "Number of lenders"},
    "compare_balances": {"zh": "贷款余额(亿元)", "en": "Outstanding loans (yuan)"},
    "compare_lines": {"zh": "图中线条(系列 · 发布机构)", "en": "Lines drawn (series · publisher)"},
    "compare_title_companies": {
        "zh": "P2P之后:各类放贷机构的数量",
        "en": "After P2P: how many lenders of each kind",
    },
    "compare_title_balances": {
        "zh": "P2P之后:各类放贷机构的贷款余额",
        "en": "After P2P: outstanding loans by kind of lender",
    },
    "compare_note": {
        "zh": "每条线是一个系列的一个发布机构,口径各不相同(P2P为行业统计或监管部门数字,小额贷款公司为人民银行统计,"
        "网络小贷与消费金融公司为监管部门、行业协会或媒体统计),不可相加或平均。默认只画各类机构的官方或发布时间最长的机构;"
        "其他发布机构可在上方加入,各系列页面列出全部数字。",
        "en": "Each line is one series from one publisher, each in its own scope (P2P: industry trackers or the "
        "regulators; microloan companies: the PBoC statistics; online microloan and consumer-finance companies: "
        "regulators, the banking association or the press); never add or average them. By default each kind's "
        "official or longest-running publishers are drawn; add the others above; the series pages hold every figure.",
    },
    "coverage": {"zh": "数据覆盖", "en": "What the data cover"},
    "province_ranking": {"zh": "各省排名", "en": "Provinces ranked"},
    "province_change": {"zh": "两个时点之间的变化", "en": "Change between two dates"},
    "period": {"zh": "期间", "en": "Period"},
    "from_period": {"zh": "起始期间", "en": "From"},
    "to_period": {"zh": "结束期间", "en": "To"},
    "category": {"zh": "类别", "en": "Category"},
    "authority": {"zh": "发布机关包含", "en": "Authority contains"},
    "years": {"zh": "年份", "en": "Years"},
    "search_text": {"zh": "搜索标题与要点", "en": "Search titles and gists"},
    "events_found": {"zh": "{n}项事件", "en": "{n} events"},
    "title_unverified": {"zh": "(中文标题未经核实)", "en": "(Chinese title not verified)"},
    "doc_number": {"zh": "文号", "en": "Document number"},
    "source": {"zh": "来源", "en": "Source"},
    "article_says": {"zh": "文章原文", "en": "What the article says"},
    "stage": {"zh": "使用阶段(据文章)", "en": "When it is used (per the article)"},
    "rules_limiting": {"zh": "限制它的规则", "en": "Rules that limit it"},
    "clause_not_read": {"zh": "(摘要,非条文原文)", "en": "(summary, not clause text)"},
    "evidence_series": {"zh": "相关数据", "en": "Evidence"},
    "verdict": {"zh": "结论", "en": "Verdict"},
    "verdict_supported": {"zh": "有数据支持", "en": "Supported"},
    "verdict_partly supported": {"zh": "部分有数据支持", "en": "Partly supported"},
    "verdict_contradicted": {"zh": "与数据矛盾", "en": "Contradicted"},
    "verdict_not testable with the data held": {"zh": "现有数据无法检验", "en": "Not testable with the data held"},
    "how_tested": {"zh": "检验方法", "en": "How it is tested"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "finder": {"zh": "数字溯源:这个数字从哪来?", "en": "Figure finder: where does this number come from?"},
    "finder_input": {"zh": "输入数字(如 1575、1.22万亿、9.45%)", "en": "A number (e.g. 1575, 1.22万亿, 9.45%)"},
    "finder_none": {"zh": "没有与{number}匹配的数据。", "en": "No observation matches {number}."},
    "sources_table": {"zh": "所有来源", "en": "Every source"},
    "dictionary": {"zh": "数据字典", "en": "Data dictionary"},
    "reliability": {"zh": "可靠性", "en": "Reliability"},
    # SQL console (app/pages/sql.py)
    "sql_named": {"zh": "命名查询", "en": "Named query"},
    "sql_download_db": {
        "zh": "下载整个数据库(DuckDB文件,{size} MB)",
        "en": "Download the whole database (DuckDB file, {size} MB)",
    },
    "sql_download_db_help": {
        "zh": "用 `duckdb -readonly lendscope-….duckdb` 或 Python 的 duckdb.connect(…, read_only=True) 打开。",
        "en": "Open it with `duckdb -readonly lendscope-….duckdb` or Python's duckdb.connect(…, read_only=True).",
    },
    "sql_none": {"zh": "(自己写SQL)", "en": "(write your own SQL)"},
    "sql_sql": {"zh": "SQL(只读,单条语句)", "en": "SQL (read-only, one statement)"},
    "sql_run": {"zh": "运行", "en": "Run"},
    "sql_rows": {"zh": "{n}行,用时{s:.3f}秒", "en": "{n} rows in {s:.3f} s"},
    "sql_truncated": {
        "zh": "结果已截断为前{n}行;下载最多{m}行、{b} MB,更长的结果会被截断,文件中会注明。",
        "en": "Truncated at {n} rows for display; downloads hold up to {m} rows or {b} MB, and a longer "
        "result is cut there with a note in the file.",
    },
    "sql_schema": {"zh": "表结构", "en": "Schema"},
    # The schema's column headings; the column names under them stay SQL identifiers.
    "sql_schema_column": {"zh": "列名", "en": "column"},
    "sql_schema_type": {"zh": "类型", "en": "type"},
    "sql_schema_description": {"zh": "说明(英文)", "en": "description"},
    "sql_limits": {
        "zh": "每个查询在独立的受限进程中运行:{t}秒超时、内存{m}、显示{d}行、下载{e}行。无法读写数据库以外的任何文件。",
        "en": "Each query runs in its own isolated, limited process: {t} s time limit, {m} memory, {d} rows shown, "
        "{e} rows downloadable. Nothing outside the database can be read or written.",
    },
    # SQL console, isolated workers and editor (issue 18)
    "sql_named_unreadable": {"zh": "命名查询文件有误:", "en": "A named query file has a problem:"},
    "sql_unknown_named": {"zh": "链接中的命名查询不存在:", "en": "The link names a query that does not exist:"},
    "sql_plain_editor": {"zh": "纯文本输入框(不用编辑器)", "en": "Plain text box instead of the editor"},
    "sql_run_editor": {"zh": "运行", "en": "Run"},
    "sql_editor_placeholder": {"zh": "SELECT … FROM observations", "en": "SELECT … FROM observations"},
    "sql_editor_help": {
        "zh": "Ctrl+Enter 运行;输入时补全表名和列名。`$名称` 会成为下方的参数输入框。",
        "en": "Ctrl+Enter runs; table and column names complete as you type. `$name` becomes a field below.",
    },
    "sql_table": {"zh": "表", "en": "Table"},
    "sql_rows_word": {"zh": "行", "en": "rows"},
    "sql_rows_n": {"zh": "{n}行", "en": "{n} rows"},
    "sql_error_word": {"zh": "错误({kind})", "en": "error ({kind})"},
    "sql_examples": {"zh": "示例", "en": "Examples"},
    "sql_history": {"zh": "本次历史", "en": "History"},
    "sql_history_empty": {"zh": "本次会话还没有运行过查询。", "en": "No query run in this session yet."},
    "sql_param_help": {
        "zh": "按内容识别为整数、数字、日期(YYYY-MM-DD)、true/false 或文本;用 `$名称::VARCHAR` 强制为文本。",
        "en": "Read as an integer, number, date (YYYY-MM-DD), true/false or text; write `$name::VARCHAR` for text.",
    },
    "sql_param_invalid": {
        "zh": "参数 `{name}` 不是有效的{type},已使用默认值。输入的是:",
        "en": "Parameter `{name}` is not a valid {type}; the default is used. You typed:",
    },
    "sql_fill_params": {"zh": "请填写参数 {names} 后运行。", "en": "Fill in {names} to run the query."},
    "sql_error_refused": {"zh": "查询被拒绝:", "en": "The query was refused:"},
    "sql_error_failed": {"zh": "查询出错(DuckDB 的信息):", "en": "The query failed (DuckDB's message):"},
    "sql_error_timeout": {"zh": "查询超时被终止:", "en": "The query ran out of time:"},
    "sql_error_memory": {"zh": "查询超出内存限制被终止:", "en": "The query ran out of memory:"},
    "sql_error_busy": {"zh": "查询进程都在忙:", "en": "Every query worker is busy:"},
    "sql_truncated_bytes": {
        "zh": "结果超过{b} MB,仅显示前{n}行;下载可获得更多。",
        "en": "The result is larger than {b} MB: the first {n} rows are shown; downloads hold more.",
    },
    "sql_download": {"zh": "下载", "en": "Download"},
    "sql_download_zip_help": {
        "zh": "CSV(UTF-8)和 README(SQL、数据版本、引用方式)",
        "en": "CSV (UTF-8) with a README holding the SQL, the build id and a citation line",
    },
    "sql_download_parquet_help": {
        "zh": "Parquet;SQL、数据版本和引用写在文件元数据中",
        "en": "Parquet; the SQL, build id and citation are in the file's metadata",
    },
    "sql_download_json_help": {
        "zh": "JSON 对象:sql、build_id、citation、truncated 和 data(各行)",
        "en": "A JSON object: sql, build_id, citation, truncated, and data (the rows)",
    },
    # Charts (app/charts.py)
    "period_year": {"zh": "年末/年度", "en": "year-end / annual"},
    "period_half": {"zh": "半年", "en": "half-year"},
    "period_quarter": {"zh": "季度", "en": "quarter"},
    "period_month": {"zh": "月末/月度", "en": "month-end / monthly"},
    "period_day": {"zh": "某日", "en": "as of a date"},
    "period_range": {"zh": "跨月区间", "en": "span of months"},
    "period_cumulative": {"zh": "累计", "en": "cumulative to date"},
    "chart_year": {"zh": "年末/年度", "en": "year-end / annual"},
    "chart_half": {"zh": "半年", "en": "half-year"},
    "chart_quarter": {"zh": "季度", "en": "quarter"},
    "chart_month": {"zh": "月末/月度", "en": "month-end / monthly"},
    "chart_day": {"zh": "某日", "en": "as of a date"},
    "chart_range": {"zh": "跨月区间", "en": "span of months"},
    "chart_cumulative": {"zh": "累计", "en": "cumulative to date"},
    "chart_unit": {"zh": "单位", "en": "Unit"},
    "chart_period": {"zh": "期间", "en": "period"},
    "chart_source": {"zh": "来源", "en": "Source"},
    "chart_cited": {
        "zh": "每个数字均注明所读页面,见 Lendscope › 来源。",
        "en": "Each figure is cited to the page it was read on; see Lendscope › Sources.",
    },
    "chart_no_data": {"zh": "无数据", "en": "No data"},
    "chart_inferred": {"zh": "发布机构系推断", "en": "publisher inferred"},
    "chart_derived": {"zh": "推算", "en": "derived"},
    "chart_notes": {"zh": "注", "en": "Notes"},
    "chart_n_derived": {"zh": "{n}个数字由页面上的数字推算", "en": "{n} values derived from figures on the page"},
    "chart_n_revised": {"zh": "{n}个数字有多个版本(发布机构修订)", "en": "{n} figures have several vintages (revised)"},
    "chart_n_inferred": {
        "zh": "{n}个数字的发布机构系推断(空心点)",
        "en": "{n} with an inferred publisher (open markers)",
    },
    "chart_n_low": {"zh": "{n}个数字来源可靠性低", "en": "{n} from low-reliability sources"},
    # Province map (app/province_map.py, Lenders › Provinces)
    "map_view": {"zh": "显示方式", "en": "View"},
    "map_view_map": {"zh": "地图", "en": "Map"},
    "map_view_bar": {"zh": "条形图", "en": "Bar chart"},
    "region_CN-TW": {"zh": "台湾省", "en": "Taiwan"},
    "region_CN-HK": {"zh": "香港特别行政区", "en": "Hong Kong"},
    "region_CN-MO": {"zh": "澳门特别行政区", "en": "Macau"},
    "map_inset": {"zh": "南海诸岛", "en": "South China<br>Sea Islands"},
    "map_no_data_note": {
        "zh": "灰色:该期间无数字(所绘省级统计不含台湾、香港、澳门)。",
        "en": "Grey: no figure for this period (the provincial statistics drawn do not cover Taiwan, "
        "Hong Kong or Macau).",
    },
    "map_boundaries": {
        "zh": "边界:{package} {version}({licence}许可)",
        "en": "Boundaries: {package} {version} ({licence} licence).",
    },
    "map_boundaries_title": {"zh": "地图边界", "en": "Map boundaries"},
    "map_boundaries_text": {
        "zh": "分省地图的边界来自Python包 [`{package}`](https://pypi.org/project/{package}/) {version}"
        ",{licence}许可(见该包的LICENSE)。该包未说明边界数据的出处。"
        "边界经简化(约1公里精度),只用于示意,不作为权威边界。"
        "台湾、香港、澳门绘为无数据;南海诸岛与断续线按包内数据绘出。",
        "en": "The province map's boundaries come from the Python package "
        "[`{package}`](https://pypi.org/project/{package}/) {version}, "
        "{licence} licence (see the package's LICENSE). The package does not say where its boundary data "
        "come from. Boundaries are simplified (about 1 km precision), for illustration, not as an "
        "authoritative boundary. Taiwan, Hong Kong and Macau are drawn as no data; the South China Sea "
        "islands and the dashed line are drawn as the package ships them.",
    },
    "map_one_publisher": {
        "zh": "地图绘出{publisher}的数字;{others}也发布了该期间的数字,见条形图与数据表。",
        "en": "The map draws {publisher}'s figures; {others} also published figures for this period "
        "(see the bar chart and the data table).",
    },
    # Issue 14: headlines by definition, readable tables, navigation (appended as one block)
    "list_sep": {"zh": "、", "en": ", "},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "headline_peak_official": {"zh": "P2P平台峰值(监管部门所述)", "en": "P2P platforms at the peak (regulators)"},
    "headline_peak_rule": {
        "zh": "{who}讲话中{total}次提及中有{n}次为此数({first}至{last});未说明峰值的时间与统计口径。",
        "en": "Said by {who} in {n} of {total} statements ({first} to {last}); they gave no date or counting rule.",
    },
    "headline_peak_other_one": {
        "zh": "另有1次称多达{value}({who},{period})。",
        "en": " One other statement: as many as {value} ({who}, {period}).",
    },
    "headline_peak_other": {
        "zh": "另有{n}次称{value}({who},{period})。",
        "en": " {n} other statements: {value} ({who}; {period}).",
    },
    "headline_tracker_peaks": {
        "zh": "行业统计各按自身口径的峰值:",
        "en": "Industry trackers' own peaks, each on its own definition: ",
    },
    "headline_tracker_item": {"zh": "{who}{value}({period})", "en": "{who} {value} ({period})"},
    "headline_zero": {"zh": "P2P网贷机构清零", "en": "P2P lending reached zero"},
    "headline_zero_rule": {
        "zh": "据{who}:实际运营的P2P网贷机构降至零。",
        "en": "According to {who}: no P2P lender left in actual operation.",
    },
    "headline_owed": {"zh": "未兑付出借人资金(截至{period})", "en": "Still owed to investors (as of {period})"},
    "headline_owed_rule": {
        "zh": "据{who};监管部门此后未公布更新的数字。",
        "en": "According to {who}; the regulators gave no later figure.",
    },
    "headline_lenders": {"zh": "小额贷款公司({period})", "en": "Microloan companies ({period})"},
    "headline_lenders_rule": {"zh": "据{who}统计。", "en": "According to {who}."},
    "headline_lenders_other": {
        "zh": "{series}:{value}({who},{period})",
        "en": "{series}: {value} ({who}, {period})",
    },
    "headline_see_series": {"zh": "查看数据系列", "en": "See the figures"},
    "headline_see_rule": {"zh": "查看规则(SQL)", "en": "See the rule (SQL)"},
    "col_topic": {"zh": "主题", "en": "Topic"},
    "col_series": {"zh": "系列数", "en": "Series"},
    "col_observations": {"zh": "数字数", "en": "Figures"},
    "col_figures": {"zh": "数字数", "en": "Figures"},
    "col_publishers": {"zh": "发布机构数", "en": "Publishers"},
    "col_first": {"zh": "最早", "en": "First"},
    "col_last": {"zh": "最晚", "en": "Last"},
    "col_series_id": {"zh": "数据系列", "en": "Series"},
    "col_name_zh": {"zh": "名称", "en": "Name"},
    "col_name_en": {"zh": "名称", "en": "Name"},
    "col_publisher_id": {"zh": "发布机构", "en": "Publisher"},
    "col_publisher_zh": {"zh": "发布机构", "en": "Publisher"},
    "col_publisher_en": {"zh": "发布机构", "en": "Publisher"},
    "col_publisher": {"zh": "发布机构", "en": "Publisher"},
    "col_latest_publisher": {"zh": "最新数字的发布机构", "en": "Publisher of the latest"},
    "col_peak_publisher": {"zh": "最高值的发布机构", "en": "Publisher of the highest"},
    "col_period_label": {"zh": "期间", "en": "Period"},
    "col_period_type": {"zh": "期间类型", "en": "Kind of period"},
    "col_period": {"zh": "期间", "en": "Period"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_qualifier": {"zh": "限定词", "en": "Qualifier"},
    "col_reliability": {"zh": "可靠性", "en": "Reliability"},
    "col_region": {"zh": "地区", "en": "Region"},
    "col_source_url": {"zh": "来源链接", "en": "Source"},
    "col_url": {"zh": "链接", "en": "Link"},
    "col_excerpt": {"zh": "来源原文", "en": "Words of the source"},
    "col_read_as": {"zh": "读作", "en": "Read as"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_latest_pct_of_peak": {"zh": "最新值占最高值(%)", "en": "Latest as % of the highest"},
    "col_accessed": {"zh": "访问日期", "en": "Read on"},
    "col_published": {"zh": "发布日期", "en": "Published"},
    "col_kind": {"zh": "类型", "en": "Kind"},
    "col_licence": {"zh": "许可", "en": "Licence"},
    "col_events": {"zh": "事件数", "en": "Events"},
    "col_source_id": {"zh": "来源编号(列名 source_id)", "en": "Source id (column source_id)"},
    "col_from_value": {"zh": "起始值", "en": "From"},
    "col_to_value": {"zh": "结束值", "en": "To"},
    "col_change": {"zh": "变化", "en": "Change"},
    "col_peak": {"zh": "最高值", "en": "Highest"},
    "col_peak_period": {"zh": "最高值期间", "en": "Period of the highest"},
    "col_latest": {"zh": "最新值", "en": "Latest"},
    "col_latest_period": {"zh": "最新期间", "en": "Latest period"},
    "col_still_expanding": {"zh": "仍在扩张", "en": "Still expanding"},
    "col_value_2014": {"zh": "2014年末", "en": "End-2014"},
    "col_value_2023": {"zh": "2023年前后", "en": "Around 2023"},
    "col_period_2023": {"zh": "2023年前后的期间", "en": "Period near 2023"},
    "col_matches_2014": {"zh": "与1,575家一致", "en": "Matches 1,575"},
    "col_matches_2023": {"zh": "接近2,000家", "en": "Near 2,000"},
    "col_reliability_2014": {"zh": "2014年数字的可靠性", "en": "Reliability (2014)"},
    "col_date": {"zh": "日期", "en": "Date"},
    "col_category": {"zh": "类别", "en": "Category"},
    "col_authority": {"zh": "发布机关", "en": "Authority"},
    "col_counted_as": {"zh": "计为", "en": "Counted as"},
    "col_after_article": {"zh": "在文章发布之后", "en": "After the article"},
    "col_figures_reliable": {"zh": "可靠数字数", "en": "Reliable figures"},
    "col_reliable_figures": {"zh": "可靠数字数", "en": "Reliable figures"},
    "col_latest_value": {"zh": "最新值", "en": "Latest"},
    "col_rules": {"zh": "规则数", "en": "Rules"},
    "col_column": {"zh": "列名", "en": "Column name"},
    "col_type": {"zh": "数据类型", "en": "Type"},
    "col_description": {"zh": "说明", "en": "Description"},
    "col_name": {"zh": "名称", "en": "Name"},
    "counted_rule": {"zh": "规则", "en": "rule"},
    "counted_draft of a rule": {"zh": "征求意见稿(与正式文本计为一项)", "en": "draft (one rule with its final text)"},
    "counted_draft not finalised": {"zh": "未定稿的征求意见稿(不计)", "en": "draft never finalised (not counted)"},
    "counted_not a rule": {"zh": "非规则(执法或其他消息)", "en": "not a rule (enforcement or other news)"},
    "claims_article": {
        "zh": "《现在网贷[催收]的现状与方法》(2025年2月12日)",
        "en": "《现在网贷[催收]的现状与方法》 (“Online lending [debt collection] today”, 12 Feb 2025)",
    },
    "testable_half": {"zh": "可检验的前半句", "en": "the testable half"},
    "forecast": {"zh": "预测,数据无法检验", "en": "A forecast the data cannot test"},
    "unknown_page": {
        "zh": "没有“{path}”这个页面。已显示概览。",
        "en": "There is no page “{path}”. The overview is shown instead.",
    },
    "go_home": {"zh": "返回概览", "en": "Back to the overview"},
    "n_rows": {"zh": "{n}行", "en": "{n} rows"},
    "kind_web page": {"zh": "网页", "en": "web page"},
    "kind_official release": {"zh": "官方发布", "en": "official release"},
    "kind_document": {"zh": "文件", "en": "document"},
    "kind_API": {"zh": "数据接口", "en": "API"},
    "kind_rule": {"zh": "规则", "en": "rule"},
    "kind_draft": {"zh": "征求意见稿", "en": "draft"},
    "kind_enforcement": {"zh": "执法", "en": "enforcement"},
    "kind_statement": {"zh": "讲话或表态", "en": "statement"},
    "kind_market": {"zh": "市场事件", "en": "market event"},
    "show_english_notes": {"zh": "显示编者注(仅有英文)", "en": "Show editors' notes"},
    "english_note": {"zh": "编者注(英文):", "en": ""},
    "final_version_is": {"zh": "正式文本:{title}", "en": "final text: {title}"},
    "in_force": {"zh": "施行日期", "en": "In force"},
    "period_provinces": {"zh": "{period}({n}个省份)", "en": "{period} ({n} provinces)"},
    # Singular forms, chosen by t() when n is 1 (Chinese has one form).
    "events_found_one": {"zh": "1项事件", "en": "1 event"},
    "n_rows_one": {"zh": "1行", "en": "1 row"},
    "chart_n_derived_one": {"zh": "1个数字由页面上的数字推算", "en": "1 value derived from figures on the page"},
    "chart_n_revised_one": {"zh": "1个数字有多个版本(发布机构修订)", "en": "1 figure has several vintages (revised)"},
    "chart_n_inferred_one": {
        "zh": "1个数字的发布机构系推断(空心点)",
        "en": "1 with an inferred publisher (open marker)",
    },
    "chart_n_low_one": {"zh": "1个数字来源可靠性低", "en": "1 from a low-reliability source"},
    "col_series_names": {"zh": "提供数字的数据系列", "en": "Series it gives figures for"},
    "dictionary_note": {
        "zh": "表名与列名按数据库原样列出(SQL查询中使用);说明为英文。",
        "en": "Table and column names are shown as they are in the database (for use in SQL).",
    },
    # Figure layer (app/figures, app/figures/specs.toml, ui.figure_block)
    "fig_rise_and_fall_title": {
        "zh": "P2P网贷平台的兴衰:行业统计(年末)与监管部门数字",
        "en": "The rise and fall of P2P lending: industry year-end counts and the regulators' figures",
    },
    "fig_rise_and_fall_note": {
        "zh": "本图不含低可靠性来源的数字;行业统计与监管部门口径不同,不可相加或平均。",
        "en": "Low-reliability figures are left out of this chart; industry trackers and regulators count "
        "differently, so their lines are never added or averaged.",
    },
    "fig_lenders_unit": {"zh": "家", "en": "platforms or companies"},
    "fig_by_province": {"zh": "分省", "en": "by province"},
    "fig_change_by_province": {"zh": "各省变化", "en": "change by province"},
    "fig_change_note": {
        "zh": "只含两个时点都有数字的省份;变化为后一时点减前一时点。",
        "en": "Only provinces published at both dates; the change is the later figure minus the earlier one.",
    },
    "fig_timeline_title": {"zh": "监管与市场事件", "en": "Regulation and market events"},
    "fig_timeline_subtitle": {"zh": "{n}项事件,按类别", "en": "{n} events, by category"},
    "fig_timeline_note": {
        "zh": "每项事件注明发布机关与所读页面;英文标题为译名。",
        "en": "Each event names its authority and the page it was read on; English titles are translations.",
    },
    "fig_claim_counts_title": {
        "zh": "“2014年1575家,2023年近2000家”:各种口径的数字",
        "en": "“1,575 in 2014, nearly 2,000 in 2023”: the figures for each reading",
    },
    "fig_claim_counts_note": {
        "zh": "每行是文章“网贷平台”可能指的一个系列及其发布机构;空心点为2014年末,实心点为2023年或最接近的数字。",
        "en": "Each row is one series the article's 'online lending platforms' could mean, from one publisher; "
        "open marker end-2014, filled marker 2023 or the nearest figure.",
    },
    "fig_claim_market_title": {
        "zh": "“放贷市场规模持续扩大”:各项规模的峰值与最新数字",
        "en": "“The lending market keeps expanding”: each volume's peak and latest figure",
    },
    "fig_claim_market_note": {
        "zh": "空心点为峰值,实心点为最新数字;最新数字不低于峰值的90%才算“仍在扩大”。",
        "en": "Open marker the peak, filled marker the latest figure; a volume counts as still expanding when its "
        "latest figure is at least 90% of its peak.",
    },
    "fig_role_2014": {"zh": "2014年末", "en": "End 2014"},
    "fig_role_2023": {"zh": "2023年(或最接近)", "en": "2023 (or nearest)"},
    "fig_role_peak": {"zh": "峰值", "en": "Peak"},
    "fig_role_latest": {"zh": "最新", "en": "Latest"},
    "fig_log_zero_note": {
        "zh": "对数刻度无法画出0:降至0的线以×标在轴底。",
        "en": "A log scale cannot show zero: a line that reached zero ends in a × on the axis floor.",
    },
    "fig_vintage": {"zh": "版本", "en": "vintage"},
    "fig_events": {"zh": "图中编号的监管事件", "en": "Numbered regulation events"},
    "fig_tab_chart": {"zh": "图表", "en": "Chart"},
    "fig_tab_table": {"zh": "表格", "en": "Table"},
    "fig_copy_link": {"zh": "复制链接", "en": "Copy link"},
    "fig_link_help": {
        "zh": "此链接重新打开当前视图(所有筛选条件都在链接里):",
        "en": "This link reopens this view (every filter is in it):",
    },
    "fig_cite": {"zh": "引用", "en": "Cite"},
    "fig_col_period": {"zh": "期间", "en": "Period"},
    "fig_col_source": {"zh": "来源", "en": "source"},
    "fig_col_region": {"zh": "省份", "en": "Province"},
    "fig_col_role": {"zh": "数字", "en": "Figure"},
    "fig_col_value": {"zh": "数值", "en": "Value"},
    "fig_col_date": {"zh": "日期", "en": "Date"},
    "fig_col_title": {"zh": "标题", "en": "Title"},
    "fig_col_authority": {"zh": "发布机关", "en": "Authority"},
    "fig_source_pages": {
        "zh": "{n}个网页(各事件的来源链接见“表格”)",
        "en": "{n} pages (each event's link in the Table)",
    },
    "fig_from_year": {"zh": "起始年份", "en": "From year"},
    "fig_to_year": {"zh": "结束年份", "en": "To year"},
    # Check an article (app/pages/check.py)
    "page_check": {"zh": "文章核查", "en": "Check an article"},
    "check_intro": {
        "zh": "粘贴一篇关于网贷、小贷、消费金融或催收的文章(中文或英文),"
        "每个数字说法都会按主题、地区和期间与数据库中各发布机构的数字核对。最多读取{n}个字符。",
        "en": "Paste an article about P2P lending, microloans, consumer finance or debt collection "
        "(Chinese or English): every numeric claim is checked, by subject, region and period, "
        "against each publisher's figures in the data. "
        "At most {n} characters are read.",
    },
    "check_text": {"zh": "文章文本", "en": "Article text"},
    "check_placeholder": {
        "zh": "例如:截至2019年3月末,全国共有小额贷款公司7967家。",
        "en": "For example: As of the end of June 2020 China's P2P lending platforms had fallen to just 29.",
    },
    "check_date": {
        "zh": "文章日期(可选,用于“去年”“目前”等)",
        "en": "Article date (optional; resolves 'last year', 'now')",
    },
    "check_run": {"zh": "核查", "en": "Check"},
    "check_example": {"zh": "载入示例文本", "en": "Load an example"},
    "check_empty": {"zh": "请粘贴文本后点击“核查”。", "en": "Paste a text and press Check."},
    "check_none": {
        "zh": "文中没有找到数字说法(年份、日期、页码和电话号码不算)。",
        "en": "No numeric claims found (years, dates, page numbers and phone numbers do not count).",
    },
    "check_unreadable": {"zh": "无法读取这段文本:{error}", "en": "This text cannot be read: {error}"},
    "check_cut": {
        "zh": "文本超过{n}个字符,只核查了前{n}个字符。",
        "en": "The text is longer than {n} characters; only the first {n} were checked.",
    },
    "check_html": {
        "zh": "文本中含有HTML标签:标签内的数字不计;最好粘贴网页的纯文本。",
        "en": "The text holds HTML tags: numbers inside tags are ignored; "
        "paste the page's plain text for best results.",
    },
    "check_summary": {"zh": "共{n}个数字说法", "en": "{n} numeric claims"},
    "check_shown": {
        "zh": "下面列出前{shown}个说法的详情;下载的报告包含全部{n}个。",
        "en": "Details of the first {shown} claims below; the downloads hold all {n}.",
    },
    "check_verdict_consistent": {"zh": "与数据相符", "en": "Consistent"},
    "check_verdict_contradicted": {"zh": "与数据不符", "en": "Contradicted"},
    "check_verdict_unverifiable": {"zh": "无法核查", "en": "Unverifiable"},
    "check_legend": {
        "zh": "实线下划线:相符;双下划线:不符;虚线:无法核查。上标数字对应下方的说法编号。",
        "en": "Solid underline: consistent; double: contradicted; dotted: unverifiable. "
        "Superscripts number the claims below.",
    },
    "check_claims": {"zh": "逐条核查", "en": "Claim by claim"},
    "check_detail": {
        "zh": "主题:{subject} · 期间:{period} · 地区:{region} · 限定:{qualifier}",
        "en": "Subject: {subject} · period: {period} · region: {region} · qualifier: {qualifier}",
    },
    "check_not_stated": {"zh": "未说明", "en": "not stated"},
    "check_figures": {"zh": "数据中的数字", "en": "Figures in the data"},
    "check_col_publisher": {"zh": "发布机构", "en": "Publisher"},
    "check_col_series": {"zh": "数据系列", "en": "Series"},
    "check_col_period": {"zh": "期间", "en": "Period"},
    "check_col_value": {"zh": "数值", "en": "Value"},
    "check_col_reliability": {"zh": "可靠性", "en": "Reliability"},
    "check_col_source": {"zh": "来源链接", "en": "Source"},
    "check_col_excerpt": {"zh": "原文摘录", "en": "Excerpt"},
    "check_download_md": {"zh": "下载核查报告(Markdown)", "en": "Download the report (Markdown)"},
    "check_download_csv": {"zh": "下载核查报告(CSV)", "en": "Download the report (CSV)"},
    "check_qualifier_exact": {"zh": "确数", "en": "exact"},
    "check_qualifier_about": {"zh": "约", "en": "about"},
    "check_qualifier_nearly": {"zh": "近", "en": "nearly"},
    "check_qualifier_more_than": {"zh": "超过", "en": "more than"},
    "check_qualifier_less_than": {"zh": "不到", "en": "less than"},
    "check_qualifier_range": {"zh": "区间", "en": "range"},
    "claims_numbers": {
        "zh": "这句话中的数字,逐个核查(与“文章核查”页相同的方法):",
        "en": "The numbers in this claim, each checked as on the “Check an article” page:",
    },
}


def t(key: str, lang: str, **values) -> str:
    if str(values.get("n")) == "1" and f"{key}_one" in STRINGS:  # "1 figure has", not "1 figures have"
        key = f"{key}_one"
    text = STRINGS[key].get(lang) or STRINGS[key]["en"]
    return text.format(**values) if values else text


def pick(row: dict, field: str, lang: str):
    """`name_zh` or `name_en` of a record, falling back to the other language."""
    other = "en" if lang == "zh" else "zh"
    return row.get(f"{field}_{lang}") or row.get(f"{field}_{other}")
