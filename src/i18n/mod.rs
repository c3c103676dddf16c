//! The staff-language catalogue: everything loa says to the people who run
//! it (findings, their help and explanations, command output, `--help`), in
//! Vietnamese and English, from Project Fluent files under `src/i18n/<lang>/`
//! embedded in the program.
//!
//! A message is a [`Msg`]: an id and named arguments, formatted only when
//! shown, in the language [`lang`] chose (`LOA_LANG`, then the campaign's
//! `staff_language:`, then the system's locale, then English). The words
//! follow `src/i18n/GLOSSARY.md`.

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub mod report;
pub use report::Reporter;

/// A language loa can speak to staff in (`staff_language: vi` in
/// `site.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The language's code (`vi`, `en`).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language of a code or a locale name (`vi`, `vi_VN.UTF-8`,
    /// `en-US`), if it is one loa speaks.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Vi => 0,
            Lang::En => 1,
        }
    }
}

/// The catalogue's files of each language, in the order they are read.
pub const FILES: [(Lang, &str, &str); 14] = [
    (Lang::Vi, "findings.ftl", include_str!("vi/findings.ftl")),
    (Lang::Vi, "explain.ftl", include_str!("vi/explain.ftl")),
    (Lang::Vi, "commands.ftl", include_str!("vi/commands.ftl")),
    (Lang::Vi, "cli.ftl", include_str!("vi/cli.ftl")),
    (Lang::Vi, "desk.ftl", include_str!("vi/desk.ftl")),
    (Lang::Vi, "editor.ftl", include_str!("vi/editor.ftl")),
    (Lang::Vi, "publish.ftl", include_str!("vi/publish.ftl")),
    (Lang::En, "findings.ftl", include_str!("en/findings.ftl")),
    (Lang::En, "explain.ftl", include_str!("en/explain.ftl")),
    (Lang::En, "commands.ftl", include_str!("en/commands.ftl")),
    (Lang::En, "cli.ftl", include_str!("en/cli.ftl")),
    (Lang::En, "desk.ftl", include_str!("en/desk.ftl")),
    (Lang::En, "editor.ftl", include_str!("en/editor.ftl")),
    (Lang::En, "publish.ftl", include_str!("en/publish.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, made on first use.
static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Lang::ALL.map(bundle));

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().expect("vi and en are language ids");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: terminals show them.
    bundle.set_use_isolating(false);
    for (of, name, text) in FILES {
        if of == lang {
            let resource = FluentResource::try_new(text.to_string())
                .unwrap_or_else(|(_, errors)| panic!("src/i18n/{}/{name}: {errors:?}", of.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("src/i18n/{}/{name}: {errors:?}", of.code()));
        }
    }
    bundle
}

/// The value of one named argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    /// Text, shown as it is (a file name, a key, a value).
    Text(String),
    /// A whole number, which also chooses a plural form.
    Number(i64),
    /// A number with a fraction, written with a decimal point here and
    /// shown with each language's own mark (`4.5` in English, `4,5` in
    /// Vietnamese).
    Decimal(String),
    /// Another message, shown in the same language (`desk: { $line }`).
    Msg(Box<Msg>),
}

/// A number with `places` digits after the decimal mark, as an argument.
pub fn decimal(value: f64, places: usize) -> Arg {
    Arg::Decimal(format!("{value:.places$}"))
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(text.into_owned())
    }
}

impl From<Msg> for Arg {
    fn from(message: Msg) -> Self {
        Arg::Msg(Box::new(message))
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}

impl From<&Path> for Arg {
    fn from(path: &Path) -> Self {
        Arg::Text(crate::error::display_path(path))
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(path: &std::path::PathBuf) -> Self {
        Arg::Text(crate::error::display_path(path))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// A message of the catalogue with its arguments, formatted when shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A [`Msg`]: `msg!("link-broken", target = href)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

impl Msg {
    /// The message `id` with no arguments yet.
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The message's id in the catalogue.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in the chosen language.
    pub fn text(&self) -> String {
        self.text_in(lang())
    }

    /// The message in `lang` (English when a language lacks it, the id
    /// when both do: the catalogue test fails on either).
    pub fn text_in(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Decimal(d) => {
                    let shown = match lang {
                        Lang::Vi => d.replace('.', ","),
                        Lang::En => d.clone(),
                    };
                    args.set(*name, FluentValue::from(shown))
                }
                Arg::Msg(message) => args.set(*name, FluentValue::from(message.text_in(lang))),
            }
        }
        format(lang, self.id, Some(&args))
            .or_else(|| format(Lang::En, self.id, Some(&args)))
            .unwrap_or_else(|| self.id.to_string())
    }
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = &BUNDLES[lang.index()];
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The explanation of the finding code `code` (`link/broken`) in the
/// chosen language: the message `explain-link-broken`.
pub fn explanation(code: &str) -> String {
    let id = format!("explain-{}", code.replace('/', "-"));
    format(lang(), &id, None)
        .or_else(|| format(Lang::En, &id, None))
        .unwrap_or(id)
}

/// The message `id`, named at run time (`cli-build-out`), in the chosen
/// language, if the catalogue has it.
pub fn lookup(id: &str) -> Option<String> {
    format(lang(), id, None).or_else(|| format(Lang::En, id, None))
}

/// Does the catalogue of `lang` have the message `id`?
pub fn has(lang: Lang, id: &str) -> bool {
    BUNDLES[lang.index()].has_message(id)
}

/// The message `id` (without arguments) in the chosen language.
pub fn text(id: &'static str) -> String {
    Msg::new(id).text()
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Compares the text in the chosen language (for tests and checks).
impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// `LOA_LANG`, read once.
static FROM_ENV: OnceLock<Option<Lang>> = OnceLock::new();
/// The campaign's `staff_language:` (0 unset, 1 vi, 2 en).
static CAMPAIGN: AtomicU8 = AtomicU8::new(0);
/// The system's language, read once.
static SYSTEM: OnceLock<Option<Lang>> = OnceLock::new();

/// The language loa speaks to staff in: `LOA_LANG=vi|en`, else the
/// campaign's `staff_language:` (see [`choose_for_campaign`]), else the
/// system's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; on Windows the user
/// interface language), else English.
pub fn lang() -> Lang {
    if let Some(lang) = *FROM_ENV.get_or_init(|| Lang::parse(&std::env::var("LOA_LANG").ok()?)) {
        return lang;
    }
    match CAMPAIGN.load(Ordering::Relaxed) {
        1 => return Lang::Vi,
        2 => return Lang::En,
        _ => {}
    }
    SYSTEM.get_or_init(system_lang).unwrap_or(Lang::En)
}

/// The language the person chose: `LOA_LANG`, else the campaign's
/// `staff_language:`; `None` when neither says (the locale is not a
/// choice made for this campaign).
pub fn chosen() -> Option<Lang> {
    if let Some(lang) = *FROM_ENV.get_or_init(|| Lang::parse(&std::env::var("LOA_LANG").ok()?)) {
        return Some(lang);
    }
    match CAMPAIGN.load(Ordering::Relaxed) {
        1 => Some(Lang::Vi),
        2 => Some(Lang::En),
        _ => None,
    }
}

/// Adopts the `staff_language:` of the campaign in `root`, read from the
/// top level of its `content/site.yaml` on its own, so it holds even when
/// the rest of that file has errors (which the settings check reports).
pub fn choose_for_campaign(root: &Path) {
    let text = std::fs::read_to_string(root.join("content").join("site.yaml")).unwrap_or_default();
    set_campaign(staff_language(&text));
}

/// Sets (or with `None` clears) the campaign's choice.
pub fn set_campaign(lang: Option<Lang>) {
    let value = match lang {
        None => 0,
        Some(Lang::Vi) => 1,
        Some(Lang::En) => 2,
    };
    CAMPAIGN.store(value, Ordering::Relaxed);
}

/// The value of a top-level `staff_language: vi` line, if it names a
/// language loa speaks.
pub fn staff_language(site_yaml: &str) -> Option<Lang> {
    site_yaml.lines().find_map(|line| {
        let value = line.strip_prefix("staff_language:")?;
        let value = value.split('#').next().unwrap_or("").trim();
        Lang::parse(value.trim_matches(['"', '\'']))
    })
}

/// The locale's language: the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set decides (as POSIX does); on Windows, without them,
/// the user interface language.
fn system_lang() -> Option<Lang> {
    // Unit tests do not depend on the machine's locale.
    if cfg!(test) {
        return None;
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(name)
            && !value.is_empty()
        {
            return Lang::parse(&value);
        }
    }
    ui_language().as_deref().and_then(Lang::parse)
}

/// Windows' user interface language (`vi-VN`).
#[cfg(windows)]
fn ui_language() -> Option<String> {
    sys_locale::get_locale()
}

/// Elsewhere the environment's locale is the answer.
#[cfg(not(windows))]
fn ui_language() -> Option<String> {
    None
}

#[cfg(test)]
mod tests;
