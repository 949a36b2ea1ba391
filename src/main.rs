use std::path::PathBuf;
use std::process::ExitCode;

use bimtek::commands::outputs::{self, CarryArgs};
use bimtek::commands::{self, Ctx, NewArgs};
use bimtek::domain::{Lang, SessionDate, Stage};
use bimtek::export::Format;
use bimtek::i18n::strings;
use bimtek::store::dirs::sessions_dir;
use bimtek::tui::Clock;
use bimtek::ui::theme::GlyphLevel;
use clap::{Parser, Subcommand};

/// Run Smart City masterplan workshops (Bimtek I–IV) on a projector, offline.
#[derive(Parser)]
#[command(name = "bimtek", version, about)]
struct Cli {
    /// Folder of session files [default: $BIMTEK_SESSIONS_DIR, else the user's data folder]
    #[arg(long, global = true, value_name = "DIR")]
    sessions_dir: Option<PathBuf>,
    /// Language of the screens: id (Bahasa Indonesia) or en [default: the last one chosen, else id]
    #[arg(long, global = true, value_name = "id|en")]
    lang: Option<Lang>,
    /// Colour theme: gelap, terang (light, for projectors), kontras, or one of your own
    #[arg(long, global = true, value_name = "NAME")]
    theme: Option<String>,
    /// Characters the console can show: full, block (the classic Windows console) or ascii
    /// (the Linux text console) [default: config.ron, else detected]
    #[arg(long, global = true, value_name = "full|block|ascii")]
    glyphs: Option<GlyphLevel>,
    /// Start in projector mode: big title, no notes or key hints
    #[arg(long, global = true)]
    projector: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Create a session; prints its path as the last line
    New {
        /// Regency or city, e.g. "Kabupaten Halmahera Utara" [with --from: the earlier session's]
        #[arg(long, required_unless_present = "from")]
        region: Option<String>,
        /// Bimtek stage: 1 to 4 (or I to IV) [with --from: the stage after the earlier session's]
        #[arg(long, required_unless_present = "from")]
        stage: Option<Stage>,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<SessionDate>,
        #[arg(long)]
        venue: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// Your own agenda template (RON) instead of the built-in one for the stage
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Carry an earlier session forward: its roster, readiness scores and chosen programs
        #[arg(long, value_name = "PREV.ron")]
        from: Option<PathBuf>,
    },
    /// Write a session as Markdown, HTML (to print to PDF), CSV (for Excel) or Word
    Export {
        path: PathBuf,
        #[arg(long, value_name = "md|html|csv|docx")]
        format: Format,
        /// The file to write [default: beside the session file, NAME.md, NAME.html, ...]
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
    },
    /// Fold breakout groups' copies of a session into TARGET (the version before is kept as a backup)
    Merge {
        target: PathBuf,
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        /// Merge even sessions that do not come from the same session
        #[arg(long)]
        force: bool,
    },
    /// Open a session file on screen
    Open {
        path: PathBuf,
        /// Only look: no lock is taken and nothing is written (for a session open elsewhere)
        #[arg(long)]
        read_only: bool,
    },
    /// List a session's backups (newest first), or put one back with --backup N
    Restore {
        path: PathBuf,
        /// The number of the backup to restore, as listed (1 = the newest)
        #[arg(long, value_name = "N")]
        backup: Option<usize>,
    },
    /// List the sessions folder: path, region, stage, date, entries
    List,
    /// Validate a session file
    Check { path: PathBuf },
    /// Add entries from a CSV file (header: pillar,element,kind,text,proposer,opd); all rows or none
    Import {
        path: PathBuf,
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
    },
    /// Audience view for a second screen: follows PATH live as the facilitator saves it; read-only
    Present { path: PathBuf },
    /// Open a copy of the sample session (Kabupaten Halmahera Utara, Bimtek I)
    Demo {
        /// Start again from a fresh copy of the sample
        #[arg(long)]
        reset: bool,
    },
}

fn fail(message: &str) -> ExitCode {
    // No prefix: a located error stays `file:line:col: why`, which editors can jump to.
    eprintln!("{message}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    // The local time zone can only be read safely before any other thread starts.
    let clock = Clock::local();
    let cli = Cli::parse();
    let (lang, look, warnings) = commands::settings(cli.lang, cli.theme.as_deref(), cli.glyphs, cli.projector);
    for w in warnings {
        eprintln!("{w}");
    }
    let ctx = Ctx {
        lang,
        dir: sessions_dir(cli.sessions_dir),
        clock,
        look,
    };
    let done = |r: Result<(), String>| r.map_or_else(|e| fail(&e), |()| ExitCode::SUCCESS);
    match cli.command {
        None => done(commands::home(&ctx)),
        Some(Command::New {
            region,
            stage,
            date,
            venue,
            title,
            template,
            from,
        }) => {
            let made = match (from, region, stage) {
                (Some(from), region, stage) => outputs::new_from(
                    &ctx,
                    &from,
                    CarryArgs {
                        region,
                        stage,
                        date,
                        venue,
                        title,
                        template,
                    },
                ),
                (None, Some(region), Some(stage)) => commands::new(
                    &ctx,
                    NewArgs {
                        region,
                        stage,
                        date,
                        venue,
                        title,
                        template,
                    },
                )
                .map(|path| (vec![strings(ctx.lang).cli_created.clone()], path)),
                // clap asks for both unless --from is given.
                (None, _, _) => return ExitCode::from(2),
            };
            match made {
                Ok((lines, path)) => {
                    for l in lines {
                        println!("{l}");
                    }
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Some(Command::Export {
            path,
            format,
            output,
            force,
        }) => match outputs::export(&ctx, &path, format, output.as_deref(), force) {
            Ok(out) => {
                println!("{}", strings(ctx.lang).out_written);
                println!("{}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::Merge { target, sources, force }) => match outputs::merge(&ctx, &target, &sources, force) {
            Ok(lines) => {
                for l in lines {
                    println!("{l}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::Open { path, read_only }) => done(commands::open(&ctx, &path, read_only)),
        Some(Command::Restore { path, backup: None }) => {
            for line in commands::backups(&ctx, &path) {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Some(Command::Restore { path, backup: Some(n) }) => match commands::restore(&ctx, &path, n) {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::List) => {
            let lines = commands::list(&ctx);
            if lines.is_empty() {
                eprintln!(
                    "{}",
                    bimtek::i18n::fill(
                        &strings(ctx.lang).cli_no_sessions,
                        &[("path", &ctx.dir.display().to_string())]
                    )
                );
            }
            for l in lines {
                println!("{l}");
            }
            ExitCode::SUCCESS
        }
        Some(Command::Check { path }) => match commands::check(&ctx, &path) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::Import { path, csv }) => match commands::import(&ctx, &path, &csv) {
            Ok(msg) => {
                println!("{msg}");
                ExitCode::SUCCESS
            }
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                ExitCode::from(1)
            }
        },
        Some(Command::Demo { reset }) => done(commands::demo(&ctx, reset)),
        Some(Command::Present { path }) => done(commands::present(&ctx, &path)),
    }
}
