"""The demo meeting's agenda and documents: multi-page PDFs with Vietnamese text written for
the demo (fictional figures), rendered with a font that has every Vietnamese glyph."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models.vocabulary import DocumentKind

PROPOSAL_PAGES = [
    "I. Sự cần thiết ban hành\n"
    "Thực hiện Luật Đầu tư công, Ủy ban nhân dân tỉnh đã rà soát danh mục dự án, cân đối nguồn "
    "vốn ngân sách địa phương và vốn hỗ trợ của trung ương cho giai đoạn tới.\n\n"
    "Qua tổng hợp, nhu cầu vốn của các sở, ngành và các huyện, thị xã lớn hơn nhiều so với khả "
    "năng cân đối; vì vậy cần sắp xếp thứ tự ưu tiên rõ ràng, tránh dàn trải, tập trung cho các "
    "công trình giao thông kết nối vùng, thủy lợi và trường học ở miền núi.",
    "II. Mục tiêu và nguyên tắc phân bổ\n"
    "Bảo đảm bố trí đủ vốn đối ứng cho các dự án sử dụng vốn vay; ưu tiên dự án chuyển tiếp có "
    "khả năng hoàn thành trong năm; không bố trí vốn cho dự án chưa đủ thủ tục đầu tư.\n\n"
    "Việc phân bổ tuân thủ tiêu chí, định mức đã được Hội đồng nhân dân tỉnh quyết định, công "
    "khai, minh bạch, có sự tham gia giám sát của các Ban và các Tổ đại biểu.",
    "III. Dự kiến phương án phân bổ\n"
    "Tổng vốn dự kiến: 4.820 tỷ đồng (số liệu minh họa), trong đó ngân sách tỉnh 2.950 tỷ đồng, "
    "vốn trung ương hỗ trợ 1.870 tỷ đồng.\n\n"
    "Lĩnh vực giao thông chiếm 38%, thủy lợi và phòng chống thiên tai 17%, giáo dục và đào tạo "
    "14%, y tế 9%, chuyển đổi số 6%, còn lại cho quốc phòng, an ninh và các lĩnh vực khác.",
    "IV. Giải pháp thực hiện\n"
    "Đẩy nhanh giải phóng mặt bằng, xử lý dứt điểm vướng mắc về đất đai ở các dự án trọng điểm; "
    "tăng cường kiểm tra, giám sát; điều chuyển vốn của dự án chậm giải ngân sang dự án có khả "
    "năng hấp thụ vốn tốt.\n\n"
    "Định kỳ hằng quý, Ủy ban nhân dân tỉnh báo cáo Thường trực Hội đồng nhân dân tỉnh tình hình "
    "giải ngân để kịp thời điều chỉnh.",
    "V. Kiến nghị\n"
    "Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Nghị quyết về Kế "
    "hoạch đầu tư công năm tới với các nội dung nêu trên.\n\n"
    "Hồ sơ kèm theo gồm: dự thảo Nghị quyết, danh mục dự án và biểu tổng hợp nguồn vốn.",
]

DRAFT_RESOLUTION_PAGES = [
    "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n"
    "Nghị quyết này quy định chính sách hỗ trợ chuyển đổi số cho Ủy ban nhân dân cấp xã, các tổ "
    "công nghệ số cộng đồng và hộ kinh doanh trên địa bàn tỉnh.",
    "Điều 2. Nội dung hỗ trợ\n"
    "1. Hỗ trợ trang bị thiết bị cho phòng họp không giấy của Hội đồng nhân dân và Ủy ban nhân "
    "dân cấp xã, tối đa 150 triệu đồng mỗi xã.\n\n"
    "2. Hỗ trợ đào tạo kỹ năng số cho đại biểu Hội đồng nhân dân cấp xã, mỗi đại biểu một khóa "
    "trong nhiệm kỳ.\n\n"
    "3. Hỗ trợ duy trì đường truyền cho điểm phục vụ dịch vụ công trực tuyến ở thôn, bản vùng khó khăn.",
    "Điều 3. Nguồn kinh phí và tổ chức thực hiện\n"
    "Kinh phí thực hiện từ ngân sách tỉnh và nguồn xã hội hóa hợp pháp. Giao Ủy ban nhân dân tỉnh "
    "tổ chức thực hiện; Thường trực, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh "
    "giám sát việc thực hiện Nghị quyết.",
    "Điều 4. Hiệu lực thi hành\n"
    "Nghị quyết này có hiệu lực kể từ ngày Hội đồng nhân dân tỉnh thông qua và được thực hiện đến "
    "hết năm cuối của nhiệm kỳ.",
]

REVIEW_REPORT_PAGES = [
    "1. Về sự cần thiết\n"
    "Ban Kinh tế - Ngân sách thống nhất với sự cần thiết ban hành Nghị quyết như Tờ trình của Ủy "
    "ban nhân dân tỉnh; việc bố trí vốn tập trung là phù hợp với khả năng cân đối ngân sách.",
    "2. Về nguyên tắc và phương án phân bổ\n"
    "Ban đề nghị làm rõ tiêu chí lựa chọn dự án khởi công mới, đặc biệt các dự án có vướng mắc "
    "về đất đai, để bảo đảm giải ngân đúng tiến độ.\n\n"
    "Đề nghị bổ sung danh mục công trình trường học ở các xã vùng cao vào nhóm ưu tiên.",
    "3. Về giải pháp\n"
    "Ban đề nghị Ủy ban nhân dân tỉnh công khai danh sách dự án chậm giải ngân theo từng quý và "
    "xác định rõ trách nhiệm của người đứng đầu chủ đầu tư.",
    "4. Kết luận\n"
    "Ban Kinh tế - Ngân sách đề nghị Hội đồng nhân dân tỉnh xem xét, thông qua Nghị quyết sau khi "
    "tiếp thu các ý kiến nêu trên.",
]

PERSONNEL_PAGES = [
    "Phương án kiện toàn chức danh\n"
    "Tài liệu phục vụ thảo luận tại phiên họp kín: phương án giới thiệu nhân sự để Hội đồng nhân "
    "dân tỉnh bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh (thông tin minh họa).",
    "Ý kiến của Thường trực\n"
    "Thường trực Hội đồng nhân dân tỉnh đề nghị các vị đại biểu nghiên cứu, cho ý kiến; tài liệu "
    "không được sao chụp, không mang ra khỏi hội trường.",
]


@dataclass
class DemoDocument:
    title: str
    kind: DocumentKind
    pages: list[str]
    confidential: bool = False


@dataclass
class DemoItem:
    title: str
    presenter: str = ""
    public: bool = True
    documents: list[DemoDocument] = field(default_factory=list)
    children: list[DemoItem] = field(default_factory=list)


DEMO_AGENDA = [
    DemoItem("Khai mạc kỳ họp", presenter="Chủ tịch HĐND tỉnh"),
    DemoItem("Báo cáo về Kế hoạch đầu tư công năm tới", children=[
        DemoItem("Tờ trình của Ủy ban nhân dân tỉnh", presenter="Phó Chủ tịch UBND tỉnh",
                 documents=[DemoDocument("Tờ trình về Kế hoạch đầu tư công năm tới", "proposal",
                                         PROPOSAL_PAGES)]),
        DemoItem("Báo cáo thẩm tra của Ban Kinh tế - Ngân sách", presenter="Trưởng Ban Kinh tế - Ngân sách",
                 documents=[DemoDocument("Báo cáo thẩm tra Tờ trình đầu tư công", "review_report",
                                         REVIEW_REPORT_PAGES)]),
    ]),
    DemoItem("Dự thảo Nghị quyết về hỗ trợ chuyển đổi số cấp xã", presenter="Giám đốc Sở Khoa học và Công nghệ",
             documents=[DemoDocument("Dự thảo Nghị quyết hỗ trợ chuyển đổi số cấp xã",
                                     "draft_resolution", DRAFT_RESOLUTION_PAGES)]),
    DemoItem("Thảo luận tại hội trường"),
    DemoItem("Công tác nhân sự", public=False,
             documents=[DemoDocument("Phương án nhân sự", "other", PERSONNEL_PAGES, confidential=True)]),
    DemoItem("Bế mạc kỳ họp", presenter="Chủ tịch HĐND tỉnh"),
]
