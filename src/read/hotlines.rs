//! Hotline directories: entries from `content/hotlines/*.yaml` and from each
//! district's `hotlines:`, their validation (phone formats, ids, districts,
//! names, dates), the per-district directory order, and the JSON and CSV
//! exports published next to each directory page.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::codes::Code;
use crate::error::{Diagnostic, did_you_mean};
use crate::i18n::Msg;
use crate::msg;
pub use crate::read::config::RawHotline;
use crate::read::config::{Config, YamlFile, require_languages, unknown_district};
use crate::read::slug::is_slug;
use crate::read::values::{
    Audience, Category, Cost, Date, DistrictSel, Localized, LocalizedAt, plain,
};
use crate::read::yaml::{self, Spanned};

/// A checked hotline entry.
#[derive(Debug, Clone, Serialize)]
pub struct Hotline {
    /// Unique id in the campaign.
    pub id: String,
    /// Name per language.
    pub name: Localized,
    /// When to call, per language (may be empty).
    pub description: Localized,
    /// The number as written (spaces and dots kept for reading).
    pub phone: String,
    /// The number for `tel:` links: digits only, `+` kept.
    pub tel: String,
    /// What kind of help.
    pub category: Category,
    /// Hours per language (may be empty).
    pub hours: Localized,
    /// What a call costs, when known.
    pub cost: Option<Cost>,
    /// Who it serves.
    pub audience: Vec<Audience>,
    /// Where it applies.
    #[serde(skip)]
    pub districts: DistrictSel,
    /// The district whose own file lists it, for local entries.
    pub local_to: Option<String>,
    /// When someone last called it.
    pub verified: Option<Date>,
    /// How it was verified.
    pub source: String,
    /// Placeholder data that must not be published as fact.
    pub example: bool,
    /// Where the entry is written, for messages.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where an entry is written: its file and its place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The YAML file.
    pub file: String,
    /// Where the entry starts (line, column).
    pub at: Option<(usize, usize)>,
    /// Where its `example:` is written, when it is.
    pub example_at: Option<(usize, usize)>,
}

/// Every hotline entry of the campaign, checked.
#[derive(Debug, Clone, Default)]
pub struct Hotlines {
    /// Entries in reading order: shared files by name, then districts.
    pub entries: Vec<Hotline>,
    /// A hotline file could not be read whole: a number missing from the
    /// directory may be in it.
    pub incomplete: bool,
}

/// What `load` needs to read and check hotline data.
pub struct HotlineInput<'a> {
    /// The configuration (languages, districts, pinned ids).
    pub config: &'a Config,
    /// `content/hotlines/*.yaml`, in name order.
    pub files: &'a [YamlFile],
    /// The date to compare `verified` with.
    pub today: Date,
}

impl Hotlines {
    /// Reads, checks and gathers every entry. Problems are pushed to
    /// `diagnostics`; entries with errors are left out.
    pub fn load(input: &HotlineInput<'_>, diagnostics: &mut Vec<Diagnostic>) -> Hotlines {
        let (raw, broken_files) = gather(input, diagnostics);
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut all_ids: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        for (entry, origin, file, local_to) in raw {
            let check = Check {
                config: input.config,
                file,
                origin: &origin,
                today: input.today,
            };
            all_ids.push(entry.id.value.clone());
            let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
            let hotline = check.entry(entry, local_to, &mut seen, diagnostics);
            let errors_after = diagnostics.iter().filter(|d| d.is_error()).count();
            if errors_after == errors_before {
                entries.push(hotline);
            }
        }
        let hotlines = Hotlines {
            entries,
            incomplete: broken_files,
        };
        // An id in a file that could not be read may well exist: only
        // complain about pinned ids when every file was read.
        if !broken_files && input.config.broken_districts.is_empty() {
            hotlines.check_pinned(input.config, &all_ids, diagnostics);
        }
        hotlines
    }

    fn check_pinned(&self, config: &Config, all_ids: &[String], diagnostics: &mut Vec<Diagnostic>) {
        for id in &config.pinned_hotlines {
            if let Some(owner) = self.get(id).and_then(|h| h.local_to.as_deref()) {
                // Shown on every district's pages and posters, a ward's own
                // police number would send readers of every other ward to it.
                diagnostics.push(
                    config.site_file.point_to(
                        Diagnostic::error(
                            Code::HotlineLocalPinned,
                            msg!("hotline-local-pinned", id = id, district = owner),
                        )
                        .help(msg!(
                            "hotline-local-pinned-help",
                            id = id,
                            district = owner
                        )),
                        id,
                    ),
                );
                continue;
            }
            if let Some(left_out) = self.get(id).and_then(|h| not_everywhere(config, h)) {
                // A number a hotline file gives only some districts
                // (`districts: [ba-dinh]`) would be shown on every other
                // district's pages and posters too.
                let only = match &self.get(id).map(|h| &h.districts) {
                    Some(DistrictSel::Only(list)) => list
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => String::new(),
                };
                diagnostics.push(
                    config.site_file.point_to(
                        Diagnostic::error(
                            Code::HotlineLocalPinned,
                            msg!(
                                "hotline-limited-pinned",
                                id = id,
                                districts = only,
                                district = left_out
                            ),
                        )
                        .help(msg!("hotline-limited-pinned-help", id = id)),
                        id,
                    ),
                );
                continue;
            }
            if self.get(id).is_some_and(|h| h.example) {
                diagnostics.push(
                    config.site_file.point_to(
                        Diagnostic::warning(
                            Code::HotlineExamplePinned,
                            msg!("hotline-example-pinned", id = id),
                        )
                        .help(msg!("hotline-example-pinned-help")),
                        id,
                    ),
                );
            }
            if !all_ids.contains(id) {
                let hint = did_you_mean(id, self.entries.iter().map(|h| h.id.as_str()))
                    .map_or_else(
                        || msg!("hotline-unknown-pinned-help"),
                        |c| msg!("hint-did-you-mean", word = c),
                    );
                diagnostics.push(
                    config.site_file.point_to(
                        Diagnostic::error(
                            Code::HotlineUnknownPinned,
                            msg!("hotline-unknown-pinned", id = id),
                        )
                        .help(hint),
                        id,
                    ),
                );
            }
        }
        for district in &config.districts {
            self.check_district_pinned(district, all_ids, diagnostics);
        }
    }

    /// A district's own `pinned_hotlines`: entries of its directory, never
    /// example data (it would go on its posters and leaflets as fact).
    fn check_district_pinned(
        &self,
        district: &crate::read::config::District,
        all_ids: &[String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let slug = district.slug.as_str();
        for id in &district.pinned_hotlines {
            let entry = self.get(id);
            let d = match entry {
                Some(h) if !applies_to(h, slug) => Diagnostic::error(
                    Code::HotlineUnknownPinned,
                    msg!("hotline-pinned-elsewhere", id = id, district = slug),
                )
                .help(msg!("hotline-pinned-elsewhere-help", district = slug)),
                Some(h) if h.example => Diagnostic::warning(
                    Code::HotlineExamplePinned,
                    msg!("hotline-example-pinned-district", id = id),
                )
                .help(msg!("hotline-example-pinned-district-help")),
                Some(_) => continue,
                // An entry with errors (reported) is left out, not unknown.
                None if all_ids.contains(id) => continue,
                None => {
                    let hint = did_you_mean(id, self.directory(slug).iter().map(|h| h.id.as_str()))
                        .map_or_else(
                            || msg!("hotline-unknown-pinned-district-help"),
                            |c| msg!("hint-did-you-mean", word = c),
                        );
                    Diagnostic::error(
                        Code::HotlineUnknownPinned,
                        msg!("hotline-unknown-pinned", id = id),
                    )
                    .help(hint)
                }
            };
            diagnostics.push(district.source.point_to(d, id));
        }
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Hotline> {
        self.entries.iter().find(|h| h.id == id)
    }

    /// The entries that apply to `district`, in directory order: by category
    /// (emergency first), the district's own entries first within each.
    pub fn directory(&self, district: &str) -> Vec<&Hotline> {
        let mut list: Vec<&Hotline> = self
            .entries
            .iter()
            .filter(|h| applies_to(h, district))
            .collect();
        // A stable sort keeps file order within (category, local-first).
        list.sort_by_key(|h| (h.category, h.local_to.is_none()));
        list
    }

    /// Whether none of `district`'s own numbers can be relied on yet: the
    /// entries written for it (in its district file, or in a hotline file
    /// that names it and not `all`) are none, or one of them is example
    /// data. Pages that send readers to those numbers then say to call the
    /// national ones instead.
    pub fn local_unchecked(&self, district: &str) -> bool {
        let own: Vec<&Hotline> = self
            .entries
            .iter()
            .filter(|h| match &h.local_to {
                Some(owner) => owner == district,
                None => {
                    matches!(h.districts, DistrictSel::Only(_)) && h.districts.includes(district)
                }
            })
            .collect();
        own.is_empty() || own.iter().any(|h| h.example)
    }

    /// The campaign's pinned entries, in `site.yaml` order (never one
    /// district's own entry, nor one a hotline file gives only some
    /// districts: each is an error, `hotline/local-pinned`).
    pub fn pinned<'a>(&'a self, config: &Config) -> Vec<&'a Hotline> {
        config
            .pinned_hotlines
            .iter()
            .filter_map(|id| self.get(id))
            .filter(|h| h.local_to.is_none() && not_everywhere(config, h).is_none())
            .collect()
    }

    /// The entries pinned on `district`'s pages: the campaign's, then the
    /// district's own `pinned_hotlines` that apply to it and are not
    /// example data, each once.
    pub fn pinned_in<'a>(&'a self, config: &Config, district: &str) -> Vec<&'a Hotline> {
        let mut list = self.pinned(config);
        let own = config
            .district(district)
            .map_or(&[][..], |d| d.pinned_hotlines.as_slice());
        for h in own.iter().filter_map(|id| self.get(id)) {
            if applies_to(h, district) && !h.example && !list.iter().any(|p| p.id == h.id) {
                list.push(h);
            }
        }
        list
    }
}

/// The first district of the campaign a shared entry does not apply to
/// (its `districts:` names others only), if any.
fn not_everywhere<'c>(config: &'c Config, h: &Hotline) -> Option<&'c str> {
    config
        .districts
        .iter()
        .map(|d| d.slug.as_str())
        .find(|slug| !h.districts.includes(slug))
}

/// Whether `h` is in `district`'s directory.
fn applies_to(h: &Hotline, district: &str) -> bool {
    match &h.local_to {
        Some(owner) => owner == district,
        None => h.districts.includes(district),
    }
}

/// How many days before an entry's check is due for a call, it shows on
/// the call sheet: a month to find the time to call.
pub const DUE_SOON_DAYS: i64 = 30;

/// Days before a check made on `verified` goes stale (older than
/// `max_age_days`); negative when it has been stale for that long. The one
/// rule `loa check` (`hotline/stale`), the desk and the call sheet share.
pub fn days_left(verified: Date, today: Date, max_age_days: u32) -> i64 {
    i64::from(max_age_days) - (today.days_since_epoch() - verified.days_since_epoch())
}

/// Why an entry needs a call now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Placeholder data: the real number is still to be found and called.
    Example,
    /// Never called (no `verified` date).
    Never,
    /// Its last check is older than `hotline_max_age_days`, by this many
    /// days.
    Stale(i64),
    /// Its last check goes stale in this many days (at most
    /// [`DUE_SOON_DAYS`]).
    Soon(i64),
}

impl Hotline {
    /// Days before its check goes stale, when it was ever checked.
    pub fn days_left(&self, today: Date, max_age_days: u32) -> Option<i64> {
        self.verified.map(|v| days_left(v, today, max_age_days))
    }

    /// Whether the entry is due for a call on `today`: example data, never
    /// checked, stale, or going stale within [`DUE_SOON_DAYS`] (that day
    /// included).
    pub fn due(&self, today: Date, max_age_days: u32) -> Option<Due> {
        if self.example {
            return Some(Due::Example);
        }
        match self.days_left(today, max_age_days) {
            None => Some(Due::Never),
            Some(days) if days < 0 => Some(Due::Stale(-days)),
            Some(days) if days <= DUE_SOON_DAYS => Some(Due::Soon(days)),
            Some(_) => None,
        }
    }
}

/// An entry as written, where it was written, and the district it belongs
/// to when it was written in a district file.
type Written<'a> = (RawHotline, Origin, &'a YamlFile, Option<&'a str>);

/// Every entry of the hotline files and the district files, in that order;
/// whether a hotline file had entries that could not be read.
fn gather<'a>(
    input: &HotlineInput<'a>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Written<'a>>, bool) {
    let mut raw: Vec<Written<'a>> = Vec::new();
    let mut broken_files = false;
    for file in input.files {
        let (entries, problems) =
            yaml::parse_list::<Spanned<RawHotline>>(&file.text, Path::new(&file.file));
        for d in problems {
            broken_files = true;
            diagnostics.push(if d.code == Code::YamlWrongType && d.line == Some(1) {
                d.help(msg!("hotline-file-list-help"))
            } else {
                d
            });
        }
        for (_, entry) in entries {
            let origin = origin(&file.file, &entry);
            raw.push((entry.into_inner(), origin, file, None));
        }
    }
    for district in &input.config.districts {
        for entry in &district.hotlines {
            raw.push((
                entry.value.clone(),
                origin(&district.source.file, entry),
                &district.source,
                Some(&district.slug),
            ));
        }
    }
    (raw, broken_files)
}

/// Where `entry`, read from `file`, is written.
fn origin(file: &str, entry: &Spanned<RawHotline>) -> Origin {
    Origin {
        file: file.to_string(),
        at: entry.place(),
        example_at: entry.example.place(),
    }
}

struct Check<'a> {
    config: &'a Config,
    file: &'a YamlFile,
    origin: &'a Origin,
    today: Date,
}

impl Check<'_> {
    /// A diagnostic pointing at `value` of the entry.
    fn point<T>(&self, diagnostic: Diagnostic, value: &Spanned<T>) -> Diagnostic {
        self.file.point_to(diagnostic, value)
    }

    /// A diagnostic pointing at the entry.
    fn point_entry(&self, diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.in_file(&self.file.file).at_opt(self.origin.at)
    }

    fn entry(
        &self,
        entry: RawHotline,
        local_to: Option<&str>,
        seen: &mut HashMap<String, String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Hotline {
        let RawHotline {
            id,
            name,
            description,
            phone,
            category,
            hours,
            cost,
            audience,
            districts,
            verified,
            source,
            example,
        } = entry;
        self.check_id(&id, seen, diagnostics);
        self.check_texts(&name, &description, &hours, diagnostics);
        if category == Category::Shelter {
            let texts = [&name, &description, &hours];
            self.check_whereabouts(&id, &texts, source.as_deref(), diagnostics);
        }
        let tel = self.check_phone(&phone, diagnostics);
        let districts = self.check_districts(local_to, districts, diagnostics);
        if *example {
            self.check_example(&id, &tel, verified.as_ref(), &phone, diagnostics);
        } else {
            self.check_verified(&id, verified.as_ref(), diagnostics);
        }
        Hotline {
            id: id.into_inner(),
            name: plain(&name),
            description: plain(&description),
            phone: phone.trim().to_string(),
            tel,
            category,
            hours: plain(&hours),
            cost,
            audience,
            districts,
            local_to: local_to.map(str::to_string),
            verified: verified.map(Spanned::into_inner),
            source: source.unwrap_or_default(),
            example: *example,
            origin: self.origin.clone(),
        }
    }

    /// The name in every language; the description and hours too, when given.
    fn check_texts(
        &self,
        name: &LocalizedAt,
        description: &LocalizedAt,
        hours: &LocalizedAt,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let languages = &self.config.languages;
        for (field, text) in [
            ("name", name),
            ("description", description),
            ("hours", hours),
        ] {
            if field == "name" || !text.is_empty() {
                require_languages(text, languages, self.file, field, diagnostics);
            }
        }
    }

    /// A shelter's entry never says where the shelter is: no address,
    /// coordinates or map link in any text that is published (its name,
    /// description, hours, and `source`, which `hotlines.json` carries).
    fn check_whereabouts(
        &self,
        id: &str,
        texts: &[&LocalizedAt],
        source: Option<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let finding = |found: &str| {
            Diagnostic::error(
                Code::HotlineShelterAddress,
                msg!("hotline-shelter-address", id = id, found = found),
            )
            .help(msg!("hotline-shelter-address-help"))
        };
        for text in texts.iter().flat_map(|t| t.values()) {
            if let Some(found) = crate::read::whereabouts::whereabouts(text) {
                diagnostics.push(self.point(finding(found), text));
            }
        }
        if let Some(found) = source.and_then(crate::read::whereabouts::whereabouts) {
            diagnostics.push(self.point_entry(finding(found)));
        }
    }

    /// A slug, used once in the whole campaign.
    fn check_id(
        &self,
        id: &Spanned<String>,
        seen: &mut HashMap<String, String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if !is_slug(id) {
            diagnostics.push(self.point(
                Diagnostic::error(Code::HotlineBadId, msg!("hotline-bad-id", id = id)).help(msg!(
                    "hotline-bad-id-help",
                    slug = crate::read::slug::slugify(id)
                )),
                id,
            ));
        }
        if let Some(place) = seen.get(id.as_str()) {
            diagnostics.push(
                self.point(
                    Diagnostic::error(
                        Code::HotlineDuplicateId,
                        msg!("hotline-duplicate-id", id = id),
                    )
                    .help(msg!("hotline-duplicate-id-help", place = place)),
                    id,
                ),
            );
        } else {
            let place = match id.place() {
                Some((line, _)) => format!("{}:{line}", self.file.file),
                None => self.file.file.clone(),
            };
            seen.insert(id.value.clone(), place);
        }
    }

    /// A Vietnamese number; returns its `tel:` form (empty when wrong).
    fn check_phone(&self, phone: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> String {
        normalise_phone(phone).unwrap_or_else(|problem| {
            diagnostics.push(
                self.point(
                    Diagnostic::error(
                        Code::HotlineBadPhone,
                        msg!("hotline-bad-phone", phone = phone, reason = problem.text()),
                    )
                    .help(msg!("hotline-bad-phone-help")),
                    phone,
                ),
            );
            String::new()
        })
    }

    /// Where the entry applies: its own district for a district's entry,
    /// else `districts:` (every district when absent), each one known.
    fn check_districts(
        &self,
        local_to: Option<&str>,
        districts: Option<Spanned<DistrictSel>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> DistrictSel {
        match (local_to, districts) {
            (Some(_), Some(written)) => {
                diagnostics.push(
                    self.point(
                        Diagnostic::error(
                            Code::HotlineLocalDistricts,
                            msg!("hotline-local-districts"),
                        )
                        .help(msg!("hotline-local-districts-help")),
                        &written,
                    ),
                );
                DistrictSel::All
            }
            (Some(slug), None) => DistrictSel::Only(vec![Spanned::new(slug.to_string())]),
            (None, selection) => {
                let selection = selection.map(Spanned::into_inner).unwrap_or_default();
                if let DistrictSel::Only(list) = &selection {
                    for slug in list {
                        if self.config.is_unknown_district(slug) {
                            diagnostics.push(self.point(unknown_district(self.config, slug), slug));
                        }
                    }
                }
                selection
            }
        }
    }

    /// Example data was never checked, so it carries no `verified` date, and
    /// its number must be one that cannot ring anybody: a reader may tap it.
    fn check_example(
        &self,
        id: &str,
        tel: &str,
        verified: Option<&Spanned<Date>>,
        phone: &Spanned<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if let Some(verified) = verified {
            diagnostics.push(
                self.point(
                    Diagnostic::error(
                        Code::HotlineExampleVerified,
                        msg!("hotline-example-verified", id = id),
                    )
                    .help(msg!("hotline-example-verified-help")),
                    verified,
                ),
            );
        }
        if !tel.is_empty() && could_ring_a_stranger(tel) {
            diagnostics.push(
                self.point(
                    Diagnostic::warning(
                        Code::HotlineExampleRealNumber,
                        msg!("hotline-example-real-number", id = id, phone = tel),
                    )
                    .help(msg!("hotline-example-real-number-help")),
                    phone,
                ),
            );
        }
    }

    /// `verified` is in the past, and not too far in it.
    fn check_verified(
        &self,
        id: &str,
        verified: Option<&Spanned<Date>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let max_age = self.config.hotline_max_age_days;
        match verified {
            Some(date) if **date > self.today => diagnostics.push(
                self.point(
                    Diagnostic::error(
                        Code::HotlineVerifiedFuture,
                        msg!("hotline-verified-future", date = date.to_string()),
                    )
                    .help(msg!("hotline-verified-future-help")),
                    date,
                ),
            ),
            Some(date) if days_left(**date, self.today, max_age) < 0 => {
                diagnostics.push(
                    self.point(
                        Diagnostic::warning(
                            Code::HotlineStale,
                            msg!(
                                "hotline-stale",
                                id = id,
                                date = date.to_string(),
                                days = max_age
                            ),
                        )
                        .help(msg!("hotline-stale-help")),
                        date,
                    ),
                );
            }
            None => diagnostics.push(
                self.point_entry(
                    Diagnostic::warning(
                        Code::HotlineUnverified,
                        msg!("hotline-unverified", id = id),
                    )
                    .help(msg!("hotline-unverified-help")),
                ),
            ),
            _ => {}
        }
    }
}

/// Checks a Vietnamese phone number and returns its `tel:` form.
///
/// Accepted: 111–115; 1800/1900 numbers of 8 or 10 digits; landlines of 11
/// digits starting 02 (Hanoi: 024 + 8 digits); mobiles of 10 digits starting
/// 03, 05, 07, 08 or 09. A leading +84 stands for the 0. Spaces, dots,
/// hyphens and brackets are allowed between digits.
pub fn normalise_phone(phone: &str) -> Result<String, Msg> {
    let trimmed = phone.trim();
    let (international, rest) = match trimmed.strip_prefix("+84") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => {
                return Err(msg!("phone-characters"));
            }
        }
    }
    if digits.is_empty() {
        return Err(msg!("phone-no-digits"));
    }
    let national = if international {
        format!("0{}", digits.trim_start_matches('0'))
    } else {
        digits.clone()
    };
    let ok = match national.len() {
        3 => ("111"..="115").contains(&national.as_str()),
        8 | 10 if national.starts_with("1800") || national.starts_with("1900") => true,
        11 => national.starts_with("02"),
        10 => {
            national.starts_with('0')
                && matches!(national.as_bytes()[1], b'3' | b'5' | b'7' | b'8' | b'9')
        }
        _ => false,
    };
    if !ok {
        return Err(match national.len() {
            3 => msg!("phone-emergency"),
            _ if national.starts_with("1800") || national.starts_with("1900") => {
                msg!("phone-service")
            }
            _ if national.starts_with("02") => {
                msg!("phone-landline")
            }
            10 if national.starts_with('0') => msg!("phone-mobile-prefix"),
            _ if national.starts_with('0') => msg!("phone-mobile-length"),
            _ => msg!("phone-shape"),
        });
    }
    Ok(if international {
        format!("+84{}", &national[1..])
    } else {
        national
    })
}

/// Whether an example entry's number could belong to a private person: a
/// mobile, or a landline that can connect. Emergency and 1800/1900 service
/// numbers belong to services.
pub fn could_ring_a_stranger(tel: &str) -> bool {
    let service = tel.len() == 3 || tel.starts_with("1800") || tel.starts_with("1900");
    !service && !is_unreachable_placeholder(tel)
}

/// Whether a normalised number can never connect: a landline whose local
/// part (after the area code: 024 and 028 for Hanoi and Ho Chi Minh City,
/// four digits such as 0203 elsewhere) starts with 0, which no subscriber
/// number does. Such numbers are the safe placeholders for example data.
pub fn is_unreachable_placeholder(tel: &str) -> bool {
    let national = match tel.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => tel.to_string(),
    };
    let bytes = national.as_bytes();
    if national.len() != 11 || !national.starts_with("02") {
        return false;
    }
    let area = if matches!(bytes[2], b'4' | b'8') {
        3
    } else {
        4
    };
    bytes[area] == b'0'
}

/// One row of the exports: both languages side by side.
#[derive(Debug, Serialize)]
struct ExportRow<'a> {
    id: &'a str,
    category: &'static str,
    phone: &'a str,
    tel: &'a str,
    name: &'a Localized,
    description: &'a Localized,
    hours: &'a Localized,
    cost: Option<&'static str>,
    audience: Vec<&'static str>,
    local: bool,
    verified: Option<String>,
    source: &'a str,
    example: bool,
}

fn rows<'a>(entries: &[&'a Hotline]) -> Vec<ExportRow<'a>> {
    entries
        .iter()
        .map(|h| ExportRow {
            id: &h.id,
            category: h.category.word(),
            phone: &h.phone,
            tel: &h.tel,
            name: &h.name,
            description: &h.description,
            hours: &h.hours,
            cost: h.cost.map(Cost::word),
            audience: h.audience.iter().map(|a| a.word()).collect(),
            local: h.local_to.is_some(),
            verified: h.verified.map(|d| d.to_string()),
            source: &h.source,
            example: h.example,
        })
        .collect()
}

/// `hotlines.json`: the district's directory, in order, as a JSON array.
pub fn export_json(entries: &[&Hotline]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&rows(entries)).expect("plain data always serialises");
    out.push(b'\n');
    out
}

/// A cell a spreadsheet will not run as a formula: one starting with `=`,
/// `+`, `-`, `@` (or their full-width forms), a tab or a carriage return
/// gets a `'` in front, as the OWASP guidance on CSV injection says (every
/// cell is also quoted). The JSON export keeps the exact text.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: &[char] = &[
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ];
    if cell.starts_with(TRIGGERS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `hotlines.csv`: one row per entry with a column per language, UTF-8 with
/// a byte-order mark so spreadsheet programs show Vietnamese correctly.
pub fn export_csv(entries: &[&Hotline], languages: &[String]) -> Vec<u8> {
    let mut header: Vec<String> =
        vec!["id".into(), "category".into(), "phone".into(), "tel".into()];
    for field in ["name", "description", "hours"] {
        for lang in languages {
            header.push(format!("{field}_{lang}"));
        }
    }
    for field in ["cost", "audience", "local", "verified", "source", "example"] {
        header.push(field.into());
    }
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(&header)
        .expect("writing to memory cannot fail");
    for h in entries {
        let mut record: Vec<String> = vec![
            h.id.clone(),
            h.category.word().into(),
            h.phone.clone(),
            h.tel.clone(),
        ];
        for text in [&h.name, &h.description, &h.hours] {
            for lang in languages {
                record.push(text.get(lang).cloned().unwrap_or_default());
            }
        }
        record.push(h.cost.map(Cost::word).unwrap_or("").into());
        record.push(
            h.audience
                .iter()
                .map(|a| a.word())
                .collect::<Vec<_>>()
                .join(" "),
        );
        record.push(h.local_to.is_some().to_string());
        record.push(h.verified.map(|d| d.to_string()).unwrap_or_default());
        record.push(h.source.clone());
        record.push(h.example.to_string());
        writer
            .write_record(
                record
                    .iter()
                    .map(|cell| spreadsheet_safe(cell).into_owned()),
            )
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_due_for_a_call_within_30_days_of_going_stale() {
        let today = Date::parse("2026-11-29").unwrap();
        let entry = |verified: Option<&str>, example: bool| Hotline {
            id: "x".into(),
            name: Localized::new(),
            description: Localized::new(),
            phone: "111".into(),
            tel: "111".into(),
            category: crate::read::values::Category::Emergency,
            hours: Localized::new(),
            cost: None,
            audience: Vec::new(),
            districts: DistrictSel::All,
            local_to: None,
            verified: verified.map(|d| Date::parse(d).unwrap()),
            source: String::new(),
            example,
            origin: Origin::default(),
        };
        let due = |verified: &str| entry(Some(verified), false).due(today, 180);
        assert_eq!(due("2026-11-01"), None);
        assert_eq!(due("2026-07-03"), None, "31 days left");
        assert_eq!(due("2026-07-02"), Some(Due::Soon(30)));
        assert_eq!(
            due("2026-06-02"),
            Some(Due::Soon(0)),
            "exactly 180 days old"
        );
        assert_eq!(due("2026-06-01"), Some(Due::Stale(1)));
        assert_eq!(entry(None, false).due(today, 180), Some(Due::Never));
        assert_eq!(entry(None, true).due(today, 180), Some(Due::Example));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+84 24 1234", "'+84 24 1234"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("Công an", "Công an"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe);
        }
    }

    #[test]
    fn placeholders_are_numbers_that_cannot_connect() {
        for safe in ["02400000101", "02800001234", "02030000000", "+842400000101"] {
            assert!(is_unreachable_placeholder(safe), "{safe}");
        }
        // Regression: `0900 000 302` shipped as a placeholder but is a valid mobile.
        for real in [
            "0900000302",
            "111",
            "19009696800",
            "18001567",
            "02438251234",
            "02033123456",
        ] {
            assert!(!is_unreachable_placeholder(real), "{real}");
        }
        for private in ["0900000302", "+84900000302", "02438251234", "02033123456"] {
            assert!(could_ring_a_stranger(private), "{private}");
        }
        for service in ["111", "1900969680", "18001567", "02400000101"] {
            assert!(!could_ring_a_stranger(service), "{service}");
        }
    }

    #[test]
    fn phone_formats() {
        assert_eq!(normalise_phone("111").unwrap(), "111");
        assert_eq!(normalise_phone(" 115 ").unwrap(), "115");
        assert_eq!(normalise_phone("1900 969 680").unwrap(), "1900969680");
        assert_eq!(normalise_phone("1800.1567").unwrap(), "18001567");
        assert_eq!(normalise_phone("024 3825 1234").unwrap(), "02438251234");
        assert_eq!(normalise_phone("(024) 3825-1234").unwrap(), "02438251234");
        assert_eq!(normalise_phone("0912.345.678").unwrap(), "0912345678");
        assert_eq!(normalise_phone("+84 912 345 678").unwrap(), "+84912345678");
        assert!(normalise_phone("116").is_err());
        assert!(normalise_phone("024 3825 123").is_err());
        assert!(normalise_phone("0123 456 789").is_err());
        assert!(normalise_phone("1900 12").is_err());
        assert!(normalise_phone("call 113").is_err());
        assert!(normalise_phone("").is_err());
    }
}
