"""What the Dinas may see of a business, and on what terms (docs/dinas.md).

One place for the consent levels, the monthly summary's fields, the business profile the
Dinas asks for, the PP 7/2021 size class and the e-UMKM stages: the desktop builds summaries
and its CHECK constraints from these, the server validates and groups by them.
"""

from __future__ import annotations

# none: nothing beyond public listings; ringkasan: monthly totals enter the aggregates;
# profil: the business also appears by name with its profile and monthly totals.
CONSENT_LEVELS = ("none", "ringkasan", "profil")
DEFAULT_CONSENT = "none"
# e-UMKM stages, lowest first (docs/dinas.md says how each is derived).
STAGES = ("persiapan", "kehadiran", "portal", "ti", "mandiri")
SIZE_CLASSES = ("mikro", "kecil", "menengah", "besar")
# Sales channels: a nota's channel (issue 13) and the split of a summary's omzet (issue 16).
# A sale without a nota counts as "toko" (sold in person) unless a mall order made it.
CHANNELS = ("toko", "mall", "whatsapp", "sosmed", "shopee", "tokopedia", "lainnya")
RAW_SOURCES = ("desa", "kabupaten", "luar")
MARKET_AREAS = ("", "desa", "kabupaten", "provinsi", "nasional", "ekspor")
GENDERS = ("", "perempuan", "laki-laki")
AGE_GROUPS = ("", "<25", "25-34", "35-44", "45-54", "55+")
# Certificates the Dinas counts, each with a number and an expiry date in the profile.
DINAS_CERTIFICATES = ("nib", "pirt", "halal", "sni", "bpom", "hki")
# A group with fewer businesses than this that are not all at `profil` is not shown.
MIN_GROUP = 3

# PP 7/2021 (../shared/docs/domain.md "Size class"), in rupiah: the most modal usaha and the
# most annual omzet of mikro, kecil and menengah; above both limits a business is `besar`.
_MODAL_LIMITS = (1_000_000_000, 5_000_000_000, 10_000_000_000)
_OMZET_LIMITS = (2_000_000_000, 15_000_000_000, 50_000_000_000)


def size_class(*, modal_rupiah: int, annual_omzet_rupiah: int) -> str:
    """The PP 7/2021 class: the larger of what modal usaha and annual omzet say."""
    def rank(value: int, limits: tuple[int, ...]) -> int:
        return next((n for n, limit in enumerate(limits) if value <= limit), len(limits))

    return SIZE_CLASSES[max(rank(modal_rupiah, _MODAL_LIMITS),
                            rank(annual_omzet_rupiah, _OMZET_LIMITS))]
