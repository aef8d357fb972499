//! `citeline lsp` driven by an independent JSON-RPC client: the real binary on its
//! standard input and output, with `Content-Length` framing written here, on a copy of the
//! shipped data and on broken copies. Positions are computed here from the text, not by
//! the server's code. Every wait has a deadline, so a hung server fails instead of hanging.

use crate::util::{project_with, shipped_events};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Long enough for a debug build on a busy machine; only a hung server waits this long.
const DEADLINE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_citeline"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the citeline binary runs");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut stdout) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
        }
    }

    /// Start and initialize, offering `encodings`, with file watching; answer the
    /// server's registration. Gives the server's capabilities.
    fn initialized(encodings: &[&str]) -> (Self, Value) {
        let mut client = Self::start();
        let capabilities = json!({
            "general": {"positionEncodings": encodings},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        });
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        let registration = client.wait_for(|m| m["method"] == "client/registerCapability");
        let registered = &registration["params"]["registrations"][0];
        assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
        client.send(&json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));
        (client, result["capabilities"].clone())
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response's result (or error, as `{"error": …}`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message that `wanted` accepts; others are dropped.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .incoming
                .recv_timeout(DEADLINE)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next findings published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let published = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        let document = json!({"uri": uri, "languageId": "toml", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": document}));
        self.diagnostics(uri)
    }

    /// Shut down and exit; the process's exit code and standard error.
    fn finish(mut self) -> (Option<i32>, String) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.end()
    }

    /// Close standard input and wait for the process (each read of its output has a
    /// deadline, and it has no more to read after this).
    fn end(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let mut stderr = String::new();
        let mut pipe = self.child.stderr.take().unwrap();
        let status = self.child.wait().unwrap();
        pipe.read_to_string(&mut stderr).unwrap();
        (status.code(), stderr)
    }
}

/// One framed message from the server, or `None` at the end of its output.
fn read_frame(input: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.strip_suffix("\r\n").expect("header lines end in CRLF");
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").expect("a header is `Name: value`");
        if name.eq_ignore_ascii_case("Content-Length") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    input.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the body is JSON"))
}

/// A copy of the shipped events file and articles in a fresh folder, and the file's text.
fn shipped_copy() -> (tempfile::TempDir, String) {
    let text = shipped_events();
    (project_with(&text), text)
}

fn uri(path: &Path) -> String {
    let path = path.to_str().unwrap().replace('\\', "/");
    let lead = if path.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", path.replace(' ', "%20"))
}

/// Line and character of byte `at` of `text`, counting characters in `utf8` bytes or
/// UTF-16 units.
fn position(text: &str, at: usize, utf8: bool) -> Value {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let rest = &before[line_start..];
    let character = if utf8 {
        rest.len()
    } else {
        rest.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The range of the `n`th (from 0) occurrence of `needle` in `text`.
fn range_of(text: &str, needle: &str, n: usize, utf8: bool) -> Value {
    let at = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle}"))
        .0;
    json!({"start": position(text, at, utf8), "end": position(text, at + needle.len(), utf8)})
}

/// Byte offset of an LSP position counted in UTF-16 units.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[start..].char_indices() {
        if units >= character {
            return start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The codes of the errors and warnings among `found` (the shipped data's inferred date
/// is a note in every copy).
fn codes(found: &[Value]) -> Vec<&str> {
    found
        .iter()
        .filter(|d| d["severity"].as_u64() < Some(3))
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

const QUOTE: &str = "on 19 November, foreign ministers";
const ALTERED: &str = "on 19 November, Д😀 foreign ministers";

/// The shipped file with a quote altered (non-ASCII inside), a date wrong, an undeclared
/// source, and a title in Cyrillic and emoji.
fn broken(shipped: &str) -> String {
    let text = shipped
        .replacen(QUOTE, ALTERED, 1)
        .replacen(
            "id = \"bordyuzha-bishkek-remarks\"\ndate = \"2003-11-19\"",
            "id = \"bordyuzha-bishkek-remarks\"\ndate = \"2003-11-17\"",
            1,
        )
        .replacen("title = \"The CSTO's", "title = \"Д😀 The CSTO's", 1);
    let programme = text.find("id = \"nato-russia-programme\"").unwrap();
    let (head, tail) = text.split_at(programme);
    let tail = tail.replacen("source = \"rferl-2003-12-03\"", "source = \"nope\"", 1);
    let text = format!("{head}{tail}");
    for change in [ALTERED, "\"2003-11-17\"", "\"nope\"", "\"Д😀 The CSTO's"] {
        assert!(text.contains(change), "{change}");
    }
    text
}

fn the_quote_literal(text: &str) -> &str {
    let at = text.find(ALTERED).unwrap();
    let start = text[..at].rfind('"').unwrap();
    let end = at + text[at..].find('"').unwrap() + 1;
    &text[start..end]
}

#[test]
fn an_editor_session_on_the_shipped_data_and_a_broken_copy() {
    let (dir, shipped) = shipped_copy();
    let (mut client, capabilities) = Client::initialized(&["utf-16"]);
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    let events = uri(&dir.path().join("events.toml"));

    // The shipped data: no errors, no warnings.
    let found = client.open(&events, &shipped);
    assert_eq!(codes(&found), Vec::<&str>::new(), "{found:?}");
    assert_eq!(found.len(), 1, "the inferred date's note");

    // A broken copy beside it: each finding's code and range.
    let broken_path = dir.path().join("broken.toml");
    let broken = broken(&shipped);
    std::fs::write(&broken_path, &broken).unwrap();
    let broken_uri = uri(&broken_path);
    let found = client.open(&broken_uri, &broken);
    assert_eq!(
        codes(&found),
        ["quote-not-found", "date-contradicted", "undeclared-source"],
        "{found:?}"
    );
    let quote = the_quote_literal(&broken);
    assert_eq!(found[0]["range"], range_of(&broken, quote, 0, false));
    assert_eq!(found[0]["source"], "citeline");
    assert_eq!(found[0]["severity"], 1);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("closest passage"));
    assert_eq!(
        found[1]["range"],
        range_of(&broken, "\"2003-11-17\"", 0, false)
    );
    assert_eq!(found[2]["range"], range_of(&broken, "\"nope\"", 0, false));

    // Hover on a date: its days, and the expression that supports it.
    let date = text_position(&shipped, "\"2003-11-19\"", 0, 3);
    let hover = client.request("textDocument/hover", at(&events, date));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("`2003-11-19`"), "{shown}");
    assert!(
        shown.contains("\"19 November\" → 2003-11-19: supports"),
        "{shown}"
    );
    assert_eq!(
        hover["range"],
        range_of(&shipped, "\"2003-11-19\"", 0, false)
    );
    // …and on the wrong date, which it does not support.
    let wrong = text_position(&broken, "\"2003-11-17\"", 0, 1);
    let hover = client.request("textDocument/hover", at(&broken_uri, wrong));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("2003-11-19: does not support"), "{shown}");

    // Hover on a source id in evidence: the source's card.
    let id = text_position(&shipped, "source = \"rferl-2003-12-03\"", 0, 12);
    let hover = client.request("textDocument/hover", at(&events, id.clone()));
    let shown = hover["contents"]["value"].as_str().unwrap();
    for part in [
        "RFE/RL",
        "Alliance Praises Efforts Of CSTO States",
        "`2003-12-03`",
        "articles/rferl-2003-12-03.txt",
    ] {
        assert!(shown.contains(part), "{part} in {shown}");
    }
    // Nothing to show on a title.
    let title = text_position(&shipped, "title = \"CSTO foreign", 0, 12);
    assert_eq!(
        client.request("textDocument/hover", at(&events, title)),
        Value::Null
    );

    // Definition of a source id: its header.
    let defined = client.request("textDocument/definition", at(&events, id));
    assert_eq!(defined["uri"], events);
    let header = shipped.find("[sources.rferl-2003-12-03]").unwrap();
    assert_eq!(
        defined["range"]["start"]["line"],
        position(&shipped, header, false)["line"]
    );

    // Definition of a quote: its place in the article.
    let quote_at = text_position(&shipped, "\"At a meeting in the Kyrgyz", 0, 5);
    let defined = client.request("textDocument/definition", at(&events, quote_at));
    let article_path = dir.path().join("articles/rferl-2003-12-03.txt");
    assert_eq!(defined["uri"], uri(&article_path));
    let article = std::fs::read_to_string(&article_path).unwrap();
    let passage = article.find("At a meeting in the Kyrgyz capital").unwrap();
    assert_eq!(
        defined["range"]["start"],
        position(&article, passage, false)
    );

    // The altered quote's fix, applied, leaves no finding about it.
    let inside = text_position(&broken, ALTERED, 0, 20);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": broken_uri}, "range": {"start": inside, "end": inside},
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "quote-not-found");
    let edits = &actions[0]["edit"]["changes"][&broken_uri];
    let edit = &edits[0];
    let (start, end) = (
        offset(&broken, &edit["range"]["start"]),
        offset(&broken, &edit["range"]["end"]),
    );
    assert_eq!(&broken[start..end], quote);
    let mut fixed = broken.clone();
    fixed.replace_range(start..end, edit["newText"].as_str().unwrap());
    assert!(fixed.contains(QUOTE) && !fixed.contains(ALTERED));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": broken_uri, "version": 2},
               "contentChanges": [{"text": "[[events]\n"}, {"text": fixed}]}),
    );
    let found = client.diagnostics(&broken_uri);
    assert_eq!(
        codes(&found),
        ["date-contradicted", "undeclared-source"],
        "{found:?}"
    );
    // No fix where none is mechanical: on the undeclared source.
    let nope = text_position(&fixed, "\"nope\"", 0, 2);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": broken_uri}, "range": {"start": nope, "end": nope},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));

    // A cited source changed on disk: the events file is checked again.
    let changed = article.replacen("Bishkek, on 19 November", "Bishkek, on 20 November", 1);
    std::fs::write(&article_path, changed).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&article_path), "type": 2}]}),
    );
    let found = client.diagnostics(&events);
    let found = codes(&found);
    for code in ["sha256-mismatch", "quote-not-found"] {
        assert!(found.contains(&code), "{code} in {found:?}");
    }

    // Saving checks again, against the sources as they are now: restored, clean.
    std::fs::write(&article_path, &article).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": events}}),
    );
    let found = client.diagnostics(&events);
    assert_eq!(codes(&found), Vec::<&str>::new(), "{found:?}");

    // Closing clears the findings.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": broken_uri}}),
    );
    assert_eq!(client.diagnostics(&broken_uri), Vec::<Value>::new());

    let (code, stderr) = client.finish();
    assert_eq!(code, Some(0), "{stderr}");
}

/// The position `chars` characters into the `n`th occurrence of `needle`, in UTF-16.
fn text_position(text: &str, needle: &str, n: usize, chars: usize) -> Value {
    let at = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle}"))
        .0;
    let inside = needle
        .char_indices()
        .nth(chars)
        .map_or(needle.len(), |(i, _)| i);
    position(text, at + inside, false)
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[test]
fn broken_toml_in_utf8_positions() {
    let (dir, shipped) = shipped_copy();
    let (mut client, capabilities) = Client::initialized(&["utf-16", "utf-8"]);
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    let text = broken(&shipped);
    let path = dir.path().join("broken.toml");
    let found = client.open(&uri(&path), &text);
    let quote = the_quote_literal(&text);
    assert_eq!(found[0]["range"], range_of(&text, quote, 0, true));
    assert_ne!(found[0]["range"], range_of(&text, quote, 0, false));

    let syntax = format!("{shipped}\n[[events]\nid = 1\n");
    let found = client.open(&uri(&dir.path().join("syntax.toml")), &syntax);
    assert_eq!(codes(&found), ["toml-syntax"], "{found:?}");
    let header = syntax.rfind("[[events]\n").unwrap();
    assert_eq!(
        found[0]["range"]["start"]["line"],
        position(&syntax, header, true)["line"]
    );

    // Another TOML file the editor hands the server gets no findings; the same text under
    // an events file's name does.
    let cargo = "[package]\nname = \"x\"\n";
    assert!(client
        .open(&uri(&dir.path().join("Cargo.toml")), cargo)
        .is_empty());
    let found = client.open(&uri(&dir.path().join("events.toml")), cargo);
    assert!(codes(&found).contains(&"unknown-key"), "{found:?}");
    let (code, stderr) = client.finish();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn garbage_is_answered_or_ends_the_session_with_a_message() {
    // Bad JSON in a good frame, a request with bad parameters, an unknown method: the
    // session goes on.
    let (mut client, _) = Client::initialized(&[]);
    client
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"Content-Length: 5\r\n\r\n{oops")
        .unwrap();
    let logged = client.wait_for(|m| m["method"] == "window/logMessage");
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("not a JSON-RPC message"));
    let bad = client.call("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.call("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // Hover on a file never opened: nothing, not an error.
    let none = client.request(
        "textDocument/hover",
        at(
            "file:///nowhere/events.toml",
            json!({"line": 0, "character": 0}),
        ),
    );
    assert_eq!(none, Value::Null);
    // A broken frame: the stream cannot be read on, so the server says why and exits 2.
    client
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"Content-Length: many\r\n\r\n")
        .unwrap();
    let (code, stderr) = client.end();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("bad Content-Length"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // `exit` without `shutdown` is an error exit; closing the input before `initialize`
    // is one too; neither panics.
    let (mut client, _) = Client::initialized(&[]);
    client.notify("exit", Value::Null);
    let (code, stderr) = client.end();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("without `shutdown`"), "{stderr}");
    let (code, stderr) = Client::start().end();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
