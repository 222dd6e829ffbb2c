//! A small static file server for `cargo xtask serve`, the end-to-end tests
//! and the bench: serves a built site on loopback with the right content
//! types, and answers client routes (paths without an extension) with
//! index.html, as a static host configured for a single-page app would.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

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
}

/// The site's Content Security Policy: only its own files, WebAssembly
/// compiled, no inline script or style, nothing from elsewhere. The same text
/// is in index.html's `<meta http-equiv>` (a tidy test keeps them equal).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'";

/// The headers a host should send with every file (README, "Hosting").
pub fn security_headers() -> String {
    format!(
        "Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
    )
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            missing: HashSet::new(),
            replaced: HashMap::new(),
            prefix: String::new(),
            security_headers: true,
        }
    }
}

pub struct Server {
    addr: SocketAddr,
    prefix: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving on `addr` (use "127.0.0.1:0" for a free port).
    pub fn start(options: Options, addr: &str) -> Result<Server, String> {
        if !options.root.join("index.html").is_file() {
            return Err(format!(
                "{} has no index.html: build the site first",
                options.root.display()
            ));
        }
        let listener =
            TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let prefix = options.prefix.clone();
        let options = Arc::new(options);
        let thread = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        let options = options.clone();
                        std::thread::spawn(move || {
                            // A client that goes away mid-answer is not our problem.
                            let _ = handle(stream, &options);
                        });
                    }
                }
            })
        };
        Ok(Server {
            addr,
            prefix,
            stop,
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
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn handle(stream: TcpStream, options: &Options) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut stream = stream;
    let head = method == "HEAD";
    let mut answer = |code: u16, content_type: &str, body: &[u8]| {
        respond(
            &mut stream,
            code,
            content_type,
            body,
            head,
            options.security_headers,
        )
    };
    if method != "GET" && !head {
        return answer(405, "text/plain", b"method not allowed");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    // Outside the mount prefix there is nothing.
    let Some(path) = path.strip_prefix(options.prefix.as_str()) else {
        return answer(404, "text/plain", b"not found");
    };
    let path = if path.is_empty() { "/" } else { path };
    if let Some(body) = options.replaced.get(path) {
        return answer(200, content_type(Path::new(path)), body);
    }
    match resolve(options, path).and_then(|file| Some((std::fs::read(&file).ok()?, file))) {
        Some((body, file)) => answer(200, content_type(&file), &body),
        None => answer(404, "text/plain", b"not found"),
    }
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
    // A client-side route (no file extension) gets the app itself.
    let is_route = relative.extension().is_none();
    is_route.then(|| options.root.join("index.html"))
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
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    security: bool,
) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\n{}Connection: close\r\n\r\n",
        body.len(),
        if security {
            security_headers()
        } else {
            String::new()
        }
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-server-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
        std::fs::write(dir.join("data/x.json"), "{}").unwrap();
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
        assert_eq!(
            resolve(&options, "/area/E10000030"),
            Some(root.join("index.html"))
        );
        assert_eq!(resolve(&options, "/missing.json"), None);
        assert_eq!(resolve(&options, "/../etc/passwd"), None);
        options.missing.insert("/data/x.json".into());
        assert_eq!(resolve(&options, "/data/x.json"), None);
    }

    /// The whole answer to a GET.
    fn answer(server: &Server, path: &str) -> String {
        use std::io::Read;
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
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
    fn the_site_is_served_with_its_security_headers() {
        let server = Server::start(Options::new(site()), "127.0.0.1:0").unwrap();
        let text = answer(&server, "/area/E10000030");
        let csp = format!("Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n");
        assert!(text.contains(&csp), "{text}");
        assert!(text.contains("X-Content-Type-Options: nosniff\r\n"));
        assert!(
            !text.contains("X-Frame-Options"),
            "the map must stay embeddable"
        );
        let mut host = Options::new(site());
        host.security_headers = false;
        let server = Server::start(host, "127.0.0.1:0").unwrap();
        assert!(!answer(&server, "/").contains("Content-Security-Policy"));
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
