"""P2P platforms: operating counts by publisher, new and problem platforms, the official wind-down."""

from app import ui
from app.explorer import series_explorer

SERIES = [
    "p2p_platforms_operating", "p2p_institutions_operating_official", "p2p_platforms_new",
    "p2p_problem_platforms_new", "p2p_exited_and_problem_platforms_new", "p2p_problem_platforms_cumulative",
    "p2p_exited_and_problem_platforms_cumulative", "p2p_platforms_cumulative", "p2p_platforms_peak_official",
]  # fmt: skip

_, info = ui.page_header("page_platforms")
series_explorer(SERIES, "pl", info["build_id"])
