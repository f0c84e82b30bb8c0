//! The command line as a person runs it: `check`, refusing to start on bad
//! content or a mistyped database, and a graceful shutdown on SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

fn pathway() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
}

fn broken_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let modules = dir.path().join("modules");
    std::fs::create_dir_all(&modules).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        fixture_content().join("site.toml"),
        dir.path().join("site.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        modules.join("a.md"),
        "+++\ntitle = \"A\"\nslug = \"a\"\nsummary = \"S\"\norder = 1\nminutes = 5\naims = [\"x\"]\nmood = 1\n+++\n## One\n\n::: case \"C\"\nText\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        modules.join("b.md"),
        "+++\ntitle = \"B\"\nslug = \"b\"\nsummary = \"S\"\norder = 2\nminutes = 5\naims = [\"x\"]\n+++\n## Two\n\nSee [x](module:missing).\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn check_passes_on_the_sample_and_lists_every_error_otherwise() {
    let ok = pathway()
        .arg("check")
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("no errors"));

    let dir = broken_content();
    let out = pathway()
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.md:8: error: unknown front-matter key `mood`"),
        "{err}"
    );
    assert!(
        err.contains("b.md:11: error: the link points to module `missing`"),
        "{err}"
    );
    assert!(err.contains("fix: "), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn serve_refuses_broken_content_with_the_same_messages() {
    let dir = broken_content();
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = pathway()
        .args(["serve", "--bind", "127.0.0.1:0", "--create", "--database"])
        .arg(db.path().join("x.db"))
        .arg("--content")
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown front-matter key `mood`"), "{err}");
    assert!(err.contains("module `missing`"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("listening"));
}

#[test]
fn serve_refuses_a_mistyped_or_unknown_database() {
    let out = pathway()
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            "/tmp/no-such-folder-pathway/typo.db",
            "--content",
        ])
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does not exist") && err.contains("--create"),
        "{err}"
    );
    assert!(!std::path::Path::new("/tmp/no-such-folder-pathway/typo.db").exists());

    let out = pathway()
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            "mysql://root@localhost/x",
            "--content",
        ])
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown database scheme `mysql`"));
}

#[test]
fn serve_answers_then_stops_gracefully_on_sigterm() {
    let db = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db_path = db.path().join("site.db");
    let mut child = pathway()
        .args(["serve", "--bind", "127.0.0.1:0", "--create", "--database"])
        .arg(&db_path)
        .arg("--content")
        .arg(sample_content())
        .env("PATHWAY_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    let addr = first
        .rsplit("http://")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("listening on http://127.0.0.1:"), "{first}");
    let second = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    assert!(second.contains("7 modules"), "{second}");

    let mut stream = std::net::TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap_or_else(|e| panic!("{e}"));
    stream
        .write_all(b"GET /privacy HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(!reply.to_lowercase().contains("set-cookie"));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(killed.success());
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "exit {status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l.contains("Pathway stopped")),
        "{rest:?}"
    );
    assert!(db_path.exists(), "the SQLite file was created");
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap_or_else(|e| panic!("{e}"));
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .unwrap_or_else(|e| panic!("{e}"));
    reply
}

#[test]
fn sighup_reloads_content_and_broken_content_keeps_the_old_pages() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let content = work.path().join("content");
    copy_dir(&fixture_content(), &content);
    let mut child = pathway()
        .args(["serve", "--bind", "127.0.0.1:0", "--create", "--database"])
        .arg(work.path().join("site.db"))
        .arg("--content")
        .arg(&content)
        .env("PATHWAY_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // The server's log lines, to see a refused reload happen.
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("stderr"));
    let (log_tx, log) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if log_tx.send(line).is_err() {
                break;
            }
        }
    });
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .and_then(|l| l.ok())
        .unwrap_or_default();
    let addr = first
        .rsplit("http://")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(http_get(&addr, "/modules/first").contains("First fixture module"));

    let hup = |pid: u32| {
        let ok = Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(ok.success());
    };
    let wait_for = |needle: &str| {
        for _ in 0..100 {
            if http_get(&addr, "/modules/first").contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    let module = content.join("modules/first.md");
    let text = std::fs::read_to_string(&module).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &module,
        text.replace("First fixture module", "Renamed fixture module"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    hup(child.id());
    assert!(
        wait_for("Renamed fixture module"),
        "the reload did not show the new title"
    );

    // Broken content: the old pages stay online.
    std::fs::write(&module, "+++\ntitle = \"Broken\"\n").unwrap_or_else(|e| panic!("{e}"));
    hup(child.id());
    // Wait until the server says it refused the reload (not merely until
    // some time has passed, which a reload that never ran would pass too).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let refused = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match log.recv_timeout(left) {
            Ok(line) if line.contains("content reload failed") => break true,
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    assert!(refused, "the broken content's reload was never refused");
    let page = http_get(&addr, "/modules/first");
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("Renamed fixture module"),
        "{page}"
    );

    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
}

#[test]
fn a_survey_edited_under_its_published_version_is_refused() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let content = work.path().join("content");
    copy_dir(&sample_content(), &content);
    let db = work.path().join("site.db");
    let run = || {
        pathway()
            .args(["serve", "--bind", "127.0.0.1:0", "--create", "--database"])
            .arg(&db)
            .arg("--content")
            .arg(&content)
            .env("PATHWAY_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // First start publishes version 2.
    let mut child = run();
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .and_then(|l| l.ok())
        .unwrap_or_default();
    assert!(first.contains("listening"), "{first}");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    // A question changes without a new version number.
    let survey = content.join("surveys/feedback.toml");
    let text = std::fs::read_to_string(&survey).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &survey,
        text.replace("How old are you?", "What is your age?"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = run().wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("survey `feedback` version 3") && err.contains("new version number"),
        "{err}"
    );
    // With a new version number it starts again.
    let text = std::fs::read_to_string(&survey).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&survey, text.replace("version = 3", "version = 4"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut child = run();
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .and_then(|l| l.ok())
        .unwrap_or_default();
    assert!(first.contains("listening"), "{first}");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

#[test]
fn survey_export_writes_the_file_and_its_codebook() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = work.path().join("site.db");
    let out = work.path().join("feedback.csv");
    // No database yet: a clear error, and nothing is created.
    let missing = pathway()
        .args(["survey", "export", "feedback", "--database"])
        .arg(&db)
        .arg("--content")
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status.code(), Some(1));
    assert!(!db.exists());
    std::fs::write(&db, b"").unwrap_or_else(|e| panic!("{e}"));
    let ok = pathway()
        .args([
            "survey",
            "export",
            "feedback",
            "--format",
            "csv",
            "--database",
        ])
        .arg(&db)
        .arg("--content")
        .arg(sample_content())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let csv = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(csv.starts_with("response,version,submitted_on,locale,content_version,series,age,"));
    let book = std::fs::read_to_string(work.path().join("feedback.codebook.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(book.contains("How old are you?"));
    let unknown = pathway()
        .args(["survey", "export", "nope", "--database"])
        .arg(&db)
        .arg("--content")
        .arg(sample_content())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no survey `nope`"));
}

#[test]
fn migrate_checks_and_applies_and_backup_copies_online() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("m.db");
    let url = format!("sqlite:{}", db.display());
    let run = |args: &[&str]| {
        let out = pathway()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // A typed path that does not exist is not created by a check.
    let (ok, _, err) = run(&["migrate", "--check", "--database", &url]);
    assert!(!ok);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!db.exists());
    // Created and migrated on request; then the check passes.
    let (ok, out, _) = run(&["migrate", "--create", "--database", &url]);
    assert!(ok, "{out}");
    assert!(out.contains("0005 staff: applied"), "{out}");
    assert!(out.contains("0 problem(s)"));
    let (ok, out, _) = run(&["migrate", "--check", "--database", &url]);
    assert!(ok, "{out}");
    // Backups: a consistent copy, never over an existing file.
    let copy = dir.path().join("copy.db");
    let copy_text = copy.display().to_string();
    let (ok, out, err) = run(&["backup", &copy_text, "--database", &url]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("backed up to"));
    let (ok, out, _) = run(&[
        "migrate",
        "--check",
        "--database",
        &format!("sqlite:{copy_text}"),
    ]);
    assert!(ok, "the copy is a whole database: {out}");
    let (ok, _, err) = run(&["backup", &copy_text, "--database", &url]);
    assert!(!ok);
    assert!(err.contains("already exists"), "{err}");
    let (ok, _, err) = run(&[
        "backup",
        "x.db",
        "--database",
        "postgres://postgres@127.0.0.1:1/nothing",
    ]);
    assert!(!ok);
    assert!(
        err.contains("127.0.0.1:1") || err.contains("pg_dump"),
        "{err}"
    );
}
