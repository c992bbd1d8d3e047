"""Lumbung desktop side: books, shop and the windows and command line over them."""
