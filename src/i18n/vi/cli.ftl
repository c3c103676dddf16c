# `loa --help` và `--help` của từng lệnh: `cli-<lệnh>-about` và
# `cli-<lệnh>-<tùy chọn>` (tên tùy chọn, `_` viết thành `-`).

cli-usage = Cách dùng:
cli-commands = Các lệnh
cli-options = Tùy chọn
cli-arguments = Tham số
cli-help = Hiện phần hướng dẫn này
cli-version = Hiện số phiên bản
cli-about = loa tạo các trang web chiến dịch song ngữ, dễ tiếp cận: mỗi phường/xã một trang web, từ các trang Markdown và tệp YAML trong thư mục `content/`. Chạy loa không kèm lệnh sẽ mở bàn biên tập của chiến dịch trong thư mục này ở trình duyệt (hoặc đề nghị bắt đầu một chiến dịch mới).
cli-no-open = Khi không kèm lệnh: không mở trình duyệt (hoặc đặt LOA_NO_BROWSER=1).

cli-build-about = Tạo trang web của mọi phường/xã vào một thư mục (mặc định là public/).
cli-build-root = Thư mục chiến dịch: thư mục chứa content/ (mặc định: thư mục này).
cli-build-out = Nơi ghi các trang web (mặc định: public/ trong thư mục chiến dịch).
cli-build-districts = Chỉ tạo trang web cho phường/xã này (tên tệp của nó, bỏ .yaml); lặp lại tùy chọn này cho mỗi phường/xã khác.
cli-build-offline = Cho mọi liên kết kết thúc bằng index.html, để thư mục mở được từ USB hay ổ đĩa mà không cần máy chủ web.
cli-build-zip = Ghi thêm hai gói zip cho mỗi phường/xã cạnh thư mục của nó, mỗi gói kèm mã SHA-256 (cùng một trang web thì gói zip giống hệt từng byte): <tên>.zip để đưa lên hosting, <tên>-offline.zip để xem không cần mạng từ thư mục hay USB (liên kết kết thúc bằng index.html).

cli-check-about = Kiểm tra chiến dịch trước khi xuất bản: liên kết, bản dịch, số điện thoại, trợ năng. Không ghi gì.
cli-check-root = Thư mục chiến dịch: thư mục chứa content/ (mặc định: thư mục này).
cli-check-districts = Chỉ kiểm tra phường/xã này; lặp lại tùy chọn này cho mỗi phường/xã khác.
cli-check-strict = Tính cảnh báo là lỗi (dùng trước khi xuất bản, và trong CI).
cli-check-format = Cách in kết quả: `human` (cho người đọc, nhóm theo tệp, có tóm tắt) hoặc `json` (cho chương trình; xem `loa check --schema`).
cli-check-list-external = Liệt kê thêm mọi liên kết tới trang web khác (loa không bao giờ mở chúng).
cli-check-schema = In JSON Schema của `--format json` rồi dừng.
cli-check-explain = Giải thích một mã phát hiện (như `link/broken`) rồi dừng; không ghi mã thì liệt kê mọi mã.

cli-new-about = Bắt đầu một trang mới từ tiêu đề: loa new skill "Kỹ năng đường dây nóng".
cli-new-kind = Loại trang: `skill` (hướng dẫn kỹ năng, trong skills/), `model` (mô hình an toàn, trong models/), `page` (trang chung, trong pages/) hoặc `news` (tin, ghi ngày hôm nay, trong news/).
cli-new-title = Tiêu đề của trang, trong ngoặc kép; tên tệp được tạo từ tiêu đề.
cli-new-district = Chỉ tạo trang cho một phường/xã (tên tệp của nó, bỏ .yaml).
cli-new-lang = Ngôn ngữ của trang, ví dụ en cho bản dịch tiếng Anh (mặc định: ngôn ngữ đầu tiên của chiến dịch).
cli-new-root = Thư mục chiến dịch: thư mục chứa content/ (mặc định: thư mục này).

cli-init-about = Bắt đầu một chiến dịch mới trong thư mục mới hoặc trống: tạo được trang web và qua `loa check` ngay.
cli-init-dir = Thư mục cho chiến dịch mới (mặc định: thư mục này, nếu trống).
cli-init-lang = Các ngôn ngữ của chiến dịch, ngôn ngữ đầu là ngôn ngữ chính: vi,en hoặc en,vi; ngôn ngữ khác bắt đầu bằng nội dung tiếng Anh để dịch.
cli-init-name = Tên chiến dịch (tiêu đề các trang web) bằng ngôn ngữ đầu tiên, trong ngoặc kép. Các ngôn ngữ khác tạm dùng tên này cho tới khi dịch (`loa check` sẽ nhắc), trừ khi có ghi: --name-en cho tiếng Anh.
cli-init-name-en = Tên chiến dịch bằng tiếng Anh, trong ngoặc kép.
cli-init-ci = Ghi thêm quy trình tự động (`github` hoặc `gitlab`) để kiểm tra mỗi thay đổi và xuất bản nhánh chính; trong thư mục đã có chiến dịch thì chỉ ghi quy trình đó.
cli-init-loa-sha256 = Mã SHA-256 của chương trình loa cho Linux dùng trong CI, lấy từ SHA256SUMS của bản phát hành (chỉ cần khi loa được biên dịch từ mã nguồn).

cli-serve-about = Xem trước chiến dịch trong trình duyệt trong lúc sửa; trang tự tải lại mỗi khi bạn lưu.
cli-serve-root = Thư mục chiến dịch: thư mục chứa content/ (mặc định: thư mục này).
cli-serve-district = Chỉ xem trước phường/xã này.
cli-serve-port = Cổng để mở bản xem trước (0 để tự chọn một cổng trống).
cli-serve-bind = Địa chỉ để mở bản xem trước. Chỉ máy tính này xem được, trừ khi bạn ghi địa chỉ khác (khi đó người khác sẽ xem được cả bản nháp).

cli-deploy-about = Tạo trang web, rồi xuất bản từng phường/xã tới nơi ghi trong tệp của nó (deploy: trong content/districts/<tên>.yaml): chỉ gửi những tệp đã thay đổi, và xóa sau cùng những tệp trang web không còn dùng.
cli-deploy-root = Thư mục chiến dịch: thư mục chứa content/ (mặc định: thư mục này).
cli-deploy-out = Nơi ghi các trang web trước khi gửi (mặc định: public/ trong thư mục chiến dịch).
cli-deploy-districts = Chỉ xuất bản phường/xã này; lặp lại tùy chọn này cho mỗi phường/xã khác (mặc định: mọi phường/xã có nơi xuất bản deploy:).
cli-deploy-dry-run = Chạy thử: chỉ liệt kê những gì sẽ gửi và xóa, không gửi gì.
cli-deploy-force = Gửi mọi tệp, kể cả những tệp đã có ở đó.
cli-deploy-adopt = Cho loa thay những tệp ở nơi xuất bản mà loa không đặt vào (nếu không, loa từ chối và liệt kê chúng), và xóa chúng sau này khi trang web không còn dùng.
cli-deploy-strict = Không xuất bản chiến dịch chưa qua `loa check --strict` (ví dụ còn dữ liệu ví dụ về số điện thoại).
cli-command = LỆNH
cli-default = (mặc định:

## Lỗi khi gõ lệnh (lỗi đọc dòng lệnh của clap)

parse-error-command = loa không có lệnh `{ $arg }`
parse-error-command-like = loa không có lệnh `{ $arg }`; có phải bạn muốn gõ `{ $like }`?
parse-error-unknown = `{ $command }` không có tùy chọn `{ $arg }`
parse-error-unknown-like = `{ $command }` không có tùy chọn `{ $arg }`; có phải bạn muốn gõ `{ $like }`?
parse-error-no-value = sau `{ $arg }` cần ghi một giá trị
parse-error-value = `{ $arg }` không nhận giá trị `{ $value }`
parse-error-value-one-of = `{ $arg }` không nhận giá trị `{ $value }`; hãy ghi một trong: { $values }
parse-error-value-reason = `{ $arg }` không nhận giá trị `{ $value }` (“{ $reason }”)
parse-error-values = `{ $arg }` được ghi sai số giá trị
parse-error-twice = chỉ được ghi `{ $arg }` một lần
parse-error-conflict = không dùng được `{ $arg }` cùng với `{ $other }`; hãy giữ một trong hai
parse-error-missing = `{ $command }` còn thiếu { $args }
parse-error-no-command = sau `{ $command }` cần ghi một lệnh
parse-error-equals = giá trị của `{ $arg }` phải ghi sau dấu bằng, ví dụ { $arg }=GIÁ-TRỊ
parse-error-utf8 = có một tham số không phải chữ hợp lệ (UTF-8); hãy gõ lại
parse-error-other = `{ $command }` không hiểu dòng lệnh này
parse-error-help = hãy gõ `{ $help }` để xem lệnh cần gì
