//! How the preview holds its connections: a tokio runtime on one thread
//! accepts them, and hyper's HTTP/1 server reads each request and writes
//! its answer ([`super::http`] says what to answer). The preview stays
//! bounded whatever a client sends:
//! - a connection that has sent nothing is held without a thread, at most
//!   [`MAX_SILENT`] of them (past that the oldest is closed) for at most
//!   [`SILENT_TIMEOUT`]; a browser opens connections ahead of need;
//! - once a request starts, its head must arrive within
//!   [`super::http::HEAD_TIMEOUT`] (hyper's header read timeout) and within
//!   [`request::MAX_HEAD`] bytes and [`request::MAX_HEADER_COUNT`] headers
//!   (hyper answers 431 past them);
//! - an answer the client does not read for [`WRITE_TIMEOUT`] is given up;
//! - after the answer, what the client still sends (a form that was
//!   refused unread) is read and dropped for a moment, so closing does not
//!   reset the connection before the client reads the answer.

use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_io_timeout::TimeoutStream;

use super::http::{HEAD_TIMEOUT, Routes, WORKERS, respond};
use super::request;

/// Connections open but silent, held without a thread; past this, the
/// oldest is closed.
pub const MAX_SILENT: usize = 256;
/// How long a connection may stay silent before it is closed.
pub const SILENT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long an answer may wait for a client that reads nothing of it.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long, and how much, a refused client's sending is read after the
/// answer.
const DRAIN: (Duration, u64) = (Duration::from_secs(1), 64 << 20);
/// How often the server looks whether it should stop.
const TICK: Duration = Duration::from_millis(200);
/// How often open tabs get a comment (proxies keep the stream open and
/// tabs that were closed are found).
const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// Answers connections on `listener` until `stopping` is set; returns
/// when every answer under way is done.
pub(crate) fn serve(listener: &std::net::TcpListener, routes: Arc<Routes>) -> io::Result<()> {
    let listener = listener.try_clone()?;
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(WORKERS)
        .thread_name("loa-preview")
        .build()?;
    runtime.block_on(async { accept(TcpListener::from_std(listener)?, routes).await })
}

/// The accept loop, with the stop flag and the tabs' keep-alive.
async fn accept(listener: TcpListener, routes: Arc<Routes>) -> io::Result<()> {
    let silent = Arc::new(Silent::default());
    let mut tick = tokio::time::interval(TICK);
    let mut keep_alive = tokio::time::interval(KEEP_ALIVE);
    keep_alive.reset();
    let shared = Arc::clone(routes.shared());
    while !shared.stopping.load(Ordering::SeqCst) {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let waiting = silent.enter();
                    tokio::spawn(connection(stream, peer, Arc::clone(&routes), Arc::clone(&silent), waiting));
                }
                // Out of file descriptors and the like: try again soon.
                Err(e) if is_transient(&e) => tokio::time::sleep(TICK).await,
                Err(e) => return Err(e),
            },
            _ = keep_alive.tick() => shared.send(": keep-alive\n\n"),
            _ = tick.tick() => {}
        }
    }
    Ok(())
}

/// Accept errors that concern one connection or a passing shortage.
fn is_transient(e: &io::Error) -> bool {
    !matches!(
        e.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::NotConnected | io::ErrorKind::Unsupported
    )
}

/// One connection: silent until it speaks, then one request and its answer.
async fn connection(
    mut stream: TcpStream,
    peer: SocketAddr,
    routes: Arc<Routes>,
    silent: Arc<Silent>,
    (id, evicted): (u64, oneshot::Receiver<()>),
) {
    // A first byte, not just readiness (which may come before any byte).
    let mut first = [0];
    let spoke = tokio::select! {
        peeked = stream.peek(&mut first) => matches!(peeked, Ok(1)),
        _ = tokio::time::sleep(SILENT_TIMEOUT) => false,
        _ = evicted => false,
    };
    silent.leave(id);
    if !spoke {
        return;
    }
    let service = hyper::service::service_fn(move |request| {
        let routes = Arc::clone(&routes);
        async move { Ok::<_, std::convert::Infallible>(respond(request, routes, peer).await) }
    });
    let mut patient = TimeoutStream::new(&mut stream);
    patient.set_write_timeout(Some(WRITE_TIMEOUT));
    let io = TokioIo::new(Box::pin(patient));
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(request::MAX_HEAD)
        .max_headers(request::MAX_HEADER_COUNT)
        .keep_alive(false)
        .title_case_headers(true)
        .auto_date_header(false)
        .serve_connection(io, service)
        .await;
    drain(&mut stream).await;
}

/// Closes the sending side, then reads (and drops) what the client still
/// sends, for a moment.
async fn drain(stream: &mut TcpStream) {
    let _ = stream.shutdown().await;
    let (time, bytes) = DRAIN;
    let mut rest = stream.take(bytes);
    let _ = tokio::time::timeout(time, tokio::io::copy(&mut rest, &mut tokio::io::sink())).await;
}

/// The silent connections, oldest first; each waits on its receiver,
/// which ends when it is evicted.
#[derive(Default)]
struct Silent {
    waiting: Mutex<(u64, BTreeMap<u64, oneshot::Sender<()>>)>,
}

impl Silent {
    /// Adds a connection, closing the oldest when [`MAX_SILENT`] wait.
    fn enter(&self) -> (u64, oneshot::Receiver<()>) {
        let mut waiting = self.waiting.lock().expect("silent lock");
        let (next, connections) = &mut *waiting;
        if connections.len() >= MAX_SILENT {
            // Dropping its sender ends its wait.
            connections.pop_first();
        }
        *next += 1;
        let (evict, evicted) = oneshot::channel();
        connections.insert(*next, evict);
        (*next, evicted)
    }

    /// A connection spoke, went or was evicted.
    fn leave(&self, id: u64) {
        self.waiting.lock().expect("silent lock").1.remove(&id);
    }
}
