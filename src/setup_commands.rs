//! The commands that set citeline up inside other tools: `schema` (for TOML editors),
//! `lsp` (the language server), `completions` and `man`.

use crate::Outcome;
use anyhow::{anyhow, Result};
use clap::CommandFactory;
use std::io::Write;

pub fn schema() -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &citeline::schema::events_schema())?;
    writeln!(out)?;
    Ok(Outcome::Clean)
}

pub fn lsp() -> Result<Outcome> {
    citeline::lsp::serve_stdio().map_err(|e| anyhow!("language server: {e}"))?;
    Ok(Outcome::Clean)
}

pub fn completions<C: CommandFactory>(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut command = C::command();
    clap_complete::generate(
        shell,
        &mut command,
        "citeline",
        &mut std::io::stdout().lock(),
    );
    Ok(Outcome::Clean)
}

pub fn man<C: CommandFactory>() -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(C::command()).render(&mut out)?;
    Ok(Outcome::Clean)
}
