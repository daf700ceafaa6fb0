"""The demo sites' standing pages: about, contact, standards, corrections, ownership, privacy.

Short Indonesian texts in the spirit of Dewan Pers' Pedoman Pemberitaan Media
Siber (verification, corrections, right of reply, a reachable newsroom); they
describe invented publications. Pages are created once, never overwritten.
"""

from wagtail.rich_text import RichText

from warta.articles.models import StandingPage, StandingRole

# role: (slug, title, paragraphs); "{name}" and "{email}" are the site's.
PAGES = {
    StandingRole.ABOUT: (
        "tentang-kami",
        "Tentang kami",
        [
            "{name} adalah media siber lokal yang memberitakan peristiwa di sekitar pembaca "
            "dengan berita berbasis fakta, foto, video dan peta.",
            "Redaksi bekerja secara independen dan tunduk pada Kode Etik Jurnalistik serta "
            "Pedoman Pemberitaan Media Siber dari Dewan Pers.",
        ],
    ),
    StandingRole.CONTACT: (
        "kontak",
        "Kontak",
        [
            "Redaksi {name} dapat dihubungi melalui surel {email}.",
            "Untuk koreksi, hak jawab atau pengaduan tentang isi berita, sebutkan judul dan "
            "alamat berita yang dimaksud; redaksi menanggapi paling lambat 2 x 24 jam.",
        ],
    ),
    StandingRole.STANDARDS: (
        "pedoman-media-siber",
        "Pedoman pemberitaan",
        [
            "{name} mengikuti Pedoman Pemberitaan Media Siber. Setiap berita melalui verifikasi "
            "dan keberimbangan; berita yang belum terverifikasi diberi keterangan dan "
            "diverifikasi ulang, lalu hasilnya dicantumkan pada berita yang sama.",
            "Isi buatan pengguna yang melanggar hukum atau kode etik akan dihapus. "
            "Pihak yang dirugikan oleh suatu berita berhak mengajukan hak jawab.",
        ],
    ),
    StandingRole.CORRECTIONS: (
        "kebijakan-koreksi",
        "Kebijakan koreksi",
        [
            "Kesalahan kami perbaiki secepatnya. Ralat, koreksi dan hak jawab ditautkan pada "
            "berita yang diralat, dengan waktu dan isi perbaikannya.",
            "Berita yang sudah terbit tidak dihapus karena kritik; bila terpaksa dicabut "
            "(misalnya demi keselamatan narasumber), alasannya diumumkan.",
        ],
    ),
    StandingRole.OWNERSHIP: (
        "kepemilikan-dan-pendanaan",
        "Kepemilikan dan pendanaan",
        [
            "{name} adalah publikasi contoh pada instalasi demo Warta; tidak ada pemilik atau "
            "pemodal nyata.",
            "Media sungguhan menuliskan di sini badan hukumnya, pemiliknya, penanggung jawab "
            "redaksi dan sumber pendanaannya (iklan, langganan, hibah).",
        ],
    ),
    StandingRole.PRIVACY: (
        "privasi",
        "Kebijakan privasi",
        [
            "Halaman berita {name} tidak memakai kuki, tidak memuat pelacak pihak ketiga dan "
            "tidak menyimpan apa pun tentang pembaca.",
            "Data yang Anda kirim kepada redaksi (surel, hak jawab) hanya dipakai untuk "
            "menanggapi Anda.",
        ],
    ),
}


def load_standing_pages(home, site_name, hostname):
    """The six standing pages under `home`, with their roles; returns how many were new."""
    created = 0
    email = f"redaksi@{hostname}"
    for role, (slug, title, paragraphs) in PAGES.items():
        if StandingPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        body = [
            ("paragraph", RichText(f"<p>{text.format(name=site_name, email=email)}</p>"))
            for text in paragraphs
        ]
        page = StandingPage(slug=slug, title=title, role=role, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created
