//! The language server (`citeline lsp`): the checker's findings, hovers, definitions and
//! fixes for an editor, over the Language Server Protocol on standard input and output.

/// Serve one editor session on standard input and output until it exits.
pub fn serve_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    todo!("lsp")
}
