//! `foidesk serve`: the HTTP API on the store, SQLite in the data directory
//! unless `--database-url` says otherwise. `--demo` first loads the example
//! cases, their authorities and one account per role.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::{Engine, IndexPlace};
use foidesk_server::{AppState, Limits};

use crate::demo;
use crate::library::{open_system, StoreArgs};
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
    /// Mark session cookies Secure and send Strict-Transport-Security: use
    /// when a TLS proxy serves foidesk.
    #[arg(long)]
    secure_cookies: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

/// How long a client may take, and how many may be connected at once.
#[derive(Args)]
struct LimitArgs {
    /// Seconds a client has to send a request's headers, from connecting or
    /// from the previous answer (so also how long an idle connection stays).
    #[arg(long, value_name = "SECONDS", default_value_t = secs(Limits::default().header_timeout), value_parser = seconds)]
    header_timeout: u64,
    /// Seconds from a request's headers to its answer, the body included; a
    /// request taking longer is answered 408.
    #[arg(long, value_name = "SECONDS", default_value_t = secs(Limits::default().request_timeout), value_parser = seconds)]
    request_timeout: u64,
    /// Seconds a connection may go without the client sending or taking a
    /// byte.
    #[arg(long, value_name = "SECONDS", default_value_t = secs(Limits::default().idle_timeout), value_parser = seconds)]
    idle_timeout: u64,
    /// Connections open at once; more wait until one closes. Keep it well
    /// below the open-file limit (`ulimit -n`).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_connections, value_parser = connections)]
    max_connections: usize,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            request_timeout: Duration::from_secs(self.request_timeout),
            idle_timeout: Duration::from_secs(self.idle_timeout),
            max_connections: self.max_connections,
        }
    }
}

fn secs(d: Duration) -> u64 {
    d.as_secs()
}

/// A number of connections from 1 to 65,535.
fn connections(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n @ 1..=65_535) => Ok(n),
        _ => Err(format!(
            "'{text}' is not a number of connections from 1 to 65535"
        )),
    }
}

/// A whole number of seconds from 1 to an hour.
fn seconds(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(n @ 1..=3600) => Ok(n),
        _ => Err(format!(
            "'{text}' is not a number of seconds from 1 to 3600"
        )),
    }
}

pub fn run(engine: Arc<Engine>, args: ServeArgs) -> anyhow::Result<()> {
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
        let listener = bind(listen).map_err(|e| BadInput(format!("--listen {listen}: {e}")))?;
        let system = open_system(&engine, &place).await?;
        if args.demo {
            demo::load(&system).await?;
        }
        let addr = listener.local_addr().context("reading the bound address")?;
        init_logging();
        println!(
            "foidesk: listening on http://{addr} ({} store at {})",
            system.backend_name(),
            describe(&place)
        );
        if args.demo {
            demo::print_sign_in(addr);
        }
        // The library's index: beside SQLite in the data directory; for a
        // database server, in memory, rebuilt from the store.
        let index = match &place.database_url {
            None => IndexPlace::Dir(place.data_dir().join("index").join("notices")),
            Some(_) => IndexPlace::Memory,
        };
        let state = AppState {
            service: system.service().with_index_place(index),
            secure_cookies: args.secure_cookies,
        };
        // Cases written before statistics were kept (or by older rules) are
        // worked out in the background; until then the pages say how many
        // are not yet counted. Several servers may do this at once.
        tokio::spawn(async move {
            if let Err(e) = system.fill_statistics().await {
                tracing::error!("working out statistics for older cases: {e}");
            }
        });
        foidesk_server::serve_with_limits(listener, state, args.limits.limits(), shutdown_signal())
            .await
            .context("serving HTTP")
    })
}

fn describe(place: &StoreArgs) -> String {
    match &place.database_url {
        Some(url) => foidesk_engine::api::redact_url(url),
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

/// Connections the kernel holds before foidesk accepts them. Beyond tokio's
/// default of 1,024, a burst would have SYNs dropped and retried a second
/// later; Linux caps this at `net.core.somaxconn`.
const LISTEN_BACKLOG: u32 = 4096;

fn bind(listen: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if listen.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As TcpListener::bind does: a restarted server may rebind at once.
    socket.set_reuseaddr(true)?;
    socket.bind(listen)?;
    socket.listen(LISTEN_BACKLOG)
}
