//! The session: the `initialize` handshake, then each message in turn until `exit`.
//! Checking is synchronous: edits only mark a document stale, and stale documents are
//! checked when no message is waiting (or before a request needs the result), so a burst
//! of edits costs one check of the latest text.

use super::actions;
use super::capabilities;
use super::definition;
use super::diagnostics;
use super::documents::Documents;
use super::hover;
use super::positions::{self, Encoding};
use super::target;
use super::transport::{self, Incoming};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, Hover,
    HoverContents, InitializeParams, LogMessageParams, MarkupContent, MarkupKind, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, TextDocumentContentChangeEvent,
    Uri,
};
use serde::de::DeserializeOwned;
use std::io::Write;
use std::sync::mpsc::{Receiver, TryRecvError};

/// What the reading thread hands over: a message, or why the stream cannot be read on.
pub type Read = Result<Incoming, String>;

/// Serve one session from `incoming` to `out`. Ends `Ok` after `shutdown` and `exit`;
/// with why otherwise (the stream ended or broke first, or `exit` came unasked).
pub fn serve(incoming: &Receiver<Read>, out: impl Write) -> Result<(), String> {
    let mut session = Session {
        out,
        encoding: Encoding::Utf16,
        documents: Documents::default(),
        watch: false,
        shut_down: false,
        requests_sent: 0,
    };
    if !session.initialize(incoming)? {
        return Err("the client exited before initializing".into());
    }
    session.run(incoming)
}

struct Session<W> {
    out: W,
    encoding: Encoding,
    documents: Documents,
    /// The client can be asked to watch the sources' files.
    watch: bool,
    shut_down: bool,
    requests_sent: i32,
}

impl<W: Write> Session<W> {
    /// Wait for `initialize` and answer it; `false` when the client exits instead.
    fn initialize(&mut self, incoming: &Receiver<Read>) -> Result<bool, String> {
        loop {
            let message = match incoming.recv() {
                Ok(read) => read?,
                Err(_) => return Err("the client closed the connection before initializing".into()),
            };
            match message {
                Incoming::Message(Message::Request(r)) if r.method == req::Initialize::METHOD => {
                    let Some(params) = self.params::<InitializeParams>(&r)? else {
                        continue;
                    };
                    let agreed = capabilities::negotiate(&params);
                    (self.encoding, self.watch) = (agreed.encoding, agreed.watch);
                    let result = capabilities::offered(self.encoding);
                    self.respond(Response::new_ok(r.id, result))?;
                    return Ok(true);
                }
                Incoming::Message(Message::Request(r)) => self.respond(Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "initialize first".into(),
                ))?,
                Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                    return Ok(false)
                }
                Incoming::Malformed(why) => self.log(MessageType::ERROR, &why)?,
                Incoming::Message(_) => {}
            }
        }
    }

    fn run(&mut self, incoming: &Receiver<Read>) -> Result<(), String> {
        loop {
            let read = match incoming.try_recv() {
                Ok(read) => Some(read),
                Err(TryRecvError::Empty) => {
                    // Nothing waiting: now is the time to check what changed.
                    self.publish_stale()?;
                    incoming.recv().ok()
                }
                Err(TryRecvError::Disconnected) => None,
            };
            let Some(read) = read else {
                return Err("the client closed the connection without `exit`".into());
            };
            match read? {
                Incoming::Malformed(why) => self.log(MessageType::ERROR, &why)?,
                Incoming::Message(Message::Request(r)) => self.request(r)?,
                Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                    return match self.shut_down {
                        true => Ok(()),
                        false => Err("the client sent `exit` without `shutdown`".into()),
                    };
                }
                Incoming::Message(Message::Notification(n)) => self.notification(n)?,
                // The client's answers to our registrations: nothing to do either way.
                Incoming::Message(Message::Response(_)) => {}
            }
        }
    }

    fn request(&mut self, r: Request) -> Result<(), String> {
        if self.shut_down {
            let why = "the server is shut down".into();
            return self.respond(Response::new_err(
                r.id,
                ErrorCode::InvalidRequest as i32,
                why,
            ));
        }
        if r.method == req::Shutdown::METHOD {
            self.shut_down = true;
            return self.respond(Response::new_ok(r.id, ()));
        }
        // A request is about the text as it stands.
        self.publish_stale()?;
        let response = match r.method.as_str() {
            req::HoverRequest::METHOD => self.hover(&r)?,
            req::GotoDefinition::METHOD => self.definition(&r)?,
            req::CodeActionRequest::METHOD => self.code_actions(&r)?,
            _ => Some(Response::new_err(
                r.id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("citeline does not serve `{}`", r.method),
            )),
        };
        match response {
            Some(response) => self.respond(response),
            None => Ok(()),
        }
    }

    fn hover(&mut self, r: &Request) -> Result<Option<Response>, String> {
        let Some(p) = self.params::<lsp_types::HoverParams>(r)? else {
            return Ok(None);
        };
        let at = p.text_document_position_params;
        let hover = self.documents.get(&at.text_document.uri).and_then(|d| {
            let checked = d.current()?;
            let offset = d.lines.offset(&d.text, at.position);
            let (target, span) = target::at(&checked.timeline, offset)?;
            let value = hover::text(&checked.timeline, &target)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: Some(d.lines.range(&d.text, &span)),
            })
        });
        Ok(Some(Response::new_ok(r.id.clone(), hover)))
    }

    fn definition(&mut self, r: &Request) -> Result<Option<Response>, String> {
        let Some(p) = self.params::<lsp_types::GotoDefinitionParams>(r)? else {
            return Ok(None);
        };
        let at = p.text_document_position_params;
        let encoding = self.encoding;
        let location = self.documents.get(&at.text_document.uri).and_then(|d| {
            let checked = d.current()?;
            let offset = d.lines.offset(&d.text, at.position);
            let (target, _) = target::at(&checked.timeline, offset)?;
            definition::location(d, &checked.timeline, &target, encoding)
        });
        let location = location.map(lsp_types::GotoDefinitionResponse::Scalar);
        Ok(Some(Response::new_ok(r.id.clone(), location)))
    }

    fn code_actions(&mut self, r: &Request) -> Result<Option<Response>, String> {
        let Some(p) = self.params::<lsp_types::CodeActionParams>(r)? else {
            return Ok(None);
        };
        let fixes = self
            .documents
            .get(&p.text_document.uri)
            .and_then(|d| Some(actions::quick_fixes(d, d.current()?, p.range)))
            .unwrap_or_default();
        let fixes: Vec<lsp_types::CodeActionOrCommand> = fixes
            .into_iter()
            .map(lsp_types::CodeActionOrCommand::CodeAction)
            .collect();
        Ok(Some(Response::new_ok(r.id.clone(), fixes)))
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                let Some(p) = self.notified::<DidOpenTextDocumentParams>(&n)? else {
                    return Ok(());
                };
                let doc = p.text_document;
                match self
                    .documents
                    .open(doc.uri, doc.version, doc.text, self.encoding)
                {
                    Ok(()) => Ok(()),
                    Err(why) => self.log(MessageType::WARNING, &why),
                }
            }
            note::DidChangeTextDocument::METHOD => {
                let Some(p) = self.notified::<DidChangeTextDocumentParams>(&n)? else {
                    return Ok(());
                };
                self.change(p);
                Ok(())
            }
            note::DidSaveTextDocument::METHOD => {
                let Some(p) = self.notified::<DidSaveTextDocumentParams>(&n)? else {
                    return Ok(());
                };
                // The text is the same; the sources on disk may not be.
                self.documents.touch(&p.text_document.uri);
                Ok(())
            }
            note::DidCloseTextDocument::METHOD => {
                let Some(p) = self.notified::<DidCloseTextDocumentParams>(&n)? else {
                    return Ok(());
                };
                let Some(closed) = self.documents.close(&p.text_document.uri) else {
                    return Ok(());
                };
                self.publish(closed.uri, Vec::new(), None)
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Some(p) = self.notified::<DidChangeWatchedFilesParams>(&n)? else {
                    return Ok(());
                };
                let files: Vec<_> = p
                    .changes
                    .iter()
                    .filter_map(|c| positions::path_of(&c.uri))
                    .collect();
                self.documents.files_changed(&files);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Apply a change's edits in order: whole texts (as the server asks for) or ranges.
    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(document) = self.documents.get(&uri) else {
            return;
        };
        let mut text = document.text.clone();
        for change in p.content_changes {
            apply(&mut text, change, self.encoding);
        }
        self.documents
            .change(&uri, p.text_document.version, text, self.encoding);
    }

    /// Ask the client to report changes to any file, so that a source edited or replaced
    /// on disk is checked again. Without dynamic registration, saving the events file
    /// checks again.
    fn register_watchers(&mut self) -> Result<(), String> {
        if !self.watch {
            return Ok(());
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*".into()),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "citeline-sources".into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.requests_sent += 1;
        let request = Request::new(
            RequestId::from(format!("citeline-{}", self.requests_sent)),
            req::RegisterCapability::METHOD.into(),
            RegistrationParams {
                registrations: vec![registration],
            },
        );
        self.send(Message::Request(request))
    }

    /// Check the stale documents and publish their findings.
    fn publish_stale(&mut self) -> Result<(), String> {
        for uri in self.documents.check_stale() {
            let Some(document) = self.documents.get(&uri) else {
                continue;
            };
            let version = Some(document.version);
            if !document.is_events_file() {
                // Clears what an earlier text, then an events file, may have shown.
                self.publish(uri, Vec::new(), version)?;
                continue;
            }
            let Some(checked) = &document.checked else {
                let why = format!("{} could not be checked", uri.as_str());
                self.log(MessageType::ERROR, &why)?;
                continue;
            };
            let found = checked
                .report
                .diagnostics
                .iter()
                .map(|d| diagnostics::to_lsp(d, &uri, &document.text, &document.lines))
                .collect();
            self.publish(uri, found, version)?;
        }
        Ok(())
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), String> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let n = Notification::new(note::PublishDiagnostics::METHOD.into(), params);
        self.send(Message::Notification(n))
    }

    /// A request's parameters; on bad ones, the error response is sent and `None` given.
    fn params<P: DeserializeOwned>(&mut self, r: &Request) -> Result<Option<P>, String> {
        match serde_json::from_value(r.params.clone()) {
            Ok(p) => Ok(Some(p)),
            Err(e) => {
                let why = format!("bad parameters for `{}`: {e}", r.method);
                self.respond(Response::new_err(
                    r.id.clone(),
                    ErrorCode::InvalidParams as i32,
                    why,
                ))?;
                Ok(None)
            }
        }
    }

    /// A notification's parameters; bad ones are logged to the client and skipped.
    fn notified<P: DeserializeOwned>(&mut self, n: &Notification) -> Result<Option<P>, String> {
        match serde_json::from_value(n.params.clone()) {
            Ok(p) => Ok(Some(p)),
            Err(e) => {
                self.log(
                    MessageType::WARNING,
                    &format!("bad parameters for `{}`: {e}", n.method),
                )?;
                Ok(None)
            }
        }
    }

    fn log(&mut self, kind: MessageType, message: &str) -> Result<(), String> {
        let params = LogMessageParams {
            typ: kind,
            message: format!("citeline: {message}"),
        };
        let n = Notification::new(note::LogMessage::METHOD.into(), params);
        self.send(Message::Notification(n))
    }

    fn respond(&mut self, response: Response) -> Result<(), String> {
        self.send(Message::Response(response))
    }

    fn send(&mut self, message: Message) -> Result<(), String> {
        transport::write(&mut self.out, &message)
            .map_err(|e| format!("cannot write to the client: {e}"))
    }
}

/// Apply one content change to `text`: a whole new text, or a range replaced.
fn apply(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = positions::Lines::new(text, encoding);
            let start = lines.offset(text, range.start);
            let end = lines.offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}
