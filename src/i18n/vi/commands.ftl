# Những gì các lệnh nói: tiến độ, tóm tắt, lỗi làm dừng lệnh.

## loa check

report-whole-campaign = (toàn bộ chiến dịch)
report-external-links = Liên kết tới trang web khác ({ $count }), loa không mở:
report-translations = Bản dịch (số trang đã viết bằng mỗi ngôn ngữ / tổng số trang):
report-section = mục
report-all-pages = tất cả các trang
report-district-only = { $section } (chỉ { $district })
summary-ready = Sẵn sàng xuất bản: { $errors } lỗi, { $warnings } cảnh báo
summary-not-ready = Chưa sẵn sàng xuất bản: { $errors } lỗi, { $warnings } cảnh báo
summary-strict = {" "}(--strict: cảnh báo cũng tính là lỗi)
summary-all-example = Tất cả các lỗi đều là dữ liệu ví dụ chưa ai kiểm tra: hãy kiểm tra từng số điện thoại và từng trang, rồi bỏ `example: true`.
explain-unknown = không có mã phát hiện `{ $code }`; `loa check --explain` liệt kê tất cả các mã
explain-unknown-close = không có mã phát hiện `{ $code }` (có phải ý bạn là `{ $close }`?); `loa check --explain` liệt kê tất cả các mã

## Lỗi làm dừng lệnh

error-read = không đọc được { $path }
error-write = không ghi được { $path }
error-content = chiến dịch có { $errors } lỗi; loa chưa ghi gì cả
error-publish = xuất bản { $district } lên { $target } không thành công: { $reason }
    Trang web ở đó vẫn nguyên vẹn (trang cũ hoặc trang mới, mỗi trang đủ tệp đi kèm). Chạy lại `{ $command }` để làm nốt.
