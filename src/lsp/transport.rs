//! The protocol's framing on a byte stream: a `Content-Length` header, a blank line, and
//! that many bytes of JSON. Reading is bounded: a header line, a header block and a
//! message each have a cap, so a broken or hostile client costs an error, not memory.

use lsp_server::Message;
use std::io::{self, BufRead, Read, Write};

/// The largest message read: an events file at its cap, written as a JSON string with
/// room for escapes.
pub const MAX_MESSAGE_BYTES: usize = 4 * crate::MAX_EVENTS_FILE_BYTES as usize;

/// The longest header line read, and the most header lines in one message.
const MAX_HEADER_LINE: u64 = 1024;
const MAX_HEADER_LINES: usize = 32;

/// What was read from the stream.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A well-framed message whose JSON is not a JSON-RPC message: skipped, and why.
    Malformed(String),
}

/// Read one message; `Ok(None)` at the end of the stream. A framing error is an `Err`:
/// after it the stream cannot be trusted to be at a message's start.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let Some(length) = read_header(input)? else {
        return Ok(None);
    };
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(invalid("the stream ended inside a message".into()));
    }
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
    }))
}

/// The header block's `Content-Length`; `None` at the end of the stream before a header.
fn read_header(input: &mut impl BufRead) -> io::Result<Option<usize>> {
    let mut length = None;
    for index in 0..MAX_HEADER_LINES {
        let mut line = Vec::new();
        (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if line.is_empty() && index == 0 {
            return Ok(None);
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(invalid(format!(
                "malformed header line {:?}",
                String::from_utf8_lossy(&line)
            )));
        };
        if line.is_empty() {
            let length =
                length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
            return Ok(Some(length));
        }
        let line = String::from_utf8_lossy(line);
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid(format!("malformed header line {line:?}")));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n: usize = value
                .trim()
                .parse()
                .map_err(|_| invalid(format!("bad Content-Length {value:?}")))?;
            if n > MAX_MESSAGE_BYTES {
                return Err(invalid(format!(
                    "a message of {n} bytes is over the cap of {MAX_MESSAGE_BYTES}"
                )));
            }
            length = Some(n);
        }
    }
    Err(invalid("more header lines than a message has".into()))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Write one message, framed, and flush it.
pub fn write(out: &mut impl Write, message: &Message) -> io::Result<()> {
    let body = serde_json::to_string(&JsonRpc {
        jsonrpc: "2.0",
        message,
    })?;
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[derive(serde::Serialize)]
struct JsonRpc<'a> {
    jsonrpc: &'static str,
    #[serde(flatten)]
    message: &'a Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn reads_messages_and_skips_bad_json_in_good_frames() {
        let mut stream = framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        stream.extend(framed("{not json"));
        stream.extend(b"content-length: 2\r\nContent-Type: x\r\n\r\n{}");
        let mut input = &stream[..];
        let first = read(&mut input).unwrap().unwrap();
        assert!(matches!(first, Incoming::Message(Message::Request(r)) if r.method == "shutdown"));
        assert!(matches!(
            read(&mut input).unwrap(),
            Some(Incoming::Malformed(_))
        ));
        assert!(matches!(
            read(&mut input).unwrap(),
            Some(Incoming::Malformed(_))
        ));
        assert!(read(&mut input).unwrap().is_none(), "the end of the stream");
    }

    #[test]
    fn broken_frames_are_errors_without_reading_on() {
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE_BYTES + 1);
        let long_line = format!("X-{}: y\r\n\r\n", "a".repeat(5000));
        let many = "X: y\r\n".repeat(100);
        for stream in [
            huge.as_str(),
            "Content-Length: 10\r\n\r\n{}",
            "Content-Length: ten\r\n\r\n",
            "Content-Length: 2\n\n{}",
            "\r\n",
            "garbage",
            long_line.as_str(),
            many.as_str(),
        ] {
            let mut input = stream.as_bytes();
            let e = read(&mut input).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidData, "{stream:.40}");
        }
    }

    #[test]
    fn written_messages_read_back() {
        let message = Message::Notification(lsp_server::Notification::new(
            "window/logMessage".into(),
            serde_json::json!({"type": 3, "message": "Д"}),
        ));
        let mut out = Vec::new();
        write(&mut out, &message).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        // The length counts bytes, not characters: `Д` is two.
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        assert_eq!(body.chars().count() + 1, body.len());
        assert!(body.starts_with("{\"jsonrpc\":\"2.0\""), "{text}");
        let Some(Incoming::Message(Message::Notification(n))) = read(&mut &out[..]).unwrap() else {
            panic!("{text}");
        };
        assert_eq!(n.params["message"], "Д");
    }
}
