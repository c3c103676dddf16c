# Trình sửa trang của bàn biên tập: viết trang trong một biểu mẫu, trang hiện bên cạnh.

editor-heading = Sửa trang này
editor-not-a-page = `{ $file }` không phải là trang mà trình sửa mở được: chỉ mở trang Markdown (.md) trong thư mục content/, không qua liên kết tắt
editor-no-campaign = chưa nạp chiến dịch nào
editor-translation-from = Bản dịch mới: bắt đầu từ nội dung của { $file }. Hãy dịch rồi lưu.
editor-about = Thông tin trang
editor-title = Tiêu đề
editor-description = Mô tả (một hai câu cho danh sách và công cụ tìm kiếm)
editor-date = Ngày
editor-weight = Thứ tự trong mục (số nhỏ đứng trước)
editor-draft = Bản nháp
editor-draft-help = Bản nháp chỉ hiện trong bản xem trước này: loa không tạo trang web hay xuất bản nó cho tới khi bạn bỏ dấu chọn ở ô này.
editor-audience = Dành cho ai
editor-model = Mô hình
editor-none = (không có)
editor-districts = Phường/xã
editor-districts-help = Không đánh dấu ô nào thì trang nằm ở chỗ thường lệ của nó.
editor-all-districts = Tất cả phường/xã
editor-leaflet = Vị trí trên tờ rơi in (1 là đầu tiên; để trống: không có trên tờ rơi)
editor-kept = Các thiết lập khác của trang, được giữ nguyên (nếu cần thay đổi, hãy sửa bằng trình soạn thảo văn bản):
editor-body = Nội dung trang (Markdown)
editor-findings = Các phát hiện trên trang này
editor-no-findings = Không có phát hiện nào.
editor-line = dòng { $line }:
editor-preview = Xem trước
editor-save = Lưu
editor-preview-heading = Trang
editor-conflict = Tệp đã bị thay đổi trên máy từ lúc bạn mở, nên chưa được lưu. Nội dung hiện tại của tệp ở bên dưới; bản của bạn vẫn còn trong biểu mẫu. Nhấn Lưu lần nữa để thay tệp bằng bản của bạn, hoặc chép phần cần giữ từ nội dung trên máy trước.
editor-conflict-disk = Tệp trên máy hiện nay
editor-busy = Đang có việc khác chạy: hãy thử lại sau giây lát.
editor-saved = Đã lưu { $file }.
editor-saved-log = Đã lưu
editor-not-saved = Chưa lưu: { $reason }
editor-control-characters = ô { $field } có ký tự điều khiển (ký tự Tab, dấu xuống dòng hoặc ký tự vô hình): hãy viết lại trên một dòng, không có Tab hay xuống dòng
editor-bad-date = `{ $value }` không phải là ngày: hãy chọn ngày bằng bảng chọn ngày (năm-tháng-ngày)
editor-bad-number = ô { $field } phải là số nguyên
editor-bad-choice = ô { $field } có giá trị không nằm trong các lựa chọn
editor-edit = Sửa
editor-picture-heading = Thêm ảnh
editor-picture = Ảnh trong máy tính của bạn (JPEG, PNG, WebP hoặc GIF)
editor-alt = Ảnh cho thấy gì (cho người không nhìn thấy ảnh)
editor-alt-help = Một câu; chỉ để trống khi ảnh chỉ để trang trí.
editor-add-picture = Thêm ảnh này
editor-no-picture = Hãy chọn ảnh trước.
editor-picture-kind = `{ $file }` không phải là ảnh mà trình sửa thêm được: hãy chọn tệp JPEG, PNG, WebP hoặc GIF
editor-picture-added = Ảnh đã được chép vào cạnh trang với tên { $file } và thêm vào cuối nội dung. Vị trí chụp và thông tin máy ảnh không bao giờ được xuất bản. Hãy nhấn Lưu để giữ nội dung.

## Những dòng hiện trong cửa sổ dòng lệnh

editor-terminal-refused = bàn biên tập: không mở { $file } để sửa
editor-terminal-conflict = bàn biên tập: { $file } đã bị sửa ở nơi khác từ lúc mở, nên chưa lưu
editor-terminal-saved = bàn biên tập: đã lưu { $file }
editor-terminal-picture = bàn biên tập: đã thêm ảnh { $name } cạnh { $file }
