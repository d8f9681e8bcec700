//! The command line: `serve`, `migrate`, `backup`, `restore`, `compress-assets`,
//! `create-admin`, `seed-demo`, `seed-responses`, `report`, `export`.

use crate::web::{AppState, router};
use clap::{Parser, Subcommand};
use shared::account::Role;
use std::io::{Read, Write};
use yoriai_core::Core;
use yoriai_core::config::Config;
use yoriai_core::db::{Db, Store};
use yoriai_core::demo;
use yoriai_core::error::{Error, Result};

/// Yoriai: surveys and local networks for a ward office.
#[derive(Debug, Parser)]
#[command(name = "yoriai", version)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A sub-command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrates the database and serves the application.
    Serve {
        /// Loads the demo data (districts, centres, a staff account, a survey) when the
        /// database is new.
        #[arg(long)]
        demo: bool,
    },
    /// Brings the database schema up to date, then exits.
    Migrate,
    /// Writes a consistent copy of the SQLite database to a new file, while the server goes on
    /// serving (for PostgreSQL it says how to use pg_dump).
    Backup {
        /// The file to write (must not exist).
        #[arg(long)]
        output: std::path::PathBuf,
    },
    /// Puts a backup in place of the SQLite database; refused while a server runs on it. The
    /// database it replaces is kept beside it.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Writes brotli copies of the site's scripts, styles and images beside them (`serve` does
    /// it at start when it may write there; a package does it when it is built).
    CompressAssets {
        /// The folder (the built site's `pkg`).
        dir: std::path::PathBuf,
    },
    /// Creates an administrator; the password is read from standard input.
    CreateAdmin {
        /// The administrator's e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown for them.
        #[arg(long)]
        name: String,
    },
    /// Loads the demo data (safe to repeat; refused for a database with real accounts).
    SeedDemo,
    /// Imports wards, their districts (in order) and community centres from a CSV file (see
    /// docs/examples/kokura-minami-places.csv): all of it, or nothing and every problem listed.
    ImportPlaces {
        /// The CSV file (UTF-8, header row).
        file: std::path::PathBuf,
    },
    /// Adds synthetic responses to a published survey (for benchmarks and demonstrations):
    /// realistic skews, every question kind, valid for the survey.
    SeedResponses {
        /// The survey's slug.
        #[arg(long)]
        survey: String,
        /// How many responses to add.
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// The random seed (the same seed gives the same responses; numbering continues from
        /// the responses already seeded).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Spread the responses over this many days before now.
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
    /// Writes a survey's responses as CSV (UTF-8 with BOM, CRLF: opens in Japanese Excel),
    /// XLSX (responses and codes sheets) or JSON, streamed: memory stays flat.
    Export {
        /// The survey's slug.
        #[arg(long)]
        survey: String,
        /// csv, xlsx or json.
        #[arg(long, default_value = "csv")]
        format: String,
        /// Where to write (default: standard output).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// The language of headers and labels: ja, en or easy.
        #[arg(long, default_value = "ja")]
        lang: String,
        /// A filter as the results page writes it in its address (see `report`).
        #[arg(long, default_value = "")]
        filter: String,
    },
    /// Prints a survey's results as JSON (every question, the overview and, with --rows and
    /// --columns, a cross-tab), as staff see them: a reproducible analysis.
    Report {
        /// The survey's slug.
        #[arg(long)]
        survey: String,
        /// Cross-tab rows: `q:QUESTION`, `m:MATRIX:ROW`, `district`, `channel` or `lang`.
        #[arg(long)]
        rows: Option<String>,
        /// Cross-tab columns (as --rows).
        #[arg(long)]
        columns: Option<String>,
        /// A filter as the results page writes it in its address, e.g.
        /// `d=3&from=2026-11-01&ch=web&a=sunday:5`.
        #[arg(long, default_value = "")]
        filter: String,
    },
}

/// Connects to the configured database and migrates it.
pub async fn open_services(config: Config) -> Result<Core> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    tracing::info!(
        backend = db.backend_name(),
        group_commit = config.group_commit,
        "database ready"
    );
    let store = Store::new(db);
    let store = if config.group_commit {
        store.with_group_commit()
    } else {
        store
    };
    let core = Core::new(store, config);
    core.load_installation().await?;
    Ok(core)
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(config, demo).await,
        Command::Migrate => {
            let core = open_services(config).await?;
            core.store.db().close().await;
            println!("migrated");
            Ok(())
        }
        Command::CompressAssets { dir } => {
            if !dir.is_dir() {
                return Err(Error::Config(format!("{} is not a folder", dir.display())));
            }
            let written = crate::web::assets::precompress(&dir);
            println!("compressed {written} file(s) in {}", dir.display());
            Ok(())
        }
        Command::Backup { output } => {
            let done = yoriai_core::db::backup::backup(&config.database_url, &output).await?;
            println!(
                "backed up to {} ({} bytes, {} responses)",
                done.path.display(),
                done.bytes,
                done.responses
            );
            Ok(())
        }
        Command::Restore { file } => {
            let done = yoriai_core::db::backup::restore(&config.database_url, &file).await?;
            println!("restored {} ({} responses)", file.display(), done.responses);
            if let Some(kept) = done.kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            println!("start the server to serve it (it is migrated first if it is older)");
            Ok(())
        }
        Command::ImportPlaces { file } => {
            let bytes = std::fs::read(&file)?;
            let core = open_services(config).await?;
            let imported = core
                .import_places(&bytes)
                .await?
                .map_err(|problems| yoriai_core::places::refusal(&problems))?;
            println!(
                "imported {} ward(s), {} district(s), {} community centre(s)",
                imported.wards, imported.districts, imported.centres
            );
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let core = open_services(config).await?;
            let id = core
                .create_user(&email, &name, password, Role::Admin, None)
                .await
                .map_err(|e| match e {
                    Error::Api(shared::ApiError::Validation(errors)) => {
                        Error::Config(format!("refused: {errors:?}"))
                    }
                    Error::Api(shared::ApiError::Conflict) => {
                        Error::Config("an account with that e-mail address exists".into())
                    }
                    other => other,
                })?;
            println!("created admin {email} (id {id})");
            Ok(())
        }
        Command::SeedDemo => {
            let core = open_services(config).await?;
            demo::seed(&core).await?;
            demo::seed_results(&core).await?;
            println!("demo data loaded");
            Ok(())
        }
        Command::SeedResponses {
            survey,
            count,
            seed,
            days,
        } => {
            let core = open_services(config).await?;
            let added =
                yoriai_core::seed::seed_responses(&core, &survey, count, seed, days).await?;
            println!("added {added} responses to {survey}");
            Ok(())
        }
        Command::Export {
            survey,
            format,
            output,
            lang,
            filter,
        } => {
            let core = open_services(config).await?;
            let format = yoriai_core::analytics::export::format::Format::parse(&format)
                .ok_or_else(|| {
                    Error::Config(format!("--format: csv, xlsx or json, not {format}"))
                })?;
            let lang = shared::Lang::parse(&lang)
                .ok_or_else(|| Error::Config(format!("--lang: ja, en or easy, not {lang}")))?;
            let record = core.survey_record(&survey).await?;
            let filter = filter_of(&filter);
            let mut export = core.export_for(&record, format, lang, &filter).await?;
            let mut out: Box<dyn std::io::Write + Send> = match &output {
                Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
                None => Box::new(std::io::BufWriter::new(std::io::stdout())),
            };
            while let Some(chunk) = export.chunks.recv().await {
                out.write_all(&chunk?)?;
            }
            out.flush()?;
            if let Some(path) = output {
                eprintln!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::Report {
            survey,
            rows,
            columns,
            filter,
        } => {
            let core = open_services(config).await?;
            let record = core.survey_record(&survey).await?;
            let var = |name: &str, text: Option<String>| match text {
                None => Ok(None),
                Some(t) => shared::analytics::Var::parse(&t)
                    .map(Some)
                    .ok_or_else(|| Error::Config(format!("--{name}: unknown variable {t}"))),
            };
            let query = shared::analytics::ResultsQuery {
                filter: filter_of(&filter),
                rows: var("rows", rows)?,
                columns: var("columns", columns)?,
                only: None,
            };
            if query.rows.is_some() != query.columns.is_some() {
                return Err(Error::Config("give both --rows and --columns".into()));
            }
            let view = core
                .results_for(&record, yoriai_core::analytics::Audience::Staff, &query)
                .await?;
            if query.rows.is_some() && view.crosstab.is_none() {
                return Err(Error::Config(
                    "that cross-tab cannot be made (unknown question, or free text/dates)".into(),
                ));
            }
            let json = serde_json::to_string_pretty(&view)
                .map_err(|e| Error::Config(format!("cannot write the report: {e}")))?;
            println!("{json}");
            Ok(())
        }
    }
}

/// A filter written as the results page writes it in its address.
fn filter_of(query: &str) -> shared::analytics::Filter {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    shared::analytics::Filter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
async fn serve(config: Config, demo: bool) -> Result<()> {
    let addr = config.addr;
    // Held until the process ends: a restore waits for every server on the file to stop.
    let _serving = yoriai_core::db::backup::lock_for_serving(&config.database_url)?;
    crate::web::metrics::install();
    let core = open_services(config).await?;
    if demo {
        // Refused (before anything is written) for a database with real accounts.
        core.may_load_demo().await?;
        if core.store.is_empty().await? {
            demo::seed(&core).await?;
            tracing::info!("demo data loaded into the new database");
        }
    } else if let Some(token) = core.prepare_setup().await? {
        println!(
            "This installation has no account yet. Open this link to set it up (its name, its \
             wards' districts and centres from a CSV file, the first administrator):\n  \
             {}/setup/{token}\n\
             The link works once; each start prints a new one until the set-up is done. \
             (Or on the command line: `yoriai import-places FILE`, then `yoriai create-admin`.)\n\
             To try Yoriai instead, run `yoriai serve --demo` on an empty database.",
            core.config.mail_origin()
        );
    }
    core.index_earlier_texts().await?;
    let warming = core.clone();
    tokio::spawn(async move {
        if let Err(e) = warming.warm_cubes().await {
            tracing::warn!(error = %e, "analytics warm-up failed");
        }
    });
    let results = if demo {
        demo::seed_results(&core).await?
    } else {
        None
    };
    let pkg = core.config.site_root.join("pkg");
    let compressed = tokio::task::spawn_blocking(move || crate::web::assets::precompress(&pkg))
        .await
        .unwrap_or(0);
    if compressed > 0 {
        tracing::info!(files = compressed, "static assets compressed (brotli)");
    }
    crate::background::spawn_cleanup(core.clone());
    let mailer = yoriai_core::mail::Mailer::from_config(&core.config)?;
    tracing::info!(to = %mailer.describe(), "mail goes to");
    if core.config.smtp_url.is_some() && core.config.public_origin.is_none() {
        tracing::warn!(
            "YORIAI_PUBLIC_ORIGIN is not set: links in mail will start with http://{addr}, \
             which only works on this machine"
        );
    }
    crate::background::spawn_mail_sender(core.clone(), mailer);
    let state = AppState::new(core.clone());
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    println!("Yoriai is running at http://{local}/");
    if demo {
        println!(
            "Demo staff sign-in: {} / {}  (http://{local}/sign-in)",
            demo::DEMO_STAFF_EMAIL,
            demo::DEMO_STAFF_PASSWORD
        );
        println!(
            "Second staff sign-in, for double entry of paper answers: {} / {}",
            demo::DEMO_OPERATOR_EMAIL,
            demo::DEMO_STAFF_PASSWORD
        );
        println!(
            "Ward administrator (people, invitations): {} / {}  (http://{local}/admin/people)",
            demo::DEMO_ADMIN_EMAIL,
            demo::DEMO_STAFF_PASSWORD
        );
        println!("Demo survey: http://{local}/s/{}", demo::DEMO_SURVEY_SLUG);
        if let Some(id) = results {
            println!(
                "Results of a closed survey with {} sample responses: \
                 http://{local}/staff/surveys/{id}/results",
                demo::DEMO_RESULTS_RESPONSES
            );
        }
        println!(
            "Co-design: a draft in review by the council at http://{local}/staff (sign in as a \
             council member: {} / {})",
            demo::DEMO_COUNCIL_EMAIL,
            demo::DEMO_STAFF_PASSWORD
        );
        println!(
            "Response policies: one per device http://{local}/s/{}, one per resident \
             http://{local}/s/{} (sign in as {} / {}), one per invitation code \
             http://{local}/s/{} (codes: {})",
            demo::DEMO_DEVICE_SLUG,
            demo::DEMO_RESIDENT_SLUG,
            demo::DEMO_RESIDENT_EMAIL,
            demo::DEMO_STAFF_PASSWORD,
            demo::DEMO_CODE_SLUG,
            demo::demo_codes()
                .iter()
                .map(|c| shared::invitation::display(c))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    crate::web::serve::serve(listener, app, core.config.header_timeout, shutdown_signal()).await?;
    core.store.db().close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
