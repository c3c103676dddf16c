//! The call sheet: for one district, every hotline entry of its directory
//! that is due for a verification call (example data, never checked,
//! stale, or going stale within [`DUE_SOON_DAYS`] days, by the rule of
//! [`crate::read::hotlines::Hotline::due`]), with its number, what to ask, the
//! file and line to update (as the desk's hotline table finds them) and a
//! box to tick; printable on A4. Served by `loa serve` only at
//! `/__loa/calls/<district>/`: a built site never lists which of its
//! numbers are unchecked.

use std::fmt::Write as _;

use super::desk::{Findings, HotlineRow, Page, start};
use super::words::marked;
use crate::project::Project;
use crate::read::hotlines::{DUE_SOON_DAYS, Due, Hotline};
use crate::read::values::{Date, pick};
use crate::render::markdown::escape;

/// An entry to call: the hotline, why, and its row of the desk's table.
pub struct Call<'a> {
    /// The entry.
    pub hotline: &'a Hotline,
    /// Why it is due.
    pub due: Due,
    /// Its row on the desk (file and line).
    pub row: &'a HotlineRow,
}

/// The entries of `slug`'s directory due for a call on `today`, in the
/// directory's order; `None` for a district that is not served.
pub fn calls<'a>(
    project: &'a Project,
    findings: &'a Findings,
    slug: &str,
    today: Date,
) -> Option<Vec<Call<'a>>> {
    let site = &project.site;
    site.districts
        .iter()
        .find(|v| site.district(v).slug == slug)?;
    let max_age = site.config.hotline_max_age_days;
    Some(
        site.hotlines
            .directory(slug)
            .into_iter()
            .filter_map(|hotline| {
                let due = hotline.due(today, max_age)?;
                let row = findings.hotlines.iter().find(|r| r.id == hotline.id)?;
                Some(Call { hotline, due, row })
            })
            .collect(),
    )
}

/// The call sheet of the district `name` (slug `slug`) as HTML.
pub fn render(page: &Page<'_>, slug: &str, name: &str, calls: &[Call<'_>]) -> String {
    let t = |key: &str| marked(page.t.get(key));
    let title = page.t.get("desk_calls_title").replace("{district}", name);
    let mut html = start(page, &title, &format!("/__loa/calls/{slug}/")).replacen(
        "<body>",
        "<body class=\"calls\">",
        1,
    );
    let _ = write!(
        html,
        "<h1>{}</h1>\n<p>{}</p>\n<p class=\"calls-private\">{}</p>\n<p class=\"calls-hint\">{}</p>\n",
        escape(&title),
        marked(
            &page
                .t
                .get("desk_calls_intro")
                .replace("{district}", name)
                .replace("{days}", &DUE_SOON_DAYS.to_string())
        ),
        t("desk_calls_private"),
        t("desk_calls_print"),
    );
    if calls.is_empty() {
        let _ = write!(
            html,
            "<p>{}</p>\n</main>\n</body>\n</html>\n",
            t("desk_calls_none")
        );
        return html;
    }
    let _ = write!(
        html,
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"calls-caption\">\n<table class=\"calls-table\">\n\
         <caption id=\"calls-caption\" class=\"visually-hidden\">{}</caption>\n<thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         </tr></thead>\n<tbody>\n",
        escape(&title),
        t("desk_calls_done"),
        t("desk_entry"),
        t("desk_number"),
        t("desk_calls_why"),
        t("desk_calls_ask"),
        t("desk_where"),
    );
    for call in calls {
        row(&mut html, page, call);
    }
    html.push_str("</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n");
    html
}

fn row(html: &mut String, page: &Page<'_>, call: &Call<'_>) {
    let t = |key: &str| page.t.get(key).to_string();
    let h = call.hotline;
    let default = page.languages.first().map_or(page.lang, |(code, _)| code);
    let name = pick(&h.name, page.lang, default);
    let why = match call.due {
        Due::Example => t("desk_example"),
        Due::Never => t("desk_never_checked"),
        Due::Stale(days) => t("desk_calls_overdue").replace("{days}", &days.to_string()),
        Due::Soon(days) => t("desk_calls_soon").replace("{days}", &days.to_string()),
    };
    let mut ask = Vec::new();
    if call.due == Due::Example {
        ask.push(t("desk_calls_ask_example").replace("{name}", name));
    } else {
        ask.push(t("desk_calls_ask_number").replace("{name}", name));
        let hours = pick(&h.hours, page.lang, default);
        ask.push(if hours.is_empty() {
            t("desk_calls_ask_hours_none")
        } else {
            t("desk_calls_ask_hours").replace("{hours}", hours)
        });
        ask.push(match h.cost {
            Some(cost) => t("desk_calls_ask_cost").replace("{cost}", page.t.get(&cost.label_key())),
            None => t("desk_calls_ask_cost_none"),
        });
    }
    let place = match call.row.line {
        Some(line) => format!("{}:{line}", call.row.file),
        None => call.row.file.clone(),
    };
    let _ = writeln!(
        html,
        "<tr data-id=\"{id}\"><td class=\"calls-done\"><input type=\"checkbox\" aria-label=\"{done}: {name}\"></td>\
         <th scope=\"row\">{name}<br><code>{id}</code></th><td class=\"calls-number\">{phone}</td><td>{why}</td>\
         <td><ul class=\"calls-ask\">{ask}</ul></td><td class=\"calls-where\"><code>{place}</code></td></tr>",
        id = escape(&h.id),
        done = escape(page.t.get("desk_calls_done")),
        name = escape(name),
        phone = escape(&h.phone),
        why = marked(&why),
        ask = ask
            .iter()
            .map(|q| format!("<li>{}</li>", marked(q)))
            .collect::<String>(),
        place = escape(&place),
    );
}
