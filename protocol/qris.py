"""The QRIS checks the desktop and the mall share: an EMVCo payload with a valid CRC.

The desktop refuses a wrong image with a message (desktop/books/qris.py); the mall only
shows a payload that passes `is_qris`, so a hand-made profile change never draws a code
that a buyer's bank would reject.
"""

from __future__ import annotations

MAX_PAYLOAD = 512  # EMVCo caps a merchant-presented payload at 512 characters


def crc16_ccitt(data: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) as four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def is_qris(payload: object) -> bool:
    """Starts "000201", ends with tag 63 and its CRC matches, within EMVCo's length."""
    return (isinstance(payload, str) and payload.startswith("000201")
            and 12 <= len(payload) <= MAX_PAYLOAD and payload[-8:-4] == "6304"
            and crc16_ccitt(payload[:-4]) == payload[-4:].upper())
