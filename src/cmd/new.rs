//! `loa new`: scaffolds a page with front matter and a slug made from its
//! title, as a draft, without ever overwriting a file.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::read::config;
use crate::read::content::split_front_matter;
use crate::read::slug::slugify;
use crate::read::values::Date;
use crate::read::yaml::quote;

/// The kinds of page `loa new` makes, and the section each goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A practical guide, in `skills/`.
    Skill,
    /// A safe-community model, in `models/`.
    Model,
    /// A general page, in `pages/`.
    Page,
    /// A news item, in `news/`.
    News,
}

impl Kind {
    fn section(self) -> &'static str {
        match self {
            Kind::Skill => "skills",
            Kind::Model => "models",
            Kind::Page => "pages",
            Kind::News => "news",
        }
    }
}

/// What `loa new` was asked to make.
#[derive(Debug, Clone)]
pub struct NewArgs {
    /// The campaign folder.
    pub root: PathBuf,
    /// What kind of page.
    pub kind: Kind,
    /// Its title (the slug is made from it).
    pub title: String,
    /// For one district only.
    pub district: Option<String>,
    /// The language of the file (the default language when absent).
    pub lang: Option<String>,
    /// The file name without `.md`, instead of one made from the title:
    /// a translation (titled in its own language) of the original
    /// `<stem>.md`.
    pub stem: Option<String>,
}

/// Creates the file; returns its path relative to the campaign root.
pub fn run(args: &NewArgs) -> Result<String> {
    let (config, diagnostics) = config::load(&args.root)?;
    let site_broken = diagnostics
        .iter()
        .any(|d| d.is_error() && d.file.as_deref() == Some("content/site.yaml"));
    let (Some(config), false) = (config, site_broken) else {
        return Err(Error::Content(diagnostics));
    };
    let title = args.title.trim();
    let mut slug = title_slug(title)?;
    if let Some(stem) = &args.stem {
        if crate::read::names::problem(&format!("{stem}.md")).is_some() || stem.contains('.') {
            return Err(Error::Usage(crate::msg!("usage-new-stem", stem = stem)));
        }
        slug.clone_from(stem);
    }
    let default = config.default_lang().to_string();
    let lang = args.lang.clone().unwrap_or_else(|| default.clone());
    if !config.languages.contains(&lang) {
        return Err(Error::Usage(crate::msg!(
            "usage-new-lang",
            lang = lang,
            languages = config.languages.join(", ")
        )));
    }
    let dir = folder(&config, args)?;
    let suffix = if lang == default {
        String::new()
    } else {
        format!(".{lang}")
    };
    let rel = format!("{dir}/{slug}{suffix}.md");
    let path = args.root.join(&rel);
    if path.exists() {
        return Err(Error::Usage(crate::msg!("usage-new-exists", file = &rel)));
    }
    // A translation repeats the original's ordering and classification.
    let original = args.root.join(format!("{dir}/{slug}.md"));
    let content = args.root.join("content");
    let inherited = if lang != default {
        crate::read::source::open_inside(&original, &content)
            .ok()
            .and_then(|file| std::io::read_to_string(file).ok())
            .map(|text| shared_keys(&text))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let text = scaffold(args.kind, title, &inherited, &lang);
    // Only inside `content/`, as the build reads it: a folder on the way
    // that is a link leading out is refused, not written through.
    crate::read::source::create_new_inside(&path, &content)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .map_err(|e| Error::write(&path, e))?;
    Ok(rel)
}

/// The file name a title gives; a title with a control character or
/// without letters is refused.
fn title_slug(title: &str) -> Result<String> {
    // The same rule as for every text of the campaign, so what `loa new`
    // writes, `loa check` accepts.
    // (and a title is one line: no tab or line break either).
    let control = title
        .find(|c: char| c.is_control())
        .or_else(|| crate::read::source::first_control(title));
    if let Some(at) = control {
        let c = title[at..].chars().next().unwrap_or_default();
        return Err(Error::Usage(crate::msg!(
            "usage-new-control",
            character = format!("U+{:04X}", u32::from(c))
        )));
    }
    let mut slug = short_slug(&slugify(title));
    // `con`, `nul`, `lpt1`…: Windows cannot hold a file of that name.
    if crate::read::names::problem(&format!("{slug}.md")).is_some() && !slug.is_empty() {
        slug.push_str("-1");
    }
    if slug.is_empty() {
        return Err(Error::Usage(crate::msg!(
            "usage-new-no-letters",
            title = title
        )));
    }
    Ok(slug)
}

/// `content/<section>` or `content/districts/<slug>/<section>`.
fn folder(config: &crate::read::config::Config, args: &NewArgs) -> Result<String> {
    let mut dir = String::from("content/");
    if let Some(district) = &args.district {
        if config.district(district).is_none() {
            let d = crate::read::config::unknown_district(config, district);
            return Err(Error::Usage(crate::msg!(
                "usage-district",
                slug = district,
                message = d.message.text(),
                help = d.help.map(|h| h.text()).unwrap_or_default()
            )));
        }
        dir.push_str(&format!("districts/{district}/"));
    }
    dir.push_str(args.kind.section());
    Ok(dir)
}

/// File names stay short: at most 60 characters, cut between words.
fn short_slug(slug: &str) -> String {
    if slug.len() <= 60 {
        return slug.to_string();
    }
    let cut = &slug[..60];
    cut.rsplit_once('-')
        .map_or(cut, |(head, _)| head)
        .to_string()
}

/// The front-matter lines a translation shares with its original.
fn shared_keys(original: &str) -> String {
    let Ok(split) = split_front_matter(original) else {
        return String::new();
    };
    let mut out = String::new();
    let mut keep = false;
    for line in split.yaml.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']);
        if top_level {
            let key = line.split(':').next().unwrap_or("").trim();
            keep = matches!(
                key,
                "weight" | "date" | "audience" | "model" | "districts" | "slug"
            );
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn scaffold(kind: Kind, title: &str, inherited: &str, lang: &str) -> String {
    let mut front = format!("---\ntitle: {}\ndescription: \"\"\n", quote(title));
    if inherited.is_empty() {
        match kind {
            Kind::Skill => front.push_str("weight: 100\naudience: []  # children, parents, women, community, officials\n"),
            Kind::Model => front.push_str(
                "weight: 100\nmodel:  # safe-village, safe-residential-group, one-stop or shelter\ndistricts: all\n",
            ),
            Kind::News => front.push_str(&format!("date: {}\n", Date::today().unwrap_or_else(|d| d))),
            Kind::Page => {}
        }
    } else {
        front.push_str(inherited);
    }
    front.push_str("draft: true  # remove this line to publish the page\n---\n\n");
    let body = if lang == "vi" {
        "Viết nội dung ở đây. Mỗi phần bắt đầu bằng một dòng `## Tiêu đề phần`.\n"
    } else {
        "Write the page here. Start each part with a line `## Heading of the part`.\n"
    };
    front.push_str(body);
    front
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolds_parse_as_pages() {
        for kind in [Kind::Skill, Kind::Model, Kind::Page, Kind::News] {
            let text = scaffold(kind, "Kỹ năng \"an toàn\"", "", "vi");
            let split = split_front_matter(&text).unwrap();
            let front: crate::read::content::FrontMatter =
                crate::read::yaml::parse(split.yaml, std::path::Path::new("x.md"), 2).unwrap();
            assert_eq!(front.title, "Kỹ năng \"an toàn\"");
            assert!(*front.draft);
        }
    }

    #[test]
    fn long_titles_make_short_file_names() {
        let slug = short_slug(&slugify(&"Kỹ năng an toàn cho trẻ em ".repeat(20)));
        assert!(slug.len() <= 60 && !slug.ends_with('-'), "{slug}");
        assert_eq!(short_slug("goi-111"), "goi-111");
    }

    #[test]
    fn translations_keep_the_shared_keys() {
        let original = "---\ntitle: \"A\"\nweight: 20\naudience:\n  - children\ndescription: \"x\"\nmodel: shelter\n---\nbody\n";
        assert_eq!(
            shared_keys(original),
            "weight: 20\naudience:\n  - children\nmodel: shelter\n"
        );
    }
}
