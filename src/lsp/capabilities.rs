//! The `initialize` exchange: what the server takes from the client's capabilities (the
//! position encoding, whether it may ask to watch files) and what it offers in return.

use super::positions::Encoding;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, InitializeResult, OneOf, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

/// What the session takes from the client's capabilities.
pub struct Agreed {
    pub encoding: Encoding,
    /// The client lets servers register file watchers.
    pub watch: bool,
}

pub fn negotiate(params: &InitializeParams) -> Agreed {
    let capabilities = &params.capabilities;
    let general = capabilities.general.as_ref();
    let watch = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    Agreed {
        encoding: Encoding::choose(general.and_then(|g| g.position_encodings.as_deref())),
        watch,
    }
}

/// What the server offers: whole texts on open and change, a notice on save (no text),
/// hovers, definitions and quick fixes, in `encoding`.
pub fn offered(encoding: Encoding) -> InitializeResult {
    let sync = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::FULL),
        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
            include_text: Some(false),
        })),
        ..TextDocumentSyncOptions::default()
    };
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "citeline".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}
