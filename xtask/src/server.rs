//! The static file server for `cargo xtask serve`, the end-to-end tests and
//! the bench, served as a production host would (axum and tower-http's
//! file service): the precompressed brotli or gzip copy a browser accepts,
//! `Cache-Control: immutable` for files whose names carry a hash, the
//! site's security headers, correct types, a folder's index.html for its
//! path (the pages of areas and regions), and other client routes (paths
//! without an extension) answered with index.html. Test hooks: files
//! answered as missing or with other bytes, a mount prefix, and a plain
//! host's behaviour (files only, no fallback).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use tower::ServiceExt;
use tower_http::services::ServeFile;

pub struct Options {
    /// The built site.
    pub root: PathBuf,
    /// URL paths answered with 404 even if the file exists: lets a test
    /// simulate a missing or unreachable file.
    pub missing: HashSet<String>,
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
    /// The Content Security Policy sent: the served page's own.
    policy: String,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            missing: HashSet::new(),
            replaced: HashMap::new(),
            prefix: String::new(),
            security_headers: true,
            fallback: true,
            policy: crate::policy::TEMPLATE.to_owned(),
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
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        let prefix = options.prefix.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
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
                let served = async {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await
                };
                if let Err(e) = served.await {
                    eprintln!("[xtask] the server stopped: {e}");
                }
            });
        });
        Ok(Server {
            addr,
            prefix,
            stop: Some(stop),
            thread: Some(thread),
        })
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
        return finish(
            plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
            "",
            &options,
        );
    }
    let full = request.uri().path().to_string();
    // Outside the mount prefix there is nothing.
    let Some(path) = full.strip_prefix(options.prefix.as_str()) else {
        return finish(plain(StatusCode::NOT_FOUND, "not found"), "", &options);
    };
    let path = if path.is_empty() { "/" } else { path };
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

/// The file that answers a URL path, if any.
fn resolve(options: &Options, path: &str) -> Option<PathBuf> {
    if options.missing.contains(path) {
        return None;
    }
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
        dir
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
        options.missing.insert("/data/x.json".into());
        assert_eq!(resolve(&options, "/data/x.json"), None);
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
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
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
