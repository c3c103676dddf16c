//! Search: the index each district writes per language (read back as the
//! script hands it to `loaSearch`), ranked as the theme's script ranks it;
//! the A–Z list of pages; the search box and its stand-in link in the
//! pages; a large district's index split into parts.

use std::collections::{BTreeMap, HashMap};
use std::fs;

use serde_json::Value;

use crate::support::{Campaign, attrs, broken_links, sel, texts, theme_file};

/// The data a file of the index hands to `loaSearch(…)`.
fn index(c: &Campaign, rel: &str) -> Value {
    let text = c.read(&format!("public/{rel}"));
    let json = text
        .strip_prefix("loaSearch(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{rel} is not a loaSearch(…) call: {text:.80}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `[url, title, section, description]` of every result.
fn docs(index: &Value) -> Vec<Vec<String>> {
    index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// The titles of the results for `query`, best first, ranked as
/// `search.js` ranks them.
fn search(index: &Value, query: &str) -> Vec<String> {
    let docs = docs(index);
    rank(index["terms"].as_object().unwrap(), &docs, query)
        .into_iter()
        .map(|d| docs[d][1].clone())
        .collect()
}

/// The results for `query` (numbers), best first, as `search.js` ranks
/// them: every word of the query must start a word of the result, a whole
/// word counts twice a beginning, weights add up, and a title holding the
/// words in their order goes first.
fn rank(terms: &serde_json::Map<String, Value>, docs: &[Vec<String>], query: &str) -> Vec<usize> {
    let query = loa::render::search::words(query);
    let mut total: Option<HashMap<usize, u64>> = None;
    for q in &query {
        let mut best: HashMap<usize, u64> = HashMap::new();
        for (term, list) in terms.iter().filter(|(t, _)| t.starts_with(q.as_str())) {
            let weight = if term == q { 2 } else { 1 };
            for pair in list.as_array().unwrap().chunks(2) {
                let (d, s) = (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap());
                let b = best.entry(d as usize).or_default();
                *b = (*b).max(s * weight);
            }
        }
        total = Some(match total {
            None => best,
            Some(t) => t
                .into_iter()
                .filter_map(|(d, s)| best.get(&d).map(|b| (d, s + b)))
                .collect(),
        });
    }
    let joined = format!(" {}", query.join(" "));
    let mut found: Vec<(usize, u64)> = total
        .unwrap_or_default()
        .into_iter()
        .map(|(d, mut s)| {
            let title = format!(" {}", loa::render::search::words(&docs[d][1]).join(" "));
            if query.len() > 1 && title.contains(&joined) {
                s += 100;
            }
            (d, s)
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found.into_iter().map(|(d, _)| d).collect()
}

#[test]
fn each_district_indexes_what_it_publishes_in_each_language() {
    let c = Campaign::fixture("search", "basic");
    c.build().ok();
    let a = index(&c, "quan-a/search/index.js");
    let titles: Vec<String> = docs(&a).into_iter().map(|d| d[1].clone()).collect();
    // Its override and its own page, not the shared page they replace.
    assert!(
        titles.contains(&"Gọi 111 ở quận A".to_string()),
        "{titles:?}"
    );
    assert!(titles.contains(&"Điểm hẹn riêng của quận A".to_string()));
    assert!(!titles.contains(&"Gọi 111".to_string()), "{titles:?}");
    // Its local hotline; drafts never.
    assert!(titles.contains(&"Công an quận A".to_string()));
    assert!(!titles.iter().any(|t| t.contains("nháp")), "{titles:?}");
    assert!(!a["terms"].as_object().unwrap().contains_key("zanzibar"));
    // District B has neither A's pages nor A's number, and the shared page.
    let b = index(&c, "quan-b/search/index.js");
    let titles_b: Vec<String> = docs(&b).into_iter().map(|d| d[1].clone()).collect();
    assert!(titles_b.contains(&"Gọi 111".to_string()));
    assert!(
        !titles_b.iter().any(|t| t.contains("quận A")),
        "{titles_b:?}"
    );
    // Every result leads to a file of the district, hotline entries to
    // their entry on the hotline page.
    for (district, idx) in [("quan-a", &a), ("quan-b", &b)] {
        for d in docs(idx) {
            let (file, fragment) = d[0].split_once('#').unwrap_or((&d[0], ""));
            let page = c.out().join(district).join(file).join("index.html");
            assert!(page.is_file(), "{district}: {} leads nowhere", d[0]);
            if !fragment.is_empty() {
                let html = fs::read_to_string(&page).unwrap();
                assert!(html.contains(&format!("id=\"{fragment}\"")), "{}", d[0]);
            }
        }
    }
    // English: English titles and sections under en/, an untranslated page
    // in Vietnamese.
    let en = index(&c, "quan-a/en/search/index.js");
    let en_docs = docs(&en);
    let signs = en_docs
        .iter()
        .find(|d| d[0] == "en/skills/nhan-biet-bao-luc/")
        .unwrap();
    assert_eq!(
        signs[1..],
        [
            "Recognising the signs of domestic violence",
            "Skills",
            "What to look out for."
        ]
    );
    assert!(en_docs.iter().any(|d| d[1] == "Đường dây nóng cho trẻ em"));
    let hotline = en_docs
        .iter()
        .find(|d| d[0] == "en/hotlines/#child-protection-111")
        .unwrap();
    assert_eq!(hotline[1], "National child protection hotline");
    assert_eq!(hotline[2], "Helplines");
    // The words shown with the results come with each language's index,
    // not with every page.
    assert_eq!(a["say"]["search_count"], "{n} kết quả", "{}", a["say"]);
    assert_eq!(a["say"]["search_one"], "1 kết quả");
    assert!(
        a["say"]["search_none"]
            .as_str()
            .unwrap()
            .starts_with("Không tìm thấy")
    );
    assert_eq!(en["say"]["search_count"], "{n} results", "{}", en["say"]);
    assert_eq!(en["say"]["search_one"], "1 result");
    assert!(
        en["say"]["search_none"]
            .as_str()
            .unwrap()
            .starts_with("No page found")
    );
}

#[test]
fn words_are_folded_and_ranked_title_over_heading_over_body() {
    let c = Campaign::fixture("search", "basic");
    c.build().ok();
    let vi = index(&c, "quan-b/search/index.js");
    for term in vi["terms"].as_object().unwrap().keys() {
        assert_eq!(&loa::render::search::fold(term), term, "an unfolded word");
        assert!(term.chars().all(char::is_alphanumeric), "{term}");
    }
    // The title, then the page with it in a heading and its body.
    let found = search(&vi, "bao luc");
    assert_eq!(
        found[..2],
        ["Nhận biết dấu hiệu bạo lực gia đình", "Bảo vệ trẻ em"]
    );
    // Accents, capitals and a prefix find the same pages.
    assert_eq!(search(&vi, "BẠO LỰC"), found);
    assert_eq!(search(&vi, "Bạo Lực"), found);
    assert_eq!(search(&vi, "bao l")[0], found[0]);
    assert_eq!(search(&vi, "xam hai")[0], "Sau khi bị xâm hại");
    assert_eq!(
        search(&vi, "duong day nong")[0],
        "Đường dây nóng cho trẻ em"
    );
    // A number leads to its hotline entry before the pages that mention it.
    assert_eq!(
        search(&vi, "111")[..2],
        ["Tổng đài quốc gia bảo vệ trẻ em", "Gọi 111"]
    );
    assert_eq!(search(&vi, "1900969680"), ["Đường dây hỗ trợ phụ nữ"]);
    assert!(search(&vi, "zanzibar").is_empty());
    let en = index(&c, "quan-b/en/search/index.js");
    assert_eq!(
        search(&en, "violence")[0],
        "Recognising the signs of domestic violence"
    );
    assert_eq!(search(&en, "sexual ab")[0], "After sexual abuse");
}

#[test]
fn pages_offer_the_search_box_and_the_a_to_z_link_in_its_place() {
    let c = Campaign::fixture("search", "basic");
    c.build().ok();
    let dir = c.out().join("quan-a");
    let script = theme_file(&dir, "search.js");
    for (page, root, folder) in [
        ("quan-a/skills/goi-111/index.html", "../../", "search/"),
        (
            "quan-a/en/skills/goi-111/index.html",
            "../../../",
            "en/search/",
        ),
        ("quan-a/index.html", "./", "search/"),
    ] {
        let html = c.html(page);
        // The box is hidden until the script shows it; it has a label and
        // no form to submit (so nothing goes into an address).
        assert_eq!(
            attrs(&html, "[role=search][hidden]", "data-search"),
            [format!("{root}{folder}")],
            "{page}"
        );
        assert_eq!(attrs(&html, "label[for=search-q]", "for").len(), 1);
        assert_eq!(attrs(&html, "#search-q", "autocomplete"), ["off"]);
        assert!(attrs(&html, "form", "action").is_empty(), "{page}");
        assert_eq!(attrs(&html, "#search-status", "role"), ["status"]);
        // The result counts come with the index; the icon with the style
        // sheet: the box in every page is a few short elements.
        assert!(
            attrs(&html, "[data-count]", "data-count").is_empty(),
            "{page}"
        );
        assert!(
            html.select(&sel("[role=search] svg")).next().is_none(),
            "{page}"
        );
        let az = attrs(&html, ".search-az a", "href");
        let lang = if folder.starts_with("en/") { "en/" } else { "" };
        assert_eq!(az, [format!("{root}{lang}a-z/")], "{page}");
        // The script is fetched when the box is first used, not with
        // the page: a reader who does not search loads none of it.
        assert_eq!(
            attrs(&html, "[data-search]", "data-script"),
            [format!("{root}{script}")],
            "{page}"
        );
        assert!(
            !attrs(&html, "script[src]", "src").contains(&format!("{root}{script}")),
            "{page}"
        );
    }
    assert!(
        broken_links(&c.out()).is_empty(),
        "{:?}",
        broken_links(&c.out())
    );
}

#[test]
fn the_a_to_z_list_links_every_page_by_first_letter() {
    let c = Campaign::fixture("search", "basic");
    c.build().ok();
    let html = c.html("quan-a/a-z/index.html");
    assert_eq!(texts(&html, "h1"), ["Mọi trang từ A đến Z"]);
    let letters = texts(&html, "main h2");
    assert_eq!(letters, ["B", "Đ", "G", "K", "N", "S", "T"]);
    let titles = texts(&html, ".az-list a");
    assert_eq!(
        titles,
        [
            "Bảo vệ trẻ em",
            "Điểm hẹn riêng của quận A",
            "Đường dây nóng cho trẻ em",
            "Gọi 111 ở quận A",
            "Kỹ năng",
            "Nhận biết dấu hiệu bạo lực gia đình",
            "Sau khi bị xâm hại",
            "Số điện thoại trợ giúp",
            "Trang chủ",
        ]
    );
    // Đ is a letter of its own, after D.
    assert_eq!(
        texts(&html, "section:nth-of-type(2) .az-list a"),
        ["Điểm hẹn riêng của quận A", "Đường dây nóng cho trẻ em"]
    );
    assert_eq!(attrs(&html, ".az-letters a", "href")[1], "#az-2");
    let en = c.html("quan-a/en/a-z/index.html");
    assert_eq!(texts(&en, "h1"), ["All pages from A to Z"]);
    // Untranslated pages are listed in Vietnamese, marked so.
    let in_vi = attrs(&en, ".az-list a[lang=vi]", "href");
    assert!(
        in_vi.contains(&"../../en/skills/rieng-quan-a/".to_string()),
        "{in_vi:?}"
    );
    assert!(
        in_vi.contains(&"../../en/skills/chi-tieng-viet/".to_string()),
        "{in_vi:?}"
    );
    assert!(
        !in_vi.contains(&"../../en/skills/xam-hai/".to_string()),
        "{in_vi:?}"
    );
    let b = c.html("quan-b/a-z/index.html");
    assert!(!texts(&b, ".az-list a").iter().any(|t| t.contains("quận A")));
    assert!(
        broken_links(&c.out()).is_empty(),
        "{:?}",
        broken_links(&c.out())
    );
}

#[test]
fn an_offline_build_indexes_addresses_that_work_from_disk() {
    let c = Campaign::fixture("search", "basic");
    c.loa(&["build", "--offline"]).ok();
    let vi = index(&c, "quan-a/search/index.js");
    for d in docs(&vi) {
        let file = d[0].split('#').next().unwrap();
        assert!(file.ends_with("index.html"), "{}", d[0]);
        assert!(c.out().join("quan-a").join(file).is_file(), "{}", d[0]);
    }
    let html = c.html("quan-a/skills/index.html");
    assert_eq!(attrs(&html, ".search-az a", "href"), ["../a-z/index.html"]);
    let az = c.html("quan-a/a-z/index.html");
    assert!(
        attrs(&az, ".az-list a", "href")
            .iter()
            .all(|h| h.ends_with("index.html")),
    );
}

/// A district of 1,000 pages: its index is split so a query loads only the
/// parts of its words and of the results it shows.
#[test]
fn a_large_district_splits_its_index_by_first_letter_and_chunk() {
    let c = Campaign::fixture("search", "basic");
    for i in 0..1000 {
        c.write(
            &format!("content/skills/trang-{i}.md"),
            format!(
                "---\ntitle: \"Trang số {i} về an toàn\"\n---\n\nNội dung {i}: bạo lực, xâm hại, đường dây nóng, gọi 111, gia đình, trẻ em, phụ nữ.\n"
            ),
        );
    }
    c.build().ok();
    let head = index(&c, "quan-b/search/index.js");
    let count = head["count"].as_u64().unwrap() as usize;
    let chunk = head["chunk"].as_u64().unwrap() as usize;
    assert!(head.get("terms").is_none() && count > 1000, "{head}");
    assert_eq!(head["say"]["search_one"], "1 kết quả", "{head}");
    let mut all_docs = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let part = index(&c, &format!("quan-b/search/d-{n}.js"));
        assert_eq!(part["key"], format!("d-{n}"));
        all_docs.extend(docs(&part));
    }
    assert_eq!(all_docs.len(), count);
    assert!(
        !c.out()
            .join(format!("quan-b/search/d-{}.js", count.div_ceil(chunk)))
            .exists()
    );
    let mut sizes = BTreeMap::new();
    for key in loa::render::search::TERM_KEYS.chars() {
        let rel = format!("quan-b/search/t-{key}.js");
        sizes.insert(key, fs::metadata(c.out().join(&rel)).unwrap().len());
        let part = index(&c, &rel);
        for term in part["terms"].as_object().unwrap().keys() {
            assert_eq!(loa::render::search::term_key(term), key, "{term} in {rel}");
        }
    }
    // A word on every page leads to the pages it weighs most in only.
    let t_b = index(&c, "quan-b/search/t-b.js");
    let t_l = index(&c, "quan-b/search/t-l.js");
    assert_eq!(
        t_b["terms"]["bao"].as_array().unwrap().len(),
        loa::render::search::MAX_POSTINGS * 2
    );
    // "bao luc" still finds the page with the words in its title first.
    let mut terms = t_b["terms"].as_object().unwrap().clone();
    terms.extend(t_l["terms"].as_object().unwrap().clone());
    let found = rank(&terms, &all_docs, "bao luc");
    assert_eq!(all_docs[found[0]][1], "Nhận biết dấu hiệu bạo lực gia đình");
    // What that query loads: the head, its two words' parts and the chunks
    // of the ten results shown, well under 100 KB.
    let mut files = vec!["index.js".to_string(), "t-b.js".into(), "t-l.js".into()];
    for &d in found.iter().take(10) {
        let f = format!("d-{}.js", d / chunk);
        if !files.contains(&f) {
            files.push(f);
        }
    }
    let bytes: u64 = files
        .iter()
        .map(|f| {
            fs::metadata(c.out().join("quan-b/search").join(f))
                .unwrap()
                .len()
        })
        .sum();
    assert!(bytes < 100_000, "{bytes} bytes: {files:?} ({sizes:?})");
}
