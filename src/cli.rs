//! The command line: one clap struct per subcommand, in plain words.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// loa builds accessible, bilingual campaign websites: one site for each
/// district, from Markdown pages and YAML files in a `content/` folder.
#[derive(Debug, Parser)]
///
/// Without a command, loa opens the editor's desk of the campaign in this
/// folder in your browser (or offers to start one).
#[command(
    name = "loa",
    version,
    about,
    long_about = None,
    propagate_version = true,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a command, open the editor's desk.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a command: do not open the browser (also LOA_NO_BROWSER=1).
    #[arg(long)]
    pub no_open: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every district's website into a folder (public/ by default).
    Build(BuildCmd),
    /// Check the campaign before publishing: links, translations, hotlines,
    /// accessibility. Writes nothing.
    Check(CheckCmd),
    /// Start a new page from a title: loa new skill "Kỹ năng đường dây nóng".
    New(NewCmd),
    /// Start a new campaign in a new or empty folder: it builds and passes
    /// `loa check` at once.
    Init(InitCmd),
    /// Preview the campaign in your browser while you edit it; pages reload
    /// by themselves when you save.
    Serve(ServeCmd),
    /// Build, then publish each district to the target in its district
    /// file (deploy: in content/districts/<slug>.yaml): only changed files
    /// are sent, removed files are deleted last.
    Deploy(DeployCmd),
    /// Write loa's manual pages (loa.1, loa-build.1 …) into a folder; the
    /// Debian package installs them.
    #[command(hide = true)]
    Man(ManCmd),
}

/// `loa man` (hidden: for packagers).
#[derive(Debug, Args)]
pub struct ManCmd {
    /// The folder to write the pages into (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `loa deploy`.
#[derive(Debug, Args)]
pub struct DeployCmd {
    /// The campaign folder: the one holding content/ (default: this folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where the build writes the websites before they are sent (default:
    /// public/ in the campaign folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Publish only this district; repeat for more (default: every
    /// district with a deploy: target).
    #[arg(long = "district", value_name = "SLUG")]
    pub districts: Vec<String>,
    /// Only list what would be sent and deleted; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Send every file, even those already there.
    #[arg(long)]
    pub force: bool,
    /// Let loa replace files at the target that it did not put there (it
    /// refuses otherwise, and lists them), and delete them later when the
    /// site no longer has them.
    #[arg(long)]
    pub adopt: bool,
    /// Refuse to publish a campaign that fails `loa check --strict` (such
    /// as example hotline data).
    #[arg(long)]
    pub strict: bool,
}

/// `loa serve`.
#[derive(Debug, Args)]
pub struct ServeCmd {
    /// The campaign folder: the one holding content/ (default: this folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Preview only this district.
    #[arg(long, value_name = "SLUG")]
    pub district: Option<String>,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Only this computer can see the preview
    /// unless you give another address (drafts would then be visible).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

/// How `loa check` prints its findings.
#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum Format {
    /// For people: grouped by file, with a summary.
    #[default]
    Human,
    /// For programs: JSON (see `loa check --schema`).
    Json,
}

/// `loa check`.
#[derive(Debug, Args)]
pub struct CheckCmd {
    /// The campaign folder: the one holding content/ (default: this folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Check only this district; repeat for more.
    #[arg(long = "district", value_name = "SLUG")]
    pub districts: Vec<String>,
    /// Count warnings as errors (use this before publishing, and in CI).
    #[arg(long)]
    pub strict: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also list every link to another website (they are never fetched).
    #[arg(long)]
    pub list_external: bool,
    /// Print the JSON Schema of `--format json` and stop.
    #[arg(long)]
    pub schema: bool,
    /// Explain a finding code (such as `link/broken`) and stop; without a
    /// code, list every code.
    #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
}

/// What kind of page `loa new` makes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    /// A practical guide (in skills/).
    Skill,
    /// A safe-community model (in models/).
    Model,
    /// A general page (in pages/).
    Page,
    /// A news item, dated today (in news/).
    News,
}

/// `loa new`.
#[derive(Debug, Args)]
pub struct NewCmd {
    /// What kind of page.
    pub kind: NewKind,
    /// The page's title, in quotes; its file name is made from it.
    pub title: String,
    /// Make the page for one district only (its file name without .yaml).
    #[arg(long, value_name = "SLUG")]
    pub district: Option<String>,
    /// The language of the page, e.g. en for the English translation
    /// (default: the campaign's first language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The campaign folder: the one holding content/ (default: this folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// `loa init`.
#[derive(Debug, Args)]
pub struct InitCmd {
    /// The folder for the new campaign (default: this folder, if empty).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The campaign's languages, the first the default: vi,en or en,vi;
    /// other languages start with the English text to translate.
    #[arg(
        long,
        value_name = "CODES",
        value_delimiter = ',',
        default_value = "vi,en"
    )]
    pub lang: Vec<String>,
    /// The campaign's name (the sites' title) in the first language, in
    /// quotes. Other languages get it too until translated (`loa check`
    /// reminds you), unless given: --name-en for English.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The campaign's name in English, in quotes.
    #[arg(long, value_name = "NAME")]
    pub name_en: Option<String>,
    /// Also write the forge's workflow that checks every change and
    /// publishes the main branch; in a folder that holds a campaign
    /// already, write only that.
    #[arg(long, value_enum, value_name = "FORGE")]
    pub ci: Option<Forge>,
    /// The SHA-256 of the release's Linux program for CI, from the
    /// release's SHA256SUMS (needed only by a loa built from source).
    #[arg(long, value_name = "HEX", requires = "ci")]
    pub loa_sha256: Option<String>,
}

/// The forges `loa init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Forge {
    /// GitHub Actions (.github/workflows/loa.yml).
    Github,
    /// GitLab CI/CD (.gitlab-ci.yml).
    Gitlab,
}

/// `loa build`.
#[derive(Debug, Args)]
pub struct BuildCmd {
    /// The campaign folder: the one holding content/ (default: this folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the websites (default: public/ in the campaign folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build only this district (its file name without .yaml); repeat for more.
    #[arg(long = "district", value_name = "SLUG")]
    pub districts: Vec<String>,
    /// Make every link end in index.html, so the folder works when opened
    /// from a USB stick or a disk, without a web server.
    #[arg(long)]
    pub offline: bool,
    /// Also write two zips per district beside its folder, each with its
    /// SHA-256 (the same bytes for the same site): <slug>.zip to upload to
    /// a host, <slug>-offline.zip that works opened from a folder or a USB
    /// stick (links end in index.html).
    #[arg(long)]
    pub zip: bool,
}

/// The command line with its help in the staff's language: each command's
/// `about` from `cli-<command>-about`, each option's help from
/// `cli-<command>-<option>` (`cli-build-out`), and clap's own words (usage,
/// headings, `--help`, `--version`) from the catalogue. The derive's
/// English doc comments stay for the manual pages.
pub fn localized() -> clap::Command {
    use clap::CommandFactory;
    localize(Cli::command(), "")
}

fn localize(command: clap::Command, path: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    use loa::i18n::{lookup, text};
    let key = |suffix: &str| {
        if path.is_empty() {
            format!("cli-{suffix}")
        } else {
            format!("cli-{path}-{suffix}")
        }
    };
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text("cli-usage")
        ))
        .subcommand_help_heading(text("cli-commands"))
        .subcommand_value_name(text("cli-command"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("cli-help")),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("cli-version")),
        );
    }
    if let Some(about) = lookup(&key("about")) {
        command = command.about(about);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = lookup(&key(&id.replace('_', "-")));
        command = command.mut_arg(id.as_str(), |arg| {
            let heading = if arg.is_positional() {
                text("cli-arguments")
            } else {
                text("cli-options")
            };
            let arg = arg.help_heading(heading);
            // The catalogue's help names the values in words; the
            // derive's own descriptions of them are English.
            let arg = if help.is_some()
                && arg.get_action().takes_values()
                && !arg.get_possible_values().is_empty()
            {
                arg.hide_possible_values(true)
            } else {
                arg
            };
            match help {
                // The help says what the default is, in words.
                Some(help) if help.contains(&text("cli-default")) => {
                    arg.help(help).hide_default_value(true)
                }
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |sub| localize(sub, &name));
    }
    command
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use loa::i18n::{FILES, Lang, has};

    /// Every `cli-…` id a command or option needs, by walking the commands.
    fn needed(command: &clap::Command, path: &str, out: &mut Vec<String>) {
        let key = |suffix: &str| {
            if path.is_empty() {
                format!("cli-{suffix}")
            } else {
                format!("cli-{path}-{suffix}")
            }
        };
        out.push(key("about"));
        for arg in command.get_arguments() {
            out.push(key(&arg.get_id().to_string().replace('_', "-")));
        }
        for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
            needed(sub, sub.get_name(), out);
        }
    }

    #[test]
    fn every_command_and_option_has_help_in_both_languages_and_no_more() {
        let mut ids = vec![
            "cli-usage".to_string(),
            "cli-command".into(),
            "cli-default".into(),
            "cli-commands".into(),
            "cli-options".into(),
            "cli-arguments".into(),
            "cli-help".into(),
            "cli-version".into(),
        ];
        needed(&super::Cli::command(), "", &mut ids);
        for lang in Lang::ALL {
            for id in &ids {
                assert!(has(lang, id), "{id} is missing in {}", lang.code());
            }
        }
        for (_, name, text) in FILES {
            for line in text.lines().filter(|l| l.starts_with("cli-")) {
                let id = line.split(' ').next().unwrap();
                assert!(
                    ids.iter().any(|i| i == id),
                    "{name}: {id} names no command or option"
                );
            }
        }
    }

    /// Each command's help renders (clap checks the settings as it
    /// builds them) and lists its options.
    #[test]
    fn every_help_renders() {
        let mut command = super::localized();
        command.build();
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let sub = command.find_subcommand_mut(&name).unwrap();
            let help = sub.render_long_help().to_string();
            assert!(help.contains("--help"), "{name}: {help}");
        }
    }
}
