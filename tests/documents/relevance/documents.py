"""Twelve council documents of a fictional province (An Bình), written for the relevance set, and
how each is printed to PDF at run time (no PDF is stored in the repository).

Three kinds, four documents each, as a council secretary receives them:
- BROWSER: HTML printed by Chromium (Playwright `page.pdf()`, Skia): pypdf's text of these breaks
  Vietnamese words apart;
- WORD: laid out like a Word export (fpdf2, the project's Vietnamese font): two-column heading,
  bold headings, justified paragraphs, tables, bookmarks;
- SCANNED: every page a greyscale picture of the text (Pillow, JPEG), with an invisible text layer
  (render mode 3) carrying the same lines at the same places, as an OCR program leaves it.

The texts share their vocabulary on purpose (đất đai / đạt / đại, quyền sử dụng đất, tiền sử dụng
đất, đầu tư công, kiến nghị cử tri, y tế / ý kiến … kinh tế, biên chế, giáo dục, giảm nghèo /
giám sát, thủy lợi / thuỷ lợi), so that diacritics, phrases and ranking decide what a search finds.

Page markup: paragraphs are separated by a blank line; "# " starts a heading, lines starting with
"|" are a table (first row is the header), lines starting with "> " are the signature block.
Each entry of `pages` must fit on one printed page: `build_corpus` checks every page count.
"""

from __future__ import annotations

import base64
import html
import io
import os
import random
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

BROWSER, WORD, SCANNED = "browser", "word", "scanned"
KINDS = (BROWSER, WORD, SCANNED)

CHROMIUM = os.environ.get("KYHOP_CHROMIUM", "/usr/bin/chromium")  # Debian's; never a download
# As tests/e2e launches it: headless, no sandbox (root), no connections of Chromium's own.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
MOTTO_OLD_STYLE = ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class CouncilDocument:
    key: str  # how the judgements name it
    kind: str  # BROWSER, WORD or SCANNED
    issuer: tuple[str, ...]
    number: str
    date: str
    genre: str  # "TỜ TRÌNH", "NGHỊ QUYẾT", …
    subject: str
    pages: tuple[str, ...]
    old_style: bool = False  # older template: "hoà", "thuỷ", "Uỷ ban" (tone mark on the last vowel)

    @property
    def title(self) -> str:
        return f"{self.genre.capitalize()} {self.subject[0].lower()}{self.subject[1:]}"

    @property
    def filename(self) -> str:
        return f"{self.key}.pdf"

    def motto(self) -> tuple[str, str]:
        return MOTTO_OLD_STYLE if self.old_style else MOTTO

    def page_texts(self) -> list[str]:
        """The words printed on each page, markup removed (page 1 with the document's heading)."""
        head = [*self.issuer, self.number, *self.motto(), self.date, self.genre, self.subject]
        texts = []
        for number, page in enumerate(self.pages, start=1):
            lines = head if number == 1 else []
            for block in blocks(page):
                lines.extend(" ".join(row) for row in block.rows) if block.kind == "table" else \
                    lines.extend(block.lines)
            texts.append(unicodedata.normalize("NFC", "\n".join(lines)))
        return texts


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "table", "signature"
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def blocks(page: str) -> list[Block]:
    found = []
    for chunk in unicodedata.normalize("NFC", page).split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("|"):
            rows = tuple(tuple(cell.strip() for cell in line.strip("|").split("|")) for line in lines)
            found.append(Block("table", rows=rows))
        elif lines[0].startswith(">"):
            found.append(Block("signature", tuple(line.lstrip("> ").strip() for line in lines)))
        elif lines[0].startswith("# "):
            found.append(Block("heading", (" ".join(lines)[2:].strip(),)))
        else:
            found.append(Block("paragraph", (" ".join(lines),)))
    return found


PROVINCE_COUNCIL = ("HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH")
PROVINCE_COMMITTEE = ("ỦY BAN NHÂN DÂN", "TỈNH AN BÌNH")
SESSION_14 = "HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH KHÓA XVII, KỲ HỌP THỨ MƯỜI BỐN"

DOCUMENTS: tuple[CouncilDocument, ...] = (
    # --- printed from a browser -----------------------------------------------------------------
    CouncilDocument(
        key="tt-thu-hoi-dat", kind=BROWSER, issuer=PROVINCE_COMMITTEE, number="Số: 118/TTr-UBND",
        date="An Bình, ngày 20 tháng 11 năm 2025", genre="TỜ TRÌNH",
        subject="Về việc thông qua danh mục các dự án cần thu hồi đất năm 2026",
        pages=(
            """Kính gửi: Hội đồng nhân dân tỉnh An Bình.

            Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; căn cứ Nghị quyết số 24/2025/NQ-HĐND
            của Hội đồng nhân dân tỉnh ban hành bảng giá đất giai đoạn 2026 - 2030; Ủy ban nhân dân
            tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua danh mục các dự án cần thu hồi
            đất năm 2026 như sau:

            # I. SỰ CẦN THIẾT

            Để triển khai các dự án phát triển kinh tế - xã hội vì lợi ích quốc gia, công cộng, việc
            thu hồi đất phải được Hội đồng nhân dân tỉnh thông qua trước khi Ủy ban nhân dân tỉnh
            quyết định thu hồi theo thẩm quyền. Quá trình thu hồi đất phải công khai, minh bạch, bảo
            đảm quyền sử dụng đất hợp pháp và quyền lợi chính đáng của người dân, không để phát sinh
            khiếu kiện đông người. Công tác quản lý đất đai thời gian qua cho thấy nơi nào làm tốt
            công tác dân vận thì việc giải phóng mặt bằng được thuận lợi.""",
            """# II. DANH MỤC CÁC DỰ ÁN CẦN THU HỒI ĐẤT

            Tổng số có 36 dự án cần thu hồi đất với tổng diện tích 412,6 ha, trong đó đất trồng lúa
            96,3 ha, đất rừng sản xuất 41,8 ha. Các dự án chủ yếu thuộc lĩnh vực giao thông, thủy
            lợi, giáo dục và y tế, đã có trong kế hoạch đầu tư công trung hạn hoặc có chủ trương đầu
            tư được cấp có thẩm quyền phê duyệt. Danh mục một số dự án lớn:

            | STT | Tên dự án | Địa điểm | Diện tích (ha)
            | 1 | Đường vành đai phía Nam thành phố | Thành phố An Bình | 85,4
            | 2 | Khu tái định cư Bắc Sơn | Huyện Bắc Sơn | 12,7
            | 3 | Trường Trung học phổ thông Đông Hải | Huyện Đông Hải | 3,2
            | 4 | Trạm y tế xã Tân Lập | Huyện Tân Lập | 0,6

            Người có quyền sử dụng đất bị thu hồi được bồi thường bằng đất có cùng mục đích sử dụng;
            trường hợp không có đất để bồi thường thì được bồi thường bằng tiền theo giá đất cụ thể
            do Ủy ban nhân dân tỉnh quyết định.""",
            """# III. BỒI THƯỜNG, HỖ TRỢ VÀ TÁI ĐỊNH CƯ

            Các hộ gia đình, cá nhân có đất ở bị thu hồi được bố trí tái định cư tại chỗ hoặc tại
            các khu tái định cư đã hoàn thiện hạ tầng. Ủy ban nhân dân cấp huyện có trách nhiệm cấp
            giấy chứng nhận quyền sử dụng đất cho người được giao đất tái định cư trong thời hạn 30
            ngày kể từ ngày bàn giao đất trên thực địa.

            Ngoài bồi thường về đất, người bị thu hồi đất nông nghiệp được hỗ trợ ổn định đời sống,
            hỗ trợ đào tạo, chuyển đổi nghề và tìm kiếm việc làm. Mức hỗ trợ cụ thể do Ủy ban nhân
            dân tỉnh quy định, bảo đảm quyền lợi của người lao động mất việc làm do thu hồi đất.""",
            """# IV. TỔ CHỨC THỰC HIỆN

            Sau khi được Hội đồng nhân dân tỉnh thông qua, Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành
            và Ủy ban nhân dân cấp huyện cập nhật danh mục vào kế hoạch sử dụng đất năm 2026 của cấp
            huyện; tổ chức đối thoại với người dân để bảo đảm quyền lợi hợp pháp của người có đất bị
            thu hồi; kiên quyết xử lý các trường hợp lấn chiếm.

            Đối với dự án quá 03 năm chưa thực hiện, Ủy ban nhân dân tỉnh báo cáo Hội đồng nhân dân
            tỉnh hủy bỏ theo thẩm quyền để người dân được thực hiện các quyền của người sử dụng đất
            theo quy định.

            Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết định.

            > TM. ỦY BAN NHÂN DÂN
            > CHỦ TỊCH
            > Lê Quang Minh""",
        )),
    CouncilDocument(
        key="bc-giam-sat-dat-dai", kind=BROWSER,
        issuer=("HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH", "ĐOÀN GIÁM SÁT"), number="Số: 52/BC-ĐGS",
        date="An Bình, ngày 05 tháng 11 năm 2025", genre="BÁO CÁO",
        subject="Kết quả giám sát việc thực hiện chính sách, pháp luật về quản lý, sử dụng đất đai "
                "giai đoạn 2021 - 2025",
        pages=(
            """Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10 tháng 7 năm 2025 của Hội đồng nhân dân tỉnh
            về thành lập Đoàn giám sát, từ tháng 8 đến tháng 10 năm 2025, Đoàn giám sát đã làm việc
            với Ủy ban nhân dân tỉnh, Sở Nông nghiệp và Môi trường, 09 huyện, thành phố và khảo sát
            thực tế tại 27 xã, phường.

            # I. KẾT QUẢ ĐẠT ĐƯỢC

            Công tác quản lý nhà nước về đất đai có nhiều chuyển biến tích cực. Quy hoạch, kế hoạch
            sử dụng đất các cấp được lập và phê duyệt kịp thời, cơ bản đáp ứng nhu cầu đất cho phát
            triển kinh tế - xã hội. Hệ thống hồ sơ địa chính và cơ sở dữ liệu đất đai được xây dựng
            tại 7/9 huyện. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo về đất đai được quan
            tâm, số vụ việc tồn đọng giảm 35% so với năm 2021.""",
            """# II. TỒN TẠI, HẠN CHẾ

            Việc cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân còn chậm, tỷ
            lệ cấp giấy ở một số huyện miền núi mới đạt 82%. Tình trạng tranh chấp đất đai giữa người
            dân với các công ty nông, lâm nghiệp chưa được giải quyết dứt điểm. Việc chuyển mục đích
            sử dụng đất trái phép, xây dựng nhà ở trên đất nông nghiệp còn diễn ra ở vùng ven đô thị
            nhưng chưa được phát hiện, xử lý kịp thời.

            Một số dự án được giao đất, cho thuê đất nhưng chậm đưa đất vào sử dụng, để đất hoang hóa
            nhiều năm; việc thu hồi đất đối với các dự án vi phạm chưa kiên quyết. Năng lực của đội
            ngũ cán bộ địa chính cấp xã còn hạn chế, biên chế chưa tương xứng với khối lượng công
            việc.""",
            """# III. TÀI CHÍNH VỀ ĐẤT ĐAI

            Thu tiền sử dụng đất giai đoạn 2021 - 2025 ước đạt 17.940 tỷ đồng, chiếm 31% tổng thu
            ngân sách địa phương, cho thấy ngân sách còn phụ thuộc nhiều vào nguồn thu từ đất. Bảng
            giá đất ban hành năm 2020 chưa sát giá thị trường, dẫn đến thất thu khi giao đất, cho
            thuê đất. Công tác đấu giá quyền sử dụng đất được tổ chức công khai, nhưng vẫn còn hiện
            tượng bỏ cọc sau khi trúng đấu giá tại một số khu đất có giá trúng cao bất thường.""",
            """# IV. KIẾN NGHỊ

            Đối với Ủy ban nhân dân tỉnh: chỉ đạo đẩy nhanh việc cấp giấy chứng nhận lần đầu; hoàn
            thành cơ sở dữ liệu đất đai trong năm 2026; giải quyết dứt điểm các kiến nghị của cử tri
            liên quan đến đất đai đã được trả lời nhưng chưa thực hiện; kiểm tra, thu hồi các dự án
            chậm tiến độ.

            Đối với Thường trực Hội đồng nhân dân tỉnh: tiếp tục giám sát việc thực hiện các kiến
            nghị sau giám sát; đưa nội dung quản lý đất đai vào chương trình chất vấn tại kỳ họp.

            > TM. ĐOÀN GIÁM SÁT
            > TRƯỞNG ĐOÀN
            > Phó Chủ tịch Hội đồng nhân dân tỉnh
            > Trần Thị Lan""",
        )),
    CouncilDocument(
        key="bc-kien-nghi-cu-tri", kind=BROWSER, issuer=PROVINCE_COUNCIL, number="Số: 210/BC-HĐND",
        date="An Bình, ngày 25 tháng 11 năm 2025", genre="BÁO CÁO",
        subject="Tổng hợp ý kiến, kiến nghị của cử tri trước Kỳ họp thứ mười bốn Hội đồng nhân dân "
                "tỉnh khóa XVII",
        pages=(
            """Thực hiện chương trình tiếp xúc cử tri trước kỳ họp, từ ngày 20 tháng 10 đến ngày 10
            tháng 11 năm 2025, các Tổ đại biểu Hội đồng nhân dân tỉnh đã tổ chức 94 điểm tiếp xúc với
            hơn 11.500 lượt cử tri tham dự. Thường trực Hội đồng nhân dân tỉnh tổng hợp được 186 ý
            kiến, kiến nghị cử tri thuộc thẩm quyền giải quyết của tỉnh, trong đó lĩnh vực đất đai 54
            ý kiến, giao thông 38 ý kiến, y tế và giáo dục 41 ý kiến, các lĩnh vực khác 53 ý kiến.

            Cử tri phấn khởi trước kết quả phát triển kinh tế - xã hội năm 2025, đánh giá cao việc
            các đại biểu Hội đồng nhân dân tỉnh đổi mới hình thức tiếp xúc cử tri, trực tiếp lắng
            nghe và trả lời ngay các kiến nghị tại hội nghị.""",
            """# I. LĨNH VỰC ĐẤT ĐAI, TÀI NGUYÊN VÀ MÔI TRƯỜNG

            1. Cử tri các huyện Bắc Sơn, Tân Lập kiến nghị đẩy nhanh việc cấp giấy chứng nhận quyền
            sử dụng đất cho các hộ đã sử dụng đất ổn định trước năm 2014, nhiều hồ sơ nộp đã quá hai
            năm nhưng chưa được giải quyết.

            2. Cử tri thành phố An Bình đề nghị sớm chi trả tiền bồi thường cho các hộ có đất bị thu
            hồi để xây dựng đường vành đai phía Nam và công khai phương án tái định cư.

            3. Cử tri xã Đông Phong phản ánh tình trạng khai thác cát trái phép trên sông gây sạt lở
            đất sản xuất, ảnh hưởng đến đời sống của người dân; đề nghị xử lý nghiêm và có giải pháp
            quản lý đất đai ven sông.""",
            """# II. LĨNH VỰC Y TẾ, GIÁO DỤC

            1. Cử tri các xã miền núi phản ánh trạm y tế xã thiếu bác sĩ, thiếu thuốc thuộc danh mục
            bảo hiểm y tế; người bệnh phải lên tuyến trên, tốn kém chi phí. Đề nghị tỉnh có chính
            sách thu hút bác sĩ về công tác tại cơ sở.

            2. Cử tri huyện Đông Hải đề nghị đầu tư xây dựng phòng học và các công trình vệ sinh cho
            trường học ở các điểm trường lẻ; nhiều phòng học tạm đã xuống cấp, không bảo đảm an toàn
            cho học sinh trong mùa mưa bão.

            3. Cử tri đề nghị bảo đảm đủ giáo viên, nhất là giáo viên tiếng Anh và tin học ở bậc tiểu
            học, đáp ứng yêu cầu của chương trình giáo dục phổ thông mới.""",
            """# III. LĨNH VỰC GIAO THÔNG, ĐẦU TƯ VÀ CÁC LĨNH VỰC KHÁC

            1. Cử tri đề nghị sớm sửa chữa tuyến đường tỉnh 632 đoạn qua xã Tân Lập đã hư hỏng nặng;
            bố trí vốn cho các công trình nước sạch nông thôn đang thi công dở dang.

            2. Cử tri phản ánh chế độ phụ cấp đối với người hoạt động không chuyên trách ở thôn, tổ
            dân phố còn thấp, chưa tương xứng với khối lượng công việc.

            Thường trực Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh chỉ đạo các cơ quan trả
            lời bằng văn bản các kiến nghị cử tri trước ngày khai mạc kỳ họp và công khai kết quả
            giải quyết trên cổng thông tin điện tử của tỉnh.

            > TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN
            > PHÓ CHỦ TỊCH
            > Đỗ Văn Thành""",
        )),
    CouncilDocument(
        key="nq-bien-che", kind=BROWSER, issuer=PROVINCE_COUNCIL, number="Số: 31/NQ-HĐND",
        date="An Bình, ngày 10 tháng 12 năm 2025", genre="NGHỊ QUYẾT",
        subject="Về việc giao biên chế công chức và phê duyệt tổng số người làm việc trong các đơn vị "
                "sự nghiệp công lập năm 2026",
        pages=(
            f"""{SESSION_14}

            Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị định số 62/2020/NĐ-CP của Chính
            phủ về vị trí việc làm và biên chế công chức; xét Tờ trình số 196/TTr-UBND của Ủy ban
            nhân dân tỉnh; Báo cáo thẩm tra của Ban Pháp chế và ý kiến thảo luận của đại biểu Hội
            đồng nhân dân tỉnh tại kỳ họp.

            # QUYẾT NGHỊ:

            Điều 1. Giao biên chế công chức năm 2026 trong các cơ quan, tổ chức hành chính của tỉnh
            là 2.148 biên chế, giảm 36 biên chế so với năm 2025, thực hiện lộ trình tinh giản biên
            chế theo quy định. Ủy ban nhân dân tỉnh giao biên chế cụ thể cho từng cơ quan, bảo đảm
            đúng vị trí việc làm.""",
            """Điều 2. Phê duyệt tổng số người làm việc trong các đơn vị sự nghiệp công lập năm 2026
            là 26.912 người, cụ thể:

            | Lĩnh vực | Số người làm việc | So với năm 2025
            | Sự nghiệp giáo dục và đào tạo | 18.420 | giảm 112
            | Sự nghiệp y tế | 5.230 | tăng 45
            | Sự nghiệp văn hóa, thể thao | 1.046 | giảm 20
            | Sự nghiệp khác | 2.216 | giảm 38

            Số người làm việc tăng thêm của sự nghiệp y tế dùng để bố trí bác sĩ cho các trạm y tế
            xã chưa có bác sĩ. Đối với sự nghiệp giáo dục, ưu tiên tuyển dụng đủ giáo viên cho các
            trường học còn thiếu theo định mức; không tuyển dụng mới đối với các vị trí đã dôi dư.""",
            """Điều 3. Tổ chức thực hiện

            1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết; đẩy mạnh chuyển đổi số, cải
            cách hành chính, sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; quản lý
            chặt chẽ biên chế được giao.

            2. Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại
            biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.

            Nghị quyết này đã được Hội đồng nhân dân tỉnh An Bình khóa XVII, Kỳ họp thứ mười bốn
            thông qua ngày 10 tháng 12 năm 2025 và có hiệu lực từ ngày 01 tháng 01 năm 2026.

            > CHỦ TỊCH
            > Phạm Đức Hòa""",
        )),
    # --- Word-like ------------------------------------------------------------------------------
    CouncilDocument(
        key="tt-du-toan-ngan-sach", kind=WORD, issuer=PROVINCE_COMMITTEE, number="Số: 205/TTr-UBND",
        date="An Bình, ngày 18 tháng 11 năm 2025", genre="TỜ TRÌNH",
        subject="Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương năm 2026",
        pages=(
            """Kính gửi: Hội đồng nhân dân tỉnh An Bình.

            # I. ƯỚC THỰC HIỆN THU NGÂN SÁCH NĂM 2025

            Tổng thu ngân sách nhà nước trên địa bàn năm 2025 ước đạt 18.650 tỷ đồng, bằng 108% dự
            toán Hội đồng nhân dân tỉnh giao. Trong đó, thu nội địa ước đạt 16.120 tỷ đồng; thu tiền
            sử dụng đất ước đạt 4.200 tỷ đồng, vượt 12% dự toán nhờ đẩy mạnh đấu giá các khu đất
            sạch; thu từ hoạt động xuất nhập khẩu ước đạt 2.530 tỷ đồng.

            Một số khoản thu chưa đạt dự toán như thu từ khu vực doanh nghiệp nhà nước, thuế bảo vệ
            môi trường, do sản xuất kinh doanh của một số doanh nghiệp gặp khó khăn.""",
            """# II. CHI NGÂN SÁCH ĐỊA PHƯƠNG NĂM 2025

            Tổng chi ngân sách địa phương ước thực hiện 24.310 tỷ đồng, đạt 96% dự toán. Chi đầu tư
            phát triển ước đạt 8.950 tỷ đồng; tỷ lệ giải ngân đến ngày 31 tháng 10 mới đạt 61%, thấp
            hơn bình quân cả nước. Chi thường xuyên cơ bản bảo đảm các nhiệm vụ chính trị, an sinh xã
            hội, quốc phòng, an ninh; thực hiện tiết kiệm 10% chi thường xuyên để tạo nguồn cải cách
            tiền lương.

            Ngân sách tỉnh đã bố trí 320 tỷ đồng cho chương trình hiện đại hóa hệ thống trường học và
            bệnh viện tuyến tỉnh, hỗ trợ kinh phí cho các địa phương khắc phục hậu quả thiên tai.""",
            """# III. DỰ TOÁN NĂM 2026

            | Nội dung | Dự toán 2026 (tỷ đồng) | So với ước thực hiện 2025
            | Tổng thu ngân sách nhà nước trên địa bàn | 19.800 | 106%
            | Thu tiền sử dụng đất | 3.900 | 93%
            | Tổng chi ngân sách địa phương | 25.640 | 105%
            | Chi đầu tư công | 9.400 | 105%

            Dự toán chi năm 2026 ưu tiên bố trí vốn đầu tư công cho các dự án trọng điểm, các công
            trình chuyển tiếp; bảo đảm chi sự nghiệp giáo dục - đào tạo không thấp hơn 20% và chi sự
            nghiệp y tế tăng 8% so với năm 2025, trong đó dành kinh phí hỗ trợ mua thẻ bảo hiểm y tế
            cho người thuộc hộ cận nghèo.""",
            """# IV. GIẢI PHÁP THỰC HIỆN

            Tăng cường quản lý thu, chống thất thu, xử lý nợ đọng thuế; khai thác hiệu quả nguồn lực
            từ đất đai thông qua đấu giá; không ban hành chính sách làm tăng chi khi chưa cân đối
            được nguồn. Quản lý chặt chẽ chi ngân sách theo dự toán, công khai, minh bạch việc sử
            dụng tài sản nhà nước và ngân sách các cấp.

            Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết nghị.

            > TM. ỦY BAN NHÂN DÂN
            > KT. CHỦ TỊCH
            > PHÓ CHỦ TỊCH
            > Nguyễn Thị Hạnh""",
        )),
    CouncilDocument(
        key="nq-dau-tu-cong", kind=WORD, issuer=PROVINCE_COUNCIL, number="Số: 40/NQ-HĐND",
        date="An Bình, ngày 10 tháng 12 năm 2025", genre="NGHỊ QUYẾT",
        subject="Về kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 của tỉnh An Bình",
        pages=(
            f"""{SESSION_14}

            Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024; căn cứ Luật Ngân sách nhà nước; xét
            Tờ trình số 201/TTr-UBND của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Kinh tế -
            Ngân sách và ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.

            # QUYẾT NGHỊ:

            # Điều 1. Mục tiêu và tổng mức vốn

            Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 tập trung hoàn thiện hệ thống kết
            cấu hạ tầng giao thông, thủy lợi, y tế, giáo dục; tổng vốn đầu tư công trung hạn là
            42.600 tỷ đồng, gồm vốn ngân sách địa phương 29.800 tỷ đồng và vốn ngân sách trung ương
            12.800 tỷ đồng.""",
            """# Điều 2. Phân bổ vốn theo lĩnh vực

            | Lĩnh vực | Vốn (tỷ đồng) | Tỷ lệ
            | Giao thông | 17.900 | 42%
            | Nông nghiệp, thủy lợi | 6.400 | 15%
            | Giáo dục và đào tạo | 5.960 | 14%
            | Y tế | 4.260 | 10%
            | Các lĩnh vực khác | 8.080 | 19%

            Vốn đầu tư công cho lĩnh vực thủy lợi ưu tiên các hồ chứa nước, kênh mương nội đồng phục
            vụ sản xuất và phòng, chống hạn hán, xâm nhập mặn; vốn cho giáo dục ưu tiên xóa phòng học
            tạm, phòng học mượn.""",
            """# Điều 3. Nguyên tắc bố trí vốn

            1. Chỉ bố trí vốn cho dự án đã hoàn thành thủ tục đầu tư; ưu tiên dự án chuyển tiếp, dự
            án trọng điểm có tính liên kết vùng như đường vành đai phía Nam thành phố An Bình, đường
            ven biển.

            2. Dự án phải bảo đảm mặt bằng sạch trước khi khởi công; việc thu hồi đất, bồi thường,
            giải phóng mặt bằng được tách thành tiểu dự án riêng và bố trí vốn trước một năm.

            3. Không bố trí vốn đầu tư công cho dự án không thuộc nhiệm vụ chi của ngân sách; không
            để phát sinh nợ đọng xây dựng cơ bản.""",
            """# Điều 4. Tổ chức thực hiện

            1. Giao Ủy ban nhân dân tỉnh triển khai thực hiện Nghị quyết; hằng năm báo cáo Hội đồng
            nhân dân tỉnh tình hình thực hiện và điều chỉnh kế hoạch khi cần thiết, bảo đảm phù hợp
            với bảng giá đất tại Nghị quyết số 24/2025/NQ-HĐND và các quy định về chi phí bồi thường.

            2. Thường trực Hội đồng nhân dân tỉnh, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân
            dân tỉnh giám sát việc thực hiện Nghị quyết.

            Nghị quyết này được Hội đồng nhân dân tỉnh An Bình khóa XVII, Kỳ họp thứ mười bốn thông
            qua ngày 10 tháng 12 năm 2025.

            > CHỦ TỊCH
            > Phạm Đức Hòa""",
        )),
    CouncilDocument(
        key="bc-tham-tra-ktxh", kind=WORD, issuer=("HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH",
                                                     "BAN KINH TẾ - NGÂN SÁCH"),
        number="Số: 88/BC-KTNS", date="An Bình, ngày 28 tháng 11 năm 2025", genre="BÁO CÁO THẨM TRA",
        subject="Về tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025 và kế hoạch "
                "năm 2026",
        pages=(
            """Kính gửi: Hội đồng nhân dân tỉnh.

            Ban Kinh tế - Ngân sách đã tổ chức thẩm tra báo cáo của Ủy ban nhân dân tỉnh, có tham
            khảo ý kiến của các đại biểu Hội đồng nhân dân tỉnh và các cơ quan liên quan. Ban cơ bản
            thống nhất với đánh giá của Ủy ban nhân dân tỉnh: năm 2025, tình hình kinh tế của tỉnh
            tiếp tục phục hồi, có 18/20 chỉ tiêu chủ yếu đạt và vượt kế hoạch. Tốc độ tăng trưởng
            tổng sản phẩm trên địa bàn (GRDP) ước đạt 8,2%, cao hơn mức bình quân của vùng; thu nhập
            bình quân đầu người đạt 82 triệu đồng.""",
            """# I. VỀ THU, CHI NGÂN SÁCH VÀ ĐẦU TƯ CÔNG

            Thu ngân sách nhà nước trên địa bàn vượt dự toán, song thu tiền sử dụng đất chiếm tỷ
            trọng lớn, thiếu bền vững. Giải ngân vốn đầu tư công đến cuối tháng 10 mới đạt 61% kế
            hoạch; nhiều dự án vướng mặt bằng, chậm tiến độ. Ban đề nghị Ủy ban nhân dân tỉnh làm rõ
            trách nhiệm của các chủ đầu tư giải ngân thấp.

            Chương trình mục tiêu quốc gia giảm nghèo bền vững được triển khai đồng bộ, tỷ lệ hộ
            nghèo giảm còn 3,1%; tuy nhiên việc giải ngân vốn sự nghiệp của chương trình còn chậm.""",
            """# II. VỀ TỒN TẠI, HẠN CHẾ

            Công tác quản lý đất đai, khoáng sản ở một số địa phương còn buông lỏng; tình trạng khai
            thác cát, sỏi trái phép chưa được ngăn chặn triệt để. Ô nhiễm môi trường tại một số cụm
            công nghiệp, làng nghề chậm được khắc phục. Thủ tục hành chính trong lĩnh vực đầu tư, đất
            đai còn kéo dài, ảnh hưởng đến môi trường kinh doanh.

            Ban đề nghị Ủy ban nhân dân tỉnh đánh giá rõ hơn nguyên nhân chủ quan, nhất là trách
            nhiệm người đứng đầu trong thực thi công vụ.""",
            """# III. KIẾN NGHỊ

            1. Đề nghị Ủy ban nhân dân tỉnh chỉ đạo quyết liệt giải ngân vốn đầu tư, xử lý dứt điểm
            vướng mắc về giải phóng mặt bằng; tăng cường giám sát, kiểm tra việc sử dụng vốn.

            2. Đề nghị các đại biểu Hội đồng nhân dân tỉnh tiếp tục theo dõi việc giải quyết kiến
            nghị đã được Ủy ban nhân dân tỉnh tiếp thu, thông tin kết quả đến cử tri tại các buổi tiếp
            xúc.

            Trên đây là báo cáo thẩm tra của Ban Kinh tế - Ngân sách, kính trình Hội đồng nhân dân
            tỉnh xem xét.

            > TM. BAN KINH TẾ - NGÂN SÁCH
            > TRƯỞNG BAN
            > Vũ Minh Tuấn""",
        )),
    CouncilDocument(
        key="kh-giao-duc", kind=WORD, issuer=PROVINCE_COMMITTEE, number="Số: 77/KH-UBND",
        date="An Bình, ngày 15 tháng 10 năm 2025", genre="KẾ HOẠCH",
        subject="Phát triển giáo dục và đào tạo tỉnh An Bình giai đoạn 2026 - 2030",
        pages=(
            """# I. MỤC ĐÍCH, YÊU CẦU

            Nâng cao chất lượng giáo dục toàn diện, phát triển phẩm chất và năng lực học sinh; sắp
            xếp mạng lưới trường học hợp lý, phù hợp với điều kiện của từng địa phương; bảo đảm mọi
            trẻ em trong độ tuổi được đến trường.

            Huy động các nguồn lực xã hội cùng với ngân sách nhà nước để đầu tư cho giáo dục; gắn
            đào tạo với nhu cầu sử dụng lao động của doanh nghiệp và thị trường lao động trong
            tỉnh.""",
            """# II. CHỈ TIÊU ĐẾN NĂM 2030

            | Chỉ tiêu | Năm 2025 | Năm 2030
            | Tỷ lệ trường mầm non đạt chuẩn quốc gia | 72% | 90%
            | Tỷ lệ trường phổ thông đạt chuẩn quốc gia | 78% | 95%
            | Tỷ lệ học sinh tốt nghiệp trung học phổ thông | 98,6% | 99%
            | Tỷ lệ lao động qua đào tạo | 68% | 75%

            Phấn đấu tỷ lệ học sinh trúng tuyển đại học, cao đẳng đạt trên 55%; 100% cơ sở giáo dục
            phổ thông được kết nối internet tốc độ cao và triển khai học bạ số.""",
            """# III. NHIỆM VỤ VÀ GIẢI PHÁP

            1. Rà soát, bảo đảm đủ biên chế giáo viên theo định mức, nhất là giáo viên mầm non, tiểu
            học; thực hiện tuyển dụng kịp thời số biên chế được giao, không để tình trạng thừa, thiếu
            giáo viên cục bộ.

            2. Tập trung đầu tư cơ sở vật chất cho các trường học công lập ở vùng khó khăn; xóa phòng
            học tạm, bổ sung phòng học bộ môn, nhà vệ sinh, nước sạch cho học sinh.

            3. Đổi mới công tác quản lý, tăng cường phân cấp, giao quyền tự chủ cho các cơ sở giáo
            dục.""",
            """# IV. CHUYỂN ĐỔI SỐ TRONG GIÁO DỤC

            Xây dựng cơ sở dữ liệu ngành giáo dục liên thông với cơ sở dữ liệu quốc gia về dân cư;
            ứng dụng công nghệ thông tin trong dạy học, kiểm tra, đánh giá. Đến năm 2030, 100% giáo
            viên được bồi dưỡng kỹ năng số, các trường tổ chức sinh hoạt chuyên môn trực tuyến và
            khai thác học liệu điện tử dùng chung.

            # V. TỔ CHỨC THỰC HIỆN

            Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí; Ủy
            ban nhân dân cấp huyện chịu trách nhiệm về số lượng học sinh, trường lớp trên địa bàn.

            > KT. CHỦ TỊCH
            > PHÓ CHỦ TỊCH
            > Nguyễn Thị Hạnh""",
        )),
    # --- scanned, with an OCR text layer ---------------------------------------------------------
    CouncilDocument(
        key="bc-tham-tra-y-te", kind=SCANNED, issuer=("HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH",
                                                        "BAN VĂN HÓA - XÃ HỘI"),
        number="Số: 64/BC-VHXH", date="An Bình, ngày 27 tháng 11 năm 2025", genre="BÁO CÁO THẨM TRA",
        subject="Về công tác y tế, chăm sóc và bảo vệ sức khỏe nhân dân năm 2025",
        pages=(
            """Kính gửi: Hội đồng nhân dân tỉnh.

            # I. KẾT QUẢ

            Ban Văn hóa - Xã hội ghi nhận ngành y tế đã hoàn thành tốt nhiệm vụ phòng, chống dịch
            bệnh, không để dịch lớn xảy ra. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94,1%, vượt chỉ
            tiêu Nghị quyết; 100% trạm y tế xã thực hiện khám, chữa bệnh bảo hiểm y tế. Mạng lưới y
            tế cơ sở được củng cố, 85% xã đạt Bộ tiêu chí quốc gia về y tế.""",
            """# II. TỒN TẠI, HẠN CHẾ

            Nhân lực y tế còn thiếu và chưa đồng đều; 23 trạm y tế xã chưa có bác sĩ làm việc thường
            xuyên; một số bác sĩ trẻ xin nghỉ việc chuyển sang cơ sở tư nhân. Việc đầu tư trang thiết
            bị cho các cơ sở khám, chữa bệnh công lập còn dàn trải; có thời điểm thiếu thuốc, vật tư
            y tế do vướng mắc trong đấu thầu.

            Việc thanh toán chi phí khám, chữa bệnh bảo hiểm y tế còn chậm, ảnh hưởng đến hoạt động
            của bệnh viện tuyến huyện.""",
            """# III. KIẾN NGHỊ

            1. Đề nghị Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh chính sách thu hút bác sĩ về
            công tác tại trạm y tế xã vùng khó khăn; rà soát, bố trí đủ biên chế ngành y tế theo số
            người làm việc được giao.

            2. Bố trí vốn đầu tư công để nâng cấp Bệnh viện Đa khoa tỉnh và các trung tâm y tế tuyến
            huyện; tháo gỡ vướng mắc trong mua sắm thuốc, vật tư.

            > TM. BAN VĂN HÓA - XÃ HỘI
            > TRƯỞNG BAN
            > Hoàng Thị Mai""",
        )),
    CouncilDocument(
        key="nq-bang-gia-dat", kind=SCANNED, issuer=PROVINCE_COUNCIL, number="Số: 24/2025/NQ-HĐND",
        date="An Bình, ngày 12 tháng 9 năm 2025", genre="NGHỊ QUYẾT",
        subject="Ban hành bảng giá đất giai đoạn 2026 - 2030 trên địa bàn tỉnh An Bình",
        pages=(
            """HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH KHÓA XVII, KỲ HỌP THỨ MƯỜI HAI

            Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; căn cứ Nghị định số 71/2024/NĐ-CP của
            Chính phủ quy định về giá đất; xét Tờ trình số 145/TTr-UBND của Ủy ban nhân dân tỉnh;
            Báo cáo thẩm tra của Ban Kinh tế - Ngân sách.

            # QUYẾT NGHỊ:

            Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng

            Nghị quyết này quy định bảng giá đất giai đoạn 2026 - 2030 trên địa bàn tỉnh, áp dụng
            đối với cơ quan quản lý nhà nước về đất đai, tổ chức, hộ gia đình, cá nhân sử dụng đất
            và các đối tượng khác có liên quan.""",
            """Điều 2. Bảng giá đất được sử dụng để làm căn cứ:

            1. Tính tiền sử dụng đất khi Nhà nước công nhận quyền sử dụng đất ở của hộ gia đình, cá
            nhân; tính tiền thuê đất hằng năm.

            2. Tính thuế sử dụng đất, thuế thu nhập từ chuyển quyền sử dụng đất; tính tiền xử phạt
            vi phạm hành chính trong lĩnh vực đất đai.

            | Loại đất | Giá thấp nhất (đồng/m2) | Giá cao nhất (đồng/m2)
            | Đất ở tại đô thị | 1.200.000 | 68.000.000
            | Đất ở tại nông thôn | 150.000 | 12.500.000
            | Đất trồng lúa | 45.000 | 110.000""",
            """Điều 3. Điều chỉnh bảng giá đất

            1. Khi giá đất phổ biến trên thị trường tăng hoặc giảm từ 20% trở lên so với giá trong
            bảng giá đất, Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh điều chỉnh bảng giá đất
            cho phù hợp.

            2. Giá khởi điểm khi đấu giá quyền sử dụng đất để giao đất, cho thuê đất không thấp hơn
            giá trong bảng giá đất tại cùng vị trí.""",
            """Điều 4. Tổ chức thực hiện

            1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này; công bố công khai bảng
            giá đất trên cổng thông tin điện tử của tỉnh.

            2. Thường trực Hội đồng nhân dân tỉnh, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân
            dân tỉnh giám sát việc thực hiện Nghị quyết.

            Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.

            > CHỦ TỊCH
            > Phạm Đức Hòa""",
        )),
    CouncilDocument(
        key="kh-giam-ngheo", kind=SCANNED, issuer=("UỶ BAN NHÂN DÂN", "TỈNH AN BÌNH"),
        number="Số: 15/KH-UBND", date="An Bình, ngày 20 tháng 01 năm 2026", genre="KẾ HOẠCH",
        subject="Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2026",
        old_style=True,
        pages=(
            """# I. MỤC TIÊU

            Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều bình quân 1,5% trong năm 2026, riêng các
            huyện miền núi giảm trên 3%; không để hộ đã thoát nghèo tái nghèo. Bảo đảm người nghèo
            được tiếp cận đầy đủ các dịch vụ xã hội cơ bản về việc làm, giáo dục, nhà ở, nước sinh
            hoạt và thông tin; 100% người thuộc hộ nghèo được cấp thẻ bảo hiểm y tế.""",
            """# II. NHIỆM VỤ CHỦ YẾU

            1. Hỗ trợ phát triển sản xuất, đa dạng hoá sinh kế cho hộ nghèo, hộ cận nghèo; ưu tiên
            các mô hình liên kết theo chuỗi giá trị, đạt hiệu quả kinh tế cao.

            2. Hỗ trợ xây dựng, sửa chữa nhà ở cho 850 hộ nghèo có hoàn cảnh khó khăn; người đại diện
            của hộ được tham gia giám sát việc xây dựng.

            3. Hỗ trợ đào tạo nghề, giải quyết việc làm bền vững; hoà nhập cộng đồng cho người khuyết
            tật thuộc hộ nghèo.""",
            """# III. ĐẦU TƯ HẠ TẦNG VÙNG KHÓ KHĂN

            Ưu tiên đầu tư các công trình thuỷ lợi nhỏ, kênh mương nội đồng, công trình nước sạch tập
            trung, đường giao thông đến trung tâm xã ở các huyện nghèo. Vốn đầu tư công của chương
            trình năm 2026 dự kiến 412 tỷ đồng, trong đó ngân sách trung ương 350 tỷ đồng, ngân sách
            tỉnh đối ứng 62 tỷ đồng.

            Các công trình phải được người dân tham gia lựa chọn, giám sát và sau khi hoàn thành được
            giao cho cộng đồng quản lý, duy tu, bảo dưỡng.""",
            """# IV. TỔ CHỨC THỰC HIỆN

            Sở Nông nghiệp và Môi trường là cơ quan thường trực của chương trình, chủ trì theo dõi,
            giám sát, đánh giá và báo cáo định kỳ. Đề nghị Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh phối
            hợp vận động các doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Vì người nghèo; các đơn vị thuỷ
            nông hỗ trợ miễn phí dịch vụ thuỷ lợi cho hộ nghèo.

            > TM. UỶ BAN NHÂN DÂN
            > KT. CHỦ TỊCH
            > PHÓ CHỦ TỊCH
            > Nguyễn Thị Hạnh""",
        )),
    CouncilDocument(
        key="tb-chat-van", kind=SCANNED, issuer=PROVINCE_COUNCIL, number="Số: 19/TB-HĐND",
        date="An Bình, ngày 12 tháng 12 năm 2025", genre="THÔNG BÁO",
        subject="Kết luận phiên chất vấn và trả lời chất vấn tại Kỳ họp thứ mười bốn",
        pages=(
            """Tại Kỳ họp thứ mười bốn, Hội đồng nhân dân tỉnh đã dành một buổi để chất vấn và trả
            lời chất vấn. Có 12 lượt đại biểu chất vấn, 6 lượt đại biểu tranh luận; các câu hỏi bám
            sát kiến nghị cử tri và những vấn đề được dư luận quan tâm. Chủ tọa kỳ họp đã tiếp thu ý
            kiến của đại biểu, đề nghị các cơ quan làm rõ trách nhiệm trong quản lý kinh tế, xã hội
            và kết luận như sau:""",
            """# 1. VỀ QUẢN LÝ ĐẤT ĐAI

            Giám đốc Sở Nông nghiệp và Môi trường đã trả lời về tiến độ cấp giấy chứng nhận, giải
            quyết tranh chấp đất đai kéo dài tại huyện Bắc Sơn. Trưởng Ban Kinh tế - Ngân sách đề
            nghị làm rõ trách nhiệm để chậm cập nhật biến động đất đai. Hội đồng nhân dân tỉnh yêu
            cầu Ủy ban nhân dân tỉnh hoàn thành việc cấp giấy chứng nhận lần đầu trong quý II năm
            2026 và báo cáo kết quả tại kỳ họp giữa năm.""",
            """# 2. VỀ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG

            Giám đốc Sở Tài chính đã giải trình nguyên nhân giải ngân vốn đầu tư công đạt thấp. Hội
            đồng nhân dân tỉnh yêu cầu điều chuyển vốn của các dự án không có khả năng giải ngân sang
            dự án có khối lượng hoàn thành; xử lý nghiêm chủ đầu tư, nhà thầu vi phạm; thực hiện
            trước ngày 31 tháng 01 năm 2026.

            Thường trực Hội đồng nhân dân tỉnh sẽ tổ chức giám sát việc thực hiện các nội dung đã
            hứa tại phiên chất vấn.

            > TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN
            > CHỦ TỊCH
            > Phạm Đức Hòa""",
        )),
)

BY_KEY = {document.key: document for document in DOCUMENTS}


# --- browser-printed: Chromium via Playwright ---------------------------------------------------
# The body font is Liberation Serif 1.07 (Debian's fonts-liberation, which Chromium depends on),
# loaded from its file: it lacks ộ ị ệ ỳ ọ ờ ư, so Chromium falls back to another font inside
# words, as it does on many secretaries' machines — and pypdf's text of such a PDF breaks those
# words apart. Named by family instead, Liberation Serif would be version 2 wherever
# fonts-liberation2 is installed (as for the minutes), and nothing would break.
OLD_LIBERATION = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def _old_liberation_face() -> str:
    if not OLD_LIBERATION.is_file():
        raise RuntimeError(f"{OLD_LIBERATION} is needed (Debian: apt-get install fonts-liberation)")
    data = base64.b64encode(OLD_LIBERATION.read_bytes()).decode()
    return ('@font-face { font-family: "Liberation Serif 1.07"; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}')


_CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 30mm; }
body { font-family: "Liberation Serif 1.07", "DejaVu Serif", serif; font-size: 13pt;
       line-height: 1.35; color: #000; }
section { break-after: page; }
section:last-child { break-after: auto; }
table.head { width: 100%; border-collapse: collapse; margin-bottom: 14pt; }
table.head td { width: 50%; text-align: center; vertical-align: top; font-weight: bold; }
table.head td span { font-weight: normal; font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 6pt 0 2pt; }
p.subject { text-align: center; font-weight: bold; margin: 0 0 14pt; }
h2 { font-size: 13pt; margin: 10pt 0 6pt; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11.5pt; margin: 6pt 0 10pt; }
table.data th, table.data td { border: 1px solid #000; padding: 3pt 5pt; }
div.sign { margin: 16pt 0 0 50%; text-align: center; font-weight: bold; }
"""


def document_html(document: CouncilDocument) -> str:
    e = html.escape
    motto_top, motto_bottom = document.motto()
    sections = []
    for number, page in enumerate(document.pages, start=1):
        parts = []
        if number == 1:
            issuer = "<br>".join(e(line) for line in document.issuer)
            parts.append(
                f'<table class="head"><tr><td>{issuer}<br><span>{e(document.number)}</span></td>'
                f"<td>{e(motto_top)}<br>{e(motto_bottom)}<br><span>{e(document.date)}</span></td>"
                f'</tr></table><h1>{e(document.genre)}</h1><p class="subject">{e(document.subject)}</p>')
        for block in blocks(page):
            if block.kind == "heading":
                parts.append(f"<h2>{e(block.text)}</h2>")
            elif block.kind == "paragraph":
                parts.append(f"<p>{e(block.text)}</p>")
            elif block.kind == "signature":
                parts.append('<div class="sign">' + "<br>".join(e(x) for x in block.lines) + "</div>")
            else:
                header, *rows = block.rows
                cells = "".join(f"<th>{e(c)}</th>" for c in header)
                body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
                parts.append(f'<table class="data"><tr>{cells}</tr>{body}</table>')
        sections.append("<section>" + "".join(parts) + "</section>")
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(document.title)}'
            f"</title><style>{_old_liberation_face()}{_CSS}</style></head><body>{''.join(sections)}</body></html>")


def print_with_chromium(pages_html: list[str]) -> list[bytes]:
    """Each HTML page printed to PDF by Debian's Chromium (one browser for all of them)."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"Chromium is needed at {CHROMIUM} (Debian: apt-get install chromium; "
                           "or set KYHOP_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            printed = []
            for content in pages_html:
                page.set_content(content, wait_until="load")
                printed.append(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
            return printed
        finally:
            browser.close()


# --- Word-like: fpdf2 ----------------------------------------------------------------------------


def word_pdf(document: CouncilDocument) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from app.kit.fonts import bold_variant, vietnamese_font

    regular = vietnamese_font()
    pdf = FPDF(format="A4")
    pdf.set_title(document.title)
    pdf.set_author(document.issuer[-1])
    pdf.set_creator("Microsoft® Word (as laid out by the relevance tests)")
    pdf.add_font("body", fname=str(regular))
    pdf.add_font("body", style="B", fname=str(bold_variant(regular)))
    pdf.set_margins(30, 20, 18)
    pdf.set_auto_page_break(True, margin=20)
    line = {"new_x": "LMARGIN", "new_y": "NEXT"}
    for number, page in enumerate(document.pages, start=1):
        pdf.add_page()
        if number == 1:
            top = pdf.get_y()
            pdf.set_font("body", style="B", size=11)
            pdf.multi_cell(68, 5.5, "\n".join(document.issuer), align="C", **line)
            pdf.set_font("body", size=11)
            pdf.multi_cell(68, 5.5, document.number, align="C", **line)
            left_bottom = pdf.get_y()
            pdf.set_xy(30 + 68, top)
            pdf.set_font("body", style="B", size=11)
            pdf.multi_cell(94, 5.5, "\n".join(document.motto()), align="C", new_x="LEFT", new_y="NEXT")
            pdf.set_font("body", size=11)
            pdf.multi_cell(94, 5.5, document.date, align="C", **line)
            pdf.set_y(max(left_bottom, pdf.get_y()) + 6)
            pdf.set_font("body", style="B", size=14)
            pdf.multi_cell(0, 7, document.genre, align="C", **line)
            pdf.set_font("body", style="B", size=12.5)
            pdf.multi_cell(0, 6.5, document.subject, align="C", **line)
            pdf.ln(5)
        for block in blocks(page):
            if block.kind == "heading":
                pdf.start_section(block.text[:120])
                pdf.set_font("body", style="B", size=12.5)
                pdf.multi_cell(0, 6.5, block.text, **line)
                pdf.ln(1.5)
            elif block.kind == "paragraph":
                pdf.set_font("body", size=12.5)
                pdf.set_x(30)
                pdf.multi_cell(0, 6.5, "          " + block.text, align="J", **line)
                pdf.ln(2)
            elif block.kind == "signature":
                pdf.ln(4)
                pdf.set_font("body", style="B", size=12.5)
                for text in block.lines:
                    pdf.set_x(30 + 81)
                    pdf.cell(81, 6.5, text, align="C", **line)
            else:
                pdf.set_font("body", size=11)
                widths = [3] + [1.3] * (len(block.rows[0]) - 1)
                with pdf.table(col_widths=widths, line_height=6, padding=1.2,
                               headings_style=FontFace(emphasis="BOLD")) as table:
                    for row in block.rows:
                        cells = table.row()
                        for cell in row:
                            cells.cell(cell)
                pdf.ln(3)
    return bytes(pdf.output())


# --- scanned with an OCR text layer: Pillow pictures, invisible text ---------------------------

DPI = 150
PAGE_PX = (1240, 1754)  # A4 at 150 dpi
_MM_PER_PX = 25.4 / DPI


@dataclass(frozen=True)
class ScanLine:
    x: float  # pixels, left end of the line
    baseline: float  # pixels from the top
    size: float  # font size in pixels
    bold: bool
    text: str


def _wrap(text: str, font, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def scan_layout(document: CouncilDocument, number: int, fonts: dict) -> tuple[list[ScanLine], list]:  # type: ignore[type-arg]
    """The lines of one page as placed on the picture, and the table rules (pixel boxes)."""
    left, right, top = 175, PAGE_PX[0] - 110, 135
    width = right - left
    y = float(top)
    lines: list[ScanLine] = []
    boxes = []

    def put(text: str, size: int, bold: bool, x: float, box_width: float, align: str = "L") -> None:
        nonlocal y
        font = fonts[size, bold]
        for piece in _wrap(text, font, box_width):
            y += size * 1.0
            length = font.getlength(piece)
            start = x + (box_width - length) / 2 if align == "C" else x
            lines.append(ScanLine(start, y, size, bold, piece))
            y += size * 0.45

    if number == 1:
        half = width / 2
        for text, bold in [*[(t, True) for t in document.issuer], (document.number, False)]:
            put(text, 23, bold, left - 40, half - 40, "C")
        after_left = y
        y = float(top)
        for text, bold in [*[(t, True) for t in document.motto()], (document.date, False)]:
            put(text, 23, bold, left + half - 40, half + 80, "C")
        y = max(y, after_left) + 30
        put(document.genre, 29, True, left, width, "C")
        put(document.subject, 25, True, left + 40, width - 80, "C")
        y += 25
    page = document.pages[number - 1]
    for block in blocks(page):
        if block.kind == "heading":
            y += 8
            put(block.text, 25, True, left, width)
            y += 4
        elif block.kind == "paragraph":
            put(block.text, 25, False, left, width)
            y += 12
        elif block.kind == "signature":
            y += 20
            for text in block.lines:
                put(text, 25, True, left + width / 2, width / 2, "C")
        else:
            columns = len(block.rows[0])
            widths = [width * 3 / (3 + 1.3 * (columns - 1))] + \
                [width * 1.3 / (3 + 1.3 * (columns - 1))] * (columns - 1)
            for index, row in enumerate(block.rows):
                row_top = y + 4
                bottom = row_top
                x = float(left)
                for cell, cell_width in zip(row, widths, strict=True):
                    y = row_top + 4
                    put(cell, 22, index == 0, x + 8, cell_width - 16)
                    bottom = max(bottom, y + 6)
                    x += cell_width
                x = float(left)
                for cell_width in widths:
                    boxes.append((x, row_top, x + cell_width, bottom))
                    x += cell_width
                y = bottom
            y += 20
    if y > PAGE_PX[1] - 110:
        raise ValueError(f"{document.key} page {number} does not fit on a scanned page")
    return lines, boxes


def scan_picture(lines: list[ScanLine], boxes: list, fonts: dict, seed: int) -> bytes:  # type: ignore[type-arg]
    """A greyscale JPEG of the page as a scanner gives it: off-white paper, grey ink, a little noise."""
    from PIL import Image, ImageDraw, ImageFilter

    picture = Image.new("L", PAGE_PX, 244)
    draw = ImageDraw.Draw(picture)
    for box in boxes:
        draw.rectangle(box, outline=60, width=2)
    for line in lines:
        draw.text((line.x, line.baseline), line.text, font=fonts[line.size, line.bold], fill=28,
                  anchor="ls")
    rng = random.Random(seed)
    for _ in range(600):  # dust
        x, y = rng.randrange(PAGE_PX[0]), rng.randrange(PAGE_PX[1])
        draw.point((x, y), fill=rng.randrange(90, 200))
    picture = picture.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise(PAGE_PX, 10)
    picture = Image.blend(picture, noise, 0.06)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=55, optimize=True)
    return out.getvalue()


def scanned_pdf(document: CouncilDocument) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from PIL import ImageFont

    from app.kit.fonts import bold_variant, vietnamese_font

    regular = vietnamese_font()
    bold = bold_variant(regular)
    fonts = {(size, weight): ImageFont.truetype(str(bold if weight else regular), size)
             for size in (22, 23, 25, 29) for weight in (False, True)}
    pdf = FPDF(format="A4")
    pdf.set_creator("Scanner (OCR text layer, as made by the relevance tests)")
    pdf.add_font("ocr", fname=str(regular))
    pdf.add_font("ocr", style="B", fname=str(bold))
    pdf.set_auto_page_break(False)
    for number in range(1, len(document.pages) + 1):
        lines, boxes = scan_layout(document, number, fonts)
        pdf.add_page()
        picture = scan_picture(lines, boxes, fonts, seed=zlib.crc32(f"{document.key}/{number}".encode()))
        pdf.image(io.BytesIO(picture), x=0, y=0, w=210, h=297)
        pdf.text_mode = TextMode.INVISIBLE
        for line in lines:
            pdf.set_font("ocr", style="B" if line.bold else "", size=line.size * 72 / DPI)
            pdf.text(line.x * _MM_PER_PX, line.baseline * _MM_PER_PX, line.text)
        pdf.text_mode = TextMode.FILL
    return bytes(pdf.output())


# --- the whole corpus ----------------------------------------------------------------------------


def build_corpus(folder: Path) -> dict[str, Path]:
    """Every document printed into `folder`, by key; each file's page count is checked."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    browser_documents = [d for d in DOCUMENTS if d.kind == BROWSER]
    for document, data in zip(browser_documents,
                              print_with_chromium([document_html(d) for d in browser_documents]),
                              strict=True):
        files[document.key] = data
    for document in DOCUMENTS:
        if document.kind == WORD:
            files[document.key] = word_pdf(document)
        elif document.kind == SCANNED:
            files[document.key] = scanned_pdf(document)
    paths = {}
    for document in DOCUMENTS:
        pdf = pdfium.PdfDocument(files[document.key])
        try:
            count = len(pdf)
        finally:
            pdf.close()
        if count != len(document.pages):
            raise AssertionError(f"{document.key} ({document.kind}) printed on {count} pages, "
                                 f"written for {len(document.pages)}: a page overflowed")
        path = folder / document.filename
        path.write_bytes(files[document.key])
        paths[document.key] = path
    return paths
