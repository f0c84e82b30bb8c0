// The migrations are embedded by `sqlx::migrate!`; rebuild when one is
// added or changed, not only when Rust code changes.
//
// Without PATHWAY_TEST_DATABASE_URL the PostgreSQL tests are compiled as
// ignored (`cfg(pg_tests_skipped)`), so `cargo test` lists them as
// "ignored" with the reason instead of "ok".
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-env-changed=PATHWAY_TEST_DATABASE_URL");
    println!("cargo::rustc-check-cfg=cfg(pg_tests_skipped)");
    if std::env::var_os("PATHWAY_TEST_DATABASE_URL").is_none() {
        println!("cargo:rustc-cfg=pg_tests_skipped");
    }
}
