//! HTTP for `loa serve`: pages from [`super::Live`], the live-reload
//! script, a status endpoint with the current errors, a Server-Sent Events
//! stream that tells open pages to reload, and the desk's actions.
//!
//! hyper's HTTP/1 server reads and writes HTTP (see [`super::connection`]
//! for how connections are held and bounded); this module routes each
//! request and says what to answer:
//! - only the preview's own `Host` names are answered ([`super::host`]);
//! - what reads the campaign is answered on one of [`WORKERS`] threads,
//!   with at most [`QUEUE`] more waiting; past that a request gets 503;
//! - event streams hold no thread: at most [`MAX_STREAMS`] channels that
//!   [`Shared::broadcast`] writes to; one more gets 503;
//! - every answer carries the page CSP, `nosniff` and `no-referrer`, and
//!   `Connection: close` (a local preview needs no keep-alive).

use std::borrow::Cow;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Either, Full};
use hyper::body::{Frame, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use serde::Serialize;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};

use super::Live;
use super::actions::{self, Answer};
use super::guard;
use super::host::Hosts;
use super::request::{Head, Refused};
use crate::error::Diagnostic;
use crate::i18n::Msg;

/// The script injected into every served page.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// Threads answering requests that read the campaign.
pub const WORKERS: usize = 8;
/// Requests waiting for a worker before new ones get 503.
pub const QUEUE: usize = 64;
/// Open event streams (browser tabs) before new ones get 503.
pub const MAX_STREAMS: usize = 32;
/// How long a client has to send a whole request head once it started,
/// and then the form of an action.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// Events waiting for a tab that does not read them before it is let go.
const STREAM_BACKLOG: usize = 16;

/// What the request threads share.
pub struct Shared {
    /// The campaign.
    pub live: RwLock<Live>,
    streams: Mutex<Vec<mpsc::Sender<Bytes>>>,
    /// Set when the server is stopping.
    pub stopping: AtomicBool,
    /// Whether the preview listens on a loopback address (the desk's
    /// actions are on); fixed for the run.
    private: bool,
}

impl Shared {
    /// Wraps the loaded campaign.
    pub fn new(live: Live) -> Arc<Shared> {
        let private = live.private();
        Arc::new(Shared {
            live: RwLock::new(live),
            streams: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
            private,
        })
    }

    /// Tells every open page: `reload` after a good rebuild, `failed` after a
    /// bad one.
    pub fn broadcast(&self, event: &str) {
        self.send(&format!("event: {event}\ndata: {event}\n\n"));
    }

    /// Writes to every event stream, dropping those that cannot take it
    /// now (a stalled tab cannot stall the rest) and those closed.
    pub(crate) fn send(&self, message: &str) {
        let message = Bytes::from(message.to_string());
        let mut streams = self.streams.lock().expect("streams lock");
        streams.retain(|stream| stream.try_send(message.clone()).is_ok());
    }

    /// Opens an event stream, unless [`MAX_STREAMS`] are open (tabs that
    /// were closed are let go first).
    fn add_stream(&self) -> Option<Channel> {
        let mut streams = self.streams.lock().expect("streams lock");
        streams.retain(|stream| !stream.is_closed());
        if streams.len() >= MAX_STREAMS {
            return None;
        }
        let (stream, events) = mpsc::channel(STREAM_BACKLOG);
        let _ = stream.try_send(Bytes::from_static(b"retry: 500\n: connected\n\n"));
        streams.push(stream);
        Some(Channel::Events(events))
    }

    /// Ends every event stream (the server is stopping).
    pub(crate) fn close_streams(&self) {
        self.streams.lock().expect("streams lock").clear();
    }
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
    pub fn bind(addr: SocketAddr) -> std::io::Result<Server> {
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
    /// actions are logged with `say` (on this thread, in order).
    pub fn run(&self, shared: &Arc<Shared>, say: &(dyn Fn(&str) + Sync)) {
        let (said, lines) = std::sync::mpsc::channel::<String>();
        let routes = Arc::new(Routes {
            shared: Arc::clone(shared),
            hosts: self.hosts.clone(),
            said,
            workers: Arc::new(Semaphore::new(WORKERS + QUEUE)),
        });
        std::thread::scope(|scope| {
            scope.spawn(move || {
                if let Err(e) = super::connection::serve(&self.listener, routes) {
                    eprintln!(
                        "{}: {}",
                        crate::i18n::text("word-error"),
                        crate::msg!("serve-stopped-answering", reason = e.to_string()).text()
                    );
                    shared
                        .stopping
                        .store(true, std::sync::atomic::Ordering::SeqCst);
                }
                shared.close_streams();
            });
            // Until the server and every request it answers are done.
            for line in lines {
                say(&line);
            }
        });
    }
}

/// A body sent as it is made.
pub enum Channel {
    /// An event stream: a tab that does not read is let go.
    Events(mpsc::Receiver<Bytes>),
    /// An action's progress, sent from inside the publishing's own
    /// runtime, where nothing may wait.
    Progress(mpsc::UnboundedReceiver<Bytes>),
}

impl hyper::body::Body for Channel {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let next = match self.get_mut() {
            Channel::Events(events) => events.poll_recv(cx),
            Channel::Progress(lines) => lines.poll_recv(cx),
        };
        next.map(|b| b.map(|b| Ok(Frame::data(b))))
    }
}

/// An answer's body: whole, or sent as it is made.
pub type Body = Either<Full<Bytes>, Channel>;
/// An answer.
pub type Response = hyper::Response<Body>;

/// What answering requests needs: the campaign, the names answered, the
/// terminal (lines for `say`) and the workers' places.
pub(crate) struct Routes {
    shared: Arc<Shared>,
    hosts: Hosts,
    said: std::sync::mpsc::Sender<String>,
    workers: Arc<Semaphore>,
}

impl Routes {
    /// The campaign.
    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Shows a line on the terminal.
    fn say(&self, line: String) {
        let _ = self.said.send(line);
    }

    /// A place on a worker, when one is free or [`QUEUE`] are not yet
    /// waiting; else the 503 to answer.
    fn worker(&self) -> Result<OwnedSemaphorePermit, Reply> {
        Arc::clone(&self.workers)
            .try_acquire_owned()
            .map_err(|_| Reply::text(503, &Msg::new("preview-busy").text()))
    }

    /// Runs `job` on a worker (it reads the campaign, which a rebuild may
    /// hold for a moment) and returns its answer.
    async fn on_worker(&self, job: impl FnOnce() -> Reply + Send + 'static) -> Reply {
        let place = match self.worker() {
            Ok(place) => place,
            Err(busy) => return busy,
        };
        let done = tokio::task::spawn_blocking(move || {
            let _place = place;
            job()
        });
        done.await
            .unwrap_or_else(|_| Reply::text(500, &Msg::new("preview-error-heading").text()))
    }
}

/// Answers one request from `peer`.
pub(crate) async fn respond(
    request: hyper::Request<Incoming>,
    routes: Arc<Routes>,
    peer: SocketAddr,
) -> Response {
    let head_only = request.method() == hyper::Method::HEAD;
    let (parts, body) = request.into_parts();
    let head = match Head::of(&parts) {
        Ok(head) => head,
        Err(Refused { status, reason }) => return Reply::text(status, reason).into_response(false),
    };
    if let Err(reply) = admit(&head, &routes.hosts) {
        return reply.into_response(head_only);
    }
    let local = peer.ip().to_canonical().is_loopback();
    if guard::is_action(&head.target) {
        return action(head, body, routes, peer).await;
    }
    if private_path(&head.target) && !local {
        return Reply::text(404, &Msg::new("preview-private").text()).into_response(head_only);
    }
    if path_of(&head.target) == "/__loa/events" {
        return open_stream(&routes.shared, head_only);
    }
    let shared = Arc::clone(&routes.shared);
    let reply = routes
        .on_worker(move || {
            if path_of(&head.target) == "/__loa/open" {
                open_in_editor(&head, &shared)
            } else {
                answer(&head.target, &shared, local)
            }
        })
        .await;
    reply.into_response(head_only)
}

/// A desk action: past the guard (before a byte of its form is read), its
/// form read, then done on a worker (see [`guard`] and [`actions`]). A
/// refusal does nothing.
async fn action(head: Head, body: Incoming, routes: Arc<Routes>, peer: SocketAddr) -> Response {
    let port = routes.hosts.port();
    let length = match guard::admit(&head, Some(peer.ip()), port, routes.shared.private) {
        Ok(length) => length,
        Err(refusal) => {
            return refused(&head, refusal, &|line| routes.say(line)).into_response(false);
        }
    };
    let form = tokio::time::timeout(HEAD_TIMEOUT, body.collect()).await;
    let form = match form {
        Ok(Ok(form)) => form.to_bytes(),
        _ => Bytes::new(),
    };
    if form.len() != length {
        return Reply::text(400, &Msg::new("guard-incomplete").text()).into_response(false);
    }
    let place = match routes.worker() {
        Ok(place) => place,
        Err(busy) => return busy.into_response(false),
    };
    let (answer, answered) = oneshot::channel();
    let worker = Arc::clone(&routes);
    tokio::task::spawn_blocking(move || {
        let _place = place;
        let said = worker.said.clone();
        let say = move |line: &str| {
            let _ = said.send(line.to_string());
        };
        act(&head, &form, &worker.shared, &say, answer);
    });
    answered.await.unwrap_or_else(|_| {
        Reply::text(500, &Msg::new("preview-error-heading").text()).into_response(false)
    })
}

/// A refused action: said on the terminal, and its answer.
fn refused(head: &Head, refusal: guard::Refusal, say: &dyn Fn(String)) -> Reply {
    let reason = refusal.reason.text();
    say(crate::msg!(
        "desk-terminal-refused",
        method = head.method.clone(),
        path = path_of(&head.target).to_string(),
        reason = reason.clone()
    )
    .text());
    let mut reply = Reply::text(refusal.status, &reason);
    if refusal.status == 405 {
        reply.extra.push(("Allow", "POST".into()));
    }
    reply
}

/// Does an action whose form arrived, on a worker; its answer goes to
/// `answer` as soon as it starts (a publish sends its page while it is
/// made).
fn act(
    head: &Head,
    form: &[u8],
    shared: &Shared,
    say: &(dyn Fn(&str) + Sync),
    answer: oneshot::Sender<Response>,
) {
    let (token, state) = {
        let live = shared.live.read().expect("live lock");
        (live.token.clone(), live.actions())
    };
    let form = match guard::form_of(head, form, &token) {
        Ok(form) => form,
        Err(refusal) => {
            let reply = refused(head, refusal, &|line| say(&line));
            let _ = answer.send(reply.into_response(false));
            return;
        }
    };
    let name = guard::action_name(&head.target);
    if super::editor::handles(name) {
        let (status, html) = super::editor::act(name, &form, shared, say);
        let mut reply = Reply::new(status, "text/html; charset=utf-8", html.into_bytes());
        reply.extra.push(("Referrer-Policy", "same-origin".into()));
        let _ = answer.send(reply.into_response(false));
        return;
    }
    let ctx = shared
        .live
        .read()
        .expect("live lock")
        .action_context(form.get("ui"));
    let Some(running) = state.try_start() else {
        say("desk: refused an action: another one is running");
        let _ = answer.send(answer_reply(&ctx, actions::busy(&ctx)).into_response(false));
        return;
    };
    let progress = Progress::new(&ctx, answer);
    let done = actions::run(name, &form, shared, say, &|line| progress.line(line));
    // Free before the answer's last bytes: a browser that sends the next
    // form as soon as this page ends must not find the desk busy.
    drop(running);
    progress.end(done);
}

/// An action's page while it is made: its head and the first lines go
/// with the first line of progress (files sent); without progress, the
/// whole answer goes at the end.
struct Progress<'a> {
    ctx: &'a actions::Context,
    /// Where the answer goes, until its head is sent.
    answer: Mutex<Option<oneshot::Sender<Response>>>,
    /// Where the rest of the page goes, once the head is sent.
    rest: Mutex<Option<mpsc::UnboundedSender<Bytes>>>,
}

impl<'a> Progress<'a> {
    fn new(ctx: &'a actions::Context, answer: oneshot::Sender<Response>) -> Progress<'a> {
        Progress {
            ctx,
            answer: Mutex::new(Some(answer)),
            rest: Mutex::new(None),
        }
    }

    /// Sends one line of progress (the page's head first).
    fn line(&self, line: &str) {
        let mut rest = self.rest.lock().expect("progress lock");
        if rest.is_none()
            && let Some(answer) = self.answer.lock().expect("progress lock").take()
        {
            *rest = Some(self.start(answer));
        }
        if let Some(rest) = &*rest {
            let item = format!("<li>{}</li>\n", crate::render::markdown::escape(line));
            let _ = rest.send(Bytes::from(item));
        }
    }

    /// Sends the page's head and the start of its list; returns where the
    /// rest goes.
    fn start(&self, answer: oneshot::Sender<Response>) -> mpsc::UnboundedSender<Bytes> {
        let (rest, body) = mpsc::unbounded_channel();
        let mut reply = Reply::new(200, "text/html; charset=utf-8", Vec::new());
        reply.extra.push(("Referrer-Policy", "same-origin".into()));
        let title = super::words::word(&self.ctx.lang, Msg::new("desk-publish-running"));
        let start = format!(
            "{}<ol class=\"desk-list desk-progress\">\n",
            actions::frame_start(self.ctx, &title)
        );
        let _ = rest.send(Bytes::from(start));
        let _ = answer.send(reply.streamed(Channel::Progress(body)));
        rest
    }

    /// Sends the end of the page, or the whole answer when nothing went.
    fn end(self, answer: Answer) {
        let Some(rest) = self.rest.into_inner().expect("progress lock") else {
            if let Some(sender) = self.answer.into_inner().expect("progress lock") {
                let _ = sender.send(answer_reply(self.ctx, answer).into_response(false));
            }
            return;
        };
        let end = match answer {
            Answer::Page { title, body, .. } => format!(
                "</ol>\n<h2>{}</h2>\n{body}{}",
                crate::render::markdown::escape(&title),
                actions::frame_end(self.ctx)
            ),
            _ => format!("</ol>\n{}", actions::frame_end(self.ctx)),
        };
        let _ = rest.send(Bytes::from(end));
    }
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

/// Server-Sent Events: the head now; later events come from
/// [`Shared::broadcast`] through the stream's channel.
fn open_stream(shared: &Shared, head_only: bool) -> Response {
    if head_only {
        return Reply::text(200, "").into_response(true);
    }
    match shared.add_stream() {
        Some(events) => Reply::new(200, "text/event-stream", Vec::new()).streamed(events),
        None => Reply::text(503, &Msg::new("preview-tabs").text()).into_response(false),
    }
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

    /// The headers, in order; `length` is the Content-Length.
    fn headers(&self, length: Option<usize>) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut headers = vec![("Content-Type", Cow::Borrowed(&*self.content_type))];
        if let Some(length) = length {
            headers.push(("Content-Length", Cow::Owned(length.to_string())));
        }
        // A preview is never cached; the rest is what hosts send.
        headers.push(("Cache-Control", Cow::Borrowed("no-store")));
        for (name, value) in crate::output::hosting::security_headers(false) {
            if !self.extra.iter().any(|(n, _)| *n == name) {
                headers.push((name, value));
            }
        }
        headers.push(("Connection", Cow::Borrowed("close")));
        for (name, value) in &self.extra {
            headers.push((name, Cow::Borrowed(value.as_str())));
        }
        headers
    }

    /// The answer with its whole body (none to a `HEAD`, with the length
    /// of the body a `GET` gets).
    fn into_response(self, head_only: bool) -> Response {
        let mut response = self.response(Some(self.body.len()));
        if !head_only {
            *response.body_mut() = Either::Left(Full::new(Bytes::from(self.body)));
        }
        response
    }

    /// The answer with a body sent as it is made (no length).
    fn streamed(self, body: Channel) -> Response {
        let mut response = self.response(None);
        *response.body_mut() = Either::Right(body);
        response
    }

    /// Status and headers, with an empty body.
    fn response(&self, length: Option<usize>) -> Response {
        let mut response = Response::new(Either::Left(Full::new(Bytes::new())));
        *response.status_mut() = hyper::StatusCode::from_u16(self.status)
            .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        for (name, value) in self.headers(length) {
            // Every value is made here; one that is not a header value (a
            // control character in a name) is left out rather than sent.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(value.as_bytes()),
            ) {
                headers.append(name, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_carries_the_careful_headers() {
        let response = Reply::text(404, "x").into_response(false);
        assert_eq!(response.status(), 404);
        let headers = response.headers();
        for (name, value) in [
            ("content-length", "2"),
            ("content-type", "text/plain; charset=utf-8"),
            ("cache-control", "no-store"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("connection", "close"),
        ] {
            assert_eq!(headers[name], value, "{name}");
        }
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.ends_with("; frame-ancestors 'none'"), "{csp}");
    }

    #[test]
    fn an_answer_s_own_policy_replaces_the_default_and_heads_keep_the_length() {
        let mut reply = Reply::new(200, "text/html; charset=utf-8", b"<p>desk</p>".to_vec());
        reply.extra.push(("Referrer-Policy", "same-origin".into()));
        let response = reply.into_response(true);
        let policies: Vec<_> = response
            .headers()
            .get_all("referrer-policy")
            .iter()
            .collect();
        assert_eq!(policies, ["same-origin"]);
        assert_eq!(response.headers()["content-length"], "11");
    }
}
