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
    "page_claims": {"zh": "核查文章", "en": "Claim check"},
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
    "download_zip": {"zh": "下载数据包(ZIP)", "en": "Download bundle (ZIP)"},
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
    "compare_companies": {"zh": "机构数量(家)", "en": "Number of lenders (家)"},
    "compare_balances": {"zh": "贷款余额(亿元)", "en": "Outstanding loans (亿元)"},
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
    "headline_peak": {"zh": "P2P平台峰值", "en": "P2P platforms at the peak"},
    "headline_zero": {"zh": "P2P机构清零", "en": "P2P institutions reached zero"},
    "headline_owed": {"zh": "未兑付出借人资金", "en": "Money still owed to investors"},
    "headline_microloan": {"zh": "小额贷款公司(最新)", "en": "Microloan companies (latest)"},
    "according_to": {"zh": "据{publisher},{period}", "en": "according to {publisher}, {period}"},
    "coverage": {"zh": "数据覆盖", "en": "What the data cover"},
    "province_ranking": {"zh": "各省排名", "en": "Provinces ranked"},
    "province_change": {"zh": "两个时点之间的变化", "en": "Change between two dates"},
    "period": {"zh": "期间", "en": "Period"},
    "from_period": {"zh": "起始期间", "en": "From"},
    "to_period": {"zh": "结束期间", "en": "To"},
    "no_map": {
        "zh": "未附带经许可的省界文件,因此不绘制地图。",
        "en": "No correctly licensed province boundary file is bundled, so no map is drawn.",
    },
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
        "zh": "结果已截断为前{n}行;下载可获得最多{m}行。",
        "en": "Truncated at {n} rows for display; downloads hold up to {m} rows.",
    },
    "sql_prepare": {"zh": "准备下载(完整结果)", "en": "Prepare downloads (full result)"},
    "sql_schema": {"zh": "表结构", "en": "Schema"},
    "sql_limits": {
        "zh": "限制:{t}秒超时、显示{d}行、下载{e}行、内存{m}。无法读写数据库以外的任何文件。",
        "en": "Limits: {t} s time limit, {d} rows shown, {e} rows downloadable, {m} memory. "
        "Nothing outside the database can be read or written.",
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
}


def t(key: str, lang: str, **values) -> str:
    text = STRINGS[key].get(lang) or STRINGS[key]["en"]
    return text.format(**values) if values else text


def pick(row: dict, field: str, lang: str):
    """`name_zh` or `name_en` of a record, falling back to the other language."""
    other = "en" if lang == "zh" else "zh"
    return row.get(f"{field}_{lang}") or row.get(f"{field}_{other}")
