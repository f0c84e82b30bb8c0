//! Process hygiene: no core dumps from `pathway serve`, and a panic logged
//! with its place but never its message.

mod common;

use common::*;

/// The running server cannot write a core file.
#[test]
fn the_server_makes_no_core_dumps() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let (mut child, _) = serve_process(&url, true);
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id()));
    let _ = child.kill();
    let _ = child.wait();
    let limits = limits.unwrap_or_else(|e| panic!("{e}"));
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap_or_default()
        .split_whitespace()
        .skip(4)
        .take(2)
        .collect::<Vec<_>>();
    assert_eq!(core, ["0", "0"], "{limits}");
}

/// A panic's message may quote a visitor's answer: only its file and line
/// reach the log.
#[test]
fn a_panic_is_logged_without_its_message() {
    let log = Captured::default();
    let _guard = log.install();
    pathway::cli::hygiene::log_panics_without_payload();
    let caught = std::panic::catch_unwind(|| {
        panic!("the answer was SECRET-ANSWER-42");
    });
    let _ = std::panic::take_hook();
    assert!(caught.is_err());
    let text = log.text();
    assert!(text.contains("a panic"), "{text}");
    assert!(text.contains("tests/process.rs"), "{text}");
    assert!(!text.contains("SECRET-ANSWER"), "{text}");
}

/// `pathway serve` with its log going to a pipe (as to a file or the
/// journal): its lines, here the new data key's warning, and with
/// `PATHWAY_LOG_FORMAT=json` each line one JSON object.
fn serve_log(format: Option<&str>) -> String {
    use std::io::{BufRead, Read};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("p.db").display());
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pathway"));
    command
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--create",
            "--database",
            &url,
        ])
        .arg("--content")
        .arg(sample_content())
        .env("PATHWAY_LOG", "info")
        .env_remove("PATHWAY_LOG_FORMAT")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(f) = format {
        command.env("PATHWAY_LOG_FORMAT", f);
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let first = std::io::BufReader::new(stdout)
        .lines()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    assert!(first.contains("listening on http://"), "{first}");
    let _ = child.kill();
    let mut log = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut log);
    }
    let _ = child.wait();
    log
}

#[test]
fn the_log_has_no_colour_codes_off_a_terminal_and_can_be_json() {
    let text = serve_log(None);
    assert!(text.contains("made a new data key"), "{text}");
    assert!(!text.contains('\u{1b}'), "colour codes in a file: {text:?}");

    let json = serve_log(Some("json"));
    let lines: Vec<&str> = json.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "{json}");
    let mut warned = false;
    for line in lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
        assert!(
            v.get("level").is_some() && v.get("timestamp").is_some(),
            "{line}"
        );
        warned |= v["level"] == "WARN" && line.contains("made a new data key");
    }
    assert!(warned, "{json}");
    assert!(!json.contains('\u{1b}'));
}
