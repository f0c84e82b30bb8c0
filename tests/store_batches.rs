//! Groups larger than one statement's rows (256 on SQLite, where lists are
//! bound as parameters in pieces, `db::rows`), on both backends: every
//! response and answer stored once, drafts deleted and found whole.
//! PostgreSQL tests use `PATHWAY_TEST_DATABASE_URL`; without it they say
//! loudly that they were skipped.

mod common;

use common::pg::PgDatabase;
use common::today;
use pathway::db::Store;
use pathway::db::surveys::NewResponse;

/// Response `i`: three answers that name it.
fn response(i: usize) -> NewResponse {
    NewResponse {
        survey_id: "feedback".into(),
        version: 1,
        content_hash: "c0ffee".into(),
        series_code_hash: i.is_multiple_of(2).then(|| format!("series-{i}")),
        series_by_id: i.is_multiple_of(4),
        locale: "en-GB".into(),
        answers: ["a", "b", "c"]
            .iter()
            .map(|q| (q.to_string(), String::new(), format!("{q}-{i}")))
            .collect(),
    }
}

async fn large_groups_are_stored_whole(store: &Store) {
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    // 300 responses (900 answers) with drafts, but no draft for every
    // seventh, and the first token sent twice.
    let n = 300;
    let token = |i: usize| format!("big-{i}");
    for i in (0..n).filter(|i| i % 7 != 3) {
        store
            .create_draft(&token(i), "feedback", 1, "2999-12-31", today())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut held = store.hold().await.unwrap_or_else(|e| panic!("{e}"));
    let tokens: Vec<String> = (0..n).map(token).chain([token(0)]).collect();
    let asked: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let found = held
        .drafts_by_tokens(&asked, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let live = (0..n).filter(|i| i % 7 != 3).count();
    assert_eq!(found.len(), live, "each live draft once, none made up");
    let responses: Vec<NewResponse> = (0..=n).map(|i| response(i % n)).collect();
    let batch: Vec<(Option<&str>, &NewResponse)> =
        asked.iter().map(|t| Some(*t)).zip(&responses).collect();
    let ids = held
        .submit_batch(&batch, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    drop(held);
    assert_eq!(ids.len(), n + 1);
    for (i, id) in ids.iter().enumerate() {
        let stored = i < n && i % 7 != 3;
        assert_eq!(id.is_some(), stored, "response {i}: {id:?}");
        let Some(id) = id else { continue };
        let answers = store
            .response_answers(*id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(answers, responses[i].answers, "response {i}");
    }
    let all = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), live, "nothing stored twice or from padding");
    let mut held = store.hold().await.unwrap_or_else(|e| panic!("{e}"));
    let left = held
        .drafts_by_tokens(&asked, today())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(left, vec![], "every stored response's draft is gone");
}

#[tokio::test]
async fn sqlite_large_groups_are_stored_whole() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite:{}", dir.path().join("s.db").display());
    let store = Store::connect(&url, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    large_groups_are_stored_whole(&store).await;
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn postgres_large_groups_are_stored_whole() {
    let Some(db) = PgDatabase::create("batches").await else {
        return;
    };
    let store = Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    large_groups_are_stored_whole(&store).await;
    store.close().await;
    db.drop().await;
}
