//! HTTP for `loa serve`, with tiny_http: pages from [`super::Live`], the
//! live-reload script, a status endpoint with the current errors, and a
//! Server-Sent Events stream that tells open pages to reload.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, Server};

use super::Live;
use crate::error::Diagnostic;

/// The script injected into every served page.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// What the request threads share.
pub struct Shared {
    /// The campaign.
    pub live: RwLock<Live>,
    clients: Mutex<Vec<Sender<String>>>,
    /// Set when the server is stopping.
    pub stopping: AtomicBool,
}

impl Shared {
    /// Wraps the loaded campaign.
    pub fn new(live: Live) -> Arc<Shared> {
        Arc::new(Shared {
            live: RwLock::new(live),
            clients: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        })
    }

    /// Tells every open page: `reload` after a good rebuild, `failed` after a
    /// bad one.
    pub fn broadcast(&self, event: &str) {
        let message = format!("event: {event}\ndata: {event}\n\n");
        let mut clients = self.clients.lock().expect("clients lock");
        clients.retain(|client| client.send(message.clone()).is_ok());
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        self.clients.lock().expect("clients lock").len()
    }
}

#[derive(Serialize)]
struct Status<'a> {
    generation: u64,
    ok: bool,
    errors: &'a [Diagnostic],
}

/// Answers requests until the server is unblocked.
pub fn run(server: &Server, shared: &Arc<Shared>) {
    loop {
        let request = match server.recv() {
            Ok(request) => request,
            Err(_) => break,
        };
        if shared.stopping.load(Ordering::SeqCst) {
            let _ = request.respond(Response::empty(503));
            break;
        }
        handle(request, shared);
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(request: Request, shared: &Arc<Shared>) {
    let head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let _ = request.respond(
                Response::from_string("only GET and HEAD")
                    .with_status_code(405)
                    .with_header(header("Allow", "GET, HEAD")),
            );
            return;
        }
    };
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or_default();
    let no_store = header("Cache-Control", "no-store");
    match path {
        "/__loa/reload.js" => {
            let response = Response::from_string(RELOAD_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(no_store);
            respond(request, response, head);
        }
        "/__loa/status" => {
            let live = shared.live.read().expect("live lock");
            let status = Status {
                generation: live.generation,
                ok: live.errors.is_empty(),
                errors: &live.errors,
            };
            let body = serde_json::to_string(&status).expect("plain data");
            drop(live);
            let response = Response::from_string(body)
                .with_header(header("Content-Type", "application/json"))
                .with_header(no_store);
            respond(request, response, head);
        }
        "/__loa/events" => {
            let (tx, rx) = mpsc::channel();
            shared.clients.lock().expect("clients lock").push(tx);
            let shared = Arc::clone(shared);
            std::thread::spawn(move || stream_events(request, rx, &shared));
        }
        _ => {
            let live = shared.live.read().expect("live lock");
            let served = live.get(&url);
            let mut response = Response::from_data(served.body.into_owned())
                .with_status_code(served.status)
                .with_header(header("Content-Type", served.content_type))
                .with_header(header("Referrer-Policy", "no-referrer"))
                .with_header(no_store);
            if let Some(location) = served.location {
                response = response.with_header(header("Location", &location));
            }
            drop(live);
            respond(request, response, head);
        }
    }
}

fn respond<R: std::io::Read>(request: Request, response: Response<R>, head: bool) {
    if head {
        let status = response.status_code();
        let headers = response.headers().to_vec();
        let length = response.data_length();
        let mut empty = Response::empty(status);
        for h in headers {
            empty.add_header(h);
        }
        if let Some(length) = length {
            empty.add_header(header("Content-Length", &length.to_string()));
        }
        let _ = request.respond(empty);
    } else {
        let _ = request.respond(response);
    }
}

/// Server-Sent Events: written by hand on the raw connection, since a
/// chunked response would be buffered.
fn stream_events(request: Request, events: Receiver<String>, shared: &Shared) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n: connected\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    while !shared.stopping.load(Ordering::SeqCst) {
        let message = match events.recv_timeout(Duration::from_secs(10)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            break;
        }
    }
}
