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
summary-all-example = Tất cả các lỗi đều do dữ liệu ví dụ chưa ai kiểm tra: hãy kiểm tra từng số điện thoại và từng trang, rồi bỏ `example: true`.
explain-unknown = không có mã phát hiện `{ $code }`; `loa check --explain` liệt kê tất cả các mã
explain-unknown-close = không có mã phát hiện `{ $code }` (có phải ý bạn là `{ $close }`?); `loa check --explain` liệt kê tất cả các mã

## Lỗi làm dừng lệnh

error-read = không đọc được { $path }
error-write = không ghi được { $path }
error-content = chiến dịch có { $errors } lỗi; loa chưa ghi gì cả
error-publish = xuất bản { $district } lên { $target } không thành công: { $reason }
    Trang web ở đó vẫn nguyên vẹn (trang cũ hoặc trang mới, mỗi trang đủ tệp đi kèm). Chạy lại `{ $command }` để làm nốt.

## Không làm được điều dòng lệnh yêu cầu

usage-out-file = --out { $folder } là một tệp, không phải thư mục; hãy chọn một thư mục để ghi các trang web
usage-out-not-empty = { $folder } đã có những tệp không do loa ghi, mà mỗi lần tạo trang web loa thay cả thư mục; hãy chọn một thư mục trống hoặc thư mục mới bằng --out, hoặc chuyển các tệp đó đi trước
usage-out-campaign = --out { $folder } sẽ ghi đè lên chính chiến dịch; hãy chọn một thư mục riêng, ví dụ { $public }
usage-district = --district { $slug }: { $message }; { $help }
usage-new-lang = --lang { $lang }: các ngôn ngữ của chiến dịch là { $languages }
usage-new-exists = { $file } đã có; loa new không bao giờ ghi đè lên tệp. Hãy chọn tiêu đề khác, hoặc sửa tệp đó
usage-new-control = tiêu đề có một ký tự điều khiển vô hình ({ $character }); hãy gõ lại tiêu đề
usage-new-no-letters = tiêu đề `{ $title }` không có chữ hay chữ số nào để làm địa chỉ web
usage-init-name = { $flag } phải là tên chiến dịch viết bằng chữ, không có ký tự điều khiển
usage-init-no-lang = --lang cần ít nhất một mã ngôn ngữ, ví dụ vi,en
usage-init-lang = --lang: `{ $lang }` không phải là mã ngôn ngữ; dùng hai hoặc ba chữ thường, ví dụ vi, en hay fr
usage-init-lang-twice = --lang ghi `{ $lang }` hai lần
usage-init-not-empty = { $folder } không trống; loa init chỉ tạo chiến dịch trong thư mục mới hoặc trống, nên chưa ghi gì. Hãy chọn thư mục khác, ví dụ `loa init chien-dich-moi`
usage-init-file = { $folder } là một tệp; hãy cho loa init một tên thư mục
usage-ci-checksum = bản loa này được biên dịch từ mã nguồn, nên không biết mã kiểm tra của chương trình phát hành dùng cho CI; hãy thêm --loa-sha256 với mã kiểm tra của { $asset } trong SHA256SUMS của bản phát hành v{ $version } ({ $url })
usage-ci-sha256 = --loa-sha256 phải là mã kiểm tra SHA-256: 64 ký tự 0-9 và a-f, như trong SHA256SUMS
usage-ci-exists = { $file } đã có; loa init --ci chỉ ghi quy trình mới, nên chưa ghi gì. Hãy xóa tệp đó trước nếu muốn ghi lại
usage-runtime = không khởi động được phần kết nối mạng: { $reason }
usage-deploy-refused = không xuất bản được { $district } lên { $target }: { $reason }; chưa tạo trang hay gửi gì cả
usage-deploy-no-target = phường/xã `{ $district }` chưa có nơi xuất bản `deploy:`; hãy thêm vào { $file } (xem README, phần Hosting)
usage-no-district = không có phường/xã `{ $slug }`
usage-deploy-no-targets = chưa phường/xã nào có nơi xuất bản `deploy:`; hãy thêm vào tệp của một phường/xã (xem README, phần Hosting)
usage-zip-clash = --zip: hai phường/xã `{ $first }` và `{ $second }` sẽ cùng có gói zip tên { $second }.zip (gói zip xem không cần mạng của phường/xã thứ nhất); hãy đổi tên content/districts/{ $second }.yaml
usage-ctrl-c = không xử lý được Ctrl-C: { $reason }
usage-listen = không mở được cổng { $address }: { $reason }; hãy chọn --port khác
usage-root-missing = --root { $folder }: không có thư mục này
usage-no-campaign = ở đây không có chiến dịch: không có { $file }; hãy chạy loa trong thư mục chiến dịch (thư mục chứa `content/`), hoặc thêm --root THƯ-MỤC
usage-no-campaign-content = ở đây không có chiến dịch: không có { $file }; --root là thư mục chứa `content/`, không phải chính `content/`

## loa build

build-done = Đã tạo trang web cho { $districts } phường/xã × { $languages } ngôn ngữ: { $pages } trang, { $files } tệp trong { $seconds } giây → { $folder }
build-pictures = Ảnh: đã xử lý { $processed }, dùng lại { $cached } ảnh đã xử lý trước đó (.loa-cache/)
build-pictures-progress = Ảnh: đã xong { $done } trên { $total }
build-kept = Đã giữ nguyên những tệp trong { $folder } không do loa ghi: { $files }
build-replaced = đã thay những tệp không do loa ghi, vì trang web có tệp trùng tên: { $files } (hãy để tệp của bạn trong content/)
build-waiting = Một lệnh loa build khác đang ghi vào { $folder }; đang chờ nó xong…

## loa init và loa new

init-ci-added = Đã thêm { $file } vào chiến dịch trong { $folder }: hãy lưu nó vào kho mã, rồi thêm các mã bí mật cho loa deploy (xem mấy dòng đầu của tệp).
init-created = Đã tạo một chiến dịch gồm { $count } tệp trong { $folder }.
init-untranslated = Tiêu đề bằng `{ $languages }` tạm thời là tên bằng `{ $first }`: hãy dịch trong content/site.yaml (ghi tên tiếng Anh bằng --name-en); `loa check` sẽ nhắc bạn.
init-next = Tiếp theo: `loa serve --root { $folder }` mở chiến dịch trong trình duyệt; hãy đọc README.md của nó.
new-created = Đã tạo { $file }
new-draft = Đây là bản nháp: `loa serve` có hiện nó; bỏ dòng `draft: true` để xuất bản.

## loa serve

serve-public-warning = Cảnh báo: mở bản xem trước ở { $address } thì các máy tính khác trong mạng cũng xem được, kể cả bản nháp. Vì vậy bản xem trước này không có liên kết sửa trang, không mở tệp và không hiện phiếu gọi kiểm tra; muốn sửa trang, hãy chạy loa serve không có --bind.
serve-serving = Đang xem trước ở { $address } (có cả bản nháp). Bấm Ctrl-C để dừng.
serve-watching = Đang theo dõi thay đổi trong content/ và themes/.
serve-address = { $address }
serve-cannot-watch = không theo dõi được { $folder }: { $reason }
serve-not-reread = không đọc lại được chiến dịch: { $reason }
serve-stopped = Đã dừng.
serve-stopped-answering = bản xem trước không còn trả lời: { $reason }
serve-errors = { $count } lỗi: vẫn hiện các trang của lần lưu không lỗi gần nhất; hãy sửa tệp rồi lưu lại.
serve-reread-all = đọc lại toàn bộ
serve-reparsed = đọc lại { $count } tệp ({ $files })
serve-loaded = Đã nạp chiến dịch trong { $ms } ms: { $files }, tạo nội dung { $bodies } trang; trang được tạo khi mở.
serve-rebuilt = Đã cập nhật trong { $ms } ms: { $files }, tạo nội dung { $bodies } trang; trang được tạo khi mở.

## loa deploy

deploy-built = Đã tạo trang web cho { $districts } phường/xã ({ $files } tệp).
deploy-progress = { $district }: { $done }/{ $total } tệp, { $sent } / { $size }
deploy-purge-failed = các tệp đã được xuất bản, nhưng chưa xóa được bộ nhớ đệm của CDN: { $reason }
deploy-summary = { $district } → { $target }: đã gửi { $uploaded } tệp ({ $size }), { $unchanged } tệp không đổi, đã xóa { $deleted } tệp, trong { $seconds } giây{ $purge }{ $retried }
deploy-summary-dry = { $district } → { $target }: sẽ gửi { $uploaded } tệp ({ $size }), { $unchanged } tệp không đổi, sẽ xóa { $deleted } tệp, trong { $seconds } giây{ $purge }{ $retried }
deploy-purged = , đã xóa { $count } địa chỉ khỏi bộ nhớ đệm của CDN
deploy-purge-dry = , sẽ xóa { $count } địa chỉ khỏi bộ nhớ đệm của CDN
deploy-retried = ; { $count } yêu cầu bị lỗi trong chốc lát và đã được gửi lại (lần cuối: { $last })
deploy-no-answer = không có trả lời
deploy-would-upload = gửi { $path }
deploy-would-delete = xóa { $path }
deploy-would-purge = xóa khỏi bộ nhớ đệm { $url }

## Các trang riêng của bản xem trước và khung báo lỗi

overlay-title = loa: lần sửa vừa rồi có { $count } lỗi; đây là trang của lần lưu không lỗi gần nhất.
preview-not-found = Không tìm thấy
preview-no-page = loa serve không có trang nào ở địa chỉ này.
preview-all-districts = Tất cả phường/xã
preview-waiting-title = loa: hãy sửa chiến dịch
preview-waiting-heading = Chiến dịch đang có lỗi
preview-waiting-text = Hãy sửa các lỗi được báo; trang này sẽ tự tải lại.
preview-error-title = loa: lỗi
preview-error-heading = Không hiện được trang này
usage-new-stem = `{ $stem }` không dùng được làm tên tệp của trang
usage-listen-desk = không mở được cổng trên 127.0.0.1: { $reason }
