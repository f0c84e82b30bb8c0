//! Shared helpers: the router built in-process over a content folder, and
//! one-shot requests without a socket.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use pathway::config::HttpConfig;
use pathway::content::load;
use pathway::db::Store;
use pathway::http::{AppState, router};
use pathway::render::{PageSet, RenderOptions};
use tower::ServiceExt;

pub mod pg;
pub mod staff;
pub mod survey;
pub mod tools;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_content() -> PathBuf {
    root().join("content")
}

pub fn fixture_content() -> PathBuf {
    root().join("tests/fixtures/valid")
}

pub fn pages(dir: &Path) -> PageSet {
    let loaded = load(dir, jiff::civil::date(2026, 11, 25));
    let programme = loaded
        .programme
        .unwrap_or_else(|| panic!("content loads: {:?}", loaded.diagnostics.sorted()));
    PageSet::build(programme, RenderOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A store on `database` (created if missing) with every migration applied.
pub async fn migrated_store(database: &str) -> Store {
    let store = Store::connect(database, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    store
}

pub async fn app_with(dir: &Path, http: HttpConfig) -> Router {
    let store = migrated_store("sqlite::memory:").await;
    router(AppState::new(pages(dir), store, http))
}

/// The sample site on `database` (created), with its state.
pub async fn app_state_on(database: &str, http: HttpConfig) -> (Router, AppState) {
    let store = migrated_store(database).await;
    let state = AppState::new(pages(&sample_content()), store, http);
    (router(state.clone()), state)
}

/// A request from `addr` (as a socket peer would be).
pub fn from_addr(mut request: Request<Body>, addr: &str) -> Request<Body> {
    let peer: std::net::SocketAddr = addr.parse().unwrap_or_else(|e| panic!("{e}"));
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    request
}

pub async fn app() -> Router {
    app_with(&sample_content(), HttpConfig::default()).await
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| panic!("body: {e}"))
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

pub async fn get(app: &Router, path: &str) -> Reply {
    send(app, request(path, &[])).await
}

pub fn request(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut builder = Request::builder().uri(path);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("request: {e}"))
}

/// Every public page of the sample programme.
pub fn public_pages() -> Vec<String> {
    let mut paths = vec![
        "/".to_string(),
        "/get-in-touch".to_string(),
        "/privacy".to_string(),
        "/crisis".to_string(),
    ];
    let loaded = load(&sample_content(), jiff::civil::date(2026, 11, 25));
    if let Some(p) = loaded.programme {
        paths.extend(
            p.modules
                .iter()
                .map(|m| format!("/modules/{}", m.front.slug)),
        );
    }
    paths
}

/// The site with module and worksheet PDFs, on a SQLite file in `db_dir`.
pub async fn pdf_app(
    dir: &Path,
    db_dir: &Path,
    workers: usize,
    waiting: usize,
) -> (Router, AppState) {
    use std::sync::Arc;
    // As the server does: each PDF typeset by a child process of the binary.
    let engine = Arc::new(
        pathway::services::pdf::Typesetter::child(env!("CARGO_BIN_EXE_pathway").into(), dir)
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let loaded = load(dir, jiff::civil::date(2026, 11, 25));
    let programme = loaded.programme.unwrap_or_else(|| panic!("content loads"));
    let options = pathway::services::content::ContentOptions {
        render: RenderOptions::default(),
        pdf: Some(engine.clone()),
    };
    let version = pathway::services::content::ContentVersion::build(programme, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", db_dir.join("pathway.db").display());
    let store = migrated_store(&url).await;
    let state = AppState::with_content(
        version,
        store,
        HttpConfig::default(),
        pathway::clock::Clock::system(),
    )
    .with_worksheets(pathway::services::pdf::WorksheetQueue::new(
        engine, workers, waiting,
    ))
    .with_reloader(pathway::services::reload::Reloader::new(
        dir.to_path_buf(),
        options,
    ));
    (router(state.clone()), state)
}

/// A form POST.
pub fn post_form(path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into())
        .unwrap_or_else(|e| panic!("request: {e}"))
}

/// The text of a PDF.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).unwrap_or_else(|e| panic!("pdf text: {e}"))
}

/// The PDF catalog's `/Lang` (the tagged document's language).
pub fn pdf_lang(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("catalog: {e}"));
    catalog
        .get(b"Lang")
        .ok()
        .and_then(|t| lopdf::decode_text_string(t).ok())
        .unwrap_or_default()
}

/// Titles of the PDF's top-level outline entries (bookmarks).
pub fn pdf_outline(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("catalog: {e}"));
    let Ok(outlines) = catalog.get(b"Outlines").and_then(|o| o.as_reference()) else {
        return Vec::new();
    };
    let root = doc
        .get_dictionary(outlines)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut titles = Vec::new();
    let mut next = root.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap_or_else(|e| panic!("{e}"));
        let title = item
            .get(b"Title")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok())
            .unwrap_or_default();
        titles.push(title);
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    titles
}

/// The PDF's Info title.
pub fn pdf_title(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("pdf: {e}"));
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .unwrap_or_else(|e| panic!("info: {e}"));
    info.get(b"Title")
        .ok()
        .and_then(|t| lopdf::decode_text_string(t).ok())
        .unwrap_or_default()
}

/// Collects everything `tracing` writes, to prove what is never logged.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    pub fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }

    /// Captures every level on this thread until the guard is dropped.
    pub fn install(&self) -> tracing::subscriber::DefaultGuard {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(self.clone())
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_default(subscriber)
    }
}

/// Copies a folder tree (content fixtures into a scratch folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// Starts the test build's `pathway serve` on a free port with `database`
/// and the sample content (`--create` when `create`); returns the process
/// and its address. The rest of its output is read on a thread, so that it
/// never blocks on a full pipe.
pub fn serve_process(database: &str, create: bool) -> (std::process::Child, String) {
    serve_process_with(database, create, &[])
}

/// `pathway serve` with `extra` arguments.
pub fn serve_process_with(
    database: &str,
    create: bool,
    extra: &[&str],
) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut args = vec!["serve", "--bind", "127.0.0.1:0", "--database", database];
    if create {
        args.push("--create");
    }
    args.extend_from_slice(extra);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(&args)
        .arg("--content")
        .arg(sample_content())
        .env("PATHWAY_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let mut lines = std::io::BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(first.contains("listening on http://"), "{first}");
    let addr = first
        .rsplit("http://")
        .next()
        .unwrap_or_default()
        .to_string();
    std::thread::spawn(move || for _ in lines.by_ref() {});
    (child, addr)
}

/// Today by the system clock (what the tests' stores stamp).
pub fn today() -> jiff::civil::Date {
    pathway::clock::Clock::system().today()
}

/// The names of the files in `dir` whose bytes hold `marker`.
pub fn files_holding(dir: &std::path::Path, marker: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .filter(|f| {
            std::fs::read(f.path())
                .map(|b| b.windows(marker.len()).any(|w| w == marker.as_bytes()))
                .unwrap_or(false)
        })
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .collect()
}

/// A copy of the sample whose `translations` line is `line` (put first).
pub fn with_translations(line: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let site = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap_or_else(|e| panic!("{e}"));
    let rest: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("translations ="))
        .collect();
    std::fs::write(&site, format!("{line}{}\n", rest.join("\n"))).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// The message keys of a Fluent file (a message starts its line; comments
/// and continuations do not).
pub fn ftl_keys_of(file: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" ="))
        .map(|(k, _)| k.to_string())
        .collect()
}
