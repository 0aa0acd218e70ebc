"""Volume and outcomes: turnover, loan balance, yields, investors and borrowers, money owed and recovered."""

from app import ui
from app.explorer import series_explorer

_, info = ui.page_header("page_volume")
series_explorer("volume_series", "vo", info["build_id"])
