# Ý nghĩa của từng mã phát hiện và cách sửa (`loa check --explain MÃ`).


## Tệp và tên
explain-content-file-name = Một tệp hay thư mục trong `content/` có tên không an toàn trên một số máy tính hay máy chủ web: có dấu gạch chéo ngược, ký tự điều khiển hay ký tự vô hình, một trong các ký tự `< > : " | ? *`, kết thúc bằng dấu chấm hay dấu cách, hoặc là tên Windows dành riêng (`con`, `nul`, `com1`…). loa không đọc tệp đó. Hãy đổi tên theo gợi ý.
explain-content-name-clash = Hai tên trong cùng một thư mục chỉ khác nhau ở chữ hoa, chữ thường, hoặc ở cách mã hóa dấu: trên Windows và macOS chúng là một tệp. Hãy đổi tên một trong hai.
explain-content-ignored-file = Một tệp trong `content/` mà loa không dùng (ví dụ một tệp YAML nằm ngoài `districts/` và `hotlines/`). Hãy chuyển đi hoặc xóa nó.
explain-content-markdown-name = Tên tệp của một trang kết thúc bằng `.MD`, `.markdown` hay một cách viết khác của Markdown: loa chỉ đọc trang từ tệp có tên kết thúc bằng `.md`, chữ thường (tên mà các trang khác dùng để liên kết, và tên mà `loa new` và bàn biên tập tạo ra), nên trang này sẽ không được xuất bản. Hãy đổi tên tệp như thông báo chỉ dẫn.
explain-content-language-folder = Một thư mục ở cấp trên cùng có tên là một ngôn ngữ (`en/`): các trang trong đó sẽ lẫn với địa chỉ của trang web ngôn ngữ đó. Hãy đổi tên thư mục.
explain-content-not-utf8 = Một tệp chữ không phải UTF-8, nên không đọc được các chữ cái. Hãy mở bằng trình soạn thảo và lưu lại dạng UTF-8.
explain-content-symlink-outside = Một liên kết tắt dẫn ra ngoài thư mục chiến dịch; loa không đi theo nó. Hãy chép tệp vào chiến dịch.
explain-content-yaml-too-large = Một tệp YAML (`site.yaml`, tệp của một phường/xã, một danh sách số điện thoại) lớn hơn 1 MB. Tệp của một phường/xã chỉ vài KB; tệp lớn như vậy là do nhầm lẫn hoặc bị tấn công, và đọc nó sẽ mất nhiều phút và nhiều GB bộ nhớ. Hãy chia danh sách số điện thoại dài thành nhiều tệp trong `content/hotlines/`.
explain-content-unreadable = Không đọc được một tệp hay thư mục (do quyền truy cập, hoặc nó đã biến mất).
explain-content-unsafe-file = Một tệp có thể chạy mã trong trình duyệt của người đọc (`.html`, `.svg`, `.js`…) không được xuất bản. Hãy viết trang bằng Markdown, hoặc chuyển hình vẽ sang PNG.
explain-content-unsafe-html = Đoạn HTML trong một trang có mã chạy, thuộc tính sự kiện, kiểu dáng hay phần nguy hiểm khác; loa đã bỏ chúng. Hãy viết trang bằng Markdown.
explain-content-control-character = Chữ có một ký tự điều khiển vô hình (thường do dán từ phần mềm khác). Hãy xóa và gõ lại đoạn chữ quanh nó.
explain-asset-metadata = Một tài liệu (PDF, Word, bảng tính, trình chiếu) hay một bản ghi âm, ghi hình được đăng nguyên như vậy, kèm những thông tin ẩn mà loa không xóa được: tác giả, máy tính hay điện thoại đã tạo ra nó, ngày tháng, và với video điện thoại hay ảnh trong tài liệu thì cả nơi chụp. Hãy xóa các thông tin đó trước khi thêm tệp: xuất lại PDF sau khi xóa tác giả, xóa thuộc tính của tài liệu, hoặc chạy `exiftool -all= file` với bản ghi.

## YAML
explain-yaml-syntax = Không đọc được YAML: do thụt lề, thiếu dấu ngoặc kép, hay có ký tự Tab. Vị trí được báo là chỗ loa dừng đọc.
explain-yaml-unknown-key = Một khóa loa không biết, thường do gõ sai; thông báo gợi ý khóa gần giống nhất.
explain-yaml-unknown-value = Một giá trị không nằm trong các từ được phép; thông báo liệt kê các từ đó.
explain-yaml-wrong-type = Một giá trị sai dạng, ví dụ một danh sách ở chỗ cần chữ, hoặc một giá trị để trống.
explain-yaml-missing-key = Thiếu một khóa bắt buộc.
explain-yaml-duplicate-key = Cùng một khóa được viết hai lần ở một chỗ; hãy giữ một.
explain-yaml-invalid-value = Một giá trị đúng dạng nhưng nội dung không thể có, ví dụ một ngày không tồn tại.
explain-yaml-control-character = Một giá trị YAML có ký tự điều khiển vô hình. Hãy gõ lại.

## Cài đặt chiến dịch
explain-config-bad-slug = Tên tệp của một phường/xã không dùng được trong địa chỉ web, hoặc là một mã ngôn ngữ. Hãy đổi tên tệp bằng chữ thường, chữ số và dấu gạch ngang.
explain-config-district-twice = Hai tệp trong `content/districts/` là cùng một phường/xã (`ba-dinh.yaml` và `ba-dinh.yml`): trang web của cả hai sẽ được ghi vào cùng thư mục `ba-dinh/`, mỗi lần tạo trang web lại là của một tệp khác, và trang số điện thoại của phường/xã sẽ ghi số của cả hai. Hãy xóa hoặc đổi tên một tệp.
explain-config-base-url = `base_url` không phải là một địa chỉ web `https://` thông thường.
explain-config-base-url-not-allowed = `base_url` của một phường/xã nằm trên một máy chủ không phải của chiến dịch. Tệp của phường/xã do cán bộ phường, xã viết, nhưng địa chỉ này được in vào mã QR trên áp phích, tờ rơi, và ghi vào liên kết chính thức, thẻ chia sẻ và nguồn cấp tin: vì vậy nó phải nằm dưới một địa chỉ web có trong `deploy_allowed:` của `site.yaml` (cùng giao thức, tên máy chủ và cổng; một mục là cả một trang, như `https://hanoi.gov.vn/`, cho phép cả mọi tên bên dưới, như `https://ba-dinh.hanoi.gov.vn/`). Tên máy chủ được so sánh như trình duyệt đọc, dù viết hoa hay thường, có dấu chấm cuối hay viết cách khác. Nếu địa chỉ đúng, nhóm của thành phố thêm nó vào đó.
explain-config-color = Một màu không ghi theo mã `#rrggbb`.
explain-config-color-contrast = Chữ trắng trên màu đã chọn sẽ quá mờ, khó đọc (dưới 4,5:1). Hãy chọn màu đậm hơn.
explain-config-cover-tracks = `cover_tracks` ghi một trang mà chiến dịch không có.
explain-config-deploy = Nơi xuất bản (`deploy`) hoặc địa chỉ dịch vụ của một phường/xã không phải là nơi loa xuất bản được.
explain-config-deploy-not-allowed = Nơi xuất bản, địa chỉ dịch vụ hay `webhook` xóa bộ nhớ đệm của một phường/xã không có trong `deploy_allowed:` của `site.yaml`. Tệp phường/xã do cán bộ phường gửi lên, nhưng khi xuất bản loa dùng thông tin đăng nhập của người vận hành, và với `file://` thì ghi tệp lên máy của người vận hành; vì vậy `site.yaml` của chiến dịch phải liệt kê mọi nơi một phường/xã được phép xuất bản tới. Nếu nơi đó đúng, hãy thêm nó vào đó (một dòng kết thúc bằng `/` cho phép mọi thứ bên trong).
explain-config-images = Cài đặt `images` (chiều rộng, dung lượng tối đa) nằm ngoài khoảng cho phép.
explain-config-language = Một mã trong `languages` không phải là mã ngôn ngữ, hoặc được ghi hai lần.
explain-config-logo = `logo` ghi một tệp không có trong `content/`.
explain-config-share-image = `share_image` không chỉ tới ảnh nào trong `content/` mà loa đăng được (địa chỉ của trang web khác, một đường dẫn ra ngoài chiến dịch, một tệp không phải JPEG, PNG, WebP hay GIF). Khi chia sẻ, thẻ giới thiệu trang sẽ không có ảnh.
explain-config-news-page-size = `news_page_size` nhỏ hơn 1.
explain-config-no-districts = Chiến dịch chưa có tệp phường/xã nào trong `content/districts/`.
explain-config-quick-exit = `quick_exit_url` không phải là một địa chỉ web đầy đủ.
explain-config-source-date = `SOURCE_DATE_EPOCH` có đặt nhưng không phải là một số giây.
explain-config-theme = `theme` không phải là tên một thư mục trong `themes/`.
explain-district-unknown = Một trang, một số điện thoại hay một lệnh ghi tên một phường/xã không có tệp trong `content/districts/`.

## Giao diện
explain-theme-file-name = Một tệp trong giao diện có tên không an toàn (xem `content/file-name`).
explain-theme-missing = `theme` của chiến dịch không có thư mục trong `themes/`.
explain-theme-symlink-outside = Một liên kết tắt trong giao diện dẫn ra ngoài thư mục giao diện.
explain-theme-picture = Một ảnh chụp hay ảnh điểm khác nằm trong thư mục `static/` của giao diện. Tệp của giao diện được đăng nguyên như vậy, và ảnh mang theo những gì máy ảnh hay phần mềm sửa ảnh đã ghi vào: nơi chụp, thiết bị, tác giả. Hãy đặt ảnh trong `content/`, nơi loa giải mã và lưu lại ảnh mà không còn những thông tin đó, hoặc vẽ logo bằng SVG.
explain-theme-external-request = Một mẫu trang, tệp CSS hay hình vẽ SVG của giao diện chiến dịch tải một tệp từ trang web khác (phông chữ web, một đoạn mã, một ảnh, một tệp CSS, `@import` hay `url(…)` trong CSS, một biểu mẫu gửi tới đó). Trình duyệt của mọi người đọc sẽ hỏi trang web đó, cho nó biết ai đọc chiến dịch và vào lúc nào. Hãy chép tệp đó vào thư mục `static/` của giao diện và liên kết tới đó, hoặc bỏ nó đi.
explain-template-error = Một mẫu trang bị lỗi: thông báo cho biết tệp mẫu trang và dòng.

## Ngôn ngữ
explain-i18n-missing-file = Một ngôn ngữ của chiến dịch chưa có tệp chữ giao diện.
explain-i18n-missing-key = Một mẫu trang dùng chữ giao diện mà một ngôn ngữ chưa có.
explain-i18n-missing-text = Một cài đặt chưa có nội dung bằng một trong các ngôn ngữ của chiến dịch.
explain-i18n-missing-translation = Một trang chưa có bản bằng một ngôn ngữ; người đọc ngôn ngữ đó thấy trang bằng ngôn ngữ khác.
explain-i18n-partial-override = Một phường/xã thay trang dùng chung bằng trang riêng ở một ngôn ngữ nhưng không ở ngôn ngữ kia, nên người đọc ngôn ngữ kia vẫn thấy trang dùng chung.
explain-i18n-untranslated-setting = Một nội dung trong `site.yaml` (tiêu đề, lời mô tả, tên đơn vị) ở ngôn ngữ khác viết giống hệt ngôn ngữ đầu tiên, nên người đọc ngôn ngữ đó thấy nó chưa được dịch (`loa init --name` chỉ ghi tên bằng ngôn ngữ đầu tiên). Hãy dịch nó.
explain-i18n-unknown-language = Một cài đặt có nội dung bằng một ngôn ngữ mà chiến dịch không có.

## Trang
explain-page-bad-slug = Tên tệp hoặc `slug` của một trang không dùng được trong địa chỉ web.
explain-page-duplicate-language = Hai tệp cùng là một trang ở cùng một ngôn ngữ.
explain-page-duplicate-title = Hai trang trong một mục có cùng tiêu đề; người đọc không phân biệt được chúng trong danh sách.
explain-page-empty = Một trang có tiêu đề nhưng chưa có nội dung.
explain-page-empty-title = Tiêu đề của một trang để trống.
explain-page-example = Một trang được đánh dấu `example: true`: các thông tin địa phương trong đó chưa được kiểm tra. Trang không qua được `check --strict` cho tới khi có người kiểm tra và bỏ dòng `example: true`.
explain-page-shelter-address = Một trang về nơi tạm lánh (`model: shelter`, bản dịch và bản riêng của các phường/xã) cho biết nơi đó ở đâu: một địa chỉ, tọa độ bản đồ hay một liên kết tới bản đồ. Không bao giờ đăng nơi tạm lánh nằm ở đâu: người gây bạo lực có thể tìm ra chỗ đó. Hãy xóa đi; người đọc liên lạc với nơi tạm lánh qua số điện thoại hoặc một người liên lạc tin cậy.
explain-page-front-matter = Phần đầu trang (giữa hai dòng `---`) không được đóng hoặc không đọc được.
explain-page-no-section = Một thư mục trang không có `_index.md`, nên các trang trong đó không nằm trong danh sách hay trình đơn nào.
explain-page-override-slug = Trang riêng của một phường/xã thay cho trang dùng chung lại đặt `slug` riêng; nó phải giữ địa chỉ của trang dùng chung.
explain-page-same-address = Hai tệp tạo ra cùng một địa chỉ web.
explain-page-section-slug = `_index.md` của một mục đặt `slug`; địa chỉ của mục lấy từ tên thư mục.
explain-page-slug-mismatch = Các bản dịch của một trang đặt `slug` khác nhau; chúng dùng chung một địa chỉ.
explain-page-too-deep = Danh sách, trích dẫn hay HTML lồng nhau quá sâu, hoặc một thẻ HTML có quá nhiều thuộc tính, nên không đọc an toàn được.
explain-page-unknown-language = Ngôn ngữ ghi trong tên tệp của một trang không phải ngôn ngữ của chiến dịch (hoặc không viết chữ thường).
explain-page-unknown-template = `template` của một trang không phải là mẫu trang của giao diện.
explain-page-too-large = Một trang Markdown lớn hơn 2 MB. Không ai đọc nhiều như vậy trên điện thoại, trang sẽ mất nhiều phút mới tải xong khi mạng yếu, và tạo trang sẽ tốn bộ nhớ gấp nhiều lần kích thước của nó. Hãy chia thành nhiều trang.
explain-page-future-date = `date` của một trang muộn hơn hôm nay quá ba ngày. Tin được xếp mới nhất lên đầu, nên một tin ghi ngày `9999-12-31` sẽ nằm mãi trên cùng danh sách tin và nguồn cấp tin của phường/xã, và của nguồn cấp tin thành phố. Hãy ghi ngày đăng; `--strict` sẽ không chấp nhận.
explain-page-table-cells = Bảng trong một trang có các hàng ít ô hơn hẳn hàng tiêu đề (hàng tiêu đề hàng trăm cột trên các hàng một ô): mọi ô thiếu sẽ phải điền thêm, hàng triệu ô, mất nhiều phút và nhiều GB bộ nhớ. loa không đọc trang đó. Hãy cho mỗi hàng đủ số ô như hàng tiêu đề.
explain-page-long-description = `description` của một trang dài hơn 300 ký tự. Lời mô tả hiện trong danh sách, công cụ tìm kiếm và nguồn cấp tin, những nơi này sẽ cắt bớt; hãy nói trong một hai câu trang viết về điều gì.
explain-news-no-date = Một tin chưa có `date`, nên không có trong nguồn cấp tin và mục lưu trữ theo năm. Hãy thêm `date: YYYY-MM-DD`.

## Đường dây nóng
explain-hotline-bad-id = `id` của một số điện thoại không dùng được trong địa chỉ web.
explain-hotline-bad-phone = Một số điện thoại không phải là số điện thoại Việt Nam.
explain-hotline-duplicate-id = Hai số điện thoại dùng chung một `id`.
explain-hotline-example = Một số là dữ liệu ví dụ, chưa phải số đã kiểm tra. Nó không qua được `check --strict` cho tới khi có người gọi thử và ghi ngày kiểm tra.
explain-hotline-example-pinned = Một số được ghim là dữ liệu ví dụ: nó không được in lên áp phích và tờ rơi.
explain-hotline-example-real-number = Một số điện thoại ví dụ có thể gọi tới người thật. Hãy dùng số giả như `024 0000 0xxx`.
explain-hotline-example-verified = Một số điện thoại ví dụ có ngày kiểm tra `verified`, nên trông như đã được kiểm tra.
explain-hotline-local-districts = Một số trong tệp của phường/xã lại ghi `districts`; số đó chỉ dùng cho phường/xã đó.
explain-hotline-stale = Một số được kiểm tra lần cuối đã lâu hơn `hotline_max_age_days`. Hãy gọi lại và sửa ngày `verified`.
explain-hotline-unknown-pinned = `pinned_hotlines` ghi một số không có trong tệp đường dây nóng nào, hoặc (trong tệp phường/xã) một số không có trong danh bạ của phường/xã đó.
explain-hotline-local-pinned = `pinned_hotlines` trong `site.yaml` ghi một số trong tệp của một phường/xã, hoặc một số mà tệp danh bạ chỉ dành cho vài phường/xã (`districts: [ba-dinh]`): số đó sẽ hiện trên trang và áp phích của mọi phường/xã, nên người đọc ở phường khác sẽ gọi số của phường này. Hãy ghim nó trong tệp của các phường/xã đó (`pinned_hotlines:` ở đó).
explain-hotline-shelter-address = Mục của một nơi tạm lánh cho biết nơi đó ở đâu: một địa chỉ, tọa độ bản đồ hay một liên kết tới bản đồ, trong tên, mô tả, giờ hay nguồn của nó. Không bao giờ đăng nơi tạm lánh nằm ở đâu: người gây bạo lực có thể tìm ra chỗ đó. Hãy xóa đi; người đọc liên lạc với nơi tạm lánh qua số điện thoại.
explain-hotline-unverified = Một số chưa có ngày kiểm tra `verified`.
explain-hotline-verified-future = Một ngày kiểm tra `verified` nằm trong tương lai.

## Liên kết và ảnh
explain-link-anchor = Một liên kết dẫn tới `#phần` không có trên trang đích.
explain-link-bad-phone = Một liên kết `tel:` không phải là số điện thoại Việt Nam; loa đã bỏ nó.
explain-link-broken = Một liên kết không dẫn tới trang hay tệp nào của chiến dịch.
explain-link-broken-output = Một liên kết viết trong mẫu trang không dẫn tới tệp nào của trang web đã tạo.
explain-link-draft = Một liên kết dẫn tới bản nháp, chưa được xuất bản.
explain-link-external-image = Một ảnh lấy từ trang web khác đã bị bỏ: tải ảnh đó sẽ cho trang web kia biết ai đang đọc trang.
explain-link-as-text = Một đoạn viết như liên kết hay ảnh bị đăng nguyên văn, cả dấu ngoặc, nên mất liên kết hay ảnh: địa chỉ có dấu cách (hãy viết giữa `<` và `>`: `![Ngày hội](<Ảnh ngày hội.jpg>)`, hoặc đổi tên tệp không có dấu cách), dấu `(` không được đóng, dấu ngoặc không thành cặp, hoặc tham chiếu `[chữ][tên]` mà không có dòng `[tên]: địa chỉ`.
explain-link-missing-in-district = Một liên kết dẫn tới trang mà một số phường/xã không có.
explain-link-unlisted-phone = Một liên kết `tel:` gọi tới số không có trong danh bạ đường dây nóng.
explain-link-phone-mismatch = Một liên kết `tel:` hoặc `sms:` ghi một số trong chữ nhưng gọi số khác (`[Gọi 113](tel:111)`): người đọc gặp nguy hiểm sẽ bấm vào số họ đọc thấy. Hãy ghi cùng một số.
explain-link-unsafe = Một liên kết không phải web, thư điện tử hay số điện thoại đã bị bỏ.
explain-image-unreadable = Một ảnh không đăng được (không đọc được, hoặc ở định dạng mà loa không xóa được thông tin ẩn), hoặc một tệp thực chất là ảnh mang tên khác (`photo.pdf` chứa ảnh JPEG), sẽ bị đăng nguyên như vậy. Hãy lưu lại dạng JPEG hoặc PNG, với đuôi `.jpg` hoặc `.png`.
explain-image-over-budget = Sau khi xử lý, một ảnh vẫn nặng quá mức cho phép. Hãy cắt bớt, hoặc chọn ảnh đơn giản hơn.
explain-image-too-wide = Một ảnh rộng hơn mức rộng nhất mà các trang hiện ảnh.

## Trợ năng của các trang đã tạo
explain-a11y-duplicate-id = Một `id` được dùng hai lần trên một trang.
explain-a11y-empty-button = Một nút không có chữ hay nhãn.
explain-a11y-empty-link = Một liên kết không có chữ hay nhãn.
explain-a11y-h1 = Một trang có nhiều hơn hoặc ít hơn một tiêu đề cấp 1 (tiêu đề trang).
explain-a11y-heading-order = Một tiêu đề nhảy cóc một cấp.
explain-a11y-image-alt = Một ảnh chưa có lời mô tả. Hãy mô tả nó: `![ảnh cho thấy gì](tep.png)`; ảnh chỉ để trang trí thì viết `![""](tep.png)`.
explain-a11y-decorative-image = Một ảnh để trang trí lại có lời mô tả: lời mô tả chỉ ghi “trang trí” (trình đọc màn hình sẽ đọc to lên), hoặc một thẻ `<img>` được đánh dấu là trang trí nhưng có lời mô tả trong alt. Viết `![""](tep.png)` cho ảnh chỉ để trang trí, hoặc mô tả điều ảnh cho thấy.
explain-a11y-other-language = Một cụm từ trông như tiếng nước khác nhưng chưa được đánh dấu `lang`.
explain-a11y-page-lang = Mẫu trang không cho biết ngôn ngữ của các trang.
explain-a11y-page-title = Mẫu trang không ghi `<title>` cho các trang.
explain-a11y-table-header = Một bảng không có ô tiêu đề.
explain-a11y-vague-link = Chữ của một liên kết không nói nó dẫn tới đâu (“xem thêm”, “tại đây”).

## Tệp tạo ra, bản in và xem trước
explain-output-same-path = Hai thứ sẽ được ghi vào cùng một tệp trong trang web của một phường/xã.
explain-print-no-base-url = Các phường/xã khác có `base_url` nhưng phường/xã này chưa có, nên không có áp phích để in.
explain-print-leaflet-empty = Một phường/xã có `base_url` nhưng chưa trang nào được đánh dấu `leaflet: N` ở phần đầu trang, nên không có tờ rơi để in. Hãy đánh dấu các trang cần in, như dấu hiệu bạo lực và hàng xóm có thể làm gì.
explain-print-leaflet-too-long = Một trang được đánh dấu để in tờ rơi không vừa tờ rơi, nên cả trang không được in. Hãy chỉ in vài phần đầu tiên của trang (mỗi phần bắt đầu ở một tiêu đề ##) bằng `leaflet_sections: N`, hoặc đánh dấu ít trang hơn.
explain-print-numbers-left-off = Áp phích hoặc bìa tờ rơi của một phường/xã không đủ chỗ cho mọi số điện thoại được ghim, nên những số không vừa sẽ không được in: mỗi số hoặc được in trọn, hoặc không in, không bao giờ bị cắt đôi hay bị đẩy sang trang thứ hai. Hãy ghim ít số hơn, hoặc viết tên và mô tả của chúng ngắn lại; mọi số vẫn có trong danh bạ đường dây nóng trên trang web.
explain-print-leaflet-sections = `leaflet_sections` được đặt ở một trang chưa đánh dấu `leaflet: N`, nên không có tác dụng. Hãy thêm `leaflet:` hoặc bỏ nó.
explain-serve-folder-missing = Một thư mục mà `loa serve` đang theo dõi đã bị chuyển đi hoặc xóa trong lúc chạy.
explain-serve-unreadable = `loa serve` không đọc được chiến dịch.
