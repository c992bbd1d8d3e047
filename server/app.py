"""The kabupaten mall server: `create_app` builds it on one database URL."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server import auth_api, photos_api, sync_api, sync_one
from server.db import default_url, make_engine, upgrade
from server.dinas import web as dinas_web
from server.gzip_request import GzipRequestMiddleware
from server.limits import ROUTES, SMALL, EarlyLimits, validation_error
from server.merge import ForeignEntity
from server.schemas import Health
from server.security import AuthError, IpThrottle, LoginThrottle
from server.shop.web import load_mall
from server.shop_app import install_shop
from server.throttle_db import SharedIpThrottle, SharedLoginThrottle


def create_app(database_url: str | None = None, *, data_dir: Path | None = None,
               migrate: bool = True) -> FastAPI:
    """The app on `database_url` (default: SQLite in the data directory), migrated."""
    url = database_url or default_url(data_dir or default_data_dir())
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    app = FastAPI(title="Lumbung Mall", version="1",
                  description="Sync API for Lumbung desktops, and the kabupaten mall.")
    app.state.engine = engine
    if engine.dialect.name == "postgresql":  # several processes: counted in the database
        app.state.ip_throttle = SharedIpThrottle(engine)
        app.state.login_throttle = SharedLoginThrottle(engine)
    else:  # SQLite serves from one process, and a second writer would wait on its lock
        app.state.ip_throttle = IpThrottle()
        app.state.login_throttle = LoginThrottle()
    app.add_middleware(GZipMiddleware, minimum_size=512)
    # Outermost last: a login or order over its limit is refused before its body is read.
    app.add_middleware(GzipRequestMiddleware, default=SMALL, routes=ROUTES,
                       unbuffered=photos_api.PREFIX)  # a cut photo keeps what arrived
    app.add_middleware(EarlyLimits)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.include_router(auth_api.router)
    app.include_router(sync_api.router)
    app.include_router(sync_one.router)
    app.include_router(photos_api.router)
    install_shop(app)  # the storefront: pages, forms, curation, /api/v1/products|orders
    # /dinas: consented summaries only (issue 16)
    app.include_router(dinas_web.router, dependencies=[Depends(load_mall)])

    @app.exception_handler(AuthError)
    async def _auth(_request: Request, exc: AuthError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)

    @app.exception_handler(ForeignEntity)
    async def _foreign(_request: Request, exc: ForeignEntity) -> JSONResponse:
        return JSONResponse({"detail": f"Ditolak: {exc}"}, status_code=403)

    @app.get("/healthz", tags=["ops"], summary="Liveness and database check",
             response_model=Health)
    def healthz() -> dict[str, str]:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "database": engine.dialect.name}

    return app


def default_data_dir() -> Path:
    """`LUMBUNG_SERVER_DATA`, or the per-OS data directory."""
    import os

    import platformdirs

    env = os.environ.get("LUMBUNG_SERVER_DATA")
    return Path(env) if env else Path(platformdirs.user_data_dir("lumbung-server", "Lumbung"))
