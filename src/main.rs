use std::path::PathBuf;
use std::process::ExitCode;

use bimtek::commands::outputs::{self, CarryArgs};
use bimtek::commands::{self, Ctx, NewArgs};
use bimtek::domain::{Lang, SessionDate, Stage};
use bimtek::export::Format;
use bimtek::i18n::strings;
use bimtek::ops::{Clock, Start};
use bimtek::store::dirs::sessions_dir;
use bimtek::theme::GlyphLevel;
use bimtek::tui;
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
    /// Append a log of saves, locks and recoveries to FILE (also `log` in config.ron)
    #[arg(long, global = true, value_name = "FILE")]
    log: Option<PathBuf>,
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
        /// A ministry mentor (tim pembimbing); give it once per mentor
        #[arg(long = "mentor", value_name = "NAME")]
        mentors: Vec<String>,
        /// Your own agenda template (RON) instead of the built-in one for the stage
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Carry an earlier session forward: its roster, readiness scores and chosen programs
        #[arg(long, value_name = "PREV.ron")]
        from: Option<PathBuf>,
        /// Kemendagri code of the region: 82.03 (regency/city) or 82 (province)
        #[arg(long, value_name = "KODE")]
        region_code: Option<String>,
    },
    /// Write a session as Markdown, HTML (to print to PDF), CSV (for Excel) or Word
    Export {
        path: PathBuf,
        #[arg(long, value_name = "md|html|csv|docx")]
        format: Format,
        /// The file to write [default: beside the session file, NAME.md, NAME.html, ...]
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists (never a session file)
        #[arg(long)]
        force: bool,
        /// One book over the whole masterplan: the earlier (and later) stages' sessions are found in
        /// the same folder by their lineage [default output: NAME.buku.md, ...]
        #[arg(long)]
        book: bool,
        /// With --book: other session files of the masterplan, kept elsewhere
        #[arg(long = "with", value_name = "OTHER.ron", requires = "book")]
        with: Vec<PathBuf>,
        /// The CSV's cell separator: ',' (default) or ';' (Excel with Indonesian regional settings)
        #[arg(long, value_name = "SEP", value_parser = parse_csv_sep)]
        csv_sep: Option<u8>,
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
    /// Many sessions (files or folders, searched through) as one dataset: Parquet and CSV tables
    /// with datapackage.json and a README, for DuckDB, Spark and pandas
    Dataset {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The folder to write (made if missing)
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Stop, writing nothing, if any session file does not load
        #[arg(long)]
        strict: bool,
        /// Include people's names (otherwise only pseudonyms)
        #[arg(long)]
        with_names: bool,
        /// Replace the dataset files already in OUT
        #[arg(long)]
        force: bool,
    },
    /// Open a session file on screen
    Open {
        path: PathBuf,
        /// Only look: no lock is taken and nothing is written (for a session open elsewhere)
        #[arg(long, conflicts_with = "room")]
        read_only: bool,
        /// Serve the room: participants send ideas and votes from their phones on the venue network
        #[arg(long)]
        room: bool,
        /// The room listens on this address only (e.g. 127.0.0.1); all of the laptop's by default
        #[arg(long, value_name = "ADDR", requires = "room")]
        bind: Option<std::net::IpAddr>,
        /// The room's port
        #[arg(long, value_name = "N", requires = "room", default_value_t = bimtek::room::DEFAULT_PORT)]
        port: u16,
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
    /// Open a copy of a sample session (Kabupaten Halmahera Utara, Bimtek I; II–IV with --stage)
    Demo {
        /// Which stage's sample: 1 to 4 (or I to IV) [default: 1]
        #[arg(long)]
        stage: Option<Stage>,
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
    let commands::Settings {
        lang,
        look,
        keys,
        warnings,
        log,
    } = commands::settings(cli.lang, cli.theme.as_deref(), cli.glyphs, cli.projector);
    let log_problem = commands::start_log(lang, cli.log.or(log).as_deref());
    for w in warnings.into_iter().chain(log_problem) {
        eprintln!("{w}");
    }
    let ctx = Ctx {
        lang,
        dir: sessions_dir(cli.sessions_dir),
        clock,
        look,
        keys,
    };
    let done = |r: Result<(), String>| r.map_or_else(|e| fail(&e), |()| ExitCode::SUCCESS);
    // The subcommands that show a screen say what to start on; the terminal shell runs it.
    let screen = |start: Result<Start, String>| {
        done(start.and_then(|start| {
            tui::run(
                ctx.lang,
                ctx.dir.clone(),
                start,
                ctx.clock,
                ctx.look.clone(),
                ctx.keys.clone(),
            )
        }))
    };
    match cli.command {
        None => screen(Ok(Start::Home)),
        Some(Command::New {
            region,
            stage,
            date,
            venue,
            title,
            mentors,
            template,
            from,
            region_code,
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
                        mentors: mentors.clone(),
                        region_code,
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
                        mentors: mentors.clone(),
                        region_code,
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
            csv_sep,
            book,
            with,
        }) => match if book {
            outputs::export_book(&ctx, &path, &with, format, output.as_deref(), force)
        } else {
            outputs::export(
                &ctx,
                &path,
                format,
                output.as_deref(),
                force,
                bimtek::export::Options {
                    csv_sep: csv_sep.unwrap_or(b','),
                },
            )
        } {
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
        Some(Command::Dataset {
            paths,
            output,
            strict,
            with_names,
            force,
        }) => {
            let report = commands::dataset::dataset(
                &ctx,
                commands::dataset::DatasetArgs {
                    paths,
                    out: output,
                    strict,
                    with_names,
                    force,
                },
            );
            for line in report.skipped {
                eprintln!("{line}");
            }
            match report.result {
                Ok(lines) => {
                    for l in lines {
                        println!("{l}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Some(Command::Open {
            path,
            read_only,
            room,
            bind,
            port,
        }) => {
            let room = room.then(|| bimtek::room::Config {
                bind,
                port,
                ..bimtek::room::Config::default()
            });
            screen(commands::open(&ctx, &path, read_only, room))
        }
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
        Some(Command::Demo { stage, reset }) => screen(commands::demo(&ctx, stage, reset)),
        Some(Command::Present { path }) => done(tui::present::run(
            ctx.lang,
            path,
            ctx.clock,
            ctx.look.clone(),
            ctx.keys.clone(),
        )),
    }
}

/// `--csv-sep`: one of the separators spreadsheets read.
fn parse_csv_sep(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        other => Err(format!("'{other}' is not a CSV separator (use ',' or ';')")),
    }
}
