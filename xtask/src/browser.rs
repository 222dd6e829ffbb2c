//! Driving Debian's Chromium through chromedriver, quietly and offline.

use crate::cmd::Result;
use crate::setup::{CHROMEDRIVER, CHROMIUM};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A running chromedriver; killed on drop.
pub struct Driver {
    child: Child,
    port: u16,
    profiles: PathBuf,
}

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port on loopback: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no local address: {e}"))
}

impl Driver {
    pub fn start() -> Result<Driver> {
        if !std::path::Path::new(CHROMEDRIVER).exists() {
            return Err(format!(
                "{CHROMEDRIVER} is missing: run `cargo xtask test`, which installs it, \
                 or apt-get install chromium chromium-driver"
            ));
        }
        let port = free_port()?;
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER}: {e}"))?;
        let profiles =
            std::env::temp_dir().join(format!("concordat-browser-{}", std::process::id()));
        let mut driver = Driver {
            child,
            port,
            profiles,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let _ = driver.child.kill();
                return Err(format!(
                    "chromedriver did not listen on port {port} within 20 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    /// A new browser with a fresh profile (so every session is a cold load)
    /// and a viewport of exactly `width` × `height` CSS pixels. The viewport is
    /// emulated: a headless window cannot be narrower than 500 px, and a
    /// narrow one is emulated as a touch phone.
    pub async fn session(&self, width: u32, height: u32) -> Result<fantoccini::Client> {
        let n = SESSIONS.fetch_add(1, Ordering::SeqCst);
        let profile = self.profiles.join(format!("profile-{n}"));
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-extensions".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--hide-scrollbars".into(),
            format!("--window-size={},{}", width.max(500), height + 200),
            format!("--user-data-dir={}", profile.display()),
        ];
        // Upright or on its side.
        let phone = width.min(height) < 700;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "chrome".into());
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": args,
                "mobileEmulation": {
                    "deviceMetrics": {
                        "width": width,
                        "height": height,
                        "pixelRatio": if phone { 2 } else { 1 },
                        "touch": phone,
                        "mobile": phone
                    }
                }
            }),
        );
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .map_err(|e| format!("cannot open a Chromium session: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profiles);
    }
}

/// A Chrome DevTools Protocol command sent through chromedriver's
/// `goog/cdp/execute` endpoint: what WebDriver itself cannot do, such as
/// emulating dark mode or forced colours.
#[derive(Debug)]
struct Cdp {
    command: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Sends one CDP command; `what` says what it was for, in an error.
async fn cdp(
    client: &fantoccini::Client,
    command: &'static str,
    params: serde_json::Value,
    what: &str,
) -> Result {
    client
        .issue_cmd(Cdp { command, params })
        .await
        .map(drop)
        .map_err(|e| format!("cannot {what}: {e}"))
}

/// The page as the browser prints it, at the page sizes its print
/// stylesheet asks for, as a PDF.
pub async fn print_to_pdf(client: &fantoccini::Client) -> Result<Vec<u8>> {
    use base64::Engine;
    let answer = client
        .issue_cmd(Cdp {
            command: "Page.printToPDF",
            params: serde_json::json!({
                "preferCSSPageSize": true,
                "displayHeaderFooter": false,
            }),
        })
        .await
        .map_err(|e| format!("cannot print the page: {e}"))?;
    let data = answer
        .get("data")
        .and_then(|d| d.as_str())
        .ok_or_else(|| format!("printing gave no PDF: {answer}"))?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("the printed PDF is not base64: {e}"))
}

/// Emulates CSS media features, e.g. `[("prefers-color-scheme", "dark")]`.
pub async fn emulate_media(client: &fantoccini::Client, features: &[(&str, &str)]) -> Result {
    emulate(client, "", features).await
}

/// Emulates a CSS media type (`print`, or "" for the screen) and media
/// features together: each call replaces the last.
pub async fn emulate(
    client: &fantoccini::Client,
    media: &str,
    features: &[(&str, &str)],
) -> Result {
    let features: Vec<serde_json::Value> = features
        .iter()
        .map(|(name, value)| serde_json::json!({ "name": name, "value": value }))
        .collect();
    cdp(
        client,
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": media, "features": features }),
        &format!("emulate {media:?} with {features:?}"),
    )
    .await
}

/// Lets the page save downloads into `dir` without asking.
pub async fn download_to(client: &fantoccini::Client, dir: &std::path::Path) -> Result {
    cdp(
        client,
        "Browser.setDownloadBehavior",
        serde_json::json!({ "behavior": "allow", "downloadPath": dir }),
        &format!("allow downloads into {}", dir.display()),
    )
    .await
}

/// Grants the page the clipboard, as a visitor who allows it would.
pub async fn grant_clipboard(client: &fantoccini::Client) -> Result {
    cdp(
        client,
        "Browser.grantPermissions",
        serde_json::json!({
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]
        }),
        "grant the clipboard",
    )
    .await
}

/// Runs `source` in every document the session opens, in every frame,
/// before the page's own scripts: how a test listens from the start.
pub async fn on_every_document(client: &fantoccini::Client, source: &str) -> Result {
    cdp(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": source }),
        "add a script to every document",
    )
    .await
}

/// Turns JavaScript off for the page, as a visitor without it has it.
pub async fn disable_scripts(client: &fantoccini::Client) -> Result {
    cdp(
        client,
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": true }),
        "turn JavaScript off",
    )
    .await
}

/// Slows the page's network as Lighthouse's mobile audit does when it
/// throttles while loading ("slow 4G" as DevTools applies it: 562.5 ms
/// for each request, 1,474.56 kbit/s down, 675 up; kbit of 1,024 bits).
pub async fn throttle_network_slow_4g(client: &fantoccini::Client) -> Result {
    cdp(
        client,
        "Network.enable",
        serde_json::json!({}),
        "watch the network",
    )
    .await?;
    cdp(
        client,
        "Network.emulateNetworkConditions",
        serde_json::json!({
            "offline": false,
            "latency": 562.5,
            "downloadThroughput": 1474.56 * 1024.0 / 8.0,
            "uploadThroughput": 675.0 * 1024.0 / 8.0,
        }),
        "throttle the network",
    )
    .await
}

/// Slows the page's CPU by `rate` (4: a mid-range phone), as Lighthouse does.
pub async fn throttle_cpu(client: &fantoccini::Client, rate: f64) -> Result {
    cdp(
        client,
        "Emulation.setCPUThrottlingRate",
        serde_json::json!({ "rate": rate }),
        "throttle the CPU",
    )
    .await
}

/// Puts the device at `at` (latitude, longitude; None: it cannot tell where
/// it is) and answers the page's request for it with `allowed`, as a
/// visitor's permission prompt would.
pub async fn place_device(
    client: &fantoccini::Client,
    allowed: bool,
    at: Option<(f64, f64)>,
) -> Result {
    cdp(
        client,
        "Browser.setPermission",
        serde_json::json!({
            "permission": { "name": "geolocation" },
            "setting": if allowed { "granted" } else { "denied" },
        }),
        "set the location permission",
    )
    .await?;
    let position = match at {
        Some((latitude, longitude)) => {
            serde_json::json!({ "latitude": latitude, "longitude": longitude, "accuracy": 30 })
        }
        None => serde_json::json!({}),
    };
    cdp(
        client,
        "Emulation.setGeolocationOverride",
        position,
        "place the device",
    )
    .await
}
