"""A seeded generator of Vietnamese news articles, calibrated to the development set.

    python bench/corpus.py N OUTDIR [--seed S]

Each article takes the shape of one development-set article, drawn at random (`shape.py`: the words of its
text and of its page furniture, its sentences, figures, people, posts, documents, platforms and meetings,
as numbers), and is written to that shape from the project's lexicons and a few sentence frames: a
headline, furniture (a clock or "Cập nhật" line, a follow-us bar, captions, a view counter, a
related-articles tail), a meeting with its date and chair, officials with title chains, documents in state
and party forms, figures (rates, counts with scale words, rankings, targets) and general prose to the
article's length. Names and numbers vary. The same N and seed give the same files.
"""
from __future__ import annotations

import argparse
import random
from functools import cache
from pathlib import Path

from shape import shapes

from dxkg import lexicon

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "articles"

MIDDLE = ["Văn", "Thị", "Ngọc", "Hữu", "Minh", "Quang", "Đức", "Thanh", "Xuân", "Hoàng", "Anh", "Công"]
GIVEN = ["Long", "Hùng", "Tuấn", "Hà", "Lan", "Dũng", "Hải", "Nam", "Sơn", "Phong", "Trung", "Bình", "Thảo",
         "Hương", "Quân", "Vinh", "Khánh", "Tâm", "Cường", "Yến", "Thắng", "Hòa", "Phúc", "Nga"]
FIELDS = ["Thông tin và Truyền thông", "Khoa học và Công nghệ", "Nội vụ", "Tài chính", "Y tế", "Tư pháp",
          "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo"]
PROSE_SUBJECTS = ["Theo lãnh đạo tỉnh,", "Năm qua,", "Trong thời gian tới,", "Bên cạnh đó,", "Tại các huyện,",
                  "Theo đánh giá chung,", "Cùng với đó,", "Thời gian qua,"]
PROSE = [
    "Chuyển đổi số được xác định là nhiệm vụ trọng tâm, xuyên suốt của cả hệ thống chính trị.",
    "Các sở, ngành, địa phương đã chủ động triển khai nhiều giải pháp đồng bộ, lấy người dân và doanh nghiệp làm trung tâm.",
    "Hạ tầng số tiếp tục được đầu tư, nâng cấp, đáp ứng yêu cầu kết nối, chia sẻ dữ liệu giữa các cơ quan nhà nước.",
    "Công tác tuyên truyền, nâng cao nhận thức về chuyển đổi số được đẩy mạnh dưới nhiều hình thức phong phú.",
    "Bên cạnh kết quả đạt được, việc chuyển đổi số vẫn còn một số khó khăn, hạn chế về nguồn nhân lực và kinh phí.",
    "Nhiều mô hình ứng dụng công nghệ số trong sản xuất, kinh doanh đã mang lại hiệu quả thiết thực.",
    "Các đại biểu đã thảo luận, đề xuất nhiều giải pháp nhằm nâng cao hiệu quả chuyển đổi số trong thời gian tới.",
    "An toàn, an ninh mạng được quan tâm, bảo đảm cho các hệ thống thông tin hoạt động ổn định.",
    "Kỹ năng số của người dân từng bước được nâng lên thông qua các tổ công nghệ số cộng đồng.",
    "Dữ liệu số được xác định là tài nguyên quan trọng, cần được khai thác, sử dụng hiệu quả.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(_surnames())} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@cache
def _surnames() -> list[str]:
    return [s for s in sorted(lexicon.surnames()) if len(s) > 1 and s[0].isupper() and "'" not in s][:40]


@cache
def dev_shapes() -> list[dict[str, int]]:
    """The development set's articles as numbers (`shape.py`), read once."""
    if not DEV.is_dir():
        raise SystemExit(f"{DEV}: the development set is needed to calibrate the generator (../shared)")
    return shapes(DEV)


def province_names() -> list[str]:
    """The provinces an article may be about: those of the 63 (2008-2025), the 34 kept among them."""
    return sorted(p.name for p in lexicon.provinces().values() if p.era in ("63", "63+34"))


def number(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}".replace(",", ".")


def percent(rng: random.Random) -> str:
    return f"{rng.randint(20, 99)},{rng.randint(10, 99)}"


def figure(rng: random.Random, p: str, year: int) -> str:
    """A clause stating one figure."""
    return rng.choice([
        lambda: f"tỷ lệ hồ sơ xử lý trực tuyến đạt {percent(rng)}%",
        lambda: f"toàn tỉnh có {number(rng, 1000, 9000)} doanh nghiệp sử dụng hóa đơn điện tử",
        lambda: f"hơn {rng.randint(2, 9)},{rng.randint(1, 9)} triệu trang tài liệu được số hóa",
        lambda: f"{p} đứng thứ {rng.randint(1, 63)}/63 về chỉ số chuyển đổi số",
        lambda: f"chính quyền số đứng thứ {rng.randint(1, 63)}/63",
        lambda: f"đến năm {year + 2}, kinh tế số chiếm tối thiểu {rng.randint(10, 30)}% GRDP",
        lambda: f"{rng.randint(80, 100)}% hồ sơ được giải quyết trực tuyến",
        lambda: f"tỉnh đã bố trí {number(rng, 10, 900)} tỷ đồng cho các dự án chuyển đổi số",
        lambda: f"{percent(rng)}% người dân có tài khoản định danh điện tử",
    ])()


def post(rng: random.Random, p: str) -> tuple[str, int]:
    """A title chain and the posts it names."""
    field = rng.choice(FIELDS)
    return rng.choice([
        (f"Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh {p}", 2),
        (f"Giám đốc Sở {field}", 1),
        (f"Phó Chủ tịch UBND tỉnh {p}", 1),
        (f"Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh {p}", 2),
    ])


def document(rng: random.Random, year: int) -> str:
    return rng.choice([
        f"Nghị quyết số {rng.randint(1, 120):02d}-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số",
        f"Kế hoạch số {rng.randint(10, 400)}/KH-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year} "
        "của UBND tỉnh",
        f"Quyết định số {rng.randint(100, 3000)}/QĐ-UBND về Đề án chuyển đổi số của tỉnh",
    ])


def furniture(rng: random.Random, p: str, words: int) -> tuple[list[str], list[str]]:
    """Page furniture of about WORDS words: what goes above the text, and what goes below it."""
    above = [f"Cập nhật: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2024)} "
             f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"]
    below: list[str] = []
    extras = [lambda: above.append(f"Theo dõi Báo {p} trên Google News"),
              lambda: below.append(f"Lượt xem: {rng.randint(10, 5000)}"),
              lambda: below.append(f"{p.upper()} — ảnh minh họa. Ảnh: {person(rng).upper()}"),
              lambda: below.extend(["Tin liên quan", f"Ngày {rng.randint(1, 28)}-{rng.randint(1, 12)}, Tiến sĩ "
                                    f"{person(rng)} nghiệm thu đề tài với {rng.randint(5, 90)} hộ."])]
    for extra in extras:  # what fits in the words the furniture takes
        size = sum(len(x.split()) for x in above + below)
        if size >= words - 3:
            break
        extra()
    return above, below


def article(rng: random.Random, p: str, like: dict[str, int]) -> str:
    """An article about province P with the shape LIKE."""
    year = rng.randint(2019, 2024)
    headline = f"{p} đẩy mạnh chuyển đổi số năm {year}"  # set aside from the text, as furniture is
    above, below = furniture(rng, p, like["furniture_words"] - len(headline.split()))
    paragraphs: list[str] = []
    people = iter(person(rng) for _ in range(1000))
    persons, posts = like["persons"], like["posts"]
    for _ in range(like["meetings"]):
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        if persons > 0:
            title, n = post(rng, p)
            posts, persons = posts - n, persons - 1
            host = f"{title} {next(people)} chủ trì hội nghị"
        else:
            host = "UBND tỉnh tổ chức hội nghị"
        paragraphs.append(f"Sáng {day}-{month}, tại trụ sở UBND tỉnh, {host} "
                          f"của Ban Chỉ đạo chuyển đổi số tỉnh đánh giá kết quả năm {year - 1}.")
    while persons > 0:
        title, n = post(rng, p)
        posts -= n
        persons -= 1
        paragraphs.append(f"Ông {next(people)}, {title}, cho biết tỉnh tiếp tục đẩy mạnh chuyển đổi số.")
    for _ in range(like["documents"]):
        paragraphs.append(f"Thực hiện {document(rng, year)}, các sở, ngành đã triển khai nhiều nhiệm vụ.")
    if like["platforms"]:
        names = rng.sample(["Cổng Dịch vụ công quốc gia", "Hệ thống thông tin giải quyết thủ tục hành chính",
                            "Trung tâm giám sát, điều hành đô thị thông minh", "Nền tảng số cộng đồng",
                            "Hộp thư công vụ"], min(5, like["platforms"]))
        paragraphs.append(f"Tỉnh đã đưa vào vận hành {', '.join(names)}.")
    figures = [figure(rng, p, year) for _ in range(like["figures"])]
    for i in range(0, len(figures), 3):  # a sentence often states two or three figures
        paragraphs.append(f"Theo báo cáo, năm {year - 1} " + "; ".join(figures[i:i + 3]) + ".")
    rng.shuffle(paragraphs)
    prose = [f"{a} {b[0].lower()}{b[1:]}" for a in PROSE_SUBJECTS for b in PROSE]
    rng.shuffle(prose)  # no sentence twice: a line repeated on a page is furniture to the cleaner
    while sum(len(x.split()) for x in paragraphs) < like["text_words"] - 10 and prose:
        paragraphs.insert(rng.randint(0, len(paragraphs)), prose.pop())
    return "\n\n".join([*above, headline, *paragraphs, *below]) + "\n"


def generate(n: int, folder: Path, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    provinces = province_names()
    like = dev_shapes()
    paths = []
    for i in range(n):
        path = folder / f"gen_{seed}_{i:06d}.txt"
        path.write_text(article(rng, rng.choice(provinces), rng.choice(like)), encoding="utf-8")
        paths.append(path)
    return paths


def cli(make, doc: str) -> None:
    """`make(N, OUTDIR, SEED)` from the command line (this module's and vary.py's)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    make(args.n, args.outdir, args.seed)


if __name__ == "__main__":
    cli(generate, __doc__)
