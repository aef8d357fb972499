//! The language server (`citeline lsp`): the checker's findings, hovers, definitions and
//! fixes for an editor, over the Language Server Protocol on standard input and output
//! (docs/editors.md).
//!
//! One thread reads and frames messages ([`transport`]); the session ([`server`]) answers
//! them in turn ([`capabilities`] agreed at the start), checking the open events files
//! ([`documents`]) with the same pipeline as `citeline check`. The rest turns the results
//! into the protocol's terms: findings ([`diagnostics`]), hovers ([`hover`]), definitions
//! ([`definition`]) and quick fixes ([`actions`]), at positions in the negotiated encoding
//! ([`positions`]).

mod actions;
mod capabilities;
mod definition;
mod diagnostics;
mod documents;
mod hover;
mod positions;
mod server;
mod target;
mod transport;

use std::io::{self, BufReader};
use std::sync::mpsc;

/// Messages read ahead of the session: enough to see a burst of edits, few enough that a
/// client flooding the server is held back instead of filling memory.
const READ_AHEAD: usize = 256;

/// Serve one editor session on standard input and output until it exits. Ends `Ok` after
/// the client's `shutdown` and `exit`; with why when the connection ends or breaks first.
pub fn serve_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (sender, receiver) = mpsc::sync_channel(READ_AHEAD);
    // The reader is left blocked on standard input when the session ends: the process
    // exits with it.
    std::thread::Builder::new()
        .name("citeline-lsp-reader".into())
        .spawn(move || {
            let mut input = BufReader::new(io::stdin().lock());
            loop {
                let read = transport::read(&mut input).map_err(|e| e.to_string());
                let last = match &read {
                    Ok(None) | Err(_) => true,
                    Ok(Some(transport::Incoming::Message(lsp_server::Message::Notification(
                        n,
                    )))) => n.method == "exit",
                    Ok(Some(_)) => false,
                };
                let Some(read) = read.transpose() else {
                    return;
                };
                if sender.send(read).is_err() || last {
                    return;
                }
            }
        })?;
    server::serve(&receiver, io::stdout().lock())?;
    Ok(())
}
