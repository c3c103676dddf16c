//! The desk's own words for its actions (new page, check, zips, publish,
//! a new campaign), in Vietnamese and English, in one table keyed by id so
//! they move into the message catalogue in one step. Other staff
//! languages get the English text. `{x}` in a text is filled in by
//! [`fill`].

/// Id, Vietnamese, English.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "terminal_line",
        "loa: bàn biên tập ở {url} (mở trong trình duyệt). Nhấn Ctrl+C hoặc đóng cửa sổ này để dừng.",
        "loa: the editor's desk is at {url} (open it in your browser). Press Ctrl+C or close this window to stop.",
    ),
    (
        "terminal_no_browser",
        "Không mở được trình duyệt ({why}): hãy tự mở {url}",
        "The browser could not be opened ({why}): open {url} yourself",
    ),
    ("act_heading", "Làm việc", "Work"),
    (
        "act_hint",
        "Mỗi lần chỉ làm một việc. Mọi việc được ghi lại ở đây và trong cửa sổ dòng lệnh.",
        "One task at a time. Every task is listed here and in the terminal window.",
    ),
    ("new_heading", "Trang mới", "New page"),
    ("new_section", "Mục", "Section"),
    ("section_skills", "Kỹ năng", "Skills"),
    ("section_models", "Mô hình", "Models"),
    ("section_pages", "Trang chung", "General pages"),
    ("section_news", "Tin tức", "News"),
    ("new_title", "Tiêu đề", "Title"),
    ("new_district", "Phường/xã", "Ward or commune"),
    (
        "all_districts",
        "Tất cả phường/xã",
        "All wards and communes",
    ),
    ("new_lang", "Ngôn ngữ", "Language"),
    (
        "new_translation_of",
        "Bản dịch của trang (không bắt buộc)",
        "Translation of a page (optional)",
    ),
    (
        "new_translation_hint",
        "Chọn trang gốc khi viết bản dịch: mục và phường/xã lấy theo trang gốc.",
        "Choose the original when you write a translation: its section and ward are used.",
    ),
    (
        "new_not_translation",
        "Không: một trang mới",
        "None: a new page",
    ),
    (
        "new_submit",
        "Tạo trang (bản nháp)",
        "Create the page (a draft)",
    ),
    (
        "new_done",
        "Đã tạo trang {file}. Đây là bản nháp: xem trước thấy nó, bản xuất bản thì chưa. Xoá dòng draft: true để đăng.",
        "Created the page {file}. It is a draft: the preview shows it, a published site does not yet. Remove the line draft: true to publish it.",
    ),
    (
        "open_preview",
        "Xem trước trang mới",
        "Preview the new page",
    ),
    ("no_title", "Hãy nhập tiêu đề.", "Type a title."),
    (
        "translation_lang",
        "Bản dịch phải ở ngôn ngữ khác với trang gốc: chọn ngôn ngữ của bản dịch.",
        "A translation is in another language than its original: choose the translation's language.",
    ),
    (
        "no_original",
        "Không tìm thấy trang gốc này; tải lại bàn biên tập rồi chọn lại.",
        "This original page is not there; reload the desk and choose again.",
    ),
    (
        "check_heading",
        "Kiểm tra như khi xuất bản",
        "Check as for publishing",
    ),
    (
        "check_hint",
        "Cảnh báo cũng tính là lỗi, như khi xuất bản (loa check --strict).",
        "Warnings count as errors, as when publishing (loa check --strict).",
    ),
    ("check_submit", "Kiểm tra", "Check"),
    (
        "check_ok",
        "Sẵn sàng xuất bản: không có lỗi.",
        "Ready to publish: no errors.",
    ),
    (
        "check_failed",
        "Còn {n} lỗi phải sửa trước khi xuất bản.",
        "{n} errors to fix before publishing.",
    ),
    (
        "wards_heading",
        "Gói zip và xuất bản theo phường/xã",
        "Zips and publishing by ward",
    ),
    (
        "zip_hint",
        "Gói zip được làm khi bạn bấm (có thể mất một lúc), từ các trang đã xong (không có bản nháp).",
        "A zip is made when you press (it may take a moment), from the finished pages (no drafts).",
    ),
    (
        "zip_hosting",
        "Tải gói zip để đưa lên hosting",
        "Download the hosting zip",
    ),
    (
        "zip_offline",
        "Tải gói zip xem không cần mạng",
        "Download the offline zip",
    ),
    ("zip_label", "Gói zip", "Zip"),
    ("publish_to", "Xuất bản lên {target}", "Publish to {target}"),
    (
        "publish_dry",
        "Chạy thử (không gửi gì)",
        "Dry run (sends nothing)",
    ),
    ("publish_real", "Xuất bản", "Publish"),
    (
        "publish_none",
        "Chưa có nơi xuất bản: thêm deploy: vào {file}.",
        "No place to publish to yet: add deploy: to {file}.",
    ),
    (
        "publish_missing",
        "Chưa xuất bản được: {why}",
        "Cannot publish yet: {why}",
    ),
    (
        "dry_heading",
        "Chạy thử xong: chưa gửi gì",
        "Dry run done: nothing was sent",
    ),
    (
        "dry_confirm",
        "Nếu đúng như trên, bấm Xuất bản để gửi thật.",
        "If this is right, press Publish to send it.",
    ),
    ("publish_heading", "Đã xuất bản", "Published"),
    ("publish_running", "Đang xuất bản", "Publishing"),
    (
        "progress_line",
        "{n}/{total} tệp, {bytes} / {all}",
        "{n}/{total} files, {bytes} / {all}",
    ),
    ("would_upload", "Sẽ gửi", "Would send"),
    ("would_delete", "Sẽ xoá", "Would delete"),
    ("uploaded", "Đã gửi", "Sent"),
    ("deleted", "Đã xoá", "Deleted"),
    (
        "publish_counts",
        "{sent} tệp ({bytes}), {same} tệp không đổi, {gone} tệp xoá.",
        "{sent} files ({bytes}), {same} files unchanged, {gone} files deleted.",
    ),
    ("failed_heading", "Không làm được", "Could not be done"),
    (
        "log_heading",
        "Việc đã làm trong lần chạy này",
        "Done in this session",
    ),
    ("log_ok", "xong", "done"),
    ("log_failed", "không làm được", "failed"),
    ("back", "Về bàn biên tập", "Back to the desk"),
    (
        "busy",
        "Đang làm một việc khác; đợi việc đó xong rồi thử lại.",
        "Another task is running; try again when it is done.",
    ),
    (
        "setup_heading",
        "Tạo chiến dịch mới",
        "Start a new campaign",
    ),
    (
        "setup_intro",
        "Thư mục {dir} chưa có chiến dịch (không có content/site.yaml). loa tạo một chiến dịch mẫu trong một thư mục mới ở đây, rồi mở bàn biên tập của nó.",
        "The folder {dir} holds no campaign (no content/site.yaml). loa makes a starter campaign in a new folder here, then opens its desk.",
    ),
    ("setup_folder", "Tên thư mục mới", "Name of the new folder"),
    (
        "setup_folder_hint",
        "Ví dụ: chien-dich. Dấu và khoảng trắng được đổi thành chữ không dấu và gạch nối.",
        "For example: my-campaign. Accents and spaces become plain letters and hyphens.",
    ),
    (
        "setup_name",
        "Tên chiến dịch (không bắt buộc)",
        "Campaign name (optional)",
    ),
    ("setup_submit", "Tạo chiến dịch", "Create the campaign"),
    (
        "setup_bad_folder",
        "Tên thư mục này không dùng được: hãy dùng chữ và số, ví dụ chien-dich.",
        "This folder name cannot be used: use letters and digits, such as my-campaign.",
    ),
    (
        "setup_exists",
        "Thư mục {dir} đã có và không trống; chọn tên khác.",
        "The folder {dir} exists and is not empty; choose another name.",
    ),
];

/// The text of `id` in `lang` (English for any language but Vietnamese);
/// empty for an unknown id.
pub fn word(lang: &str, id: &str) -> &'static str {
    let found = WORDS.iter().find(|(key, ..)| *key == id);
    debug_assert!(found.is_some(), "the desk has no word `{id}`");
    found.map_or("", |(_, vi, en)| if lang == "vi" { vi } else { en })
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_written_in_both_languages_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (id, vi, en) in WORDS {
            assert!(seen.insert(id), "{id} twice");
            assert!(!vi.is_empty() && !en.is_empty(), "{id}");
            assert_ne!(vi, en, "{id}: the Vietnamese text is the English one");
        }
        assert_eq!(word("vi", "back"), "Về bàn biên tập");
        assert_eq!(word("fr", "back"), "Back to the desk");
        assert_eq!(
            fill(word("en", "check_failed"), &[("n", "3")]),
            "3 errors to fix before publishing."
        );
    }
}
