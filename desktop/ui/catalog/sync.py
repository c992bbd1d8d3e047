"""English for the sync screens: the sidebar indicator, Pengaturan → Mall, restoring from it."""

from __future__ import annotations

EN = {
    # Pengaturan → Mall kabupaten
    "Mall kabupaten": "Regency mall",
    "Hubungkan ke Mall": "Connect to the Mall",
    "Dengan akun dari Dinas, buku ini dikirim ke Mall kabupaten setiap ada internet: sebagai "
    "cadangan milik Anda dan untuk toko online. Dinas hanya melihat yang Anda pilih di bawah. "
    "Kata sandi tidak disimpan di PC ini.":
        "With an account from the Dinas, these books are sent to the regency Mall whenever "
        "there is internet: as your own backup and for the online shop. The Dinas sees only "
        "what you choose below. The password is not kept on this PC.",
    "Alamat Mall": "Mall address",
    "Alamat yang diberikan Dinas Koperasi.": "The address the Dinas Koperasi gave you.",
    "Nama pengguna": "User name",
    "Kata sandi": "Password",
    "Hubungkan": "Connect",
    "Hubungkan ulang": "Connect again",
    "Isi alamat Mall": "Fill in the Mall address",
    "Isi nama pengguna": "Fill in the user name",
    "Isi kata sandi": "Fill in the password",
    "Terhubung ke {server}": "Connected to {server}",
    "Terhubung ke Mall sebagai perangkat nomor {number}.":
        "Connected to the Mall as device number {number}.",
    "Sinkronisasi": "Sync",
    "Lumbung menyinkronkan sendiri setiap {minutes} menit selama ada internet. Tanpa internet, "
    "semua tetap tersimpan di PC ini dan dikirim nanti.":
        "Lumbung syncs by itself every {minutes} minutes while there is internet. Without "
        "internet everything stays saved on this PC and is sent later.",
    "Sinkronkan sekarang": "Sync now",
    "Semua perubahan sudah terkirim.": "Every change has been sent.",
    "Ditolak Mall": "Refused by the Mall",
    "Perubahan ini tidak diterima Mall dan tidak dikirim lagi; datanya tetap ada di PC ini. "
    "Jika sebuah transaksi salah, batalkan di Kas & Bank lalu catat ulang.":
        "The Mall did not accept these changes and they are not sent again; the data stays on "
        "this PC. If a transaction is wrong, reverse it in Cash & Bank and record it again.",
    "Tidak ada yang ditolak.": "Nothing was refused.",
    "Data": "Record",
    "Alasan Mall": "The Mall's reason",
    "Dicatat": "Recorded",
    "Transaksi": "Transaction",
    # the indicator in the sidebar
    "Belum terhubung ke Mall": "Not connected to the Mall",
    "Terhubung ke Mall": "Connected to the Mall",
    "Hubungkan…": "Connect…",
    "Memeriksa…": "Checking…",
    "● Online": "● Online",
    "● Offline — data aman di PC ini": "● Offline — the data is safe on this PC",
    "● Ada masalah — lihat Pengaturan": "● A problem — see Settings",
    "Sinkron dihentikan": "Sync stopped",
    "Sinkron sedang berjalan di jendela lain": "A sync is running in another window",
    "Sinkronkan": "Sync",
    "Hentikan": "Stop",
    "Menyinkronkan…": "Syncing…",
    "Mengirim": "Sending",
    "Menerima": "Receiving",
    "{phase} {done} perubahan ({kb} KB)…": "{phase} {done} changes ({kb} KB)…",
    "Belum pernah sinkron": "Never synced",
    "Terakhir sinkron: hari ini {time}": "Last sync: today {time}",
    "Terakhir sinkron: {when}": "Last sync: {when}",
    "{count} perubahan menunggu dikirim": "{count} changes waiting to be sent",
    "{count} ditolak Mall — lihat Pengaturan": "{count} refused by the Mall — see Settings",
    "Jam komputer ini terlambat {minutes} menit dari jam Mall. Betulkan jam dan tanggal "
    "komputer agar tanggal transaksi benar.":
        "This computer's clock is {minutes} minutes behind the Mall's. Set the computer's "
        "clock and date so that transaction dates are right.",
    "Jam komputer ini lebih cepat {minutes} menit dari jam Mall. Betulkan jam dan tanggal "
    "komputer agar tanggal transaksi benar.":
        "This computer's clock is {minutes} minutes ahead of the Mall's. Set the computer's "
        "clock and date so that transaction dates are right.",
    # restoring from the Mall
    "Pulihkan dari server": "Restore from the server",
    "PC baru atau rusak? Ambil buku usaha dari Mall kabupaten dengan akun Anda.":
        "A new or broken PC? Take your business's books from the regency Mall with your "
        "account.",
    "Buku usaha diambil dari Mall kabupaten ke PC ini. Pakai akun yang sama dengan PC lama, "
    "lalu buat PIN baru untuk membuka buku di PC ini.":
        "The business's books are taken from the regency Mall onto this PC. Use the same "
        "account as on the old PC, then make a new PIN to open the books on this PC.",
    "Pulihkan": "Restore",
    "Masuk ke Mall…": "Logging in to the Mall…",
    "Menerima buku: {done} perubahan ({kb} KB)…": "Receiving the books: {done} changes ({kb} KB)…",
    "Menghentikan…": "Stopping…",
    "Buku '{name}' sudah dipulihkan dari Mall ({count} perubahan). Masukkan PIN baru untuk "
    "membukanya.":
        "The books of '{name}' were restored from the Mall ({count} changes). Enter the new "
        "PIN to open them.",
    "Sebagian buku '{name}' sudah diterima ({count} perubahan). Sisanya diambil sendiri saat "
    "buku dibuka dan ada internet.":
        "Part of the books of '{name}' has arrived ({count} changes). The rest is fetched by "
        "itself when the books are open and there is internet.",
}
