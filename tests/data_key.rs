//! The data key: TOTP secrets encrypted at rest, recovery codes of at least
//! 80 bits stored as keyed hashes, `pathway keygen`, start-up refusing a
//! database it cannot read, and secrets sealed again under a new key.

mod common;

use common::staff::*;
use common::*;
use pathway::services::keys::{DataKeys, KEYED, SEALED};

/// Enrolment through the web pages leaves nothing readable in the database:
/// the TOTP secret is sealed, the recovery codes are keyed hashes.
#[tokio::test]
async fn enrolment_stores_no_staff_secret_in_the_clear() {
    let s = site().await;
    let (key, codes) = enrolled(&s, "sam", "admin").await;
    let pathway::db::Store::Sqlite(pool) = &s.state.store else {
        panic!("SQLite")
    };
    let (secret,): (String,) = sqlx::query_as("SELECT totp_secret FROM staff_accounts")
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(secret.starts_with(SEALED), "{secret}");
    assert!(!secret.contains(&key));
    let hashes: Vec<(String,)> = sqlx::query_as("SELECT code_hash FROM staff_recovery_codes")
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hashes.len(), 10);
    for (h,) in &hashes {
        assert!(h.starts_with(KEYED), "{h}");
    }
    // 18 symbols from 30 (without dashes): more than 88 bits each.
    for c in &codes {
        assert_eq!(c.replace('-', "").len(), 18, "{c}");
        let plain = pathway::services::staff::canonical_recovery(c);
        assert!(!hashes.iter().any(|(h,)| h.contains(&plain)));
    }
    // Both still work: the TOTP code and a recovery code.
    let ok = sign_in(&s, "sam", PASSWORD, &code_at(&key, 0)).await;
    assert_eq!(
        ok.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        ok.text()
    );
    let rec = sign_in(&s, "sam", PASSWORD, &codes[3]).await;
    assert_eq!(
        rec.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        rec.text()
    );
}

fn pathway(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .env("PATHWAY_LOG", "warn")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn keygen_writes_a_private_key_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("data.key");
    let p = path.display().to_string();
    let first = pathway(&["keygen", "--out", &p]);
    assert!(first.status.success(), "{first:?}");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }
    let again = pathway(&["keygen", "--out", &p]);
    assert!(!again.status.success(), "never over an existing key");
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
}

/// A secret stored in the clear (before the data key) is sealed at
/// start-up; a rotation seals it again under the new key; and a database
/// with sealed secrets but no key file is refused, with the file named.
#[tokio::test]
async fn start_up_seals_rotates_and_refuses_without_the_key() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("k.db").display());
    let store = pathway::db::Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let id = store
        .create_account("old", "admin", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pathway::db::Store::Sqlite(pool) = &store else {
        panic!("SQLite")
    };
    sqlx::query("UPDATE staff_accounts SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stored = || async {
        let (s,): (String,) = sqlx::query_as("SELECT totp_secret FROM staff_accounts")
            .fetch_one(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        s
    };
    let run = |args: &[&str]| {
        let (mut child, _) = serve_process_with(&url, false, args);
        let _ = child.kill();
        let _ = child.wait();
    };
    let first = dir.path().join("first.key");
    let first_s = first.display().to_string();
    run(&["--data-key-file", &first_s]);
    let sealed = stored().await;
    assert!(
        sealed.starts_with(SEALED) && !sealed.contains("JBSWY3DP"),
        "{sealed}"
    );
    let keys = DataKeys::load(&first, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(keys.open(&sealed).unwrap_or_default(), "JBSWY3DPEHPK3PXP");

    // Rotation: the new key seals it again; the old one is still listed.
    let second = dir.path().join("second.key");
    pathway::services::keys::write_new_key(&second).unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("pathway.toml");
    std::fs::write(
        &config,
        format!("old_data_key_files = [{:?}]\n", first.display().to_string()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let second_s = second.display().to_string();
    let config_s = config.display().to_string();
    run(&["--data-key-file", &second_s, "--config", &config_s]);
    let resealed = stored().await;
    assert_ne!(resealed, sealed);
    let only_new = DataKeys::load(&second, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        only_new.open(&resealed).unwrap_or_default(),
        "JBSWY3DPEHPK3PXP"
    );

    // The key file is gone: refused, not a new key.
    let missing = dir.path().join("missing.key").display().to_string();
    let out = pathway(&[
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database",
        &url,
        "--content",
        &sample_content().display().to_string(),
        "--data-key-file",
        &missing,
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.key") && err.contains("encrypted"),
        "{err}"
    );
    assert!(!dir.path().join("missing.key").exists());
    store.close().await;
}
