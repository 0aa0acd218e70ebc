"""P2P platforms: operating counts by publisher, new and problem platforms, the official wind-down."""

from app import ui
from app.explorer import series_explorer

_, info = ui.page_header("page_platforms")
series_explorer("platforms_series", "pl", info["build_id"])
