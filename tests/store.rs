//! The store on both backends. PostgreSQL tests use
//! `PATHWAY_TEST_DATABASE_URL`, each in a database of its own; without the
//! variable they say loudly that they were skipped.

mod common;

use common::pg::PgDatabase;
use common::today;
use pathway::db::admin::MigrationState;
use pathway::db::{DbError, Store};

async fn content_versions_are_recorded_once(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    // Migrating again is a no-op.
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .content_versions()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    store
        .record_content_version("abc", 4, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .record_content_version("abc", 4, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .record_content_version("def", 5, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let versions = store
        .content_versions()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let hashes: Vec<&str> = versions.iter().map(|v| v.hash.as_str()).collect();
    assert_eq!(hashes, ["abc", "def"]);
    assert_eq!(versions[1].module_count, 5);
}

#[tokio::test]
async fn sqlite_store_records_content_versions() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("pathway.db");
    let store = Store::connect(&format!("sqlite:{}", path.display()), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.backend(), "SQLite");
    content_versions_are_recorded_once(&store).await;
    store.close().await;
    // The data survived: reopen without --create.
    let again = Store::connect(path.to_str().unwrap_or_default(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        again
            .content_versions()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        2
    );
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_store_records_content_versions() {
    let Some(db) = PgDatabase::create("versions").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.backend(), "PostgreSQL");
    content_versions_are_recorded_once(&store).await;
    store.close().await;
    db.drop().await;
}

#[tokio::test]
async fn a_missing_sqlite_file_is_not_created_without_permission() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("typo.db");
    let err = Store::connect(&format!("sqlite:{}", path.display()), false)
        .await
        .err();
    assert!(matches!(err, Some(DbError::SqliteMissing(_))), "{err:?}");
    assert!(!path.exists());
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("--create"), "{msg}");
}

#[tokio::test]
async fn unknown_schemes_and_unreachable_postgres_are_named_precisely() {
    let err = Store::connect("mysql://root@localhost/db", true)
        .await
        .err();
    assert!(
        matches!(err, Some(DbError::UnknownScheme(ref s)) if s == "mysql"),
        "{err:?}"
    );
    // Nothing listens on port 9: the error names host and database, never the password.
    let err = Store::connect("postgres://someone:SeCrEtPw@127.0.0.1:9/helpdb", false)
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("helpdb") && err.contains("127.0.0.1:9"),
        "{err}"
    );
    assert!(!err.contains("SeCrEtPw"), "{err}");
}

async fn survey_storage_works(store: &Store) {
    use pathway::db::surveys::{NewResponse, VersionCheck};
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    // Definition hashes per version.
    let check = |h: &'static str| store.check_survey_version("feedback", 1, h, today());
    assert_eq!(
        check("aaa").await.unwrap_or_else(|e| panic!("{e}")),
        VersionCheck::New
    );
    assert_eq!(
        check("aaa").await.unwrap_or_else(|e| panic!("{e}")),
        VersionCheck::Same
    );
    assert_eq!(
        check("bbb").await.unwrap_or_else(|e| panic!("{e}")),
        VersionCheck::Changed {
            stored_hash: "aaa".into()
        }
    );
    // A draft, saved and found again by token and by code.
    store
        .create_draft("tok1", "feedback", 1, "2999-01-01", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .save_draft("tok1", 2, r#"{"age":"25-34"}"#)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    );
    assert!(
        store
            .set_draft_codes(
                "tok1",
                "code1",
                Some("series1"),
                jiff::civil::date(2999, 1, 1)
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    );
    let d = store
        .draft_by_code("code1", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("draft"));
    assert_eq!((d.page, d.answers.as_str()), (2, r#"{"age":"25-34"}"#));
    assert_eq!(d.series_code_hash.as_deref(), Some("series1"));
    assert!(
        store
            .draft_by_token("tok1", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_some()
    );
    assert!(
        store
            .draft_by_code("nope", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    // Expired drafts are not found, and are purged.
    store
        .create_draft("old", "feedback", 1, "2020-01-01", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .draft_by_token("old", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    assert_eq!(
        store
            .open_drafts(today())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        1
    );
    assert_eq!(
        store
            .purge_expired_drafts("2026-11-25")
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        1
    );
    // ...and counted as abandoned, on the day they were deleted.
    assert_eq!(
        store
            .usage_days("survey-abandoned")
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        vec![("2026-11-25".to_string(), "feedback".to_string(), 1)]
    );
    // Submitting stores every answer and removes the draft, in one go.
    let response = NewResponse {
        survey_id: "feedback".into(),
        version: 1,
        content_hash: "c0ffee".into(),
        series_code_hash: d.series_code_hash.clone(),
        series_by_id: false,
        locale: "en-GB".into(),
        answers: vec![
            ("age".into(), String::new(), "25-34".into()),
            ("statements".into(), "understand".into(), "4".into()),
        ],
    };
    let id = store
        .submit_response(Some("tok1"), &response, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the draft was there"));
    // Sent a second time, the draft is gone and nothing more is stored.
    assert_eq!(
        store
            .submit_response(Some("tok1"), &response, today())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        None
    );
    assert!(
        store
            .draft_by_token("tok1", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    let stored = store
        .response_answers(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored, response.answers);
    // A failing submit stores nothing: a duplicate answer breaks the key.
    let broken = NewResponse {
        answers: vec![
            ("age".into(), String::new(), "x".into()),
            ("age".into(), String::new(), "y".into()),
        ],
        ..response.clone()
    };
    assert!(store.submit_response(None, &broken, today()).await.is_err());
    assert_eq!(
        store
            .response_answers(id + 1)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        vec![]
    );
    // A batch is one transaction: each response with a live draft is
    // stored, one whose draft is gone is skipped, and the others keep theirs.
    for token in ["b1", "b3"] {
        store
            .create_draft(token, "feedback", 1, "2099-01-01", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let ids = store
        .submit_batch(
            &[
                (Some("b1"), &response),
                (Some("never-made"), &response),
                (Some("b3"), &response),
                (None, &response),
            ],
            today(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.iter().filter(|i| i.is_some()).count(), 3, "{ids:?}");
    assert_eq!(ids[1], None);
    let all = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 4, "one before the batch and three in it");
    for stored in &all {
        assert_eq!(stored.answers, response.answers);
    }
    drafts_are_found_in_groups(store).await;
    series_are_found_by_id_or_by_hash(store).await;
}

/// A baseline whose code carries its id is found by that id (and only
/// with its own hash); one linked by a code without an id, and every
/// follow-up, by the hash alone.
async fn series_are_found_by_id_or_by_hash(store: &Store) {
    use pathway::db::surveys::NewResponse;
    let stored = |survey: &str, hash: &str, by_id: bool| NewResponse {
        survey_id: survey.into(),
        version: 1,
        content_hash: "c0ffee".into(),
        series_code_hash: Some(hash.into()),
        series_by_id: by_id,
        locale: "en-GB".into(),
        answers: vec![],
    };
    let submit = |r: NewResponse| async move {
        store
            .submit_response(None, &r, today())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("stored"))
    };
    let by_id = submit(stored("entry", "hash-by-id", true)).await;
    let plain = submit(stored("entry", "hash-plain", false)).await;
    let on = |r: Result<Option<String>, _>| r.unwrap_or_else(|e| panic!("{e}"));
    let day = Some(today().to_string());
    assert_eq!(
        on(store.series_baseline_on("entry", by_id, "hash-by-id").await),
        day
    );
    assert_eq!(
        on(store.series_baseline_on("entry", by_id, "hash-plain").await),
        None
    );
    assert_eq!(
        on(store
            .series_baseline_on("entry", plain + 1, "hash-by-id")
            .await),
        None
    );
    assert_eq!(
        on(store.series_baseline_on("other", by_id, "hash-by-id").await),
        None
    );
    assert_eq!(
        on(store.series_answered_on("entry", "hash-by-id").await),
        None
    );
    assert_eq!(
        on(store.series_answered_on("entry", "hash-plain").await),
        day
    );
    // The follow-up to the first is found by the hash.
    submit(stored("entry-follow-up", "hash-by-id", false)).await;
    assert_eq!(
        on(store
            .series_answered_on("entry-follow-up", "hash-by-id")
            .await),
        day
    );
}

/// Lookups asked at the same moment share one query, and each still gets
/// its own draft: none for a draft that is gone or expired, the same one
/// for a token asked twice.
async fn drafts_are_found_in_groups(store: &Store) {
    use pathway::db::batch::DraftReader;
    for i in 0..30 {
        store
            .create_draft(&format!("group-{i}"), "feedback", 1, "2999-12-31", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store
            .save_draft(&format!("group-{i}"), i, &format!("{{\"n\":{i}}}"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store
        .create_draft("group-old", "feedback", 1, "2000-01-01", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let reader = DraftReader::new(store.clone(), pathway::clock::Clock::system());
    let mut asked: Vec<String> = (0..30).map(|i| format!("group-{i}")).collect();
    asked.extend(["group-7".into(), "group-old".into(), "no-such".into()]);
    let mut lookups = tokio::task::JoinSet::new();
    for key in asked {
        let reader = reader.clone();
        lookups.spawn(async move { (key.clone(), reader.by_token(key).await) });
    }
    let mut found = 0;
    while let Some(joined) = lookups.join_next().await {
        let (key, result) = joined.unwrap_or_else(|e| panic!("{e}"));
        let draft = result.unwrap_or_else(|e| panic!("{e}"));
        match key
            .strip_prefix("group-")
            .and_then(|n| n.parse::<i64>().ok())
        {
            Some(n) => {
                let d = draft.unwrap_or_else(|| panic!("{key} was not found"));
                assert_eq!((d.token_hash.as_str(), d.page), (key.as_str(), n));
                assert_eq!(d.answers, format!("{{\"n\":{n}}}"));
                found += 1;
            }
            None => assert_eq!(draft, None, "{key}"),
        }
    }
    assert_eq!(found, 31);
}

#[tokio::test]
async fn sqlite_survey_storage() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::connect(
        &format!("sqlite:{}", dir.path().join("s.db").display()),
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    survey_storage_works(&store).await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_survey_storage() {
    let Some(db) = PgDatabase::create("surveys").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    survey_storage_works(&store).await;
    store.close().await;
    db.drop().await;
}

#[tokio::test]
async fn every_pooled_sqlite_connection_is_durable() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::connect(
        &format!("sqlite:{}", dir.path().join("d.db").display()),
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let settings = store
        .sqlite_durability(4)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(settings.len(), 4);
    for (mode, sync) in settings {
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "synchronous = FULL");
    }
}

/// Counters add up (also when two flushes meet) and are summed per whole
/// month on both backends.
async fn usage_storage_works(store: &Store) {
    use pathway::services::usage::Count;
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let count = |event: &'static str, subject: &str, n: i64| Count {
        event,
        subject: subject.into(),
        n,
    };
    let first = vec![count("module-view", "a", 2), count("module-view", "b", 1)];
    let second = vec![count("module-view", "a", 5)];
    let (x, y) = tokio::join!(
        store.add_usage("2026-09-30", &first),
        store.add_usage("2026-09-30", &second)
    );
    x.unwrap_or_else(|e| panic!("{e}"));
    y.unwrap_or_else(|e| panic!("{e}"));
    store
        .add_usage("2026-10-01", &[count("survey-started", "feedback", 3)])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let days = store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        days,
        vec![
            ("2026-09-30".to_string(), "a".to_string(), 7),
            ("2026-09-30".to_string(), "b".to_string(), 1)
        ]
    );
    let months = store
        .usage_by_month("2026-10-01")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(months.len(), 1, "October is not over: {months:?}");
    assert_eq!(
        (
            months[0].month.as_str(),
            months[0].counter.as_str(),
            months[0].total
        ),
        ("2026-09", "module-view", 8)
    );
}

#[tokio::test]
async fn sqlite_usage_storage() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::connect(
        &format!("sqlite:{}", dir.path().join("u.db").display()),
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    usage_storage_works(&store).await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_usage_storage() {
    let Some(db) = PgDatabase::create("usage").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    usage_storage_works(&store).await;
    store.close().await;
    db.drop().await;
}

/// The group-commit writer: many submissions at once are each stored and
/// acknowledged; one the database refuses (a duplicate answer key) fails
/// alone and does not cost the others theirs, even when it shares their
/// batch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_response_does_not_cost_its_batch_sqlite() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::connect(
        &format!("sqlite:{}", dir.path().join("b.db").display()),
        true,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    a_refused_response_does_not_cost_its_batch(&store).await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_response_does_not_cost_its_batch_postgres() {
    let Some(db) = PgDatabase::create("batch").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    a_refused_response_does_not_cost_its_batch(&store).await;
    store.close().await;
    db.drop().await;
}

async fn a_refused_response_does_not_cost_its_batch(store: &Store) {
    use pathway::db::batch::{Submitted, Submitter};
    use pathway::db::surveys::NewResponse;
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let submitter = Submitter::new(store.clone(), pathway::clock::Clock::system());
    let response = |answer: &str| NewResponse {
        survey_id: "feedback".into(),
        version: 1,
        content_hash: "c".into(),
        series_code_hash: None,
        series_by_id: false,
        locale: "en-GB".into(),
        answers: vec![("q".into(), String::new(), answer.into())],
    };
    let broken = NewResponse {
        answers: vec![
            ("q".into(), String::new(), "x".into()),
            ("q".into(), String::new(), "y".into()),
        ],
        ..response("x")
    };
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..40 {
        let (submitter, r) = (submitter.clone(), response(&format!("answer {i}")));
        sends.spawn(async move { submitter.submit(None, r).await });
    }
    let (s, b) = (submitter.clone(), broken);
    sends.spawn(async move { s.submit(None, b).await });
    let (mut stored, mut refused) = (0, 0);
    while let Some(result) = sends.join_next().await {
        match result.unwrap_or_else(|e| panic!("{e}")) {
            Ok(Submitted::Stored(_)) => stored += 1,
            Ok(Submitted::DraftGone) => panic!("no draft was involved"),
            Err(_) => refused += 1,
        }
    }
    assert_eq!((stored, refused), (40, 1));
    let all = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 40);
    assert!(
        all.iter()
            .all(|r| r.answers.len() == 1 && r.answers[0].2.starts_with("answer "))
    );
}

/// Everything several instances share about staff: accounts, enrolment,
/// the TOTP replay record, recovery codes, throttling, sessions, the audit
/// log; and the content generation that carries reloads.
async fn staff_storage_works(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let id = store
        .create_account("ada", "admin", today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .create_account("ada", "analyst", today())
            .await
            .is_err(),
        "names are unique"
    );
    store
        .create_enrolment("tok", id, 2_000_000_000)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .enrolment("tok", 2_000_000_001)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none(),
        "an expired link is gone"
    );
    store
        .set_enrolment_pending("tok", "phc", "SECRET")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let e = store
        .enrolment("tok", 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("enrolment"));
    let codes = ["c1".to_string(), "c2".to_string()];
    assert!(
        store
            .finish_enrolment("tok", &e, 100, &codes)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    );
    assert!(
        !store
            .finish_enrolment("tok", &e, 100, &codes)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        "a link works once"
    );
    // A TOTP step is accepted once, and never an older one.
    let step = |s: i64| store.accept_totp_step(id, s);
    assert!(step(101).await.unwrap_or_else(|e| panic!("{e}")));
    assert!(!step(101).await.unwrap_or_else(|e| panic!("{e}")));
    assert!(!step(100).await.unwrap_or_else(|e| panic!("{e}")));
    assert!(step(102).await.unwrap_or_else(|e| panic!("{e}")));
    // Any of the hashes given (one per configured data key) spends it.
    let code = |c: &'static str| {
        let hashes = vec!["hk1:old:xx".to_string(), c.to_string()];
        async move { store.use_recovery_code(id, &hashes).await }
    };
    assert!(code("c1").await.unwrap_or_else(|e| panic!("{e}")));
    assert!(!code("c1").await.unwrap_or_else(|e| panic!("{e}")));
    // A try is claimed only while the count is what was read and the
    // account is not locked.
    let claim = |seen: i64, until: i64| store.claim_signin(id, 400, seen, until);
    assert!(claim(0, 500).await.unwrap_or_else(|e| panic!("{e}")));
    assert!(
        !claim(0, 500).await.unwrap_or_else(|e| panic!("{e}")),
        "the count moved on"
    );
    assert!(
        !claim(1, 600).await.unwrap_or_else(|e| panic!("{e}")),
        "locked until 500"
    );
    let a = store
        .account_by_id(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("account"));
    assert_eq!((a.failed_signins, a.locked_until), (1, 500));
    store
        .create_session("s1", id, "csrf", 1000)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .create_session("s2", id, "csrf", 1000)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .touch_session("s1", 1200)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let s = store
        .session("s1")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("session"));
    assert_eq!((s.account_id, s.seen_at, s.created_at), (id, 1200, 1000));
    assert_eq!(store.end_sessions_of(id).await.unwrap_or(0), 2);
    assert!(
        store
            .session("s2")
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    store
        .audit(jiff::Timestamp::now(), "ada", "signed in", "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let log = store
        .audit_entries(10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((log[0].1.as_str(), log[0].2.as_str()), ("ada", "signed in"));
    // Content generations grow with each reload.
    assert_eq!(store.content_generation().await.unwrap_or(-1), 0);
    let g1 = store
        .bump_content_generation("h1", 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let g2 = store
        .bump_content_generation("h2", 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(g2 > g1);
    assert_eq!(store.content_generation().await.unwrap_or(-1), g2);
}

#[tokio::test]
async fn sqlite_staff_storage() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("s.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    staff_storage_works(&store).await;
    store.close().await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_staff_storage() {
    let Some(db) = PgDatabase::create("staff").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    staff_storage_works(&store).await;
    store.close().await;
    db.drop().await;
}

/// The two backends' migrations make the same tables, columns (type
/// class and nullability) and named indexes, and the same migration list.
#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let Some(db) = PgDatabase::create("schema").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("schema.db").display());
    let lite = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pg = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut lists = Vec::new();
    for store in [&lite, &pg] {
        let (before, _) = store
            .migration_status()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(before.iter().all(|m| m.state == MigrationState::Pending));
        store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
        let (after, unknown) = store
            .migration_status()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(after.iter().all(|m| m.state == MigrationState::Applied));
        assert!(unknown.is_empty());
        lists.push(
            after
                .into_iter()
                .map(|m| (m.version, m.description))
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(lists[0], lists[1], "the same migrations, in the same order");
    let columns = |s: &Store| {
        let s = s.clone();
        async move { s.schema_columns().await.unwrap_or_else(|e| panic!("{e}")) }
    };
    let (a, b) = (columns(&lite).await, columns(&pg).await);
    assert!(a.len() > 30, "{a:?}");
    let only = |x: &[pathway::db::admin::Column], y: &[pathway::db::admin::Column]| {
        x.iter()
            .filter(|c| !y.contains(c))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        a == b,
        "only in SQLite: {:?}\nonly in PostgreSQL: {:?}",
        only(&a, &b),
        only(&b, &a)
    );
    let (ia, ib) = (
        lite.schema_indexes()
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        pg.schema_indexes().await.unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(!ia.is_empty());
    assert_eq!(ia, ib, "the same named indexes");
    lite.close().await;
    pg.close().await;
    db.drop().await;
}

/// Migration 0007 rebuilds the SQLite answers table as one B-tree: answers
/// stored before it are all still there afterwards, with their responses.
#[tokio::test]
async fn answers_stored_before_the_answers_table_was_rebuilt_are_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("old.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let Store::Sqlite(pool) = &store else {
        panic!("a SQLite store")
    };
    let mut before = sqlx::migrate::Migrator::new(common::root().join("migrations/sqlite"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let kept: Vec<_> = before
        .migrations
        .iter()
        .filter(|m| m.version < 7)
        .cloned()
        .collect();
    assert_eq!(kept.len(), 6);
    before.migrations = kept.into();
    before.run(pool).await.unwrap_or_else(|e| panic!("{e}"));
    sqlx::raw_sql(
        "INSERT INTO survey_responses (id, survey_id, version, content_hash, submitted_on) \
         VALUES (1, 'feedback', 1, 'c', '2026-01-01'), (2, 'feedback', 1, 'c', '2026-01-02'); \
         INSERT INTO survey_answers (response_id, question_id, item, value) VALUES \
         (1, 'age', '', '25-34'), (1, 'statements', 'understand', '4'), (2, 'age', '', '35-44');",
    )
    .execute(pool)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let all = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let answers: Vec<_> = all.iter().map(|r| (r.id, r.answers.clone())).collect();
    let a = |q: &str, i: &str, v: &str| (q.to_string(), i.to_string(), v.to_string());
    assert_eq!(
        answers,
        vec![
            (
                1,
                vec![a("age", "", "25-34"), a("statements", "understand", "4")]
            ),
            (2, vec![a("age", "", "35-44")]),
        ]
    );
    let (without_rowid,): (String,) =
        sqlx::query_as("SELECT sql FROM sqlite_master WHERE name = 'survey_answers'")
            .fetch_one(pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(without_rowid.contains("WITHOUT ROWID"), "{without_rowid}");
}
