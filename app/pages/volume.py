"""Volume and outcomes: turnover, loan balance, yields, investors and borrowers, money owed and recovered."""

from app import ui
from app.explorer import series_explorer

SERIES = [
    "p2p_turnover", "p2p_loan_balance", "p2p_yield_avg", "p2p_investors", "p2p_borrowers", "p2p_loan_term_avg",
    "p2p_turnover_cumulative", "p2p_unrecovered_funds_official", "p2p_assets_recovered_official_cumulative",
    "p2p_assets_frozen_police_cumulative", "p2p_loan_balance_change_official", "p2p_lenders_change_official",
    "p2p_borrowers_change_official",
]  # fmt: skip

_, info = ui.page_header("page_volume")
series_explorer(SERIES, "vo", info["build_id"])
