"""User-facing messages: Vietnamese first, English when the caller asks for it."""

from __future__ import annotations

from typing import Literal

Language = Literal["vi", "en"]

# code -> (Vietnamese, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_request": ("Yêu cầu không hợp lệ", "Malformed request"),
    "validation_error": ("Dữ liệu gửi lên không hợp lệ", "The submitted data is invalid"),
    "not_authenticated": ("Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn", "You are not logged in or your login has expired"),
    "forbidden": ("Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"),
    "not_found": ("Không tìm thấy", "Not found"),
    "method_not_allowed": ("Phương thức không được hỗ trợ", "Method not allowed"),
    "conflict": ("Xung đột với trạng thái hiện tại", "Conflicts with the current state"),
    "too_large": ("Dữ liệu gửi lên quá lớn (tối đa {limit})", "The request is too large (limit {limit})"),
    "unsupported_media_type": ("Định dạng không được hỗ trợ", "Unsupported media type"),
    "too_many_attempts": ("Quá nhiều lần đăng nhập sai, vui lòng thử lại sau {minutes} phút", "Too many failed logins, try again in {minutes} minutes"),
    "internal_error": ("Lỗi hệ thống, vui lòng thử lại hoặc báo cho quản trị viên", "Internal error, please retry or tell the administrator"),
    "invalid_credentials": ("Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"),
    "username_taken": ("Tên đăng nhập \"{username}\" đã được sử dụng", "The username \"{username}\" is already taken"),
    "wrong_password": ("Mật khẩu hiện tại không đúng", "The current password is wrong"),
    "weak_password": ("Mật khẩu phải có ít nhất {min} ký tự", "The password must have at least {min} characters"),
    "council_code_taken": ("Mã đơn vị hành chính \"{code}\" đã được dùng cho một HĐND khác", "The administrative code \"{code}\" is already used by another council"),
    "level_abolished": ("Cấp huyện đã kết thúc hoạt động từ ngày 01/07/2025 (Luật Tổ chức chính quyền địa phương 2025); chỉ còn cấp tỉnh và cấp xã", "District councils ended on 1 July 2025 (Law on Local Government 2025); only province and commune councils remain"),
    "unit_kind_level": ("Loại đơn vị hành chính không phù hợp với cấp (tỉnh: tỉnh, thành phố; xã: xã, phường, đặc khu)", "The kind of unit does not fit the level (province: province, city; commune: commune, ward, special zone)"),
    "council_dissolved": ("HĐND này đã giải thể từ ngày {day}; dữ liệu chỉ còn để xem, không thể thay đổi", "This council was dissolved on {day}; its data can be read but no longer changed"),
    "dissolved_on_future": ("Ngày giải thể không được sau ngày hôm nay", "The dissolution date must not be in the future"),
    "meeting_in_progress": ("HĐND đang có kỳ họp diễn ra; hãy bế mạc kỳ họp trước", "A meeting of this council is in progress; close it first"),
    "council_has_children": ("HĐND còn {count} HĐND cấp xã trực thuộc; hãy chỉ định HĐND kế thừa", "{count} commune councils still belong to this council; name a successor"),
    "successor_level": ("HĐND kế thừa phải cùng cấp (hoặc cấp xã cho một HĐND cấp huyện)", "The successor must be of the same level (or a commune for a district council)"),
    "not_predecessor": ("Không phải HĐND tiền thân của HĐND này", "Not a predecessor of this council"),
    "predecessor_sitting": ("HĐND tiền thân (số {ids}) chưa giải thể", "The predecessor councils ({ids}) have not been dissolved"),
    "respondent_agency": ("Người trả lời chất vấn phải thuộc một cơ quan", "A respondent must belong to an agency"),
    "agency_exists": ("Cơ quan \"{name}\" đã có", "The agency \"{name}\" already exists"),
    "parent_level": ("HĐND cấp trên phải ở cấp cao hơn", "The parent council must be of a higher level"),
    "already_member": ("Người dùng đã là thành viên của HĐND này", "The user is already a member of this council"),
    "voting_right_role": ("Chỉ đại biểu và chủ tọa mới có quyền biểu quyết", "Only deputies and chairs can have a voting right"),
    "import_invalid": ("Tệp danh sách có {count} dòng không hợp lệ; chưa có gì được ghi", "The list has {count} invalid rows; nothing was written"),
    "import_not_utf8": ("Tệp CSV phải được lưu với bảng mã UTF-8", "The CSV file must be saved as UTF-8"),
    "import_bad_xlsx": ("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ", "The file is not a valid Excel workbook (.xlsx)"),
    "import_bad_type": ("Chỉ nhận tệp .csv hoặc .xlsx", "Only .csv or .xlsx files are accepted"),
    "import_no_header": ("Không tìm thấy dòng tiêu đề có cột \"Họ và tên\"", "No header row with a \"Họ và tên\" (full name) column was found"),
    "import_empty": ("Tệp không có dòng dữ liệu nào", "The file has no data rows"),
    "import_too_many_rows": ("Tệp có quá nhiều dòng (tối đa {limit})", "The file has too many rows (limit {limit})"),
    "row_missing_name": ("Thiếu họ và tên", "The full name is missing"),
    "row_bad_role": ("Vai trò \"{value}\" không hợp lệ (đại biểu, chủ tọa, thư ký, khách mời, người trả lời chất vấn)", "Unknown role \"{value}\" (deputy, chair, secretary, guest, respondent)"),
    "row_bad_flag": ("Giá trị \"{value}\" không hợp lệ cho cột quyền biểu quyết (có / không)", "\"{value}\" is not a valid voting-right value (yes / no)"),
    "row_bad_username": ("Tên đăng nhập \"{value}\" không hợp lệ (chỉ chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang)", "Invalid username \"{value}\" (letters without accents, digits, dot, underscore, hyphen)"),
    "row_duplicate": ("Trùng với dòng {other}", "Duplicate of row {other}"),
    "row_too_long": ("Cột \"{column}\" quá dài (tối đa {limit} ký tự)", "Column \"{column}\" is too long (limit {limit} characters)"),
    "row_username_other_person": ("Tên đăng nhập \"{value}\" đã thuộc về người khác ({name})", "The username \"{value}\" belongs to someone else ({name})"),
    "token_not_found": ("Không tìm thấy thiết bị", "Device not found"),
    "not_pdf": ("Tệp tải lên không phải là tệp PDF; hãy chọn đúng tệp PDF rồi tải lên lại", "The uploaded file is not a PDF; choose the PDF file and upload it again"),
    "pdf_encrypted": ("Tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại", "The PDF is password-protected; remove the password and upload it again"),
    "pdf_damaged": ("Tệp PDF bị hỏng hoặc không đầy đủ nên không đọc được; hãy mở tệp trên máy, lưu lại thành PDF (hoặc xuất lại từ Word) rồi tải lên lại", "The PDF is damaged or incomplete and cannot be read; open it on your computer, save it again as PDF (or export it again from Word) and upload it again"),
    "pdf_too_complex": ("Tệp PDF quá lớn hoặc quá phức tạp để hệ thống xử lý (quá nhiều trang hoặc xử lý quá lâu); hãy tách thành nhiều tệp nhỏ hơn hoặc lưu lại thành PDF với kích thước nhỏ hơn rồi tải lên lại", "The PDF is too large or too complex to process (too many pages or it takes too long); split it into smaller files or save it again as a smaller PDF and upload it again"),
}


def pick_language(accept_language: str | None) -> Language:
    """The first supported language in an Accept-Language header, Vietnamese by default."""
    if not accept_language:
        return "vi"
    weighted: list[tuple[float, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, f"{index:04d}{tag.strip().lower()}"))
    for _, keyed in sorted(weighted):
        primary = keyed[4:].split("-")[0]
        if primary in ("vi", "en"):
            return primary  # type: ignore[return-value]
    return "vi"


def translate(code: str, language: Language, /, **params: object) -> str:
    vietnamese, english = MESSAGES.get(code, MESSAGES["bad_request"])
    template = english if language == "en" else vietnamese
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template

MESSAGES.update({
    "agenda_cycle": ("Không thể chuyển một nội dung vào bên trong chính nó", "An agenda item cannot be moved inside itself"),
    "agenda_order_mismatch": ("Danh sách sắp xếp phải gồm đúng tất cả nội dung của chương trình, mỗi nội dung một lần", "The order must list every agenda item exactly once"),
    "agenda_item_has_documents": ("Không thể xóa nội dung \"{title}\" vì đang có {count} tài liệu gắn với nó; hãy chuyển hoặc xóa tài liệu trước", "Cannot delete \"{title}\": {count} documents are attached to it; move or delete them first"),
    "agenda_item_has_polls": ("Không thể xóa nội dung \"{title}\" vì đã có biểu quyết", "Cannot delete \"{title}\": it has polls"),
    "agenda_item_has_resolutions": ("Không thể xóa nội dung \"{title}\" vì đã có nghị quyết được đánh số", "Cannot delete \"{title}\": it has numbered resolutions"),
    "agenda_item_current": ("Không thể xóa nội dung đang được thảo luận", "Cannot delete the item under discussion"),
    "meeting_wrong_state": ("Kỳ họp đang ở trạng thái \"{state}\", không thể {action}", "The meeting is \"{state}\"; cannot {action}"),
    "meeting_closed": ("Kỳ họp đã bế mạc, không thể thay đổi", "The meeting is closed and cannot be changed"),
    "meeting_not_in_progress": ("Kỳ họp chưa khai mạc hoặc đã bế mạc", "The meeting is not in progress"),
    "list_closed": ("Danh sách đăng ký phát biểu của nội dung này đã khóa",
                    "The list of speakers of this item is closed"),
    "already_waiting": ("Đại biểu đã đăng ký phát biểu và đang chờ đến lượt",
                        "Already on the list of speakers, waiting"),
    "speaker_wrong_state": ("Không thể thực hiện với lượt phát biểu ở trạng thái này",
                            "Not possible for a speaker in this state"),
    "speaker_not_found": ("Không tìm thấy lượt phát biểu", "Speaker not found"),
    "speaker_order_mismatch": ("Thứ tự phải gồm đúng những người đang chờ phát biểu",
                               "The order must list exactly the waiting speakers"),
    "extension_invalid": ("Thời gian thêm phải từ 1 giây đến 1 giờ",
                          "An extension is from 1 second to 1 hour"),
    "speaker_not_member": ("Người này không phải đại biểu hay người trả lời của Hội đồng",
                           "This person is not a deputy or respondent of the council"),
    "speaker_kind_role": ("Người trả lời chất vấn phát biểu để trả lời; đại biểu không đăng ký trả lời",
                          "Respondents speak to answer; deputies do not register to answer"),
    "question_not_found": ("Không tìm thấy câu hỏi chất vấn trong kỳ họp này",
                           "Question not found in this meeting"),
    "question_wrong_state": ("Không thể thực hiện với câu hỏi chất vấn ở trạng thái này",
                             "Not possible for a question in this state"),
    "question_reason_required": ("Khi không chấp nhận câu hỏi chất vấn cần nêu lý do",
                                 "Refusing a question needs a reason"),
    "question_addressee_required": ("Câu hỏi chất vấn phải gửi tới một người trả lời hoặc một cơ quan",
                                    "A question is addressed to a respondent or an agency"),
    "question_kind": ("Chỉ lượt chất vấn hoặc trả lời chất vấn mới gắn với câu hỏi",
                      "Only question and answer speakers are on a question"),
    "answer_not_addressee": ("Người này không phải người trả lời câu hỏi chất vấn này",
                             "This person does not answer this question"),
    "respondent_invalid": ("Người này không phải người trả lời chất vấn của Hội đồng",
                           "Not a respondent of the council"),
    "respondent_agency_mismatch": ("Người trả lời không thuộc cơ quan đã chọn",
                                   "The respondent does not belong to that agency"),
    "agency_invalid": ("Không tìm thấy cơ quan này của Hội đồng", "Not an agency of the council"),
    "topic_invalid": ("Không tìm thấy nhóm vấn đề chất vấn này trong kỳ họp",
                      "Not a question topic of this meeting"),
    "meeting_not_draft": ("Chỉ xóa được kỳ họp ở trạng thái dự thảo", "Only a draft meeting can be deleted"),
    "unknown_parent": ("Không tìm thấy nội dung cha trong chương trình kỳ họp này", "The parent item is not in this meeting's agenda"),
    "unknown_sitting": ("Không tìm thấy phiên họp này trong kỳ họp", "That sitting is not part of this meeting"),
    "already_invited": ("Người này đã được mời", "This person is already invited"),
    "ends_before_start": ("Thời gian kết thúc phải sau thời gian bắt đầu", "The end must come after the start"),
    "minutes_final": ("Biên bản đã hoàn thành, không sửa được nữa", "The minutes are final and cannot change"),
    "meeting_not_closed": ("Chỉ hoàn thành biên bản sau khi kỳ họp bế mạc",
                           "The minutes are finalised once the meeting is closed"),
    "minutes_changed": ("Biên bản vừa được sửa trong lúc hoàn thành; hãy thử lại",
                        "The minutes changed while being finalised; try again"),
    "item_not_in_meeting": ("Không tìm thấy nội dung này trong chương trình kỳ họp",
                            "That agenda item is not part of this meeting"),
    "number_taken": ("Số nghị quyết này đã được dùng trong năm", "This resolution number is already taken this year"),
    "resolution_number_invalid": ("Số nghị quyết phải có dạng 12/NQ-HĐND",
                                  "A resolution number looks like 12/NQ-HĐND"),
    "poll_not_in_item": ("Biểu quyết này không thuộc nội dung đã chọn", "That poll is not on the chosen item"),
    "poll_not_adopted": ("Chỉ ghi số nghị quyết cho biểu quyết đã kết thúc và được thông qua",
                         "Only a closed poll that adopted the proposal makes a resolution"),
    "document_not_in_meeting": ("Không tìm thấy tài liệu này trong kỳ họp", "That document is not part of this meeting"),
})

MESSAGES.update({
    "upload_not_multipart": ("Tài liệu phải được gửi dạng multipart/form-data", "Uploads must be sent as multipart/form-data"),
    "upload_malformed": ("Dữ liệu tải lên bị lỗi hoặc bị ngắt giữa chừng", "The upload was malformed or cut off"),
    "upload_no_file": ("Chưa chọn tệp để tải lên", "No file was uploaded"),
    "upload_one_file": ("Mỗi lần chỉ tải lên một tệp", "Upload one file at a time"),
    "unknown_agenda_item": ("Nội dung chương trình không thuộc kỳ họp này", "That agenda item is not part of this meeting"),
    "document_missing_title": ("Tài liệu cần có tiêu đề", "The document needs a title"),
})

MESSAGES.update({
    "attendance_closed": ("Chỉ điểm danh khi kỳ họp đã được công bố và chưa bế mạc", "Attendance is taken only while the meeting is published or in progress"),
    "not_seated": ("Chỉ đại biểu có quyền biểu quyết mới điểm danh", "Only deputies with a voting right check in"),
    "reason_only_when_excused": ("Chỉ ghi lý do khi vắng có lý do", "A reason is given only for an excused absence"),
})

MESSAGES.update({
    "options_fixed_by_preset": ("Loại biểu quyết này có các phương án cố định: {options}", "This kind of poll has fixed options: {options}"),
    "too_few_options": ("Cần ít nhất {min} phương án", "At least {min} options are needed"),
    "too_many_options": ("Tối đa {max} phương án", "At most {max} options"),
    "duplicate_options": ("Các phương án không được trùng nhau", "Options must differ from each other"),
    "poll_must_be_secret": ("Lấy phiếu tín nhiệm và bầu cử phải bỏ phiếu kín", "Confidence ratings and elections are secret ballots"),
    "single_choice_preset": ("Loại biểu quyết này chỉ được chọn một phương án", "This kind of poll allows one choice only"),
    "max_choices_range": ("Số lựa chọn tối đa phải từ 1 đến {max}", "The number of choices must be between 1 and {max}"),
    "secret_ballot_final": ("Phiếu kín đã bỏ thì không được thay đổi", "A secret ballot cannot be changed once cast"),
    "revote_other_item": ("Chỉ biểu quyết lại một biểu quyết của cùng nội dung", "A re-vote must be of a poll on the same agenda item"),
    "revote_needs_closed_poll": ("Chỉ biểu quyết lại khi biểu quyết trước đã kết thúc", "Only a closed poll can be voted again"),
    "poll_not_draft": ("Chỉ xóa được biểu quyết chưa mở", "Only a poll that has not been opened can be deleted"),
    "poll_already_open": ("Biểu quyết đang diễn ra", "The poll is already open"),
    "poll_closed": ("Biểu quyết đã kết thúc", "The poll is closed"),
    "poll_not_open": ("Biểu quyết chưa bắt đầu", "The poll has not been opened"),
    "poll_not_closed": ("Biểu quyết chưa kết thúc, chưa có kết quả", "The poll is not closed yet; there is no result"),
    "another_poll_open": ("Đang có biểu quyết khác: \"{title}\"; hãy kết thúc trước", "Another poll is open: \"{title}\"; close it first"),
    "not_quorate": ("Chưa đủ số đại biểu: có mặt {present}/{seated}, cần {required}. Chủ tọa có thể xác nhận mở biểu quyết", "Not quorate: {present} of {seated} present, {required} needed. The chair may confirm opening anyway"),
    "no_voting_right": ("Bạn không có quyền biểu quyết", "You have no voting right"),
    "not_checked_in": ("Bạn cần điểm danh trước khi biểu quyết", "Check in before voting"),
    "no_option_chosen": ("Chưa chọn phương án nào", "No option was chosen"),
    "option_chosen_twice": ("Một phương án được chọn hai lần", "An option was chosen twice"),
    "invalid_option": ("Phương án không thuộc biểu quyết này", "That option does not belong to this poll"),
    "too_many_choices": ("Chỉ được chọn tối đa {max} phương án", "Choose at most {max} options"),
    "already_voted": ("Bạn đã biểu quyết", "You have already voted"),
})

MESSAGES.update({
    "poll_is_secret": ("Biểu quyết kín: không công bố ai đã bỏ phiếu", "A secret poll: who has voted is not listed"),
})

MESSAGES.update({
    "file_link_invalid": ("Đường dẫn tệp không hợp lệ", "The file link is not valid"),
    "file_link_expired": ("Đường dẫn tệp đã hết hạn; hãy mở lại tài liệu", "The file link has expired; open the document again"),
})

# Harvesting other councils' OParl servers (app/harvest): shown on the source and by `kyhop harvest`.
MESSAGES.update({
    "source_url_invalid": ("Địa chỉ nguồn phải là một địa chỉ http:// hoặc https:// đầy đủ, không kèm tên đăng nhập hay mật khẩu", "The source must be a full http:// or https:// address, without a user name or password"),
    "source_url_not_allowed": ("Không được phép thu thập từ {host}: đây là địa chỉ nội bộ; quản trị viên máy chủ có thể thêm nó vào KYHOP_HARVEST_ALLOW", "Harvesting from {host} is not allowed: it is an internal address; the server's administrator may add it to KYHOP_HARVEST_ALLOW"),
    "source_exists": ("Nguồn dữ liệu này đã có trong danh sách", "This source is already listed"),
    "harvest_busy": ("Nguồn này đang được một tiến trình khác thu thập; hãy thử lại sau", "Another process is harvesting this source; try again later"),
    "harvest_address_refused": ("Không được phép kết nối tới {host} ({address}): địa chỉ nội bộ không có trong KYHOP_HARVEST_ALLOW", "Connecting to {host} ({address}) is not allowed: an internal address not listed in KYHOP_HARVEST_ALLOW"),
    "harvest_unreachable": ("Không kết nối được tới máy chủ nguồn {host}", "Could not connect to the source server {host}"),
    "harvest_timeout": ("Máy chủ nguồn không trả lời trong {seconds} giây tại {url}", "The source server did not answer within {seconds} seconds at {url}"),
    "harvest_protocol": ("Máy chủ nguồn {host} trả lời không đúng giao thức HTTP", "The source server {host} broke the HTTP protocol"),
    "harvest_http_status": ("Máy chủ nguồn trả lời lỗi HTTP {status} tại {url}", "The source server answered HTTP {status} at {url}"),
    "harvest_redirects": ("Máy chủ nguồn chuyển hướng quá {limit} lần từ {url} (có thể là vòng lặp chuyển hướng)", "The source server redirected more than {limit} times from {url} (perhaps a redirect loop)"),
    "harvest_too_large": ("Câu trả lời của máy chủ nguồn lớn quá {limit} tại {url}; việc thu thập đã dừng", "The source server's answer is larger than {limit} at {url}; harvesting stopped"),
    "harvest_html": ("Máy chủ nguồn trả về một trang web (HTML) thay vì dữ liệu OParl tại {url}; hãy kiểm tra địa chỉ có đúng là điểm truy cập OParl (…/oparl/v1/system) không", "The source server answered a web page (HTML) instead of OParl data at {url}; check that the address is an OParl entry point (…/oparl/v1/system)"),
    "harvest_not_json": ("Máy chủ nguồn trả về dữ liệu không phải JSON tại {url}", "The source server answered something that is not JSON at {url}"),
    "harvest_too_deep": ("Dữ liệu tại {url} lồng nhau quá sâu, không phải dữ liệu OParl", "The data at {url} is nested too deeply to be OParl"),
    "harvest_not_system": ("Địa chỉ {url} không phải điểm truy cập OParl 1.1 (cần một đối tượng System có liên kết body)", "{url} is not an OParl 1.1 entry point (a System object with a body link)"),
    "harvest_bad_list": ("Danh sách OParl tại {url} không đúng chuẩn (cần một đối tượng có mảng data)", "The OParl list at {url} is malformed (an object with a data array is needed)"),
    "harvest_bad_object": ("Danh sách OParl tại {url} có đối tượng không đúng chuẩn (thiếu id hoặc type hợp lệ)", "The OParl list at {url} holds a malformed object (without a valid id or type)"),
    "harvest_bad_link": ("Liên kết \"{field}\" tại {url} không phải một địa chỉ http(s) hợp lệ", "The \"{field}\" link at {url} is not a valid http(s) address"),
    "harvest_too_many_pages": ("Danh sách {url} có quá {limit} trang; việc thu thập đã dừng", "The list {url} has more than {limit} pages; harvesting stopped"),
    "harvest_next_loop": ("Danh sách {url} quay lại một trang đã đọc (liên kết next lặp vòng); việc thu thập đã dừng", "The list {url} leads back to a page already read (a next link loop); harvesting stopped"),
    "harvest_too_many_bodies": ("Máy chủ nguồn có quá {limit} cơ quan (Body); việc thu thập đã dừng", "The source server has more than {limit} bodies; harvesting stopped"),
    "harvest_claim_lost": ("Lần thu thập đã dừng: nguồn đã bị xóa, hoặc bị gián đoạn quá lâu và được một tiến trình khác tiếp tục", "The run stopped: the source was removed, or it was interrupted for too long and another process took it over"),
    "harvest_internal": ("Lỗi hệ thống khi thu thập; chi tiết có trong nhật ký máy chủ", "Internal error while harvesting; the server's log has the details"),
})

# Signing (app/record: keys, tokens, signatures): shown by the API and by `kyhop signer` / `kyhop sign`.
MESSAGES.update({
    "no_signing_key": ("Bạn chưa có khóa ký số được đăng ký trên máy chủ; hãy nhờ bộ phận CNTT đăng ký (kyhop signer add)", "You have no signing key registered on the server; ask IT to register one (kyhop signer add)"),
    "not_a_signatory": ("Chỉ Chủ tịch, thư ký và đại biểu của HĐND mới ký số tài liệu", "Only the council's chair, secretariat and deputies sign documents"),
    "signing_key_expired": ("Chứng thư số của khóa ký đã hết hạn ngày {day}; hãy đăng ký khóa mới", "The signing key's certificate expired on {day}; register a new key"),
    "signing_key_unreadable": ("Không mở được khóa ký đã đăng ký (khóa bảo vệ của máy chủ đã thay đổi); hãy đăng ký lại khóa", "The registered signing key cannot be opened (the server's protecting key changed); register the key again"),
    "document_changed": ("Tài liệu vừa có phiên bản mới trong lúc ký; hãy mở lại rồi ký", "The document got a new version while signing; open it again and sign"),
    "tsa_unavailable": ("Không lấy được dấu thời gian từ dịch vụ cấp dấu thời gian (KYHOP_TSA_URL); hãy thử lại sau", "No time-stamp could be obtained from the time-stamp service (KYHOP_TSA_URL); try again later"),
    "wrong_passphrase": ("Sai mật khẩu của tệp khóa (PKCS#12), hoặc tệp không phải tệp PKCS#12 (.p12, .pfx)", "Wrong passphrase of the key file (PKCS#12), or the file is not a PKCS#12 file (.p12, .pfx)"),
    "pkcs12_incomplete": ("Tệp PKCS#12 không chứa cả khóa bí mật và chứng thư số", "The PKCS#12 file does not hold both a private key and a certificate"),
    "wrong_pin": ("Sai mã PIN của thiết bị ký số (token)", "Wrong PIN of the signing token"),
    "token_library": ("Không nạp được thư viện PKCS#11 {library}", "Cannot load the PKCS#11 library {library}"),
    "token_missing": ("Không tìm thấy thiết bị ký số ở khe {slot}; hãy kiểm tra token đã cắm vào máy chủ", "No signing token in slot {slot}; check that the token is plugged into the server"),
    "token_no_key": ("Thiết bị ký số không có khóa ký (nhãn {label})", "The token has no signing key (label {label})"),
    "token_many_keys": ("Thiết bị ký số có nhiều khóa ký; hãy chọn một khóa bằng --key-label", "The token holds several signing keys; choose one with --key-label"),
    "token_no_certificate": ("Thiết bị ký số không có chứng thư số cho khóa {label}", "The token has no certificate for the key {label}"),
})

# What is wrong with a signature (app.record.verify's `problems`), as `kyhop sign verify` says it.
MESSAGES.update({
    "signature_modified": ("tệp đã bị sửa sau khi ký", "the file was changed after signing"),
    "signature_bad_signature": ("chữ ký không khớp với nội dung", "the signature does not match the content"),
    "signature_changed_after": ("có thay đổi không được phép sau khi ký", "changes not allowed were made after signing"),
    "signature_expired": ("chứng thư số đã hết hạn vào lúc ký", "the certificate had expired when signing"),
    "signature_not_yet_valid": ("chứng thư số chưa có hiệu lực vào lúc ký", "the certificate was not yet valid when signing"),
    "signature_revoked": ("chứng thư số đã bị thu hồi", "the certificate was revoked"),
    "signature_untrusted": ("chứng thư số không thuộc tổ chức chứng thực được tin cậy (KYHOP_TRUST_ROOTS)", "the certificate does not chain to a trusted root (KYHOP_TRUST_ROOTS)"),
    "signature_key_usage": ("chứng thư số không dành cho việc ký", "the certificate is not meant for signing"),
    "signature_chain_invalid": ("chuỗi chứng thư số không hợp lệ", "the certificate chain is invalid"),
    "signature_timestamp_invalid": ("dấu thời gian không hợp lệ", "the time-stamp is invalid"),
    "signature_damaged": ("chữ ký bị hỏng, không đọc được", "the signature is damaged and cannot be read"),
})

# Voter petitions (app/petitions).
MESSAGES.update({
    "petition_closed": ("Kiến nghị đã được xem xét và kết thúc, không thay đổi được nữa",
                        "The petition has been reviewed and closed; it can no longer change"),
    "petition_answered": ("Cơ quan đã trả lời kiến nghị; hãy xem xét câu trả lời trước",
                          "The agency has answered this petition; review the answer first"),
    "petition_not_assigned": ("Kiến nghị chưa được giao cho cơ quan giải quyết (cần cơ quan và thời hạn)",
                              "The petition has not been assigned yet (it needs an agency and a due date)"),
    "petition_not_answered": ("Kiến nghị chưa có câu trả lời để xem xét", "The petition has no answer to review yet"),
    "petition_merged": ("Kiến nghị này đã được gộp vào kiến nghị số {id}", "This petition was merged into petition {id}"),
    "petition_not_found": ("Không tìm thấy một số kiến nghị đã chọn", "Some of the chosen petitions were not found"),
    "period_reversed": ("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc của kỳ báo cáo",
                        "The report's start date must not be after its end date"),
    "period_too_long": ("Kỳ báo cáo dài quá {years} năm", "The report's period is longer than {years} years"),
    "merge_nothing": ("Hãy chọn ít nhất một kiến nghị khác để gộp", "Choose at least one other petition to merge"),
    "plan_due_required": ("Kiến nghị đang giải quyết cần có kế hoạch và thời hạn hoàn thành",
                          "An answer \"in progress\" needs a plan with its completion date"),
    "field_required": ("Kiến nghị phải thuộc một lĩnh vực", "A petition needs a field"),
    "agency_not_in_council": ("Cơ quan này không thuộc HĐND này", "That agency does not belong to this council"),
    "not_a_deputy": ("Người được chọn không phải đại biểu của HĐND này", "Someone chosen is not a deputy of this council"),
    "meeting_not_in_council": ("Kỳ họp này không thuộc HĐND này", "That meeting does not belong to this council"),
    "voter_meeting_not_in_council": ("Buổi tiếp xúc cử tri này không thuộc HĐND này",
                                     "That voter meeting does not belong to this council"),
    "row_missing_text": ("Thiếu nội dung kiến nghị", "The petition's text is missing"),
    "row_bad_level": ("Giá trị \"{value}\" không hợp lệ cho cột cấp giải quyết (trung ương / tỉnh / xã)",
                      "\"{value}\" is not a valid level (central / province / commune)"),
    "row_bad_date": ("Ngày \"{value}\" không hợp lệ (dạng 31/12/2026)", "\"{value}\" is not a valid date (31/12/2026)"),
    "row_bad_resources": ("Giá trị \"{value}\" không hợp lệ cho cột cần nguồn lực (có / không)",
                          "\"{value}\" is not a valid needs-resources value (yes / no)"),
    "row_unknown_agency": ("Không có cơ quan \"{value}\" trong danh sách cơ quan của HĐND",
                           "There is no agency \"{value}\" in the council's list of agencies"),
    # Escalation, supervisions and recommendations.
    "petition_resolved": ("Kiến nghị đã được giải quyết xong, không còn gì để chuyển tiếp",
                          "The petition was resolved; there is nothing left to carry further"),
    "petition_already_escalated": ("Kiến nghị đã được chuyển vào cuộc giám sát này",
                                   "The petition was already carried into this supervision"),
    "question_asker_required": ("Hãy chọn đại biểu đứng tên phiếu chất vấn (asker_id)",
                                "Choose the deputy in whose name the question is asked (asker_id)"),
    "supervision_not_in_council": ("Cuộc giám sát này không thuộc HĐND này",
                                   "That supervision does not belong to this council"),
    "supervision_dates_invalid": ("Ngày kết thúc giám sát không được trước ngày bắt đầu",
                                  "A supervision cannot end before it starts"),
    "agency_not_supervised": ("Cơ quan này không thuộc đối tượng của cuộc giám sát",
                              "That agency is not under this supervision"),
})
