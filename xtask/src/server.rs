//! The static file server for `cargo xtask serve`, the end-to-end tests and
//! the bench, served as a production host would (axum and tower-http's
//! file service): the precompressed brotli or gzip copy a browser accepts,
//! `Cache-Control: immutable` for files whose names carry a hash, the
//! site's security headers, correct types, a folder's index.html for its
//! path (the pages of areas and regions), and other client routes (paths
//! without an extension) answered with index.html. It has a production
//! host's limits too: a header-read timeout that also closes idle keep-alive
//! connections, a cap on concurrent connections, no link followed out of the
//! site's folder. Not limited: a client that stops reading an answer keeps
//! its connection until the system's TCP timeouts end it. Test hooks: faults per file (a status, a delay, no answer,
//! a cut body, the wrong file, a reset connection), files answered with
//! other bytes, a mount prefix, and a plain host's behaviour (files only, no
//! fallback).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// How long a client may take to send a request's headers, and so how long
/// a kept-alive connection may sit idle before the next request: a slow or
/// half-open connection is closed rather than kept for good.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once; more wait to be accepted (in the system's
/// queue, holding none of this process's file handles) until one closes.
pub const MAX_CONNECTIONS: usize = 8192;

/// What a test can make the server do to one file, as an unlucky network or
/// a misconfigured host would.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answered with this status (404: missing, 500: a failing host...).
    Status(u16),
    /// Answered in full, after this long.
    Delay(Duration),
    /// Never answered (the connection stays open).
    Hang,
    /// Answered 200 with the first half of the file, as a host that cut it
    /// short when copying it.
    Truncate,
    /// Answered 200 with the site's index.html as HTML, as a host that
    /// answers every unknown path with its page would.
    WrongType,
    /// The headers and part of the body sent, then the connection dropped.
    Reset,
    /// The first this many requests answered 503, the later ones served.
    FailFirst(usize),
    /// Sent whole, uncompressed, in two halves with this pause between
    /// them, as a slow network delivers a page: the browser paints the
    /// first half meanwhile.
    Pause(Duration),
}

pub struct Options {
    /// The built site.
    pub root: PathBuf,
    /// URL paths answered with a fault instead of the file.
    pub faults: HashMap<String, Fault>,
    /// URL paths answered with these bytes instead of the file: lets a test
    /// serve a malformed file without touching the build.
    pub replaced: HashMap<String, Vec<u8>>,
    /// The path the site is mounted under, e.g. "/concordat-map" ("" for the root).
    pub prefix: String,
    /// Send the site's security headers (off for a test's host page, which is
    /// another site's and has its own scripts).
    pub security_headers: bool,
    /// Answer a path that is no file with index.html (the app's routes), as
    /// the site asks of its host; off, a plain static host: 404.
    pub fallback: bool,
    /// See `HEADER_TIMEOUT`.
    pub header_timeout: Duration,
    /// See `MAX_CONNECTIONS`.
    pub max_connections: usize,
    /// The Content Security Policy sent: the served page's own.
    policy: String,
    /// Requests so far for each path with a `FailFirst` fault.
    asked: std::sync::Mutex<HashMap<String, usize>>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            faults: HashMap::new(),
            replaced: HashMap::new(),
            prefix: String::new(),
            security_headers: true,
            fallback: true,
            header_timeout: HEADER_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            policy: crate::policy::TEMPLATE.to_owned(),
            asked: std::sync::Mutex::new(HashMap::new()),
        }
    }
}

pub struct Server {
    addr: SocketAddr,
    prefix: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving on `addr` (use "127.0.0.1:0" for a free port).
    pub fn start(mut options: Options, addr: &str) -> Result<Server, String> {
        let page = std::fs::read_to_string(options.root.join("index.html")).map_err(|e| {
            format!(
                "{} has no readable index.html ({e}): build the site first",
                options.root.display()
            )
        })?;
        // The header says what the page's own <meta> says, hashes included.
        if let Some(policy) = crate::policy::of_page(&page) {
            options.policy = policy.to_owned();
        }
        if HeaderValue::from_str(&options.policy).is_err() {
            return Err(format!(
                "the Content Security Policy in {}/index.html cannot be sent as a header: {}",
                options.root.display(),
                options.policy
            ));
        }
        let listener = listen(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        // Links are followed only inside the site: its own path, resolved once.
        options.root = options
            .root
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", options.root.display()))?;
        let prefix = options.prefix.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let limits = (options.header_timeout, options.max_connections);
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(Arc::new(options));
        let thread = std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => return eprintln!("[xtask] the server has no runtime: {e}"),
            };
            runtime.block_on(async move {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => accept(listener, app, limits, stopped).await,
                    Err(e) => eprintln!("[xtask] the server cannot listen: {e}"),
                }
            });
            // Connections still open (a hanging fault's) end with the runtime.
            runtime.shutdown_background();
        });
        Ok(Server {
            addr,
            prefix,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's root URL, with a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}{}/", self.addr, self.prefix)
    }

    /// Blocks until the process is interrupted.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A listening socket whose queue of connections not yet accepted holds
/// 4,096 (as far as the system's `somaxconn` allows; the standard library's
/// holds 128: a burst of a thousand would have most retry a second later).
fn listen(addr: &str) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let addr: SocketAddr = addr
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(4096)?;
    Ok(socket.into())
}

/// Accepts connections until `stopped`, each served by hyper's HTTP/1 with
/// the header-read timeout, at most `max` at once.
async fn accept(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    (timeout, max): (Duration, usize),
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let slots = Arc::new(tokio::sync::Semaphore::new(max));
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = &mut stopped => return,
        };
        let Ok(slot) = slot else { return };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stopped => return,
        };
        let stream = match stream {
            Ok((stream, _)) => stream,
            // Out of file handles, say: wait for some to close, keep serving.
            Err(e) => {
                eprintln!("[xtask] cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Whether a file's name carries Trunk's content hash (`name-<16 hex>…`):
/// such a file never changes, so browsers may keep it for good.
pub fn is_hashed(name: &str) -> bool {
    name.split('-').skip(1).any(|part| {
        let hex: String = part.chars().take_while(char::is_ascii_hexdigit).collect();
        hex.len() == 16
            && part[16..]
                .chars()
                .next()
                .is_none_or(|c| c == '_' || c == '.')
    })
}

fn plain(code: StatusCode, text: &'static str) -> Response {
    (code, [(header::CONTENT_TYPE, "text/plain")], text).into_response()
}

/// Adds the site's headers to an answer.
fn finish(mut response: Response, path: &str, options: &Options) -> Response {
    // Every file is negotiated (its brotli or gzip copy where there is one):
    // a shared cache must keep one answer per encoding.
    if !response.status().is_client_error() && !response.status().is_server_error() {
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let name = path.rsplit('/').next().unwrap_or("");
    let cache = if response.status().is_success() && is_hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if options.security_headers {
        let pairs = [
            ("content-security-policy", options.policy.as_str()),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
        ];
        for (key, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(key, value);
            }
        }
    }
    response
}

async fn handle(State(options): State<Arc<Options>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut refused = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return finish(refused, "", &options);
    }
    let full = request.uri().path().to_string();
    // Outside the mount prefix there is nothing ("/concordat-mapx" included).
    let path = full
        .strip_prefix(options.prefix.as_str())
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let Some(path) = path else {
        return finish(plain(StatusCode::NOT_FOUND, "not found"), "", &options);
    };
    let path = if path.is_empty() { "/" } else { path };
    if let Some(fault) = options.faults.get(path)
        && let Some(response) = faulty(fault, path, &options).await
    {
        return finish(response, path, &options);
    }
    if let Some(body) = options.replaced.get(path) {
        let response = (
            [(header::CONTENT_TYPE, content_type(Path::new(path)))],
            Body::from(body.clone()),
        )
            .into_response();
        return finish(response, path, &options);
    }
    let Some(file) = resolve(&options, path) else {
        return finish(plain(StatusCode::NOT_FOUND, "not found"), path, &options);
    };
    if let Some(fault @ (Fault::Truncate | Fault::Reset | Fault::Pause(_))) =
        options.faults.get(path)
    {
        return finish(cut(fault, &file), path, &options);
    }
    let served = ServeFile::new_with_mime(&file, &mime_of(&file))
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    let response = match served {
        Ok(response) => response.map(Body::new).into_response(),
        Err(_) => plain(StatusCode::NOT_FOUND, "not found"),
    };
    let served_path = if file.ends_with("index.html") {
        "/index.html"
    } else {
        path
    };
    finish(response, served_path, &options)
}

/// What a fault answers, or None where the file is then served (a delay).
async fn faulty(fault: &Fault, path: &str, options: &Options) -> Option<Response> {
    let status = |code| StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let page = || std::fs::read(options.root.join("index.html")).unwrap_or_default();
    Some(match fault {
        Fault::Status(code) => plain(status(*code), "a fault of the test server"),
        Fault::Delay(delay) => {
            tokio::time::sleep(*delay).await;
            return None;
        }
        Fault::Hang => std::future::pending().await,
        Fault::WrongType => {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page()).into_response()
        }
        Fault::FailFirst(times) => {
            let mut asked = options.asked.lock().ok()?;
            let count = asked.entry(path.to_string()).or_default();
            *count += 1;
            if *count > *times {
                return None;
            }
            plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "a fault of the test server",
            )
        }
        Fault::Truncate | Fault::Reset | Fault::Pause(_) => return None,
    })
}

/// `file` cut in half: a whole answer of half the bytes (`Truncate`), the
/// whole length promised and the connection dropped halfway (`Reset`), or
/// the whole of it with a pause halfway (`Pause`).
fn cut(fault: &Fault, file: &Path) -> Response {
    let Ok(mut bytes) = std::fs::read(file) else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let whole = bytes.len();
    let rest = bytes.split_off(whole / 2);
    let kind = (header::CONTENT_TYPE, content_type(file));
    let (second, pause) = match fault {
        Fault::Truncate => return ([kind], bytes).into_response(),
        Fault::Pause(pause) => (Ok(rest), *pause),
        _ => (
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "a fault of the test server",
            )),
            Duration::from_millis(200),
        ),
    };
    let parts: [Result<Vec<u8>, std::io::Error>; 2] = [Ok(bytes), second];
    // A pause before the second part, so that the first is sent (and
    // handled) on its own.
    let mut first = true;
    let paced = futures_util::StreamExt::then(futures_util::stream::iter(parts), move |part| {
        let wait = !std::mem::replace(&mut first, false);
        async move {
            if wait {
                tokio::time::sleep(pause).await;
            }
            part
        }
    });
    let body = Body::from_stream(paced);
    ([kind, (header::CONTENT_LENGTH, &whole.to_string())], body).into_response()
}

/// The file that answers a URL path, if any: never one outside the site's
/// folder, even through a link.
fn resolve(options: &Options, path: &str) -> Option<PathBuf> {
    let file = find(options, path)?;
    let inside = |file: &Path| {
        file.canonicalize()
            .is_ok_and(|real| real.starts_with(&options.root))
    };
    // The compressed copies served in its place are held to the same rule.
    let copies_inside = ["br", "gz"].iter().all(|ext| {
        let mut copy = file.clone().into_os_string();
        copy.push(format!(".{ext}"));
        let copy = PathBuf::from(copy);
        copy.symlink_metadata().is_err() || inside(&copy)
    });
    (inside(&file) && copies_inside).then_some(file)
}

fn find(options: &Options, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = options.root.join(relative);
    if file.is_file() {
        return Some(file);
    }
    // A page of its own: an area's or a region's folder.
    let page = file.join("index.html");
    if page.is_file() {
        return Some(page);
    }
    // A client-side route (no file extension) gets the app itself.
    let is_route = relative.extension().is_none() && options.fallback;
    is_route.then(|| options.root.join("index.html"))
}

fn mime_of(file: &Path) -> mime::Mime {
    content_type(file)
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "png" => "image/png",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small built site, one folder per call: tests run at once.
    fn site() -> PathBuf {
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("xtask-server-test-{}-{call}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
        std::fs::write(dir.join("data/x.json"), "{}").unwrap();
        std::fs::create_dir_all(dir.join("area/E10000030")).unwrap();
        std::fs::write(dir.join("area/E10000030/index.html"), "<html>Surrey</html>").unwrap();
        // As `Server::start` resolves it.
        dir.canonicalize().unwrap()
    }

    #[test]
    fn resolves_files_routes_and_refuses_escapes() {
        let root = site();
        let mut options = Options::new(&root);
        assert_eq!(
            resolve(&options, "/data/x.json"),
            Some(root.join("data/x.json"))
        );
        assert_eq!(resolve(&options, "/"), Some(root.join("index.html")));
        for path in ["/area/E10000030", "/area/E10000030/"] {
            assert_eq!(
                resolve(&options, path),
                Some(root.join("area/E10000030/index.html"))
            );
        }
        assert_eq!(
            resolve(&options, "/area/E10000016"),
            Some(root.join("index.html"))
        );
        assert_eq!(resolve(&options, "/missing.json"), None);
        assert_eq!(resolve(&options, "/../etc/passwd"), None);
        // A link inside the site is followed; one out of it is not.
        std::os::unix::fs::symlink(root.join("data/x.json"), root.join("inside.json")).unwrap();
        assert_eq!(
            resolve(&options, "/inside.json"),
            Some(root.join("inside.json"))
        );
        let outside = root.with_extension("secret");
        std::fs::write(&outside, "secret").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("outside.json")).unwrap();
        assert_eq!(resolve(&options, "/outside.json"), None);
        std::os::unix::fs::symlink(&outside, root.join("data/linked")).unwrap();
        assert_eq!(resolve(&options, "/data/linked"), None);
        // Nor through a compressed copy served in the file's place.
        std::fs::write(root.join("data/y.json"), "{}").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("data/y.json.br")).unwrap();
        assert_eq!(resolve(&options, "/data/y.json"), None);
        // A plain static host: files and folders' pages, nothing else.
        options.fallback = false;
        assert_eq!(resolve(&options, "/area/E10000016"), None);
        assert_eq!(
            resolve(&options, "/area/E10000030"),
            Some(root.join("area/E10000030/index.html"))
        );
    }

    /// The whole answer to a GET.
    fn answer(server: &Server, path: &str) -> String {
        ask(server, "GET", path)
    }

    /// The whole answer to a request, as text (lossy: a cut body may end
    /// inside a character).
    fn ask(server: &Server, method: &str, path: &str) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        // A reset connection ends the answer with an error: what came is kept.
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// The status line of the answer to a GET.
    fn get(server: &Server, path: &str) -> String {
        answer(server, path)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    }

    #[test]
    fn precompressed_files_and_immutable_caching() {
        let root = site();
        std::fs::write(root.join("app-0123456789abcdef_bg.wasm"), "wasm").unwrap();
        std::fs::write(root.join("app-0123456789abcdef_bg.wasm.br"), "brotli").unwrap();
        let server = Server::start(Options::new(&root), "127.0.0.1:0").unwrap();
        let text = answer(&server, "/app-0123456789abcdef_bg.wasm").to_lowercase();
        assert!(text.contains("content-encoding: br"), "{text}");
        assert!(text.contains("content-type: application/wasm"), "{text}");
        assert!(
            text.contains("cache-control: public, max-age=31536000, immutable"),
            "{text}"
        );
        assert!(text.ends_with("brotli"), "{text}");
        // Not hashed: asked again each time.
        let text = answer(&server, "/data/x.json").to_lowercase();
        assert!(text.contains("cache-control: no-cache"), "{text}");
        assert!(is_hashed("concordat-map-62b45338251c2039.js"));
        assert!(is_hashed("style-b2f167636ea51ca0.css"));
        assert!(!is_hashed("concordat.json"));
        assert!(!is_hashed("concordat-map.js"));
        assert!(!is_hashed("area-deadbeefdeadbeefx.js"));
    }

    #[test]
    fn the_site_is_served_with_its_security_headers() {
        let server = Server::start(Options::new(site()), "127.0.0.1:0").unwrap();
        // Header names are case-insensitive (HTTP/1.1 servers send them lower case).
        let text = answer(&server, "/area/E10000030").to_lowercase();
        // A page without a policy of its own gets the site's strict one.
        let csp = format!(
            "content-security-policy: {}\r\n",
            crate::policy::TEMPLATE.to_lowercase()
        );
        assert!(text.contains(&csp), "{text}");
        assert!(text.contains("x-content-type-options: nosniff\r\n"));
        assert!(
            !text.contains("x-frame-options"),
            "the map must stay embeddable"
        );
        let mut host = Options::new(site());
        host.security_headers = false;
        let server = Server::start(host, "127.0.0.1:0").unwrap();
        assert!(
            !answer(&server, "/")
                .to_lowercase()
                .contains("content-security-policy")
        );
    }

    #[test]
    fn the_policy_sent_is_the_pages_own_with_its_styles_hashes() {
        let dir = std::env::temp_dir().join(format!("xtask-server-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />\
             <style>p{{}}</style></head></html>",
            crate::policy::TEMPLATE
        );
        let page = crate::policy::seal_inline_styles(&page).unwrap();
        std::fs::write(dir.join("index.html"), &page).unwrap();
        let server = Server::start(Options::new(&dir), "127.0.0.1:0").unwrap();
        let text = answer(&server, "/").to_lowercase();
        let policy = crate::policy::of_page(&page).unwrap();
        assert!(policy.contains("'sha256-"), "{policy}");
        let csp = format!("content-security-policy: {}\r\n", policy.to_lowercase());
        assert!(text.contains(&csp), "{text}");
        drop(server);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_site_mounted_under_a_prefix_is_served_only_there() {
        let mut options = Options::new(site());
        options.prefix = "/concordat-map".into();
        let server = Server::start(options, "127.0.0.1:0").unwrap();
        assert!(server.url().ends_with("/concordat-map/"));
        assert_eq!(
            get(&server, "/concordat-map/data/x.json"),
            "HTTP/1.1 200 OK"
        );
        assert_eq!(
            get(&server, "/concordat-map/area/E10000030"),
            "HTTP/1.1 200 OK"
        );
        assert_eq!(get(&server, "/concordat-map"), "HTTP/1.1 200 OK");
        assert_eq!(get(&server, "/data/x.json"), "HTTP/1.1 404 Not Found");
        // The prefix ends at a slash: not another path that starts alike.
        assert_eq!(
            get(&server, "/concordat-mapdata/x.json"),
            "HTTP/1.1 404 Not Found"
        );
        assert_eq!(get(&server, "/concordat-map-x"), "HTTP/1.1 404 Not Found");
    }

    #[test]
    fn other_methods_are_refused_saying_which_are_allowed() {
        let server = Server::start(Options::new(site()), "127.0.0.1:0").unwrap();
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE"] {
            let text = ask(&server, method, "/").to_lowercase();
            assert!(text.starts_with("http/1.1 405"), "{method}: {text}");
            assert!(
                text.contains("\r\nallow: get, head\r\n"),
                "{method}: {text}"
            );
        }
        let head = ask(&server, "HEAD", "/data/x.json");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    }

    #[test]
    fn negotiated_answers_vary_by_encoding() {
        let root = site();
        std::fs::write(root.join("data/x.json.br"), "brotli").unwrap();
        let server = Server::start(Options::new(&root), "127.0.0.1:0").unwrap();
        for path in ["/data/x.json", "/", "/area/E10000030"] {
            let text = answer(&server, path).to_lowercase();
            assert!(
                text.contains("\r\nvary: accept-encoding\r\n"),
                "{path}: {text}"
            );
        }
    }

    /// Reads from `stream` until the server closes it; how long that took.
    fn until_closed(stream: &mut std::net::TcpStream) -> std::time::Duration {
        use std::io::Read;
        let start = std::time::Instant::now();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut buffer = [0; 4096];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => return start.elapsed(),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                    return start.elapsed();
                }
                Err(e) => panic!("still open after {:?}: {e}", start.elapsed()),
            }
        }
    }

    #[test]
    fn slow_and_idle_connections_are_closed() {
        use std::io::Write;
        let mut options = Options::new(site());
        options.header_timeout = std::time::Duration::from_millis(500);
        let server = Server::start(options, "127.0.0.1:0").unwrap();
        // Half a request's headers, never finished.
        let mut slow = std::net::TcpStream::connect(server.addr).unwrap();
        write!(slow, "GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        // A whole request on a kept-alive connection, then nothing.
        let mut idle = std::net::TcpStream::connect(server.addr).unwrap();
        write!(idle, "GET /data/x.json HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let limit = std::time::Duration::from_secs(3);
        let slow_closed = until_closed(&mut slow);
        assert!(slow_closed < limit, "{slow_closed:?}");
        let idle_closed = until_closed(&mut idle);
        assert!(idle_closed < limit, "{idle_closed:?}");
        // Meanwhile a normal request is answered.
        assert_eq!(get(&server, "/data/x.json"), "HTTP/1.1 200 OK");
    }

    #[test]
    fn connections_over_the_cap_wait_their_turn() {
        use std::io::Write;
        let mut options = Options::new(site());
        options.max_connections = 2;
        options.header_timeout = std::time::Duration::from_millis(800);
        let server = Server::start(options, "127.0.0.1:0").unwrap();
        let mut held: Vec<_> = (0..2)
            .map(|_| std::net::TcpStream::connect(server.addr).unwrap())
            .collect();
        for stream in &mut held {
            write!(stream, "GET / HTTP/1.1\r\n").unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        // The third is accepted only once a held one is closed by the timeout.
        let start = std::time::Instant::now();
        assert_eq!(get(&server, "/data/x.json"), "HTTP/1.1 200 OK");
        let waited = start.elapsed();
        assert!(
            waited >= std::time::Duration::from_millis(500),
            "served after {waited:?}: the cap did not hold"
        );
    }

    #[test]
    fn faults_answer_as_an_unlucky_network_would() {
        let root = site();
        std::fs::write(root.join("data/long.json"), "[1,2,3,4,5,6,7,8,9,10]").unwrap();
        let mut options = Options::new(&root);
        let delay = std::time::Duration::from_millis(300);
        for (path, fault) in [
            ("/data/x.json", Fault::Status(500)),
            ("/area/E10000030", Fault::Status(404)),
            ("/data/long.json", Fault::Truncate),
            ("/data/reset.json", Fault::Reset),
            ("/data/html.json", Fault::WrongType),
            ("/data/late.json", Fault::Delay(delay)),
            ("/data/hang.json", Fault::Hang),
            ("/data/flaky.json", Fault::FailFirst(2)),
            ("/data/paused.json", Fault::Pause(delay)),
        ] {
            options.faults.insert(path.into(), fault);
        }
        for name in ["reset", "late", "hang", "html", "flaky", "paused"] {
            std::fs::write(root.join(format!("data/{name}.json")), "[1,2,3,4]").unwrap();
        }
        let server = Server::start(options, "127.0.0.1:0").unwrap();
        assert_eq!(
            get(&server, "/data/x.json"),
            "HTTP/1.1 500 Internal Server Error"
        );
        assert_eq!(get(&server, "/area/E10000030"), "HTTP/1.1 404 Not Found");
        let cut = answer(&server, "/data/long.json");
        assert!(cut.ends_with("\r\n\r\n[1,2,3,4,5,"), "{cut}");
        assert!(cut.contains("content-length: 11\r\n"), "{cut}");
        let reset = answer(&server, "/data/reset.json");
        assert!(reset.contains("content-length: 9\r\n"), "{reset}");
        assert!(reset.ends_with("\r\n\r\n[1,2"), "{reset}");
        let html = answer(&server, "/data/html.json");
        assert!(html.contains("content-type: text/html"), "{html}");
        assert!(html.ends_with("<html>app</html>"), "{html}");
        for expected in [
            "503 Service Unavailable",
            "503 Service Unavailable",
            "200 OK",
        ] {
            assert_eq!(
                get(&server, "/data/flaky.json"),
                format!("HTTP/1.1 {expected}")
            );
        }
        let start = std::time::Instant::now();
        assert!(answer(&server, "/data/late.json").ends_with("[1,2,3,4]"));
        assert!(start.elapsed() >= delay);
        let start = std::time::Instant::now();
        let paused = answer(&server, "/data/paused.json");
        assert!(paused.ends_with("\r\n\r\n[1,2,3,4]"), "{paused}");
        assert!(start.elapsed() >= delay);
        let mut hung = std::net::TcpStream::connect(server.addr).unwrap();
        std::io::Write::write_all(
            &mut hung,
            b"GET /data/hang.json HTTP/1.1\r\nHost: x\r\n\r\n",
        )
        .unwrap();
        hung.set_read_timeout(Some(std::time::Duration::from_millis(500)))
            .unwrap();
        let mut buffer = [0; 16];
        let read = std::io::Read::read(&mut hung, &mut buffer);
        assert!(read.is_err(), "a hanging fault answered {read:?}");
        // Stopping the server does not wait for the hanging answer.
        drop(server);
    }

    #[test]
    fn content_types_suit_the_browser() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
    }
}
