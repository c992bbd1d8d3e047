"""The ASGI app uvicorn workers import (`LUMBUNG_DATABASE_URL` picks the database)."""

from server.app import create_app

app = create_app(migrate=False)
