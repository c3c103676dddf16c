//! The Zola side of the build benchmark (`LOA_BENCH_ZOLA=/path/to/zola`):
//! the same generated campaign as Zola sites, one per district (Zola makes
//! one site per build), each with the campaign's Markdown pages and
//! sections in both languages, the district's own pages added and its
//! overrides in place of the shared pages.
//!
//! The theme is small and does what loa's pages do that Zola can: a base
//! with the language links and `hreflang` alternates, the section menu,
//! breadcrumbs, the page, the section lists with each page's description;
//! Zola also writes its sitemap, `robots.txt` and an Atom feed per
//! language. It has no hotline data, printed sheets, share tags, quick
//! exit or search: loa does more per page than this Zola site.

use std::fs;
use std::path::{Path, PathBuf};

const BASE: &str = r##"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}
{% if page %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endif %}
<link rel="stylesheet" href="{{ get_url(path="site.css") }}">
</head>
<body>
{% set sections = ["skills", "models", "news", "pages", "guides", "hotlines"] %}
{% if lang == "vi" %}{% set suffix = "" %}{% else %}{% set suffix = "." ~ lang %}{% endif %}
<a class="skip-link" href="#main">Skip</a>
<header>
<p class="site-name"><a href="{{ get_url(path="/", lang=lang) }}">{{ config.title }}</a></p>
{% if page %}<ul class="languages">{% for t in page.translations %}{% if t.lang != lang %}<li><a href="{{ t.permalink }}" hreflang="{{ t.lang }}" lang="{{ t.lang }}">{{ t.lang }}</a></li>{% endif %}{% endfor %}</ul>{% endif %}
<nav><ul>{% for s in sections %}<li><a href="{{ get_url(path="@/" ~ s ~ "/_index" ~ suffix ~ ".md") }}">{{ s }}</a></li>{% endfor %}</ul></nav>
</header>
{% block breadcrumbs %}{% endblock breadcrumbs %}
<main id="main">
{% block content %}{% endblock content %}
</main>
<footer><p>{{ config.title }}</p></footer>
</body>
</html>
"##;

const PAGE: &str = r##"{% extends "base.html" %}
{% block title %}{{ page.title }} – {{ config.title }}{% endblock title %}
{% block breadcrumbs %}<nav class="breadcrumbs"><ol>{% for a in page.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}<li><a href="{{ s.permalink }}">{{ s.title }}</a></li>{% endfor %}<li aria-current="page">{{ page.title }}</li></ol></nav>{% endblock breadcrumbs %}
{% block content %}
<h1>{{ page.title }}</h1>
{% if page.date %}<p class="date"><time datetime="{{ page.date }}">{{ page.date | date(format="%d/%m/%Y") }}</time></p>{% endif %}
{{ page.content | safe }}
{% endblock content %}
"##;

const SECTION: &str = r##"{% extends "base.html" %}
{% block title %}{{ section.title }} – {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul class="page-list">{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.description %}<p>{{ p.description }}</p>{% endif %}</li>{% endfor %}</ul>
{% endblock content %}
"##;

const INDEX: &str = r##"{% extends "base.html" %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
"##;

/// Writes one Zola site per district of the loa campaign at `root` under
/// `out`, and returns their folders. Shared pages are hard links.
pub fn sites(root: &Path, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let content = root.join("content");
    let shared = markdown_files(&content, &content.join("districts"))?;
    let mut slugs: Vec<String> = fs::read_dir(content.join("districts"))?
        .filter_map(|e| {
            let p = e.ok()?.path();
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            (p.extension()? == "yaml").then_some(stem)
        })
        .collect();
    slugs.sort();
    let mut made = Vec::new();
    for slug in slugs {
        let site = out.join(&slug);
        fs::create_dir_all(site.join("templates"))?;
        fs::create_dir_all(site.join("static"))?;
        fs::write(site.join("config.toml"), config(&slug))?;
        fs::write(site.join("templates/base.html"), BASE)?;
        fs::write(site.join("templates/page.html"), PAGE)?;
        fs::write(site.join("templates/section.html"), SECTION)?;
        fs::write(site.join("templates/index.html"), INDEX)?;
        fs::write(
            site.join("static/site.css"),
            "body { font-family: system-ui; }\n",
        )?;
        for rel in &shared {
            link(&content.join(rel), &site.join("content").join(rel))?;
        }
        let own = content.join("districts").join(&slug);
        if own.is_dir() {
            for rel in markdown_files(&own, Path::new(""))? {
                link(&own.join(&rel), &site.join("content").join(&rel))?;
            }
        }
        made.push(site);
    }
    Ok(made)
}

/// The site's `config.toml`: Vietnamese first, English beside it, feeds
/// on, everything else Zola's default.
fn config(slug: &str) -> String {
    format!(
        "base_url = \"https://{slug}.example.org\"\ntitle = \"Chiến dịch thử nghiệm\"\n\
         default_language = \"vi\"\ngenerate_feeds = true\n\n\
         [languages.en]\ntitle = \"Benchmark campaign\"\ngenerate_feeds = true\n"
    )
}

/// Hard-links `from` at `to` (replacing a file there), its folder made.
fn link(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir)?;
    }
    let _ = fs::remove_file(to);
    fs::hard_link(from, to)
}

/// The Markdown files under `dir`, relative to it, outside `skip`.
fn markdown_files(dir: &Path, skip: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let p = entry?.path();
            if p == skip {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p.strip_prefix(dir).unwrap_or(&p).to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}
