//! The command line: `serve`, `migrate`, `create-admin`, `seed-demo`.

use crate::config::Config;
use crate::db::{Db, Store};
use crate::demo;
use crate::error::{Error, Result};
use crate::services::Services;
use crate::web::{AppState, router};
use clap::{Parser, Subcommand};
use shared::account::Role;
use std::io::Read;
use std::net::SocketAddr;

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
    /// Creates an administrator; the password is read from standard input.
    CreateAdmin {
        /// The administrator's e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown for them.
        #[arg(long)]
        name: String,
    },
    /// Loads the demo data (safe to repeat).
    SeedDemo,
}

/// Connects to the configured database and migrates it.
pub async fn open_services(config: Config) -> Result<Services> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    tracing::info!(backend = db.backend_name(), "database ready");
    Ok(Services::new(Store::new(db), config))
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(config, demo).await,
        Command::Migrate => {
            let services = open_services(config).await?;
            services.store.db().close().await;
            println!("migrated");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let services = open_services(config).await?;
            let id = services
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
            let services = open_services(config).await?;
            demo::seed(&services).await?;
            println!("demo data loaded");
            Ok(())
        }
    }
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
async fn serve(config: Config, demo: bool) -> Result<()> {
    let addr = config.addr;
    let services = open_services(config).await?;
    if demo && services.store.is_empty().await? {
        demo::seed(&services).await?;
        tracing::info!("demo data loaded into the new database");
    }
    let pkg = services.config.site_root.join("pkg");
    let compressed = tokio::task::spawn_blocking(move || crate::web::assets::precompress(&pkg))
        .await
        .unwrap_or(0);
    if compressed > 0 {
        tracing::info!(files = compressed, "static assets compressed (brotli)");
    }
    spawn_session_cleanup(services.clone());
    let state = AppState::new(services.clone());
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
        println!("Demo survey: http://{local}/s/{}", demo::DEMO_SURVEY_SLUG);
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
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    services.store.db().close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How long answers saved but never sent are kept (the answer cookie lives as long).
pub const DRAFT_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::days(30);

/// Once an hour, forgets expired sessions, sign-in failures too old to count, and saved answers
/// nobody came back to.
fn spawn_session_cleanup(services: Services) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let now = chrono::Utc::now();
            let window = chrono::Duration::minutes(crate::services::auth::FAILURE_WINDOW_MINUTES);
            let store = &services.store;
            match store.delete_expired_sessions(now).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "session cleanup failed"),
            }
            if let Err(e) = store.delete_sign_in_failures_before(now - window).await {
                tracing::warn!(error = %e, "sign-in failure cleanup failed");
            }
            if let Err(e) = store.delete_drafts_before(now - DRAFT_LIFETIME).await {
                tracing::warn!(error = %e, "saved-answer cleanup failed");
            }
        }
    });
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
