//! Small value types shared by site config, district files, front matter and
//! hotline data: calendar dates, text in several languages, district
//! selections and the fixed vocabularies (audiences, categories, models).

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::read::yaml::Spanned;

/// Text in several languages, keyed by language code (`vi`, `en`).
pub type Localized = BTreeMap<String, String>;

/// Text in several languages as read from a file: the whole and each
/// language's text with its place, so a finding points at the text.
pub type LocalizedAt = Spanned<BTreeMap<String, Spanned<String>>>;

/// The texts without their places.
pub fn plain(text: &LocalizedAt) -> Localized {
    text.iter()
        .map(|(lang, t)| (lang.clone(), t.value.clone()))
        .collect()
}

/// Texts made by loa, not read from a file.
pub fn unplaced(text: Localized) -> LocalizedAt {
    Spanned::new(
        text.into_iter()
            .map(|(l, t)| (l, Spanned::new(t)))
            .collect(),
    )
}

/// Picks the text for `lang`, falling back to `fallback`, then to any.
pub fn pick<'a, T: Borrow<str>>(
    text: &'a BTreeMap<String, T>,
    lang: &str,
    fallback: &str,
) -> &'a str {
    text.get(lang)
        .or_else(|| text.get(fallback))
        .or_else(|| text.values().next())
        .map_or("", |t| t.borrow())
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(y) || !all_digits(m) || !all_digits(d) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        Some(Date::from_naive(date))
    }

    fn from_naive(date: NaiveDate) -> Date {
        Date {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    /// The date as the calendar crate has it. Every `Date` is a day of the
    /// calendar: [`Date::parse`] and [`Date::from_unix_seconds`] make them.
    fn naive(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day).expect("a Date is a day")
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        self.naive()
            .signed_duration_since(NaiveDate::default())
            .num_days()
    }

    /// The day (UTC) `seconds` after 1970-01-01 00:00 UTC, when the
    /// calendar has it (within about 262,000 years).
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        DateTime::from_timestamp(seconds, 0).map(|t| Date::from_naive(t.date_naive()))
    }

    /// Today's date (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set,
    /// so builds can be reproduced. `Err` carries today's date when
    /// `SOURCE_DATE_EPOCH` is set but is not a number of seconds (or one
    /// beyond the calendar).
    pub fn today() -> Result<Date, Date> {
        let now = || {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Date::from_unix_seconds(seconds).unwrap_or(Date::from_naive(NaiveDate::default()))
        };
        match std::env::var("SOURCE_DATE_EPOCH") {
            Err(_) => Ok(now()),
            Ok(text) => match text
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(Date::from_unix_seconds)
            {
                Some(date) => Ok(date),
                None => Err(now()),
            },
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| de::Error::custom(crate::msg!("yaml-not-a-date", text = text.as_str())))
    }
}

/// A place in an order or a count that starts at one (`leaflet: 1`,
/// `leaflet_sections: 2`): a whole number of 1 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place(u32);

impl Place {
    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PlaceVisitor;
        impl Visitor<'_> for PlaceVisitor {
            type Value = Place;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number of 1 or more")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Place, E> {
                match u32::try_from(v) {
                    Ok(n) if n >= 1 => Ok(Place(n)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Place, E> {
                match u32::try_from(v) {
                    Ok(n) if n >= 1 => Ok(Place(n)),
                    _ => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(PlaceVisitor)
    }
}

/// Which districts something applies to: `all`, or a list of slugs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DistrictSel {
    /// Every district.
    #[default]
    All,
    /// Only these district slugs, each with its place (a single word,
    /// `districts: ba-dinh`, is placed at its key).
    Only(Vec<Spanned<String>>),
}

impl DistrictSel {
    /// Does this selection include the district `slug`?
    pub fn includes(&self, slug: &str) -> bool {
        match self {
            DistrictSel::All => true,
            DistrictSel::Only(list) => list.iter().any(|s| s.value == slug),
        }
    }
}

impl<'de> Deserialize<'de> for DistrictSel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written: Spanned<Written> = Spanned::deserialize(deserializer)?;
        let key = written.key_place();
        Ok(match written.into_inner().0 {
            // A single word has no place of its own in the list: it is
            // placed at its key.
            DistrictSel::Only(mut list) if list.len() == 1 && list[0].place().is_none() => {
                let slug = list.remove(0).into_inner();
                DistrictSel::Only(vec![match key {
                    Some((line, column)) => Spanned::at(slug, line, column),
                    None => Spanned::new(slug),
                }])
            }
            selection => selection,
        })
    }
}

/// A selection as written: `all`, one slug, or a list of slugs.
struct Written(DistrictSel);

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SelVisitor;
        impl<'de> Visitor<'de> for SelVisitor {
            type Value = Written;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the word `all` or a list of district slugs")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Written, E> {
                Ok(Written(if v == "all" {
                    DistrictSel::All
                } else {
                    DistrictSel::Only(vec![Spanned::new(v.to_string())])
                }))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Written, A::Error> {
                let mut list = Vec::new();
                while let Some(slug) = seq.next_element::<Spanned<String>>()? {
                    list.push(slug);
                }
                Ok(Written(DistrictSel::Only(list)))
            }
        }
        deserializer.deserialize_any(SelVisitor)
    }
}

/// Defines a closed vocabulary: an enum deserialised from kebab-case words,
/// with its words listed for messages and its interface-string keys.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $prefix:literal { $($(#[$vdoc:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in YAML.
            pub fn word(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// The interface-string key of its label.
            pub fn label_key(self) -> String {
                format!("{}{}", $prefix, self.word().replace('-', "_"))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.word())
            }
        }
    };
}

vocabulary! {
    /// Who a page or a hotline is for.
    Audience, "audience_" {
        /// Children and young people.
        Children = "children",
        /// Parents and carers.
        Parents = "parents",
        /// Women.
        Women = "women",
        /// Neighbours, witnesses, the community.
        Community = "community",
        /// Officials and staff of agencies.
        Officials = "officials",
        /// Everyone.
        All = "all",
    }
}

vocabulary! {
    /// The kind of help a hotline gives; the directory lists them in this order.
    Category, "category_" {
        /// Emergency numbers (111, 113, 114, 115).
        Emergency = "emergency",
        /// Police.
        Police = "police",
        /// Health care.
        Health = "health",
        /// Counselling and support lines.
        Counselling = "counselling",
        /// Legal aid.
        Legal = "legal",
        /// Shelters (never with an address).
        Shelter = "shelter",
    }
}

vocabulary! {
    /// What a call costs the caller.
    Cost, "cost_" {
        /// Free of charge.
        Free = "free",
        /// Charged at the caller's normal rate.
        Paid = "paid",
        /// Not confirmed (a 1900 line may cost more than a normal call).
        Unknown = "unknown",
    }
}

vocabulary! {
    /// The safe-community model a page describes.
    ModelKind, "model_" {
        /// "Làng quê an toàn".
        SafeVillage = "safe-village",
        /// "Tổ dân phố an toàn".
        SafeResidentialGroup = "safe-residential-group",
        /// The inter-agency one-stop first-response model.
        OneStop = "one-stop",
        /// Temporary shelter services.
        Shelter = "shelter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_round_trip() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        let seconds = d.days_since_epoch() * 86_400;
        assert_eq!(Date::from_unix_seconds(seconds), Some(d));
        assert_eq!(Date::from_unix_seconds(seconds + 86_399), Some(d));
        assert_eq!(Date::from_unix_seconds(-1), Date::parse("1969-12-31"));
        // Beyond the calendar: no date (`SOURCE_DATE_EPOCH` is then
        // `config/source-date`, where it was a date of a wrapped year).
        assert_eq!(Date::from_unix_seconds(99_999_999_999_999_999), None);
        assert_eq!(Date::from_unix_seconds(i64::MIN), None);
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::parse("2026-11-29").unwrap().days_since_epoch(),
            20_786
        );
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2023-04-31").is_none());
        assert!(Date::parse("2023-00-10").is_none());
        assert!(Date::parse("2023-01-00").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("23-1-1").is_none());
        assert!(Date::parse("2023-06-2x").is_none());
    }

    #[test]
    fn vocabulary_words_and_keys() {
        assert_eq!(
            ModelKind::SafeResidentialGroup.word(),
            "safe-residential-group"
        );
        assert_eq!(
            ModelKind::SafeResidentialGroup.label_key(),
            "model_safe_residential_group"
        );
        assert_eq!(Category::ALL[0], Category::Emergency);
    }

    #[test]
    fn district_selection_reads_all_or_a_list() {
        let all: DistrictSel =
            crate::read::yaml::parse("all", std::path::Path::new("x"), 1).unwrap();
        assert_eq!(all, DistrictSel::All);
        let some: DistrictSel =
            crate::read::yaml::parse("[ba-dinh, soc-son]", std::path::Path::new("x"), 1).unwrap();
        assert!(some.includes("soc-son") && !some.includes("hoan-kiem"));
    }
}
