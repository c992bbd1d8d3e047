"""A real mall server on 127.0.0.1 in a thread, for sync tests through real sockets."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from sqlmodel import Session

from server.app import create_app
from server.security import create_user


class LiveServer:
    """uvicorn serving `create_app(url)` on an ephemeral port until `stop()`."""

    def __init__(self, url: str) -> None:
        self.db_url = url
        self.app = create_app(url)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="error",
                                timeout_keep_alive=30)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.engine.dispose()

    def user(self, username: str, business: str, password: str = "rahasia-123") -> str:
        with Session(self.app.state.engine) as session:
            create_user(session, username=username, password=password, role="umkm",
                        business_name=business)
        return password


def sqlite_url(tmp: Path) -> str:
    return f"sqlite:///{tmp / 'mall.sqlite3'}"
