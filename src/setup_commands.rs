//! The commands that set citeline up inside other tools: `schema` (for TOML editors),
//! `lsp` (the language server), `completions` and `man`.

use crate::Outcome;
use anyhow::{anyhow, bail, Context, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

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

#[derive(clap::Args)]
pub struct ManArgs {
    /// The page of this command (`citeline man check` is citeline-check(1)); omit for
    /// citeline(1).
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page (citeline.1, citeline-check.1, …) into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The pages are made from the same definitions as `--help`, so they cannot fall behind it.
pub fn man<C: CommandFactory>(args: &ManArgs) -> Result<Outcome> {
    // `citeline-check(1)` names its command `citeline check` in its synopsis.
    let command = C::command().name("citeline").bin_name("citeline");
    if let Some(dir) = &args.dir {
        clap_mangen::generate_to(command, dir)
            .with_context(|| format!("cannot write the pages into {}", dir.display()))?;
        eprintln!("wrote the manual pages into {}", dir.display());
        return Ok(Outcome::Clean);
    }
    let page = match &args.command {
        None => command,
        Some(name) => {
            let mut command = command;
            command.build();
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<_> = command
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|&n| n != "help")
                    .collect();
                bail!("no command `{name}`: one of {}", names.join(", "));
            };
            let full = format!("citeline-{name}");
            sub.clone().name(full.clone()).display_name(full)
        }
    };
    clap_mangen::Man::new(page).render(&mut std::io::stdout().lock())?;
    Ok(Outcome::Clean)
}
