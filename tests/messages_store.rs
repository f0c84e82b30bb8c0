//! Conversations with the helpline in the store and the services layer,
//! on both backends: codes open only their own conversation, text is
//! sealed, states, limits, monthly counts, deletion and expiry.

mod common;

use common::pg::PgDatabase;
use common::today;
use pathway::db::Store;
use pathway::db::messages::Added;
use pathway::services::keys::DataKeys;
use pathway::services::messages::{self, Opened};
use pathway_core::message::{Draft, State, check};

const MARKER: &str = "MARKER-5d1e-MESSAGE-TEXT";

fn draft(text: &str, nickname: &str) -> Draft {
    check(text, nickname).unwrap_or_else(|p| panic!("{p:?}"))
}

async fn opened(store: &Store, keys: &DataKeys, id: i64) -> Opened {
    messages::open(store, keys, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("conversation {id} is gone"))
}

async fn conversations_work(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let day = today();
    let first = draft(&format!("I want to stop. {MARKER}"), "Sam");
    let a = messages::start(store, &keys, &first, day, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("refused"));
    let b = messages::start(store, &keys, &draft("Hello", ""), day, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("refused"));
    // The cap on open conversations: the third is refused, nothing kept.
    let third = messages::start(store, &keys, &draft("Third", ""), day, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(third, None);
    assert_eq!(a.code.len(), 22 + 5, "22 symbols in six groups");
    assert_ne!(a.code, b.code);

    // The code opens its own conversation, typed loosely; nothing else does.
    let by_code = messages::open_by_code(store, &keys, &a.code.to_lowercase().replace('-', " "))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the code did not open it"));
    assert_eq!(by_code.id, a.id);
    assert_eq!(by_code.nickname.as_deref(), Some("Sam"));
    assert_eq!(by_code.messages.len(), 1);
    assert!(by_code.messages[0].text.contains(MARKER));
    assert_eq!(by_code.state, State::New);
    for wrong in [b.code.as_str(), "2345-6789-ABCD-EFGH-JKMN-PQ", "not a code"] {
        let other = messages::open_by_code(store, &keys, wrong)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(other.map(|o| o.id), Some(a.id), "{wrong}");
    }
    // Another data key opens nothing: only keyed hashes are stored.
    let stranger = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let none = messages::open_by_code(store, &stranger, &a.code)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(none, None);

    states_and_limits(store, &keys, a.id).await;
    text_is_sealed(store, a.id).await;

    // Deleting removes it for everyone, at once.
    assert!(store.delete_conversation(a.id).await.unwrap_or(false));
    assert_eq!(
        messages::open(store, &keys, a.id).await.ok().flatten(),
        None
    );
    let late = messages::write_again(store, &keys, a.id, "still there?", day, 5)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(late, Added::Gone);
    assert!(!store.delete_conversation(a.id).await.unwrap_or(true));
    // Expiry: nothing before today goes; everything older than tomorrow does.
    assert_eq!(store.purge_conversations(day, day).await.unwrap_or(99), 0);
    let tomorrow = day.tomorrow().unwrap_or(day);
    assert_eq!(
        store.purge_conversations(tomorrow, day).await.unwrap_or(0),
        1
    );
    assert_eq!(
        messages::open(store, &keys, b.id).await.ok().flatten(),
        None
    );
    // The monthly counts outlive the conversations.
    let months = store.conversation_months().await.unwrap_or_default();
    assert_eq!(months, [(day.to_string()[..7].to_string(), 2, 1)]);
}

/// Replies move the state and the waiting day; the writer's daily
/// allowance counts the first message.
async fn states_and_limits(store: &Store, keys: &DataKeys, id: i64) {
    let day = today();
    let again = messages::write_again(store, keys, id, "One more thing.", day, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, Added::Stored(2));
    let refused = messages::write_again(store, keys, id, "And another.", day, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refused, Added::TooManyToday);
    let waiting = store.open_conversations(10).await.unwrap_or_default();
    assert_eq!(
        waiting[0].waiting_since.as_deref(),
        Some(day.to_string().as_str())
    );
    let staff = store
        .create_account("pat", "admin", day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for (n, text) in [(3, "Thank you for writing."), (4, "A second reply.")] {
        let r = messages::reply(store, keys, id, staff, text, day, 1_800_000_000)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r, Added::Stored(n));
    }
    let c = opened(store, keys, id).await;
    assert_eq!(c.state, State::WaitingForThem);
    let shown: Vec<(bool, &str)> = c
        .messages
        .iter()
        .map(|m| (m.by_staff, m.text.as_str()))
        .collect();
    assert_eq!(
        shown[1..],
        [
            (false, "One more thing."),
            (true, "Thank you for writing."),
            (true, "A second reply."),
        ]
    );
    assert_eq!(c.messages[2].from_staff, Some(staff));
    // Answered: it waits for nobody, so it goes after one that waits.
    let inbox = store.open_conversations(10).await.unwrap_or_default();
    assert_eq!(inbox.len(), 2);
    assert_ne!(inbox[0].id, id);
    assert_eq!(inbox[1].waiting_since, None);
}

/// No message text, nickname or code in plain form in any stored row.
async fn text_is_sealed(store: &Store, id: i64) {
    let rows: Vec<String> = match store {
        Store::Sqlite(pool) => sqlx::query_as::<_, (String,)>(
            "SELECT body FROM conversation_messages UNION ALL \
             SELECT COALESCE(nickname, '') || code_hash FROM conversations",
        )
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}")),
        Store::Postgres(pool) => sqlx::query_as::<_, (String,)>(
            "SELECT body FROM conversation_messages UNION ALL \
             SELECT COALESCE(nickname, '') || code_hash FROM conversations",
        )
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("{e}")),
    }
    .into_iter()
    .map(|(s,)| s)
    .collect();
    assert!(rows.len() >= 5, "conversation {id}: {rows:?}");
    for row in rows {
        assert!(!row.contains(MARKER) && !row.contains("Sam"), "{row}");
    }
}

#[tokio::test]
async fn sqlite_conversations() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("m.db");
    let store = Store::connect(&format!("sqlite:{}", path.display()), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    conversations_work(&store).await;
    // Nor in the files themselves, once the WAL has been scrubbed.
    assert!(store.scrub_log().await.unwrap_or(false));
    for f in std::fs::read_dir(dir.path()).unwrap_or_else(|e| panic!("{e}")) {
        let path = f.unwrap_or_else(|e| panic!("{e}")).path();
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
            "{} holds a message in plain form",
            path.display()
        );
    }
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_conversations() {
    let Some(db) = PgDatabase::create("messages").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    conversations_work(&store).await;
    store.close().await;
    db.drop().await;
}

/// Many messages at once in one conversation each get their own number.
async fn simultaneous_messages_are_numbered_apart(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = std::sync::Arc::new(DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}")));
    let started = messages::start(store, &keys, &draft("Hello", ""), today(), 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("refused"));
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let (store, keys) = (store.clone(), keys.clone());
            tokio::spawn(async move {
                messages::write_again(&store, &keys, started.id, &format!("m{i}"), today(), 100)
                    .await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        match t.await.unwrap_or_else(|e| panic!("{e}")) {
            Ok(Added::Stored(n)) => numbers.push(n),
            other => panic!("{other:?}"),
        }
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (2..=21).collect::<Vec<_>>());
    assert_eq!(opened(store, &keys, started.id).await.messages.len(), 21);
}

#[tokio::test]
async fn sqlite_simultaneous_messages() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("m.db");
    let store = Store::connect(&format!("sqlite:{}", path.display()), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    simultaneous_messages_are_numbered_apart(&store).await;
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_simultaneous_messages() {
    let Some(db) = PgDatabase::create("messages_at_once").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    simultaneous_messages_are_numbered_apart(&store).await;
    store.close().await;
    db.drop().await;
}

/// Two practitioners take one conversation at the same moment: exactly
/// one wins; notes and concerns go with the conversation when it expires.
async fn taking_and_expiry(store: &Store) {
    use pathway::db::inbox::Taken;
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let day = today();
    let a = store
        .create_account("tia", "practitioner", day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let b = store
        .create_account("tom", "practitioner", day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..5 {
        let c = messages::start(store, &keys, &draft("Hi", ""), day, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("refused"));
        let (x, y) = tokio::join!(
            store.take_conversation(c.id, a),
            store.take_conversation(c.id, b)
        );
        let got = [x.unwrap_or(Taken::Gone), y.unwrap_or(Taken::Gone)];
        let yours = got.iter().filter(|t| **t == Taken::Yours).count();
        assert_eq!(yours, 1, "{got:?}");
        assert!(got.contains(&Taken::Theirs(a)) || got.contains(&Taken::Theirs(b)));
        store
            .delete_conversation(c.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Expiry: kept `keep_days` after the last message; closed ones sooner.
    let open = messages::start(store, &keys, &draft("Open", ""), day, 100)
        .await
        .ok()
        .flatten();
    let closed = messages::start(store, &keys, &draft("Closed", ""), day, 100)
        .await
        .ok()
        .flatten();
    let (Some(open), Some(closed)) = (open, closed) else {
        panic!("refused")
    };
    messages::add_note(store, &keys, closed.id, a, "note", 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    messages::raise_concern(store, &keys, closed.id, a, "why", 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .close_conversation(closed.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let rules = pathway_core::content::site::Messages {
        keep_days: 60,
        keep_closed_days: Some(14),
        ..Default::default()
    };
    let later = |days| day.checked_add(jiff::Span::new().days(days)).unwrap_or(day);
    let purge = |on| messages::purge_expired(store, &rules, on);
    assert_eq!(
        purge(later(14)).await.unwrap_or(99),
        0,
        "14 days: both kept"
    );
    assert_eq!(
        purge(later(15)).await.unwrap_or(99),
        1,
        "15 days: the closed one goes"
    );
    assert!(store.notes(closed.id).await.unwrap_or_default().is_empty());
    assert!(
        store
            .concerns(closed.id)
            .await
            .unwrap_or_default()
            .is_empty()
    );
    assert!(store.conversation(open.id).await.ok().flatten().is_some());
    assert_eq!(purge(later(60)).await.unwrap_or(99), 0);
    assert_eq!(
        purge(later(61)).await.unwrap_or(99),
        1,
        "61 days: the open one goes"
    );
}

#[tokio::test]
async fn taking_and_expiry_on_sqlite() {
    let store = Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    taking_and_expiry(&store).await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn taking_and_expiry_on_postgres() {
    let Some(db) = PgDatabase::create("messages_take").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    taking_and_expiry(&store).await;
    store.close().await;
    db.drop().await;
}

/// After a key rotation, start-up reseals every message, nickname, note
/// and concern under the new key, and a code made under the old key still
/// opens its conversation (and is hashed again under the new one), so the
/// old key can then be dropped.
async fn rotation(store: &Store) {
    use pathway::services::keys::write_new_key;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (old, new) = (dir.path().join("old.key"), dir.path().join("new.key"));
    write_new_key(&old).unwrap_or_else(|e| panic!("{e}"));
    write_new_key(&new).unwrap_or_else(|e| panic!("{e}"));
    let load = |current: &std::path::Path, older: &[std::path::PathBuf]| {
        DataKeys::load(current, older).unwrap_or_else(|e| panic!("{e}"))
    };
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let before = load(&old, &[]);
    let a = store
        .create_account("kit", "practitioner", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let c = messages::start(store, &before, &draft(MARKER, "Kim"), today(), 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("refused"));
    messages::add_note(store, &before, c.id, a, "a note", 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let k = messages::raise_concern(store, &before, c.id, a, "a reason", 1)
        .await
        .ok()
        .flatten();
    let b = store
        .create_account("kai", "practitioner", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    messages::review_concern(store, &before, k.unwrap_or(0), b, "an outcome", 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let rotated = load(&new, std::slice::from_ref(&old));
    let n = messages::reseal_all(store, &rotated)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 5, "body, nickname, note, reason, outcome");
    assert_eq!(messages::reseal_all(store, &rotated).await.unwrap_or(99), 0);
    // The code still opens it, and is hashed under the new key on the way.
    assert!(
        messages::open_by_code(store, &rotated, &c.code)
            .await
            .ok()
            .flatten()
            .is_some()
    );
    let only_new = load(&new, &[]);
    let opened = messages::open_by_code(store, &only_new, &c.code)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not found with the new key alone"));
    assert!(opened.messages[0].text.contains(MARKER));
    assert_eq!(opened.nickname.as_deref(), Some("Kim"));
    let notes = messages::notes(store, &only_new, c.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(notes[0].text, "a note");
    let concerns = messages::concerns(store, &only_new, c.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(concerns[0].outcome.as_deref(), Some("an outcome"));
}

#[tokio::test]
async fn a_rotated_key_reseals_messages_and_rehashes_codes_on_sqlite() {
    let store = Store::connect("sqlite::memory:", true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rotation(&store).await;
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn a_rotated_key_reseals_messages_and_rehashes_codes_on_postgres() {
    let Some(db) = PgDatabase::create("rotation").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rotation(&store).await;
    store.close().await;
    db.drop().await;
}

/// Conversations started at the same moment are committed as one group:
/// exactly as many as the cap allows are kept, each with its own id and
/// text, and the others are refused with nothing stored.
async fn grouped_starts_respect_the_cap(store: &Store) {
    use pathway::clock::Clock;
    use pathway::db::starts::Starter;
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = DataKeys::ephemeral().unwrap_or_else(|e| panic!("{e}"));
    let starter = Starter::new(store.clone(), Clock::on(today()));
    let drafts: Vec<_> = (0..40)
        .map(|i| draft(&format!("Grouped {i}"), ""))
        .collect();
    let started = futures_util::future::join_all(
        drafts
            .iter()
            .map(|d| messages::start_grouped(&starter, &keys, d, 30)),
    )
    .await;
    let mut kept = Vec::new();
    for (i, s) in started.into_iter().enumerate() {
        if let Some(s) = s.unwrap_or_else(|e| panic!("{e}")) {
            kept.push((i, s));
        }
    }
    assert_eq!(kept.len(), 30, "the cap, exactly");
    let mut ids: Vec<i64> = kept.iter().map(|(_, s)| s.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 30);
    for (i, s) in &kept {
        let c = messages::open_by_code(store, &keys, &s.code)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("conversation {i} is not there"));
        assert_eq!(c.id, s.id);
        assert_eq!(c.messages[0].text, format!("Grouped {i}"));
    }
    assert_eq!(store.inbox_summary().await.map(|s| s.open).unwrap_or(0), 30);
    assert_eq!(
        store
            .conversation_months()
            .await
            .unwrap_or_default()
            .iter()
            .map(|m| m.1)
            .sum::<i64>(),
        30
    );
}

#[tokio::test]
async fn grouped_starts_on_sqlite() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("g.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    grouped_starts_respect_the_cap(&store).await;
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn grouped_starts_on_postgres() {
    let Some(db) = PgDatabase::create("grouped").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    grouped_starts_respect_the_cap(&store).await;
    store.close().await;
    db.drop().await;
}
