//! HTTP for `loa serve`, on the standard library's TCP listener: pages from
//! [`super::Live`], the live-reload script, a status endpoint with the
//! current errors, and a Server-Sent Events stream that tells open pages to
//! reload.
//!
//! Written by hand rather than with an HTTP crate because the preview must
//! stay bounded whatever a client sends (tiny_http, used before, read a
//! header of any length and started a thread per connection):
//! - one thread accepts connections and holds silent ones (at most
//!   [`MAX_SILENT`]) in a poll set; a fixed pool of [`WORKERS`] threads
//!   answers those whose request has started to arrive, from a queue of
//!   [`QUEUE`]; when the queue is full a connection gets 503;
//! - a request head must arrive within [`HEAD_TIMEOUT`] and within the
//!   limits of [`super::request`];
//! - event streams hold no thread: at most [`MAX_STREAMS`] sockets kept in
//!   a list and written to when something happens; one more gets 503;
//! - only the preview's own `Host` names are answered ([`super::host`]);
//! - every answer carries the page CSP, `nosniff` and `no-referrer`, and
//!   `Connection: close` (a local preview needs no keep-alive).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use mio::{Events, Interest, Poll, Token};
use serde::Serialize;

use super::Live;
use super::actions::{self, Answer};
use super::guard;
use super::host::Hosts;
use super::request::{Head, Refused, read_head};
use crate::error::Diagnostic;
use crate::i18n::{Msg, Reporter};

/// The script injected into every served page.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// Threads answering requests.
pub const WORKERS: usize = 8;
/// Connections waiting for a worker before new ones get 503.
pub const QUEUE: usize = 64;
/// Open event streams (browser tabs) before new ones get 503.
pub const MAX_STREAMS: usize = 32;
/// How long a client has to send a whole request head once it started.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections open but silent, held without a thread; past this, the
/// oldest is closed.
pub const MAX_SILENT: usize = 256;
/// How long a connection may stay silent before it is closed.
pub const SILENT_TIMEOUT: Duration = Duration::from_secs(30);

/// What the request threads share.
pub struct Shared {
    /// The campaign.
    pub live: RwLock<Live>,
    streams: Mutex<Vec<TcpStream>>,
    /// Set when the server is stopping.
    pub stopping: AtomicBool,
}

impl Shared {
    /// Wraps the loaded campaign.
    pub fn new(live: Live) -> Arc<Shared> {
        Arc::new(Shared {
            live: RwLock::new(live),
            streams: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        })
    }

    /// Tells every open page: `reload` after a good rebuild, `failed` after a
    /// bad one.
    pub fn broadcast(&self, event: &str) {
        self.send(&format!("event: {event}\ndata: {event}\n\n"));
    }

    /// Writes to every event stream, dropping those that cannot take it
    /// now (the sockets do not block: a stalled tab cannot stall the rest).
    fn send(&self, message: &str) {
        let mut streams = self.streams.lock().expect("streams lock");
        streams.retain(|mut stream| stream.write_all(message.as_bytes()).is_ok());
    }

    /// Opens an event stream: writes its head and keeps the socket, unless
    /// [`MAX_STREAMS`] are open (tabs that were closed are let go first).
    fn add_stream(&self, mut stream: TcpStream) -> Result<(), TcpStream> {
        let mut streams = self.streams.lock().expect("streams lock");
        streams.retain(is_open);
        if streams.len() >= MAX_STREAMS {
            return Err(stream);
        }
        let mut head = Reply::new(200, "text/event-stream", Vec::new()).head(None);
        head.push_str("retry: 500\n: connected\n\n");
        if stream.write_all(head.as_bytes()).is_ok() && stream.set_nonblocking(true).is_ok() {
            streams.push(stream);
        }
        Ok(())
    }
}

/// A tab that is still there: it sends nothing after its request, so a
/// read finds nothing yet (not the end of the stream).
fn is_open(stream: &TcpStream) -> bool {
    let mut byte = [0];
    matches!(stream.peek(&mut byte), Err(e) if e.kind() == io::ErrorKind::WouldBlock)
}

#[derive(Serialize)]
struct Status<'a> {
    generation: u64,
    ok: bool,
    errors: &'a [Diagnostic],
    /// The overlay's words, in the staff's language.
    words: OverlayWords,
}

/// What the error overlay says around the findings.
#[derive(Serialize)]
struct OverlayWords {
    lang: &'static str,
    title: String,
    help: String,
}

/// A listening socket and the names it answers to.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    hosts: Hosts,
}

impl Server {
    /// Listens on `addr` (port 0: any free port).
    pub fn bind(addr: SocketAddr) -> io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        Ok(Server {
            listener,
            addr,
            hosts: Hosts::new(addr),
        })
    }

    /// The address listened on, with the real port.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until `shared.stopping` is set; the desk's
    /// actions are logged to `reporter`.
    pub fn run(&self, shared: &Arc<Shared>, reporter: &dyn Reporter) {
        let (queue, waiting) = mpsc::sync_channel::<TcpStream>(QUEUE);
        let waiting = Mutex::new(waiting);
        std::thread::scope(|scope| {
            for _ in 0..WORKERS {
                scope.spawn(|| work(&waiting, shared, &self.hosts, reporter));
            }
            scope.spawn(|| keep_alive(shared));
            if let Err(e) = self.dispatch(shared, &queue) {
                reporter.error(crate::msg!(
                    "serve-stopped-answering",
                    reason = e.to_string()
                ));
                shared.stopping.store(true, Ordering::SeqCst);
            }
            drop(queue);
        });
    }

    /// Accepts connections and holds each one, without a thread, until
    /// its client has sent something; then a worker takes it. A browser
    /// opens connections ahead of need and may leave them silent for
    /// seconds: they must not hold the workers.
    fn dispatch(&self, shared: &Shared, queue: &SyncSender<TcpStream>) -> io::Result<()> {
        const LISTENER: Token = Token(0);
        let listener = self.listener.try_clone()?;
        listener.set_nonblocking(true)?;
        let mut listener = mio::net::TcpListener::from_std(listener);
        let mut poll = Poll::new()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let mut silent: HashMap<Token, (mio::net::TcpStream, Instant)> = HashMap::new();
        let mut next = 0usize;
        let mut events = Events::with_capacity(256);
        while !shared.stopping.load(Ordering::SeqCst) {
            match poll.poll(&mut events, Some(Duration::from_millis(200))) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => other?,
            }
            for event in &events {
                if event.token() != LISTENER {
                    if let Some((mut stream, _)) = silent.remove(&event.token()) {
                        let _ = poll.registry().deregister(&mut stream);
                        hand_over(stream.into(), queue);
                    }
                    continue;
                }
                // Accept everything waiting (readiness is reported once).
                while let Ok((mut stream, _)) = listener.accept() {
                    if silent.len() >= MAX_SILENT {
                        // Close the connection silent the longest.
                        let oldest = silent.iter().min_by_key(|(_, (_, since))| *since);
                        if let Some(token) = oldest.map(|(token, _)| *token) {
                            silent.remove(&token);
                        }
                    }
                    next = next.wrapping_add(1).max(1);
                    let token = Token(next);
                    if poll
                        .registry()
                        .register(&mut stream, token, Interest::READABLE)
                        .is_ok()
                    {
                        silent.insert(token, (stream, Instant::now()));
                    }
                }
            }
            silent.retain(|_, (_, since)| since.elapsed() < SILENT_TIMEOUT);
        }
        Ok(())
    }
}

/// Gives a connection with a request coming to a worker, or answers 503
/// when every worker is busy and the queue is full.
fn hand_over(stream: TcpStream, queue: &SyncSender<TcpStream>) {
    if stream.set_nonblocking(false).is_err() {
        return;
    }
    if let Err(TrySendError::Full(mut stream)) = queue.try_send(stream) {
        let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
        let _ = Reply::text(503, &Msg::new("preview-busy").text()).send(&mut stream, false);
    }
}

fn work(
    waiting: &Mutex<Receiver<TcpStream>>,
    shared: &Arc<Shared>,
    hosts: &Hosts,
    reporter: &dyn Reporter,
) {
    loop {
        let next = waiting.lock().expect("queue lock").recv();
        let Ok(stream) = next else { return };
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        handle(stream, shared, hosts, reporter);
    }
}

/// Every ten seconds, a comment on each event stream: browsers and
/// proxies keep it open, and tabs that were closed are found.
fn keep_alive(shared: &Shared) {
    let mut last = Instant::now();
    while !shared.stopping.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(200));
        if last.elapsed() >= Duration::from_secs(10) {
            shared.send(": keep-alive\n\n");
            last = Instant::now();
        }
    }
}

/// A reader that gives up once its deadline has passed, however slowly the
/// bytes trickle in.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

fn handle(mut stream: TcpStream, shared: &Arc<Shared>, hosts: &Hosts, reporter: &dyn Reporter) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let reading = stream.try_clone();
    let Ok(reading) = reading else { return };
    let mut reader = BufReader::with_capacity(
        4096,
        Deadline {
            stream: &reading,
            until: Instant::now() + HEAD_TIMEOUT,
        },
    );
    let head = read_head(&mut reader);
    let head = match head {
        Ok(head) => head,
        Err(None) => return,
        Err(Some(Refused { status, reason })) => {
            let _ = Reply::text(status, reason).send(&mut stream, false);
            drain(&stream);
            return;
        }
    };
    if let Err(reply) = admit(&head, hosts) {
        let _ = reply.send(&mut stream, head.method == "HEAD");
        return;
    }
    if guard::is_action(&head.target) {
        if let Some(reply) = action(&head, &mut reader, &stream, shared, hosts.port(), reporter) {
            let _ = reply.send(&mut stream, head.method == "HEAD");
            if reply.status >= 400 {
                // What a refused client still sends is read, so it gets the answer.
                drain(&stream);
            }
        }
        return;
    }
    let head_only = head.method == "HEAD";
    if private_path(&head.target) && !from_this_computer(&stream) {
        let reply = Reply::text(404, &Msg::new("preview-private").text());
        let _ = reply.send(&mut stream, head_only);
        return;
    }
    if path_of(&head.target) == "/__loa/events" {
        if head_only {
            let _ = Reply::text(200, "").send(&mut stream, true);
            return;
        }
        return open_stream(stream, shared);
    }
    let reply = if path_of(&head.target) == "/__loa/open" {
        open_in_editor(&head, shared)
    } else {
        answer(&head.target, shared, from_this_computer(&stream))
    };
    let _ = reply.send(&mut stream, head_only);
}

/// A desk action: past the guard, the busy check, then done (see
/// [`guard`] and [`actions`]). A refusal does nothing.
/// Answers itself when it sends the page while it is made (`None`).
fn action(
    head: &Head,
    reader: &mut impl Read,
    stream: &TcpStream,
    shared: &Shared,
    port: u16,
    reporter: &dyn Reporter,
) -> Option<Reply> {
    let peer = stream.peer_addr().ok().map(|a| a.ip());
    let enabled = shared.live.read().expect("live lock").private();
    let refused = |refusal: guard::Refusal| {
        let reason = refusal.reason.text();
        reporter.note(crate::msg!(
            "desk-terminal-refused",
            method = head.method.clone(),
            path = path_of(&head.target).to_string(),
            reason = reason.clone()
        ));
        let mut reply = Reply::text(refusal.status, &reason);
        if refusal.status == 405 {
            reply.extra.push(("Allow", "POST".into()));
        }
        reply
    };
    let length = match guard::admit(head, peer, port, enabled) {
        Ok(length) => length,
        Err(refusal) => return Some(refused(refusal)),
    };
    let mut body = Vec::with_capacity(length);
    if reader
        .by_ref()
        .take(length as u64)
        .read_to_end(&mut body)
        .map_or(true, |n| n != length)
    {
        return Some(Reply::text(400, &Msg::new("guard-incomplete").text()));
    }
    let (token, state) = {
        let live = shared.live.read().expect("live lock");
        (live.token.clone(), live.actions())
    };
    let form = match guard::form_of(head, &body, &token) {
        Ok(form) => form,
        Err(refusal) => return Some(refused(refusal)),
    };
    let name = guard::action_name(&head.target);
    if super::editor::handles(name) {
        let (status, html) = super::editor::act(name, &form, shared, reporter);
        let mut reply = Reply::new(status, "text/html; charset=utf-8", html.into_bytes());
        reply.extra.push(("Referrer-Policy", "same-origin".into()));
        return Some(reply);
    }
    let ctx = shared
        .live
        .read()
        .expect("live lock")
        .action_context(form.get("ui"));
    let Some(running) = state.try_start() else {
        reporter.note(Msg::new("desk-terminal-busy"));
        return Some(answer_reply(&ctx, actions::busy(&ctx)));
    };
    // Progress (files sent) goes out as it comes: the page is sent while
    // it is made, the answer's head with the first line.
    let started = Mutex::new(false);
    let progress = |line: &str| {
        let mut started = started.lock().expect("progress lock");
        let mut out = stream;
        if !*started {
            *started = true;
            let mut head = Reply::new(200, "text/html; charset=utf-8", Vec::new());
            head.extra.push(("Referrer-Policy", "same-origin".into()));
            let title =
                super::words::word(&ctx.lang, crate::i18n::Msg::new("desk-publish-running"));
            let _ = out.write_all(head.head(None).as_bytes());
            let start = format!(
                "{}<ol class=\"desk-list desk-progress\">\n",
                actions::frame_start(&ctx, &title)
            );
            let _ = out.write_all(start.as_bytes());
        }
        let _ = out
            .write_all(format!("<li>{}</li>\n", crate::render::markdown::escape(line)).as_bytes());
    };
    let answer = actions::run(
        guard::action_name(&head.target),
        &form,
        shared,
        reporter,
        &progress,
    );
    // Free before the answer's last bytes: a browser that sends the next
    // form as soon as this page ends must not find the desk busy.
    drop(running);
    if !*started.lock().expect("progress lock") {
        return Some(answer_reply(&ctx, answer));
    }
    let rest = match answer {
        Answer::Page { title, body, .. } => format!(
            "</ol>\n<h2>{}</h2>\n{body}{}",
            crate::render::markdown::escape(&title),
            actions::frame_end(&ctx)
        ),
        _ => format!("</ol>\n{}", actions::frame_end(&ctx)),
    };
    let mut out = stream;
    let _ = out.write_all(rest.as_bytes());
    let _ = out.flush();
    let _ = stream.shutdown(Shutdown::Write);
    None
}

/// An action's answer as HTTP; its pages may send forms to the desk, so
/// they tell the browser the desk's own address (`Origin`).
fn answer_reply(ctx: &actions::Context, answer: Answer) -> Reply {
    let mut reply = match answer {
        Answer::Page {
            status,
            title,
            body,
        } => Reply::new(
            status,
            "text/html; charset=utf-8",
            actions::frame(ctx, &title, &body).into_bytes(),
        ),
        Answer::Download { name, bytes } => {
            let mut reply = Reply::new(200, "application/zip", bytes);
            reply.extra.push((
                "Content-Disposition",
                format!("attachment; filename=\"{name}\""),
            ));
            reply
        }
        Answer::SeeOther(location) => {
            let mut reply = Reply::text(303, "Done.");
            reply.extra.push(("Location", location));
            reply
        }
    };
    reply.extra.push(("Referrer-Policy", "same-origin".into()));
    reply
}

/// A desk link asks for a file to be opened in the editor. Browsers say
/// where a request comes from: one from another site is refused, as is a
/// link without this run's token.
fn open_in_editor(head: &Head, shared: &Shared) -> Reply {
    let from_elsewhere = head
        .all("sec-fetch-site")
        .any(|site| !matches!(site, "same-origin" | "none"));
    if from_elsewhere {
        return Reply::text(403, &Msg::new("preview-open-elsewhere").text());
    }
    let query = head.target.split_once('?').map_or("", |(_, q)| q);
    let live = shared.live.read().expect("live lock");
    match live.open(query) {
        Ok(()) => {
            let mut reply = Reply::text(303, &Msg::new("preview-opened").text());
            reply.extra.push(("Location", "/".into()));
            reply
        }
        Err(why) => Reply::text(403, &why.text()),
    }
}

/// Refuses requests for other hosts, other methods and odd targets.
fn admit(head: &Head, hosts: &Hosts) -> Result<(), Reply> {
    let host: Vec<&str> = head.all("host").collect();
    let [host] = host.as_slice() else {
        return Err(Reply::text(400, &Msg::new("preview-one-host").text()));
    };
    if !hosts.allows(host) {
        return Err(Reply::text(421, &Msg::new("preview-other-host").text()));
    }
    // Actions are judged by their own guard, which refuses a GET too.
    if !matches!(head.method.as_str(), "GET" | "HEAD") && !guard::is_action(&head.target) {
        let mut reply = Reply::text(405, &Msg::new("preview-method").text());
        reply.extra.push(("Allow", "GET, HEAD".into()));
        return Err(reply);
    }
    if !head.target.starts_with('/') {
        return Err(Reply::text(400, &Msg::new("preview-target").text()));
    }
    Ok(())
}

/// The preview's private pages and actions: opening files in the editor,
/// the call sheets (names, numbers and notes of people to call).
/// Judged on the decoded path, as [`Live::get`] reads it.
fn private_path(target: &str) -> bool {
    super::clean_path(target).is_some_and(|path| {
        path == "__loa/open"
            || path == "__loa/edit"
            || path.starts_with("__loa/calls/")
            || path == "__loa/calls"
    })
}

/// Whether the client is on the computer running the preview.
fn from_this_computer(stream: &TcpStream) -> bool {
    stream
        .peer_addr()
        .is_ok_and(|peer| peer.ip().to_canonical().is_loopback())
}

fn path_of(target: &str) -> &str {
    target.split(['?', '#']).next().unwrap_or_default()
}

/// `local`: the client is on this computer (the pages get the editor's
/// link).
fn answer(target: &str, shared: &Shared, local: bool) -> Reply {
    match path_of(target) {
        "/__loa/reload.js" => Reply::new(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        ),
        "/__loa/editor.js" => Reply::new(
            200,
            "text/javascript; charset=utf-8",
            super::editor::EDITOR_JS.as_bytes().to_vec(),
        ),
        "/__loa/editor.css" => Reply::new(
            200,
            "text/css; charset=utf-8",
            super::editor::EDITOR_CSS.as_bytes().to_vec(),
        ),
        super::editor::PATH => {
            let live = shared.live.read().expect("live lock");
            let served = super::editor::page(&live, target);
            let mut reply =
                Reply::new(served.status, served.content_type, served.body.into_owned());
            reply.extra.push(("Referrer-Policy", "same-origin".into()));
            reply
        }
        "/__loa/desk.css" => Reply::new(
            200,
            "text/css; charset=utf-8",
            super::desk::DESK_CSS.as_bytes().to_vec(),
        ),
        "/__loa/status" => {
            let live = shared.live.read().expect("live lock");
            let status = Status {
                generation: live.generation,
                ok: live.errors.is_empty(),
                errors: &live.errors,
                words: OverlayWords {
                    lang: crate::i18n::lang().code(),
                    title: crate::msg!("overlay-title", count = live.errors.len()).text(),
                    help: crate::i18n::text("word-help"),
                },
            };
            let body = serde_json::to_vec(&status).expect("plain data");
            Reply::new(200, "application/json", body)
        }
        path => {
            let live = shared.live.read().expect("live lock");
            let served = live.get(target);
            let mut body = served.body.into_owned();
            if local && served.status == 200 && served.content_type.starts_with("text/html") {
                body = super::editor::with_edit_link(&live, path, body);
            }
            let mut reply = Reply::new(served.status, served.content_type, body);
            if let Some(location) = served.location {
                reply.extra.push(("Location", location));
            }
            // The desk's forms send their origin only under this policy
            // (under `no-referrer` a browser sends `Origin: null`).
            if path == "/" {
                reply.extra.push(("Referrer-Policy", "same-origin".into()));
            }
            reply
        }
    }
}

/// Server-Sent Events: the head is written now; later events are written
/// by [`Shared::broadcast`] to the kept socket.
fn open_stream(stream: TcpStream, shared: &Shared) {
    if let Err(mut stream) = shared.add_stream(stream) {
        let reply = Reply::text(503, &Msg::new("preview-tabs").text());
        let _ = reply.send(&mut stream, false);
    }
}

/// Reads (and drops) what a refused client is still sending, for a moment,
/// so closing does not reset the connection before it reads the answer.
fn drain(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut reader = Deadline { stream, until }.take(64 << 20);
    let _ = io::copy(&mut reader, &mut io::sink());
}

/// An answer.
struct Reply {
    status: u16,
    content_type: Cow<'static, str>,
    body: Vec<u8>,
    extra: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: impl Into<Cow<'static, str>>, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.into(),
            body,
            extra: Vec::new(),
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        let body = if text.is_empty() {
            Vec::new()
        } else {
            format!("{text}\n").into_bytes()
        };
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    /// The status line and headers; `length` is the Content-Length.
    fn head(&self, length: Option<usize>) -> String {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n",
            self.status,
            reason(self.status),
            self.content_type
        );
        if let Some(length) = length {
            head.push_str(&format!("Content-Length: {length}\r\n"));
        }
        // A preview is never cached; the rest is what hosts send.
        head.push_str("Cache-Control: no-store\r\n");
        for (name, value) in crate::output::hosting::security_headers(false) {
            if !self.extra.iter().any(|(n, _)| *n == name) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str("Connection: close\r\n");
        for (name, value) in &self.extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        head
    }

    fn send(&self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        stream.write_all(self.head(Some(self.body.len())).as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()?;
        stream.shutdown(Shutdown::Write)
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        403 => "Forbidden",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_carries_the_careful_headers() {
        let head = Reply::text(404, "x").head(Some(2));
        for line in [
            "HTTP/1.1 404 Not Found\r\n",
            "Content-Length: 2\r\n",
            "X-Content-Type-Options: nosniff\r\n",
            "Referrer-Policy: no-referrer\r\n",
            "frame-ancestors 'none'\r\n",
        ] {
            assert!(head.contains(line), "{line}");
        }
    }
}
