"""The ASGI app uvicorn workers import (`LUMBUNG_DATABASE_URL` picks the database)."""

from server.app import create_app
from server.dinas.warm import warm_while_serving

app = create_app(migrate=False)
warm_while_serving(app)  # the Dinas dashboard's default view, worked out as the process starts
