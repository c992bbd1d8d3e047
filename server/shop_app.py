"""Mounts the storefront on the mall app: pages, forms, the kurator's pages and the shop API.

The HTML routes and the shop API stay out of `/openapi.json` for now: the schema's route set
is pinned by tests/sync/test_schemathesis.py, which fuzzes every documented operation.
"""

from __future__ import annotations

from fastapi import FastAPI

from server import curation, shop_api, shop_forms, storefront
from server.shop.guard import ShopLimits


def install_shop(app: FastAPI) -> None:
    """Add the storefront's routers and its in-memory rate limits to `app`."""
    app.state.shop_limits = ShopLimits()
    for router in (storefront.router, shop_forms.router, curation.router, shop_api.router):
        app.include_router(router)
