"""Product listings and mall orders (arrives with the shop issue; stock items live in books)."""
