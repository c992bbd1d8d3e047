"""The storefront domain: projections of listings, orders, questions, curation, forms."""
