//! Checks of the printed material: a district with an address whose
//! leaflet would be empty (no page marked `leaflet:`), a marked page that
//! does not fit on the leaflet (left off, whole), and `leaflet_sections:`
//! on a page that is not marked.

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::output::print::{LEAFLET_BACK_LINES, LEAFLET_LINES, LeafletPart, leaflet};
use crate::project::Project;
use crate::read::yaml::Seg;

pub(super) fn check(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let config = &site.config;
    for view in &site.districts {
        let district = site.district(view);
        if district.base_url.is_none() {
            continue;
        }
        let mut empty = Vec::new();
        for lang in &config.languages {
            let sheet = leaflet(site, view, lang);
            if sheet.is_empty() && sheet.left_off.is_empty() {
                empty.push(format!("`{lang}`"));
            }
            for (part, room) in &sheet.left_off {
                findings.push(too_long(project, lang, part, *room));
            }
        }
        if !empty.is_empty() {
            findings.push(district.source.point(
                Diagnostic::warning(
                    Code::PrintLeafletEmpty,
                    format!(
                        "district `{}` has a `base_url` but no page is marked for its leaflet in {}, so it gets no leaflet there",
                        district.slug,
                        empty.join(" and ")
                    ),
                )
                .help("add `leaflet: 1` to the front matter of the page to print first (the signs of violence, what a neighbour can do), `leaflet: 2` to the next"),
                &[Seg::Key("base_url")],
            ));
        }
    }
    for src in site.sources.iter() {
        if src.front.leaflet_sections.is_some() && src.front.leaflet.is_none() {
            findings.push(src.point(
                Diagnostic::warning(
                    Code::PrintLeafletSections,
                    "`leaflet_sections` says how much of the page goes on the leaflet, but the page is not marked `leaflet:`",
                )
                .help("add `leaflet: N` (its place on the leaflet), or remove `leaflet_sections`"),
                "leaflet_sections",
            ));
        }
    }
}

/// A marked page left off the leaflet in `lang`, told at its `leaflet:`.
fn too_long(project: &Project, lang: &str, part: &LeafletPart, room: usize) -> Diagnostic {
    let site = &project.site;
    let shown = &site.sources[part.source];
    let marked = &site.sources[part.marked_in];
    let whose = if part.source == part.marked_in {
        String::new()
    } else {
        format!(" (its text in `{lang}` is {})", shown.file())
    };
    marked.point(
        Diagnostic::warning(
            Code::PrintLeafletTooLong,
            format!(
                "this page does not fit on the leaflet in `{lang}`{whose}: it takes about {} lines and {room} are left (of {LEAFLET_LINES} inside and {LEAFLET_BACK_LINES} on the back), so it is left off",
                part.lines
            ),
        )
        .help("print only its first sections with `leaflet_sections: N`, shorten it, or give its place to a shorter page"),
        "leaflet",
    )
}
