"""Mounts the storefront on the mall app: pages, forms, the kurator's pages and the shop API.

The HTML pages stay out of `/openapi.json`; the shop API is in it (and fuzzed with the sync API
by tests/sync/test_schemathesis.py, which pins the documented route set).
"""

from __future__ import annotations

from fastapi import Depends, FastAPI

from server import curation, onboarding_web, shop_api, shop_cart, shop_forms, storefront
from server.shop.guard import ShopLimits
from server.shop.notify import listen_while_serving
from server.shop.pagecache import catalog_changed
from server.shop.web import load_mall


def install_shop(app: FastAPI) -> None:
    """Add the storefront's routers and its rate limits: counted in PostgreSQL, which several
    worker processes share; in memory on SQLite, which serves from one process (a second
    connection writing the counts would wait on the request's own write lock)."""
    engine = app.state.engine
    app.state.shop_limits = ShopLimits(
        engine=engine if engine.dialect.name == "postgresql" else None)
    for router in (storefront.router, shop_forms.router, shop_cart.router, curation.router,
                   onboarding_web.router, shop_api.router):
        app.include_router(router, dependencies=[Depends(load_mall)])
    listen_while_serving(app, catalog_changed)  # other processes' product changes (PostgreSQL)
