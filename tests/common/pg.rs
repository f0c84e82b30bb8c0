//! A PostgreSQL database of its own for one test, at
//! `PATHWAY_TEST_DATABASE_URL`; without the variable, a loud "skipped".

/// A fresh PostgreSQL database for one test, dropped afterwards.
pub struct PgDatabase {
    pub admin_url: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub async fn create(tag: &str) -> Option<PgDatabase> {
        let Ok(admin_url) = std::env::var("PATHWAY_TEST_DATABASE_URL") else {
            // Written straight to stderr, past the test harness's capture, so
            // that a skipped PostgreSQL test is never silent.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!!! SKIPPED: PostgreSQL test `{tag}`: set PATHWAY_TEST_DATABASE_URL \
                 (e.g. postgres://postgres@127.0.0.1:5432/test) to run it !!!!!\n"
            );
            return None;
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let name = format!("pathway_test_{tag}_{}_{nanos}", std::process::id());
        let pool = sqlx::PgPool::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        pool.close().await;
        let (base, query) = match admin_url.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (admin_url.as_str(), String::new()),
        };
        let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
        let url = format!("{prefix}/{name}{query}");
        Some(PgDatabase {
            admin_url,
            name,
            url,
        })
    }

    /// Drops the database now (it is dropped in any case when the value
    /// goes, also when the test panics).
    pub async fn drop(self) {
        std::mem::drop(self);
    }
}

/// Drops the test's database even when the test panics, so that none is
/// left behind. A thread of its own runs the query, because this may run
/// inside (or outside) a test's async runtime.
impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(pool) = sqlx::PgPool::connect(&admin_url).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                    )))
                    .execute(&pool)
                    .await;
                    pool.close().await;
                }
            });
        })
        .join();
        if dropped.is_err() {
            eprintln!("could not drop the test database {}", self.name);
        }
    }
}
