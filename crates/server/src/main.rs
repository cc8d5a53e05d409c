//! The `lotse` binary: parses the command line, sets up logging, and hands
//! over to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use lotse_server::cli::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "lotse=info,lotse_server=info,tower_http=warn".into()),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    match dispatch(Cli::parse()).await {
        Ok(code) => code,
        // Printed as text, without a backtrace: these are the user's problems
        // (bad guides, a taken port, an unreachable database).
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(serve) => {
            let config = serve.config();
            let listener = tokio::net::TcpListener::bind(serve.listen)
                .await
                .with_context(|| format!("cannot listen on {}", serve.listen))?;
            lotse_server::run(listener, config, shutdown_signal()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate(validate) => {
            let ok = validate.run(&mut std::io::stdout().lock())?;
            Ok(exit(ok))
        }
        Command::Schema => {
            lotse_server::cli::print_schema(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(check) => {
            let ok = check.run(&mut std::io::stdout().lock())?;
            Ok(exit(ok))
        }
        Command::Prune(prune) => {
            let now = lotse_server::ingest::now_ms();
            prune.run(now, &mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(report) => {
            let ok = report.run(&mut std::io::stdout()).await?;
            Ok(exit(ok))
        }
        Command::Token(token) => {
            let ok = token.run(&mut std::io::stdout()).await?;
            Ok(exit(ok))
        }
        Command::DemoData(demo) => {
            demo.run(&mut std::io::stdout()).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Completes on Ctrl-C or SIGTERM.
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
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
