# ruff: noqa: E501  (tables of patterns read best one per line)
"""What a number is about, read from the words around it, and the series that hold it.

A subject is a (sector, measure, modifier) triple: sector from words such as P2P / 网贷 / 小额贷款公司 /
消费金融公司 / 催收 (or the text's main sector when the sentence names none), measure from words
such as 平台 / 贷款余额 / 成交量 / 收益率 / 投资人 / 投诉, modifiers from 累计 / 新增 / 问题 / 停业 / 高峰.
The unit written with the number narrows the measures it can be (家 counts entities, 亿元 is
money, % a rate, 人 persons, 件 cases). SUBJECTS maps each subject to the series that hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unit kinds: what the number counts or measures.
ENTITIES, MONEY, PERCENT, PERSONS, CASES, MONTHS, CALLS, OTHER = (
    "entities", "money", "percent", "persons", "cases", "months", "calls", "other",
)  # fmt: skip


@dataclass(frozen=True)
class Subject:
    key: str
    name_zh: str
    name_en: str
    kinds: tuple[str, ...]
    series: tuple[str, ...]
    any_period: bool = False  # the series' period is when it was said, not what it is about (peaks)
    also: tuple[str, ...] = ()  # series matched by period too, when the claim gives one


def _s(key, zh, en, kinds, *series, any_period=False, also=()):
    return Subject(key, zh, en, tuple(kinds.split()), tuple(series), any_period, also)


SUBJECTS = {
    s.key: s
    for s in [
        _s("p2p_platforms_operating", "P2P网贷运营平台数", "P2P platforms in operation", ENTITIES,
           "p2p_platforms_operating", "p2p_institutions_operating_official"),
        _s("p2p_platforms_cumulative", "累计P2P平台数", "P2P platforms ever recorded", ENTITIES,
           "p2p_platforms_cumulative"),
        _s("p2p_platforms_new", "新上线P2P平台数", "new P2P platforms", ENTITIES, "p2p_platforms_new"),
        _s("p2p_platforms_peak", "P2P平台高峰期数量", "P2P platforms at the peak", ENTITIES,
           "p2p_platforms_peak_official", any_period=True, also=("p2p_platforms_operating",)),
        _s("p2p_problem_platforms_new", "新增问题平台数", "new problem platforms", ENTITIES,
           "p2p_problem_platforms_new", "p2p_exited_and_problem_platforms_new"),
        _s("p2p_problem_platforms_cumulative", "累计问题平台数", "problem platforms, cumulative", ENTITIES,
           "p2p_problem_platforms_cumulative", "p2p_exited_and_problem_platforms_cumulative"),
        _s("p2p_exited_platforms", "退出(停业及问题)平台数", "platforms that exited or failed", ENTITIES,
           "p2p_exited_platforms", "p2p_exited_and_problem_platforms_new"),
        _s("p2p_exited_platforms_cumulative", "累计退出平台数", "platforms that exited, cumulative", ENTITIES,
           "p2p_exited_platforms_cumulative", "p2p_exited_and_problem_platforms_cumulative"),
        _s("p2p_turnover", "P2P网贷成交量", "P2P turnover", MONEY, "p2p_turnover"),
        _s("p2p_turnover_cumulative", "P2P历史累计成交量", "P2P turnover since inception", MONEY,
           "p2p_turnover_cumulative"),
        _s("p2p_loan_balance", "P2P网贷贷款余额", "P2P loan balance", MONEY, "p2p_loan_balance"),
        _s("p2p_yield", "P2P网贷平均收益率", "P2P average yield", PERCENT, "p2p_yield_avg"),
        _s("p2p_loan_term", "P2P平均借款期限", "P2P average loan term", MONTHS, "p2p_loan_term_avg"),
        _s("p2p_investors", "P2P投资人(出借人)数", "P2P investors (lenders)", PERSONS, "p2p_investors"),
        _s("p2p_borrowers", "P2P借款人数", "P2P borrowers", PERSONS, "p2p_borrowers"),
        _s("p2p_unrecovered", "P2P未兑付出借资金", "money still owed to P2P lenders", MONEY,
           "p2p_unrecovered_funds_official"),
        _s("p2p_assets_recovered", "追缴P2P涉案资产", "P2P assets recovered", MONEY,
           "p2p_assets_recovered_official_cumulative"),
        _s("p2p_assets_frozen", "查封扣押冻结P2P涉案资产", "P2P assets frozen", MONEY,
           "p2p_assets_frozen_police_cumulative"),
        _s("p2p_balance_change", "P2P借贷余额变化(较2019年初)", "change in P2P lending balance since 2019", PERCENT,
           "p2p_loan_balance_change_official"),
        _s("p2p_lenders_change", "P2P出借人数变化(较2019年初)", "change in P2P lenders since 2019", PERCENT,
           "p2p_lenders_change_official"),
        _s("p2p_borrowers_change", "P2P借款人数变化(较2019年初)", "change in P2P borrowers since 2019", PERCENT,
           "p2p_borrowers_change_official"),
        _s("microloan_companies", "小额贷款公司数量", "microloan companies", ENTITIES,
           "microloan_companies", "microloan_companies_nfra", "microloan_companies_other"),
        _s("microloan_staff", "小额贷款公司从业人员", "microloan company staff", PERSONS,
           "microloan_staff", "microloan_staff_other"),
        _s("microloan_capital", "小额贷款公司实收资本", "microloan companies' paid-in capital", MONEY,
           "microloan_paid_in_capital", "microloan_paid_in_capital_nfra"),
        _s("microloan_loan_balance", "小额贷款公司贷款余额", "microloan companies' loan balance", MONEY,
           "microloan_loan_balance", "microloan_loan_balance_nfra", "microloan_loan_balance_other"),
        _s("microloan_new_loans", "小额贷款公司新增贷款", "microloan companies' net new loans", MONEY,
           "microloan_new_loans"),
        _s("online_microloan_companies", "网络小额贷款公司数量", "online microloan companies", ENTITIES,
           "online_microloan_companies"),
        _s("online_microloan_licences", "网络小贷牌照数量", "online microloan licences", ENTITIES,
           "online_microloan_licences", "online_microloan_companies"),
        _s("online_microloan_loan_balance", "网络小贷贷款余额", "online microloan loan balance", MONEY,
           "online_microloan_loan_balance"),
        _s("online_microloan_capital", "网络小贷实收资本", "online microloan paid-in capital", MONEY,
           "online_microloan_paid_in_capital"),
        _s("consumer_finance_companies", "消费金融公司数量", "consumer-finance companies", ENTITIES,
           "consumer_finance_companies", "consumer_finance_companies_approved"),
        _s("consumer_finance_loan_balance", "消费金融公司贷款余额", "consumer-finance loan balance", MONEY,
           "consumer_finance_loan_balance"),
        _s("consumer_finance_assets", "消费金融公司资产总额", "consumer-finance total assets", MONEY,
           "consumer_finance_total_assets"),
        _s("collection_complaints", "催收相关投诉", "collection complaints", CASES,
           "collection_heimao_violent_collection_complaints", "collection_heimao_violent_collection_complaints_total",
           "collection_malicious_collection_complaints_index"),
        _s("financial_complaints", "金融消费投诉", "financial consumer complaints", CASES,
           "collection_heimao_valid_financial_complaints", "collection_cbirc_bank_complaints_total",
           "collection_cbirc_credit_card_complaints", "collection_cbirc_personal_loan_complaints"),
        _s("credit_card_complaints", "信用卡业务投诉", "credit-card complaints", CASES,
           "collection_cbirc_credit_card_complaints"),
        _s("personal_loan_complaints", "个人贷款业务投诉", "personal-loan complaints", CASES,
           "collection_cbirc_personal_loan_complaints"),
        _s("collection_complaint_share", "催收投诉占比", "share of collection complaints", PERCENT,
           "collection_heimao_violent_collection_share", "collection_malicious_collection_share_index"),
        _s("collection_prosecuted", "以催收非法债务罪起诉人数", "persons prosecuted for illegal debt collection",
           PERSONS, "collection_prosecuted_illegal_debt_collection"),
        _s("collection_firms", "催收机构数量", "debt-collection firms", ENTITIES, "collection_industry_firms"),
        _s("collection_employees", "催收从业人员", "debt-collection workforce", PERSONS,
           "collection_industry_employees"),
        _s("court_cases", "法院借贷与金融案件数", "court lending and financial cases", CASES,
           "collection_court_private_lending_cases_accepted", "collection_court_private_lending_cases_resolved",
           "collection_court_credit_card_cases_accepted", "collection_court_financial_loan_cases_accepted",
           "collection_court_financial_cases_concluded", "collection_court_financial_cases_first_instance",
           "collection_court_financial_cases_received", "collection_court_financial_enforcement_cases"),
        # Cases concluded are not cases received (审结一审金融商事案件178,871件 against 受理179,258件)
        _s("court_cases_concluded", "法院审结的借贷与金融案件数", "court lending and financial cases concluded",
           CASES, "collection_court_private_lending_cases_resolved", "collection_court_financial_cases_concluded"),
        _s("court_cases_received", "法院受理的借贷与金融案件数", "court lending and financial cases received", CASES,
           "collection_court_private_lending_cases_accepted", "collection_court_credit_card_cases_accepted",
           "collection_court_financial_loan_cases_accepted", "collection_court_financial_cases_first_instance",
           "collection_court_financial_cases_received"),
        # Enforcement cases are their own count (新收金融执行案件8万余件 beside 新收一审金融案件17.1万件)
        _s("court_enforcement_cases", "法院金融执行案件数", "court financial enforcement cases", CASES,
           "collection_court_financial_enforcement_cases"),
        _s("dishonest_debtors", "失信被执行人人数", "persons on the dishonest-debtor list", PERSONS,
           "collection_court_dishonest_debtors_listed"),
        _s("taolu_cases", "“套路贷”案件数", "'routine loan' cases cracked", CASES, "collection_mps_taolu_cases_cracked"),
        _s("taolu_suspects", "“套路贷”犯罪嫌疑人", "'routine loan' suspects seized", PERSONS,
           "collection_mps_taolu_suspects_seized"),
        _s("collection_calls_ai", "AI催收机器人日均外呼量", "calls a day per AI collection robot", CALLS,
           "collection_ai_robot_calls_per_day_claim"),
        _s("collection_calls_human", "人工催收员日均外呼量", "calls a day per human collector", CALLS,
           "collection_human_collector_calls_per_day"),
    ]
}  # fmt: skip

# Sector words. Order matters only for overlaps: longer, more specific first.
SECTORS = [
    ("online_microloan", r"网络小额贷款|网络小贷|网小贷|互联网小贷|网路小额贷款|网路小贷|online micro[- ]?(?:loan|credit|lending|lender)s?|online small[- ]loan|internet micro[- ]?(?:loan|credit|lending|lender)s?|internet small[- ]loan"),
    ("consumer_finance", r"消费金融公司|消金公司|消金行业|持牌消金|消费金融|consumer[- ]finance|\bCFCs?\b|licensed consumer[- ]lenders?"),
    ("microloan", r"小额贷款公司|小额贷款|小额借款(?:有限)?公司|小贷公司|小贷|micro[- ]?(?:loan|credit|lending|finance|lender)s?|\bMFIs?\b|small[- ]loan (?:compan(?:y|ies)|firms?|lenders?|providers?)|petty[- ]loan|small lenders|\bMCCs?\b"),
    ("collection", r"催收|讨债|要债|debt[- ]collect\w*|(?:violent|malicious|abusive|aggressive|illegal|harsh|brutal)[- ]collection|collection (?:agenc|compan|firm|industr)\w*|collectors?|collecting illegal debts?"),
    ("court", r"法院|法庭|courts?\b"),
    ("p2p", r"P2P|网贷|网络借贷|网络贷款|网络信贷|peer-to-peer|online lend\w*|网贷机构|online[- ]lending"),
    # Lenders the data hold nothing of: "25 auto finance firms" is not a count of online microloan companies;
    # "2,693 platforms offering cash loans" (现金贷, licensed or not) is neither P2P nor online microloans.
    ("other_lender", r"汽车金融|金融租赁|融资租赁|典当|融资担保|担保公司|担保机构|商业保理|信托公司|auto[- ]finance|financial leasing|pawn|guarantee (?:firms|companies)|factoring|trust companies|现金贷|cash[- ]loans?"),
]  # fmt: skip

# Measures: (measure, pattern, unit kinds it takes).
MEASURES = [
    # Liabilities and equity (负债总额7847.23亿元,所有者权益997.18亿元): no series holds them.
    ("liabilities", r"负债总额|负债|所有者权益|净资产|liabilities|equity", (MONEY,)),
    ("capital", r"实收资本|实收本钱|注册资本|资本金|资本(?!市场|运作|化|充足|补充)|paid-in capital|(?<!registered )(?<!provincial )(?<!national )\bcapital\b(?! markets?| adequacy| ratios?| flight)", (MONEY,)),
    ("assets", r"资产总额|总资产|资产规模|total assets|\bassets\b", (MONEY,)),
    ("balance", r"贷款余额|贷款规模|借贷余额|借款余额|待还余额|待收余额|待还本金|待收本金|贷款存量|余额|outstanding(?: \w+){0,2}|loan balance|balance|loan book|loan portfolio|(?<![\w-])loans(?= and (?:total |paid-in )?(?:assets|capital)\b)|(?<![\w-])loans(?= (?:had |have )?(?:already )?(?:stood|reached|passed|rose|grew|totall?ed|amounted|were(?! (?:made|issued|extended|granted|arranged|lent|disbursed|originated))|declined|fell|dropped|slipped|shrank|contracted|climbed|increased|came to)| (?:at|to|of) (?:about |nearly |some |around |almost |over |more than |just |only )?(?:CNY|RMB|Rmb|¥|\$)? ?\d)|(?:(?<=yuan )|(?<=illion )|(?<=bn ))of (?:outstanding )?loans\b", (MONEY, PERCENT)),
    ("turnover", r"成交量|成交额|成交总额|成交规模|交易量|交易额|交易总额|交易总量|成交总量|交易规模|撮合|turnover|transaction (?:value|volume)s?|value of (?:[\w-]+ ){0,3}transactions|transactions|lending volume|volume of (?:[\w-]+ ){0,2}(?:loans|lending|transactions)|lent out|(?:was|were|has been|have been) lent|(?<!people )(?:lending|lent) (?:through|via)|(?:loans )?\barranged|\boriginated\b|(?<=\bdid )(?:[^.,;]{0,30}?)of business\b|\)\s*of business\b|(?:monthly|quarterly|annual|daily|trading|loan|lending|cumulative) volumes?|\bvolumes? (?:of|for|in)\b|(?<=(?:19|20)\d\d )volumes?\b|(?<=year's )volume\b|(?<=month's )volume\b|(?<=quarter's )volume\b|transactions? (?:were |was )?worth", (MONEY,)),
    # A firm's revenue or profit (营收超过80亿元, 净利润超过10亿元): no series holds them.
    ("income", r"营业收入|营收|净利润|利润|收入|revenues?|profits?|net income|earnings", (MONEY,)),
    # Gross lending (累计发放消费贷款超5.6万亿元, loans disbursed): no series holds it.
    ("lending", r"累计发放|发放贷款|发放了?\S{0,6}贷款|放款|投放|disbursed|disbursements|loans? (?:made|disbursed)|(?:offered|provided|made|granted) (?:\w+ )?loans", (MONEY,)),
    ("new_loans", r"新增人民币贷款|新增贷款|人民币贷款(?:增加|减少)|贷款(?:增加|减少)|net new loans|new (?:yuan-denominated |yuan |renminbi )?loans|new lending|loans? (?:granted|extended|issued)|new money|lent a net|net lending", (MONEY,)),
    ("unrecovered", r"未兑付|尚未兑付|owed to (?:lenders|investors)|still owed|unrecovered|unpaid (?:debts?|principal|loans|to (?:investors|lenders))|yet to be (?:repaid|returned)", (MONEY,)),
    ("recovered", r"追缴|追回|recovered", (MONEY,)),
    ("frozen", r"查封|扣押|冻结|frozen|seized assets", (MONEY,)),
    ("yield", r"综合收益率|平均收益率|收益率|综合年利率|年化利率|借款利率|出借利率|利率|yields?|interest rates?|rates? of return|returns?|rates? (?:offered|paid) to (?:investors|lenders|savers)|rates? (?:[\w-]+ )?(?:investors|lenders|savers) (?:earned|received|got)|composite (?:annual |interest )?rates?|(?<!at an )average (?:annual |annuali[sz]ed |lending |borrowing )?rates?(?! of (?:growth|increase|decline|more|over|about|\d))", (PERCENT,)),
    ("term", r"借款期限|平均期限|借贷期限|期限|loan terms?|average term|maturity", (MONTHS,)),
    ("investors", r"投资人|出借人|投资者|理财人|investors?|lenders?(?! (?:of|in))|savers|people (?:lending|who lend|lent)\b|(?<=people )invested\b|(?<=people )put money into\b|(?<=million )invested\b", (PERSONS, PERCENT)),
    ("borrowers", r"借款人|借款者|borrowers?|(?<=million )borrowed\b|(?<=people )borrowed\b", (PERSONS, PERCENT)),
    ("staff", r"从业人员|从业人数|员工人数|员工|从业者|employees|staff|head ?counts?|workforce|workers|people employed|payrolls?|people working|working in the sector|jobs|employ(?:ed|s|ing)", (PERSONS,)),
    ("prosecuted", r"提起公诉|起诉|公诉|prosecuted|indicted|(?<=prosecutors had )charged|(?<=prosecutors have )charged|(?<=prosecutors )charged", (PERSONS,)),
    ("dishonest", r"失信被执行人|老赖|dishonest (?:judgment )?debtors|blacklist", (PERSONS,)),
    ("complaints", r"投诉|complaints?", (CASES, PERCENT)),
    ("cases", r"案件|纠纷案|收案|结案|\bcases\b", (CASES,)),  # 2018年收案84390件: cases received
    ("suspects", r"犯罪嫌疑人|嫌疑人|suspects", (PERSONS,)),
    ("calls", r"外呼|拨打|通电话|calls", (CALLS,)),
    ("licences", r"牌照|licen[cs]es?\b", (ENTITIES,)),
    ("entities", r"(?:P2P|peer-to-peer(?: \(P2P\))?|online|internet) lenders(?!\s+(?:and|&)\s+borrowers)|平台|机构|公司|企业|网站|platforms?|(?:web)?sites|portals|marketplaces|providers|compan(?:y|ies)|firms|lenders|(?<!financial )institutions|operators|organi[sz]ations|players|entities|\bCFCs\b|\bMCCs\b|(?:\b(?:the|its|their)|'s) (?:count|tally)\b|\b(?:its|their) number\b", (ENTITIES,)),
]  # fmt: skip

MODIFIERS = [
    ("concluded", r"审结|结案(?!率)|执结|\b(?:concluded|resolved|disposed of)\b"),
    ("received", r"受理|新收|收案|\b(?:accepted|received|filed)\b"),
    ("enforcement", r"执行案件?|執行案件?|\benforcement (?:cases?|proceedings|filings)\b"),
    ("exited_problem", r"停业及问题|停业、问题|停业与问题|停业及(?:发生|出现)问题|停业或(?:发生|出现)问题|closed (?:or|and) problem|suspend(?:ing|ed) operations? or succumb(?:ing|ed)"),
    ("problem", r"问题平台|问题|跑路|提现困难|爆雷|暴雷|失联|problems?|troubled|collapsed|collapses|defaulted|absconding|scandal|succumb(?:ed|ing) to risk|"
                 r"(?:got|ran|run|fell) into (?:trouble|difficult(?:y|ies))"),
    ("exited", r"停业|停止运营|停止经营|停止营业|终止运营|停运|退出|消亡|倒闭|关闭|关门|清退|exited|exiting|closed|closures?|(?<!the )\bclose\b(?!\s+to)|withdr[ae]wn?(?: from)?|terminated|shut(?:ting)? down|went bankrupt|ceased|\bquit\b|(?:went|gone|going) out of business|disappeared|vanished|\bdied\b|went dark|suspended operations?|suspension of operations"),
    ("new", r"新上线|新增|新成立|新设|\bnew(?:ly)?\b|launched|came online|went (?:live|online)|established|set up"),
    # 已立案侦查786家网贷机构: platforms under criminal investigation, which no series counts.
    ("investigated", r"立案侦查|立案调查|侦查|under (?:criminal )?investigation|investigated|probed"),
    ("cumulative", r"累计|历史(?!性|新|最)|累積|监测到|cumulative|since (?:inception|the (?:industry|sector) began)|\bever\b|in total since|all-time|monitored|recorded|tracked|the establishment of"),
    ("peak", r"高峰|峰值|巅峰|顶峰|鼎峰|鼎盛|最高时|最高的时候|最多时|最多的时候|最火的时候|最热的时候|最火爆|peak|at its height|heyday|zenith"),
    ("operating", r"正常运营|在运营|实际运营|运营中|运营|活跃|剩下的?还有|剩下|剩余|尚存|存量|regularly operating|in operation|operating|\bactive\b|still in business|open for business|remaining|survivors?"),
    ("official", r"监管|银保监|银监|人民银行|央行|regulators?|CBIRC|PBOC"),
    # Kinds of banking complaint: the two the data hold, and kinds they do not (by product or bank type).
    # Kinds of P2P loan (普通标13.73%、净值标11.93%) and of day: rates and volumes of a part, which no series holds.
    ("loan_kind", r"普通标|净值标|秒标|信用标|抵押标|担保标|债权转让|法定工作日|节假日|双休日|workdays|weekends"),
    # (and the banks' complaints the regulator counts: 银行业消费投诉, "complaints against Chinese banks")
    ("financial", r"金融类投诉|金融类的投诉|金融消费投诉|金融消费者投诉|financial (?:consumer )?complaints|financ(?:e|ial)[- ]related complaints|银行业(?:消费)?投诉|"
                  r"银行业投诉|银行业的(?:消费)?投诉|complaints (?:against|about) (?:Chinese |the )?banks|bank(?:ing)?(?:[- ]sector)?(?: consumer)? complaints|"
                  r"banking regulator\s+(?:received|handled|logged|recorded|took in)"),
    ("credit_card", r"信用卡|credit[- ]cards?"),
    ("personal_loan", r"个人贷款|personal[- ]loans?"),
    ("complaint_kind", r"理财|消协|消费者协会|消费者投诉|保险公司|保险业|保险机构|insurance (?:companies|firms|sector|industry)|insurers|国有大型商业银行|大型商业银行|股份制商业银行|城市商业银行|农村中小|外资银行|wealth[- ]management|state-owned banks|joint-stock banks"),
]  # fmt: skip

CHANGE = re.compile(
    r"(?:同比|环比|比上年|较上年|较去年|比去年|比年初|较年初|较\S{0,8}?|比\S{0,8}?|与\S{0,8}相比)?\s*(?<!新)(?:增加|增长|上升|提高|减少|下降|下滑|降低|回落|缩减|增幅|降幅|减幅|拉长|延长|缩短|上涨|下跌|提升|回升|涨|跌|增|降|减|多了|少了)了?\s*(?:约|近|超过|逾)?\s*$"
    r"|比\S{0,10}?(?:仍|还|要)?(?:多出|多|少)了?\s*(?:约|近|超过|逾)?\s*$"
    r"|(?:\b(?:up|down|rose|risen|fell|fallen|dropped|declined|increased|decreased|grew|grown|jumped|plunged|climbed|slid|shrank|shrunk|surged|soared|sank|tumbled|slumped|contracted|decreasing|increasing|declining|falling|rising|dropping|shrinking|growing)(?: by)?|(?:decline|increase|drop|rise|growth|gain|fall|decrease|plunge)(?:\s+[a-z]+){0,4}\s+of|year-on-year|yoy|\bor)\s*(?:a\s+net\s+|a\s+)?(?:about|nearly|almost|over|more than|some)?\s*(?:CNY|RMB|Rmb|USD|US\$|\$|¥)?\s*$",
    re.IGNORECASE,
)

_COMPILED_SECTORS = [(name, re.compile(p, re.IGNORECASE)) for name, p in SECTORS]
_COMPILED_MEASURES = [(name, re.compile(p, re.IGNORECASE), kinds) for name, p, kinds in MEASURES]
_COMPILED_MODIFIERS = [(name, re.compile(p, re.IGNORECASE)) for name, p in MODIFIERS]


@dataclass(frozen=True)
class Hit:
    name: str
    start: int
    end: int


def _hits(compiled, text: str, lo: int, hi: int) -> list[Hit]:
    found = []
    for entry in compiled:
        name, pattern = entry[0], entry[1]
        for m in pattern.finditer(text, lo, hi):
            found.append(Hit(name, m.start(), m.end()))
    # A hit inside a longer one of another name gives way (贷款余额 wins over 余额; 问题平台 over 平台).
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept, cover = [], None  # cover: the kept hit reaching furthest right
    for h in found:
        if cover is not None and h.end <= cover.end and (cover.end - cover.start) > (h.end - h.start):
            continue
        kept.append(h)
        if cover is None or h.end > cover.end:
            cover = h
    return kept


def sector_hits(text: str, lo: int, hi: int) -> list[Hit]:
    """Sector words; of two that overlap (网络小贷公司: 网络小贷 and 小贷公司) the one that starts first, the
    more specific, stands."""
    kept: list[Hit] = []
    for h in _hits(_COMPILED_SECTORS, text, lo, hi):
        if kept and h.start < kept[-1].end and h.name != kept[-1].name:
            continue
        kept.append(h)
    # "(xiaoe daikuan gongsi, the licensed offline lenders, not P2P)", 而非P2P: a sector said not to be the one spoken of
    return [h for h in kept if not _NOT_THE_SECTOR.search(text, max(0, h.start - 16), h.start)]


_NOT_THE_SECTOR = re.compile(
    r"(?:\b(?:not|rather than|as opposed to|unlike|other than)\s+(?:the\s+|a\s+|an\s+)?|(?:不是|并非|並非|而非|而不是))$",
    re.IGNORECASE,
)


def measure_hits(text: str, lo: int, hi: int) -> list[Hit]:
    return _hits([(n, p) for n, p, _ in _COMPILED_MEASURES], text, lo, hi)


def modifier_hits(text: str, lo: int, hi: int) -> list[Hit]:
    return _hits(_COMPILED_MODIFIERS, text, lo, hi)


MEASURE_KINDS = {name: kinds for name, _, kinds in MEASURES}


def dominant_sector(text: str) -> str | None:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for h in sector_hits(text, 0, len(text)):
        counts[h.name] = counts.get(h.name, 0) + 1
        first.setdefault(h.name, -h.start)
    if not counts and re.search(r"平台|platforms?\b", text, re.IGNORECASE):
        return "p2p"  # lending "platforms" with no sector named: the P2P platforms
    # (of two named as often, the one named first: "China's microcredit companies …; Chongqing, where many online
    # lenders are licensed")
    return max(counts, key=lambda k: (counts[k], first[k])) if counts else None


def court_cases_subject(modifiers: set[str]) -> str:
    """Court cases concluded (审结, 结案) or received (受理, 新收, 收案), when the text says which; else either.
    Enforcement cases (执行案件) are their own count."""
    if "enforcement" in modifiers:
        return "court_enforcement_cases"
    if "concluded" in modifiers and "received" not in modifiers:
        return "court_cases_concluded"
    if "received" in modifiers and "concluded" not in modifiers:
        return "court_cases_received"
    return "court_cases"


def subject_for(sector: str | None, measure: str | None, modifiers: set[str], kind: str) -> str | None:
    """The subject key for a sector, measure and modifiers, or None when the data hold no such thing."""
    if measure is None or sector == "other_lender":
        return None
    if sector in ("online_microloan", "microloan", "consumer_finance") and modifiers & {"exited", "exited_problem"}:
        return None  # "nearly 4,000 companies exiting over the past decade": exits, which no series counts
    if sector == "online_microloan":
        return {"entities": "online_microloan_companies", "licences": "online_microloan_licences",
                "balance": "online_microloan_loan_balance", "capital": "online_microloan_capital"}.get(measure)  # fmt: skip
    if sector == "microloan":
        return {"entities": "microloan_companies", "staff": "microloan_staff", "capital": "microloan_capital",
                "balance": "microloan_loan_balance", "new_loans": "microloan_new_loans"}.get(measure)  # fmt: skip
    if sector == "consumer_finance":
        return {"entities": "consumer_finance_companies", "balance": "consumer_finance_loan_balance",
                "assets": "consumer_finance_assets"}.get(measure)  # fmt: skip
    if sector == "court" and measure == "complaints":
        sector = None  # "Court data point the same way" in a piece on banks' complaints: courts count no complaints
    if sector in ("collection", "court"):
        if measure == "complaints" and "complaint_kind" in modifiers:
            return None  # 全国消协组织共受理消费者投诉…: complaints of every kind, not about collection
        if measure == "complaints" and kind != PERCENT and modifiers & {"credit_card", "personal_loan"}:
            # 信用卡业务投诉29,981件 in a piece on collection: the banks' complaints by product
            return "credit_card_complaints" if "credit_card" in modifiers else "personal_loan_complaints"
        if measure == "complaints" and "financial" in modifiers and kind != PERCENT:
            return "financial_complaints"  # 共有46.6万条有效的金融类投诉,其中暴力催收…: all financial complaints
        if measure == "complaints":
            return "collection_complaint_share" if kind == PERCENT else "collection_complaints"
        return {"prosecuted": "collection_prosecuted", "entities": "collection_firms",
                "staff": "collection_employees", "cases": court_cases_subject(modifiers), "dishonest": "dishonest_debtors",
                "suspects": "taolu_suspects",
                "calls": "collection_calls_ai" if "ai" in modifiers else "collection_calls_human"}.get(measure)  # fmt: skip
    if measure == "complaints":
        if kind == PERCENT:
            return "collection_complaint_share"
        if "complaint_kind" in modifiers:
            return None  # 理财类业务的投诉, complaints about state-owned banks: a kind no series holds
        if "credit_card" in modifiers:
            return "credit_card_complaints"
        if "personal_loan" in modifiers:
            return "personal_loan_complaints"
        return "financial_complaints"
    if measure == "cases":
        return court_cases_subject(modifiers)
    if measure == "dishonest":
        return "dishonest_debtors"
    if sector != "p2p" or "loan_kind" in modifiers:
        return None
    if measure == "entities":
        if "investigated" in modifiers:
            return None
        if "peak" in modifiers:
            return "p2p_platforms_peak"
        cumulative = "cumulative" in modifiers
        if "exited_problem" in modifiers or "exited" in modifiers:
            return "p2p_exited_platforms_cumulative" if cumulative else "p2p_exited_platforms"
        if "problem" in modifiers:
            return "p2p_problem_platforms_cumulative" if cumulative else "p2p_problem_platforms_new"
        if "new" in modifiers:
            return "p2p_platforms_new"
        if cumulative:
            return "p2p_platforms_cumulative"
        return "p2p_platforms_operating"
    if kind == PERCENT and "change" in modifiers:
        return {"balance": "p2p_balance_change", "investors": "p2p_lenders_change",
                "borrowers": "p2p_borrowers_change"}.get(measure)  # fmt: skip
    if measure == "turnover":
        # 累计交易总额超5.54万亿元,其中本季度新增5400亿元: what the total grew by is the period's turnover
        return "p2p_turnover_cumulative" if "cumulative" in modifiers and "new" not in modifiers else "p2p_turnover"
    if measure == "balance" and modifiers & {"problem", "exited", "exited_problem"}:
        return None  # 问题平台涉及贷款余额: the balance of failed platforms, which no series holds
    return {"balance": "p2p_loan_balance", "yield": "p2p_yield", "term": "p2p_loan_term",
            "investors": "p2p_investors", "borrowers": "p2p_borrowers", "unrecovered": "p2p_unrecovered",
            "recovered": "p2p_assets_recovered", "frozen": "p2p_assets_frozen"}.get(measure)  # fmt: skip
