//! Checks of the printed material: a district with an address whose
//! leaflet would be empty (no page marked `leaflet:`), a marked page that
//! does not fit on the leaflet (left off, whole), and `leaflet_sections:`
//! on a page that is not marked.

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::model::DistrictView;
use crate::msg;
use crate::output::print::{
    LEAFLET_BACK_LINES, LEAFLET_LINES, LeafletPart, OnPaper, Sheet, leaflet, sheet_numbers,
};
use crate::project::Project;

pub(super) fn check(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let config = &site.config;
    for view in &site.districts {
        let district = site.district(view);
        let Some(base_url) = &district.base_url else {
            continue;
        };
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
            findings.push(
                district.source.point_to(
                    Diagnostic::warning(
                        Code::PrintLeafletEmpty,
                        msg!(
                            "print-leaflet-empty",
                            district = &district.slug,
                            languages = empty.join(", ")
                        ),
                    )
                    .help(msg!("print-leaflet-empty-help")),
                    base_url,
                ),
            );
        }
    }
    for view in &site.districts {
        numbers_left_off(project, view, findings);
    }
    for src in site.sources.iter() {
        if let Some(sections) = &src.front.leaflet_sections
            && src.front.leaflet.is_none()
        {
            findings.push(
                src.point(
                    Diagnostic::warning(Code::PrintLeafletSections, msg!("print-leaflet-sections"))
                        .help(msg!("print-leaflet-sections-help")),
                    sections,
                ),
            );
        }
    }
}

/// A marked page left off the leaflet in `lang`, told at its `leaflet:`.
fn too_long(project: &Project, lang: &str, part: &LeafletPart, room: usize) -> Diagnostic {
    let site = &project.site;
    let shown = &site.sources[part.source];
    let marked = &site.sources[part.marked_in];
    let message = if part.source == part.marked_in {
        msg!(
            "print-leaflet-too-long",
            lang = lang,
            lines = part.lines,
            room = room,
            inside = LEAFLET_LINES,
            back = LEAFLET_BACK_LINES
        )
    } else {
        msg!(
            "print-leaflet-too-long-translation",
            lang = lang,
            file = shown.file(),
            lines = part.lines,
            room = room,
            inside = LEAFLET_LINES,
            back = LEAFLET_BACK_LINES
        )
    };
    let at = marked.front.leaflet.and_then(|n| n.place());
    Diagnostic::warning(Code::PrintLeafletTooLong, message)
        .help(msg!("print-leaflet-too-long-help"))
        .in_file(marked.file())
        .at_opt(at)
}

/// `print/numbers-left-off`: pinned numbers a district's poster or
/// leaflet cover has no room for are left off it (whole: never cut in
/// half, never pushed onto a second page). Told at the first of them in
/// the district's `pinned_hotlines:`, or in `site.yaml`'s.
fn numbers_left_off(project: &Project, view: &DistrictView, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let district = site.district(view);
    if district.base_url.is_none() {
        return;
    }
    for lang in &site.config.languages {
        for sheet in [Sheet::Poster, Sheet::Leaflet] {
            let OnPaper { shown, left, .. } =
                sheet_numbers(site, &project.renderer, &district.slug, lang, sheet);
            let Some(first) = left.first() else {
                continue;
            };
            let numbers: Vec<String> = left
                .iter()
                .map(|h| format!("{} ({})", h.phone, h.id))
                .collect();
            let (shown, total, numbers) =
                (shown.len(), shown.len() + left.len(), numbers.join(", "));
            let slug = &district.slug;
            let message = match sheet {
                Sheet::Poster => msg!(
                    "print-numbers-left-off-poster",
                    district = slug,
                    lang = lang,
                    shown = shown,
                    total = total,
                    numbers = numbers
                ),
                Sheet::Leaflet => msg!(
                    "print-numbers-left-off-leaflet",
                    district = slug,
                    lang = lang,
                    shown = shown,
                    total = total,
                    numbers = numbers
                ),
            };
            let diagnostic = Diagnostic::warning(Code::PrintNumbersLeftOff, message)
                .help(msg!("print-numbers-left-off-help"));
            let own = district
                .pinned_hotlines
                .iter()
                .find(|id| id.value == first.id);
            findings.push(match own {
                Some(id) => district.source.point_to(diagnostic, id),
                None => {
                    let config = &site.config;
                    match config
                        .pinned_hotlines
                        .iter()
                        .find(|id| id.value == first.id)
                    {
                        Some(id) => config.site_file.point_to(diagnostic, id),
                        None => diagnostic.in_file(&district.source.file),
                    }
                }
            });
        }
    }
}
