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
