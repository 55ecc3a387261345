"""A seeded generator of Vietnamese news articles in the styles of the seeds.

    python bench/corpus.py N OUTDIR [--seed S]

Each article has page furniture (a clock or "Cập nhật" line, a follow-us bar,
captions, a view counter, a related-articles tail), a headline, a meeting with
a date, officials with title chains in several orders, documents in state and
party forms, figures (percentages, counts with scale words, rankings,
targets) and general prose, drawn from the project's own lexicons so that
names and numbers vary. The same N and seed give the same files.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from dxkg import lexicon

MIDDLE = ["Văn", "Thị", "Ngọc", "Hữu", "Minh", "Quang", "Đức", "Thanh", "Xuân", "Hoàng", "Anh", "Công"]
GIVEN = ["Long", "Hùng", "Tuấn", "Hà", "Lan", "Dũng", "Hải", "Nam", "Sơn", "Phong", "Trung", "Bình", "Thảo",
         "Hương", "Quân", "Vinh", "Khánh", "Tâm", "Cường", "Yến", "Thắng", "Hòa", "Phúc", "Nga"]
FIELDS = ["Thông tin và Truyền thông", "Khoa học và Công nghệ", "Nội vụ", "Tài chính", "Y tế", "Tư pháp",
          "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo"]
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
    surnames = [s for s in sorted(lexicon.surnames()) if len(s) > 1 and s[0].isupper() and "'" not in s][:40]
    return f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def number(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}".replace(",", ".")


def percent(rng: random.Random) -> str:
    return f"{rng.randint(20, 99)},{rng.randint(10, 99)}"


def article(rng: random.Random, i: int, provinces: list[str]) -> str:
    p = rng.choice(provinces)
    year = rng.randint(2019, 2024)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    chair, director, deputy = person(rng), person(rng), person(rng)
    field = rng.choice(FIELDS)
    nq, kh = rng.randint(1, 120), rng.randint(10, 400)
    lines = [
        f"Cập nhật: {day:02d}/{month:02d}/{year} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}",
        "",
        f"{p} đẩy mạnh chuyển đổi số năm {year}",
        "",
        f"Theo dõi Báo {p} trên Google News",
        "",
        f"Sáng {day}-{month}, tại trụ sở UBND tỉnh, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh {p} {chair} và "
        f"Giám đốc Sở {field} {director} đồng chủ trì hội nghị của Ban Chỉ đạo chuyển đổi số tỉnh "
        f"đánh giá kết quả năm {year - 1}.",
        "",
        " ".join(rng.sample(PROSE, 3)),
        "",
        f"Theo báo cáo, năm {year - 1} tỷ lệ hồ sơ xử lý trực tuyến của tỉnh đạt {percent(rng)}%; toàn tỉnh có "
        f"{number(rng, 1000, 9000)} doanh nghiệp sử dụng hóa đơn điện tử và hơn {rng.randint(2, 9)},{rng.randint(1, 9)} "
        f"triệu trang tài liệu được số hóa. Theo xếp hạng chỉ số chuyển đổi số, {p} đứng thứ {rng.randint(1, 63)}/63; "
        f"chính quyền số đứng thứ {rng.randint(1, 63)}/63.",
        "",
        f"{p.upper()} — ảnh minh họa. Ảnh: {person(rng).upper()}",
        "",
        f"Thực hiện Nghị quyết số {nq:02d}-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số, UBND tỉnh ban hành "
        f"Kế hoạch số {kh}/KH-UBND đặt ra chỉ tiêu: đến năm {year + 2}, kinh tế số chiếm tối thiểu "
        f"{rng.randint(10, 30)}% GRDP; {rng.randint(80, 100)}% hồ sơ được giải quyết trực tuyến.",
        "",
        " ".join(rng.sample(PROSE, 4)),
        "",
        f"Kết luận hội nghị, đồng chí {chair} – Trưởng Ban Chỉ đạo chuyển đổi số tỉnh yêu cầu các sở, ngành "
        f"tiếp tục kết nối Cổng Dịch vụ công quốc gia và hoàn thiện Hệ thống thông tin giải quyết thủ tục hành chính "
        f"của tỉnh. Ông {deputy}, Phó Giám đốc Sở Tài chính, cho biết tỉnh đã bố trí {number(rng, 10, 900)} tỷ đồng "
        f"cho các dự án chuyển đổi số.",
        "",
        " ".join(rng.sample(PROSE, 3)),
        "",
        person(rng).upper(),
        "",
        f"Lượt xem: {rng.randint(10, 5000)}",
        "",
        "Tin liên quan",
        "",
        f"Ngày {rng.randint(1, 28)}-{rng.randint(1, 12)}, Tiến sĩ {person(rng)} nghiệm thu đề tài với {rng.randint(5, 90)} hộ.",
    ]
    return "\n".join(lines) + "\n"


def generate(n: int, folder: Path, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    provinces = sorted(p.name for p in lexicon.provinces().values() if p.era in ("63", "63+34"))
    paths = []
    for i in range(n):
        path = folder / f"gen_{seed}_{i:06d}.txt"
        path.write_text(article(rng, i, provinces), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.n, args.outdir, args.seed)


if __name__ == "__main__":
    main()
