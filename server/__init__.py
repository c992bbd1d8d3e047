"""The kabupaten mall server: storefront, sync API and Dinas view (arrives with the sync issue)."""
