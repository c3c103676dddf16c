## loa deploy và nút xuất bản của bàn biên tập: vì sao không tới được hay
## không ghi được vào nơi xuất bản. Lời của thư viện là `reason`, trong ngoặc kép.

publish-no-aws = thiếu thông tin đăng nhập AWS: hãy đặt AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY, hoặc ghi một hồ sơ trong ~/.aws/credentials (AWS_PROFILE chọn hồ sơ)
publish-no-google = thiếu thông tin đăng nhập Google Cloud: hãy đặt GOOGLE_APPLICATION_CREDENTIALS là đường dẫn tới tệp khóa của tài khoản dịch vụ, hoặc chạy `gcloud auth application-default login`
publish-no-azure-account = thiếu tài khoản lưu trữ Azure: hãy đặt AZURE_STORAGE_ACCOUNT_NAME và AZURE_STORAGE_ACCOUNT_KEY (hoặc AZURE_STORAGE_SAS_KEY)
publish-no-azure-key = thiếu thông tin đăng nhập Azure: hãy đặt AZURE_STORAGE_ACCOUNT_KEY hoặc AZURE_STORAGE_SAS_KEY
publish-no-cloudflare = thiếu mã Cloudflare để xóa bộ nhớ đệm: hãy đặt CLOUDFLARE_API_TOKEN là một mã có quyền `Zone · Cache Purge`
publish-store-settings = không dùng được các cài đặt của { $target }: “{ $reason }”; hãy xem lại các dòng `deploy:`
publish-http-client = không tạo được phần kết nối mạng: “{ $reason }”
publish-host-refused = loa đã chặn một yêu cầu gửi tới { $host }: nơi xuất bản này chỉ nhận yêu cầu gửi tới { $allowed }
publish-leftovers = không xóa được những gì lần xuất bản trước để lại ở { $target }: “{ $reason }”
publish-foreign = Có { $count } tệp ở { $target } không do loa đặt vào, và lần xuất bản này sẽ thay chúng: { $files }. Chưa gửi gì cả. Hãy chuyển các tệp đó đi nơi khác (loa không bao giờ thay hay xóa tệp không do loa đặt vào), hoặc chạy lại đúng lệnh đó kèm --adopt để loa thay chúng bây giờ và xóa chúng khi trang web không còn dùng
publish-foreign-more = { $shown } và { $more } tệp khác
publish-looking = không kiểm tra được { $path } có ở { $target } hay không: “{ $reason }”
publish-listing = không xem được danh sách tệp ở { $target }: “{ $reason }”
publish-deleting = không xóa được { $path } ở { $target }: “{ $reason }”
publish-reading = không đọc được { $path }: “{ $reason }”
publish-sending = không gửi được { $path } lên { $target }: “{ $reason }”
publish-manifest-reading = không đọc được { $file } ở { $target }: “{ $reason }”
publish-manifest-writing = không ghi được { $file } ở { $target }: “{ $reason }”
publish-manifest-foreign = { $file } ở { $target } không phải tệp của loa (“{ $reason }”); hãy xóa nó, hoặc xuất bản vào thư mục khác
publish-outside = `{ $path }` không phải là đường dẫn bên trong nơi xuất bản
publish-link-inside = `{ $path }` trong nơi xuất bản là một liên kết dẫn tới chỗ khác, nên loa không ghi gì qua nó: ai có quyền vào thư mục web có thể dùng cách đó để đưa tệp của trang tới bất kỳ đâu; hãy thay liên kết bằng một thư mục thật
purge-refused = Cloudflare không nhận lệnh xóa bộ nhớ đệm: “{ $answer }”
purge-answered = { $url } trả lời { $status }: “{ $answer }”
purge-no-answer = { $url } không trả lời: “{ $reason }”
