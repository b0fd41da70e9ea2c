//! `foidesk serve`: the HTTP API on the store, SQLite in the data directory
//! unless `--database-url` says otherwise. `--demo` first loads the example
//! cases, their authorities and one account per role.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::Engine;
use foidesk_server::AppState;

use crate::demo;
use crate::library::{open_store, StoreArgs};
use crate::BadInput;

#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    listen: String,
    #[command(flatten)]
    place: StoreArgs,
    /// Load the example cases, their authorities and one demo account per
    /// role, then print how to sign in. Without --data-dir the demo gets a
    /// data directory of its own (DATA_DIR/demo), apart from real work.
    #[arg(long)]
    demo: bool,
    /// Mark session cookies Secure: use when a TLS proxy serves foidesk.
    #[arg(long)]
    secure_cookies: bool,
}

pub fn run(engine: Engine, args: ServeArgs) -> anyhow::Result<()> {
    let listen: SocketAddr = args.listen.parse().map_err(|e| {
        BadInput(format!(
            "--listen {}: {e} (give an address and port, e.g. 127.0.0.1:8080)",
            args.listen
        ))
    })?;
    let place = if args.demo && args.place.data_dir.is_none() && args.place.database_url.is_none() {
        StoreArgs {
            data_dir: Some(args.place.data_dir().join("demo")),
            database_url: None,
        }
    } else {
        args.place.clone()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        // Bind first: a port in use is reported before anything is written.
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| BadInput(format!("--listen {listen}: {e}")))?;
        let store = open_store(&place).await?;
        if args.demo {
            demo::load(&engine, &store).await?;
        }
        let addr = listener.local_addr().context("reading the bound address")?;
        init_logging();
        println!(
            "foidesk: listening on http://{addr} ({} store at {})",
            store.backend().name(),
            describe(&place)
        );
        if args.demo {
            demo::print_sign_in(addr);
        }
        let state = AppState {
            engine: Arc::new(engine),
            store,
            secure_cookies: args.secure_cookies,
        };
        foidesk_server::serve(listener, state, shutdown_signal())
            .await
            .context("serving HTTP")
    })
}

fn describe(place: &StoreArgs) -> String {
    match &place.database_url {
        Some(url) => foidesk_store::redact_url(url),
        None => place.data_dir().display().to_string(),
    }
}

/// Errors, with their incident numbers, go to standard error.
fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .try_init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
