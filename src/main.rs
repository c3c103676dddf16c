//! The `loa` binary: parses the command line, runs the command with the
//! terminal as its reporter, prints its result, errors and warnings, and
//! sets the exit code (0 ok, 1 content errors, 2 usage errors).

#![allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    reason = "the binary prints results and errors; the library reports through a Reporter"
)]

mod cli;
mod cli_error;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use cli::{
    BuildCmd, CheckCmd, Cli, Command, DeployCmd, Forge, Format, InitCmd, ManCmd, NewCmd, NewKind,
    ServeCmd,
};
use loa::check::report::{self, Style};
use loa::cmd::build::{self, BuildArgs};
use loa::cmd::check::{self, CheckArgs};
use loa::cmd::deploy::{self, DeployArgs};
use loa::cmd::init::{self, InitArgs};
use loa::cmd::new::{self, Kind, NewArgs};
use loa::cmd::serve::{self, ServeArgs};
use loa::error::printable;
use loa::i18n::report::Terminal;
use loa::i18n::{Reporter, text};
use loa::msg;
use loa::{Diagnostic, Error};

/// mimalloc instead of the system's allocator: a build allocates and frees
/// millions of small strings and template values (glibc's malloc, realloc
/// and free took 16 % of a build's instructions; see README "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The help is in the campaign's staff language too: its folder is read
    // from the command line before the command line is parsed.
    loa::i18n::choose_for_campaign(&root_arg(std::env::args_os()));
    let parsed = cli::localized()
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() || help_shown(&err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
        Err(err) => return usage_error(&err),
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => report_error(&err),
    }
}

/// Does clap answer `err` with the (localised) help itself?
fn help_shown(err: &clap::Error) -> bool {
    err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
}

/// A command line clap could not parse: what was wrong and what to type,
/// in the staff language; exit code 2.
fn usage_error(err: &clap::Error) -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let commands: Vec<String> = cli::localized()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let (what, help) = cli_error::message(err, &cli_error::command_of(&args, &commands));
    eprintln!(
        "{}: {}\n{}",
        text("word-error"),
        printable(&what.text(), true),
        printable(&help.text(), true)
    );
    ExitCode::from(2)
}

/// The folder `--root DIR` (or `--root=DIR`) names, else this folder.
fn root_arg(args: impl Iterator<Item = std::ffi::OsString>) -> std::path::PathBuf {
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        if arg == "--root" {
            return args.next().map(Into::into).unwrap_or_else(|| ".".into());
        }
        if let Some(root) = arg.to_str().and_then(|a| a.strip_prefix("--root=")) {
            return root.into();
        }
    }
    ".".into()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let Some(command) = cli.command else {
        return desk(cli.no_open);
    };
    // The campaign's `staff_language:` decides the language loa speaks in
    // (after `LOA_LANG`), before anything is read or said.
    match &command {
        Command::Build(BuildCmd { root, .. })
        | Command::Check(CheckCmd { root, .. })
        | Command::Serve(ServeCmd { root, .. })
        | Command::Deploy(DeployCmd { root, .. })
        | Command::New(NewCmd { root, .. }) => loa::i18n::choose_for_campaign(root),
        Command::Init(InitCmd { dir, .. }) => loa::i18n::choose_for_campaign(dir),
        Command::Man(_) => {}
    }
    match command {
        Command::Build(cmd) => build(cmd),
        Command::Check(cmd) => check(cmd),
        Command::Serve(cmd) => serve(cmd),
        Command::Init(cmd) => init(cmd),
        Command::Deploy(cmd) => deploy(cmd),
        Command::New(cmd) => new(cmd),
        Command::Man(cmd) => man(cmd),
    }
}

/// `loa` alone: the editor's desk in the browser.
fn desk(no_open: bool) -> Result<ExitCode, Error> {
    let args = loa::cmd::desk::DeskArgs {
        here: std::path::PathBuf::from("."),
        no_open,
    };
    loa::cmd::desk::run(&args, Arc::new(Terminal::new()))?;
    Ok(ExitCode::SUCCESS)
}

/// The manual pages, made from the same definitions as `--help`: loa.1
/// and one page per command (loa-build.1 …).
fn man(cmd: ManCmd) -> Result<ExitCode, Error> {
    use clap::CommandFactory;
    std::fs::create_dir_all(&cmd.dir).map_err(|e| Error::write(&cmd.dir, e))?;
    let command = Cli::command();
    let mut pages = vec![("loa".to_string(), command.clone())];
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = format!("loa-{}", sub.get_name());
        let sub = sub.clone().bin_name(format!("loa {}", sub.get_name()));
        pages.push((name, sub));
    }
    for (name, page) in pages {
        let path = cmd.dir.join(format!("{name}.1"));
        let mut roff = Vec::new();
        clap_mangen::Man::new(page)
            .title(name)
            .render(&mut roff)
            .and_then(|()| std::fs::write(&path, roff))
            .map_err(|e| Error::write(&path, e))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn build(cmd: BuildCmd) -> Result<ExitCode, Error> {
    let out = cmd.out.unwrap_or_else(|| cmd.root.join("public"));
    let args = BuildArgs {
        root: cmd.root,
        out: out.clone(),
        districts: cmd.districts,
        offline: cmd.offline,
        zip: cmd.zip,
    };
    let terminal = Terminal::new();
    // The process ends after a build: freeing every page one by one would
    // only cost time.
    let built = std::mem::ManuallyDrop::new(build::run(&args, &terminal)?);
    let report = &built.report;
    print_diagnostics(&report.warnings);
    if std::env::var_os("LOA_TIMINGS").is_some() {
        for (what, took) in &report.timings {
            eprintln!("{:>8.1} ms  {what}", took.as_secs_f64() * 1000.0);
        }
    }
    terminal.note(msg!(
        "build-done",
        districts = report.districts,
        languages = report.languages,
        pages = report.pages,
        files = report.files,
        seconds = loa::i18n::decimal(report.elapsed.as_secs_f64(), 2),
        folder = out.as_path()
    ));
    if report.images_processed + report.images_cached > 0 {
        terminal.note(msg!(
            "build-pictures",
            processed = report.images_processed,
            cached = report.images_cached
        ));
    }
    if let Some(note) = &report.drafts_note {
        println!("{note}");
    }
    let committed = &report.committed;
    if !committed.kept.is_empty() {
        terminal.note(msg!(
            "build-kept",
            folder = out.as_path(),
            files = committed.kept.join(", ")
        ));
    }
    if !committed.replaced.is_empty() {
        terminal.warn(msg!(
            "build-replaced",
            files = committed.replaced.join(", ")
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn check(cmd: CheckCmd) -> Result<ExitCode, Error> {
    if cmd.schema {
        print!("{}", report::SCHEMA);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(code) = &cmd.explain {
        print!("{}", report::explain(code)?);
        return Ok(ExitCode::SUCCESS);
    }
    let args = CheckArgs {
        root: cmd.root,
        districts: cmd.districts,
        strict: cmd.strict,
    };
    let result = check::run(&args, &Terminal::new())?;
    match cmd.format {
        Format::Human => print!(
            "{}",
            report::human(&result, cmd.list_external, Style::for_stdout())
        ),
        Format::Json => print!("{}", report::json(&result)),
    }
    Ok(if result.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn serve(cmd: ServeCmd) -> Result<ExitCode, Error> {
    let args = ServeArgs {
        root: cmd.root,
        district: cmd.district,
        bind: cmd.bind,
        port: cmd.port,
    };
    serve::run(&args, Arc::new(Terminal::new()))?;
    Ok(ExitCode::SUCCESS)
}

fn init(cmd: InitCmd) -> Result<ExitCode, Error> {
    let args = InitArgs {
        dir: cmd.dir.clone(),
        languages: cmd.lang,
        name: cmd.name,
        name_en: cmd.name_en,
        ci: cmd.ci.map(|forge| match forge {
            Forge::Github => init::ci::Forge::GitHub,
            Forge::Gitlab => init::ci::Forge::GitLab,
        }),
        loa_sha256: cmd.loa_sha256,
    };
    let files = init::run(&args)?;
    if let [only] = files.as_slice()
        && args.ci.is_some_and(|forge| forge.path() == only)
    {
        println!(
            "{}",
            msg!("init-ci-added", file = only, folder = cmd.dir.as_path())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let untranslated = args.untranslated_name();
    println!(
        "{}",
        msg!(
            "init-created",
            count = files.len(),
            folder = cmd.dir.as_path()
        )
    );
    if !untranslated.is_empty() {
        println!(
            "{}",
            msg!(
                "init-untranslated",
                languages = untranslated.join("`, `"),
                first = &args.languages[0]
            )
        );
    }
    println!("{}", msg!("init-next", folder = cmd.dir.as_path()));
    Ok(ExitCode::SUCCESS)
}

fn deploy(cmd: DeployCmd) -> Result<ExitCode, Error> {
    let out = cmd.out.unwrap_or_else(|| cmd.root.join("public"));
    let args = DeployArgs {
        root: cmd.root,
        out,
        districts: cmd.districts,
        dry_run: cmd.dry_run,
        force: cmd.force,
        adopt: cmd.adopt,
        strict: cmd.strict,
    };
    deploy::run(&args, &Terminal::new())?;
    Ok(ExitCode::SUCCESS)
}

fn new(cmd: NewCmd) -> Result<ExitCode, Error> {
    let kind = match cmd.kind {
        NewKind::Skill => Kind::Skill,
        NewKind::Model => Kind::Model,
        NewKind::Page => Kind::Page,
        NewKind::News => Kind::News,
    };
    let args = NewArgs {
        root: cmd.root,
        kind,
        title: cmd.title,
        district: cmd.district,
        lang: cmd.lang,
        stem: None,
    };
    let path = new::run(&args)?;
    println!("{}", msg!("new-created", file = &path));
    println!("{}", text("new-draft"));
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}", printable(&d.to_string(), true));
    }
}

fn report_error(err: &Error) -> ExitCode {
    match err {
        Error::Content(diagnostics) => {
            print_diagnostics(diagnostics);
            eprintln!("{}: {err}", text("word-error"));
            ExitCode::from(1)
        }
        Error::Usage(message) => {
            eprintln!(
                "{}: {}",
                loa::i18n::text("word-error"),
                printable(&message.text(), true)
            );
            ExitCode::from(2)
        }
        other => {
            let mut message = other.to_string();
            let mut source = std::error::Error::source(other);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            // A remote server's answer may be part of the message: no
            // escape sequence of its reaches the terminal.
            eprintln!("{}: {}", text("word-error"), printable(&message, true));
            ExitCode::from(1)
        }
    }
}
