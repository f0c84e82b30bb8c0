//! Staff e-mail notices through SMTP, against a listener the test starts:
//! a count only (never text, nickname or code), at most one per interval,
//! one between two instances sharing a PostgreSQL database, and a failed
//! send tried again at the next check.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::pg::PgDatabase;
use common::today;
use pathway::config::NotifyConfig;
use pathway::db::Store;
use pathway::services::keys::DataKeys;
use pathway::services::messages;
use pathway::services::notify::Notifier;
use pathway_core::message::check;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const MARKER: &str = "MARKER-a41c-NOTIFY";
const NICKNAME: &str = "Nickname7c2e";

/// What the SMTP listener received: one entry per message (its DATA).
type Mailbox = Arc<Mutex<Vec<String>>>;

/// A minimal SMTP server on a free port: accepts every command and keeps
/// each message's text. With `refuse`, it answers DATA with a failure.
async fn smtp_listener(refuse: bool) -> (String, Mailbox) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let mailbox: Mailbox = Arc::default();
    let kept = mailbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let _ = session(socket, kept, refuse).await;
            });
        }
    });
    (format!("smtp://{addr}"), mailbox)
}

async fn session(
    socket: tokio::net::TcpStream,
    kept: Mailbox,
    refuse: bool,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await?;
    while let Some(line) = lines.next_line().await? {
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 test\r\n",
            "DATA" if refuse => b"554 refused by the test\r\n",
            "DATA" => {
                write.write_all(b"354 go on\r\n").await?;
                let mut text = String::new();
                while let Some(l) = lines.next_line().await? {
                    if l == "." {
                        break;
                    }
                    text.push_str(&l);
                    text.push('\n');
                }
                if let Ok(mut k) = kept.lock() {
                    k.push(text);
                }
                b"250 kept\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}

fn config(url: &str) -> NotifyConfig {
    NotifyConfig {
        smtp_url: url.to_string(),
        smtp_user: None,
        smtp_password_file: None,
        from: "Pathway <pathway@example.org>".to_string(),
        to: vec!["duty@example.org".to_string()],
        every: Duration::from_secs(3600),
    }
}

async fn write(store: &Store, keys: &DataKeys, n: usize) -> String {
    let draft = check(&format!("{MARKER} {n}"), NICKNAME).unwrap_or_else(|p| panic!("{p:?}"));
    messages::start(store, keys, &draft, today(), 1000)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("refused"))
        .code
}

fn received(mailbox: &Mailbox) -> Vec<String> {
    mailbox.lock().map(|m| m.clone()).unwrap_or_default()
}

/// Every rule, on one store.
async fn notices_work(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let (url, mailbox) = smtp_listener(false).await;
    let notifier = Notifier::new(&config(&url)).unwrap_or_else(|e| panic!("{e}"));
    let t0 = 1_800_000_000;

    // Nothing waiting: nothing sent.
    assert_eq!(notifier.check(store, t0).await.ok().flatten(), None);
    assert!(received(&mailbox).is_empty());

    let mut codes = vec![write(store, &keys, 1).await];
    assert_eq!(notifier.check(store, t0).await.ok().flatten(), Some(1));
    let mail = received(&mailbox);
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("1 conversation is waiting"), "{}", mail[0]);
    assert!(mail[0].contains("To: duty@example.org"), "{}", mail[0]);

    // Within the interval: nothing more, however many arrive.
    codes.push(write(store, &keys, 2).await);
    assert_eq!(notifier.check(store, t0 + 3599).await.ok().flatten(), None);
    assert_eq!(received(&mailbox).len(), 1);
    // After it: the new count.
    assert_eq!(
        notifier.check(store, t0 + 3600).await.ok().flatten(),
        Some(2)
    );
    let mail = received(&mailbox);
    assert_eq!(mail.len(), 2);
    assert!(
        mail[1].contains("2 conversations are waiting"),
        "{}",
        mail[1]
    );
    // Nothing new: no repeat until a day has passed.
    assert_eq!(notifier.check(store, t0 + 7200).await.ok().flatten(), None);
    assert_eq!(
        notifier
            .check(store, t0 + 3600 + 86_400)
            .await
            .ok()
            .flatten(),
        Some(2)
    );

    // No notice holds what was written, the nickname or a code.
    for m in received(&mailbox) {
        assert!(!m.contains(MARKER) && !m.contains(NICKNAME), "{m}");
        for code in &codes {
            let symbols: String = code.chars().filter(|c| *c != '-').collect();
            assert!(!m.contains(code.as_str()) && !m.contains(&symbols), "{m}");
        }
    }

    // A send that fails is given back and tried at the next check.
    let (bad_url, bad_box) = smtp_listener(true).await;
    let failing = Notifier::new(&config(&bad_url)).unwrap_or_else(|e| panic!("{e}"));
    write(store, &keys, 3).await;
    let t1 = t0 + 3600 + 86_400 + 3600;
    assert!(failing.check(store, t1).await.is_err());
    assert!(received(&bad_box).is_empty());
    assert_eq!(notifier.check(store, t1).await.ok().flatten(), Some(3));
}

#[tokio::test]
async fn sqlite_staff_notices() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("n.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    notices_work(&store).await;
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_staff_notices_one_between_two_instances() {
    let Some(db) = PgDatabase::create("notify").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    notices_work(&store).await;

    // Two instances (two pools, two notifiers) checking at the same moment
    // send one notice between them.
    let other = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    write(&store, &keys, 4).await;
    let (url, mailbox) = smtp_listener(false).await;
    let a = Notifier::new(&config(&url)).unwrap_or_else(|e| panic!("{e}"));
    let b = Notifier::new(&config(&url)).unwrap_or_else(|e| panic!("{e}"));
    let t = 1_900_000_000;
    let (x, y) = tokio::join!(a.check(&store, t), b.check(&other, t));
    let sent = [x, y]
        .into_iter()
        .filter(|r| matches!(r, Ok(Some(_))))
        .count();
    assert_eq!(sent, 1);
    assert_eq!(received(&mailbox).len(), 1);
    other.close().await;
    store.close().await;
    db.drop().await;
}

#[test]
fn settings_are_checked_before_anything_is_sent() {
    let mut c = config("smtp://127.0.0.1:2525");
    c.to.clear();
    assert!(Notifier::new(&c).is_err(), "no recipient");
    let mut c = config("smtp://127.0.0.1:2525");
    c.from = "not an address".to_string();
    assert!(Notifier::new(&c).is_err(), "bad sender");
    let mut c = config("gopher://127.0.0.1");
    c.from = "a@example.org".to_string();
    assert!(Notifier::new(&c).is_err(), "bad url");
    let mut c = config("smtp://127.0.0.1:2525");
    c.smtp_user = Some("user".to_string());
    assert!(Notifier::new(&c).is_err(), "a user without a password file");
}
