"""Alembic 0010: every order placed before the mall cart gets its one line, so stock holds,
order pages and the desktop's change read the same as before."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlmodel import Session, select

from server.db import MIGRATIONS, make_engine, upgrade
from server.models import Business, utcnow
from server.shop.models import Product, ShopOrder, ShopOrderLine
from server.shop.orders import available, order_change, order_lines


def test_an_order_from_before_the_cart_gets_its_line(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'mall.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008_mall_config")
    business, product, order = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    with Session(engine) as session:
        session.add(Business(id=business, name="Bu Made", slug="bu-made", epoch="e"))
        session.flush()
        session.add(Product(id=product, business_id=business, slug="keripik", sku="KRP-ORI",
                            title="Keripik", price=1_500_000, stock_qty=5, published=True,
                            curation="tayang"))
        session.flush()
        session.add(ShopOrder(id=order, code="OLD12345", business_id=business,
                              product_id=product, sku="KRP-ORI", title="Keripik", qty=2,
                              unit_price=1_500_000, total=3_000_000, buyer_name="Ayu",
                              buyer_phone="6281234567890", address="Sidemen",
                              payment_method="cod", created_at=utcnow()))
        session.commit()
    upgrade(engine)
    with Session(engine) as session:
        (line,) = session.exec(select(ShopOrderLine)).all()
        assert (line.order_id, line.position, line.product_id, line.qty, line.total) == (
            order, 1, product, 2, 3_000_000)
        found = session.get(ShopOrder, order)
        held = session.get(Product, product)
        assert found is not None and held is not None
        assert available(session, held) == 3  # the old order still holds its units
        lines = order_lines(session, found)
        assert "lines" not in order_change(found, lines)  # one product: as older desktops know
    engine.dispose()
