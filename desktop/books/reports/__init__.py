"""Reports compute data once; renderers (text, JSON, CSV, XLSX, later PDF and Qt) only render."""
