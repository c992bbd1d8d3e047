"""The sync protocol between the Lumbung desktop and the mall: the one place it is written.

See protocol/README.md for the contract. This package imports nothing but the standard
library, so the server, sync_client and the desktop can all import it and agree by
construction: the wire format and its hash (`wire`), every entity's fields with their types,
enums and bounds (`entities`), the merge sets and the order state machine (`rules`), and the
clock stamps with the skew the server accepts (`hlc`).
"""
