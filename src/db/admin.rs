//! Running the database itself: migration status, online backups of a
//! SQLite file, the schema as the equivalence test reads it, and the
//! content generation that carries a reload to every instance.

use std::collections::BTreeSet;
use std::path::Path;

use super::{DbError, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, Store};

/// One embedded migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub version: i64,
    pub description: String,
    pub state: MigrationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationState {
    Applied,
    Pending,
    /// Applied from a different file than the one in this binary.
    Changed,
}

/// One column as both backends can describe it: (table, column, type
/// class, not null).
pub type Column = (String, String, &'static str, bool);

impl Store {
    /// Every embedded migration with its state, and the versions the
    /// database has applied that this binary does not know (a newer
    /// release ran against it).
    pub async fn migration_status(&self) -> Result<(Vec<Migration>, Vec<i64>), DbError> {
        let exists_sql = match self {
            Store::Sqlite(_) => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Store::Postgres(_) => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
            }
        };
        let (exists,): (i64,) =
            with_pool!(self, pool => sqlx::query_as(exists_sql).fetch_one(pool).await?);
        let applied: Vec<(i64, Vec<u8>)> = if exists > 0 {
            with_pool!(self, pool => sqlx::query_as(
                "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version")
                .fetch_all(pool).await?)
        } else {
            Vec::new()
        };
        let migrator = match self {
            Store::Sqlite(_) => &SQLITE_MIGRATIONS,
            Store::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        let known: BTreeSet<i64> = migrator.iter().map(|m| m.version).collect();
        let list = migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| Migration {
                version: m.version,
                description: m.description.to_string(),
                state: match applied.iter().find(|(v, _)| *v == m.version) {
                    None => MigrationState::Pending,
                    Some((_, sum)) if sum.as_slice() == &*m.checksum => MigrationState::Applied,
                    Some(_) => MigrationState::Changed,
                },
            })
            .collect();
        let unknown = applied
            .iter()
            .map(|(v, _)| *v)
            .filter(|v| !known.contains(v))
            .collect();
        Ok((list, unknown))
    }

    /// A consistent copy of a SQLite database made while it is in use
    /// (`VACUUM INTO`): readers and writers carry on. Refuses to overwrite.
    pub async fn backup_to(&self, target: &Path) -> Result<(), DbError> {
        let Store::Sqlite(pool) = self else {
            return Err(DbError::Unsupported(
                "PostgreSQL is backed up with its own tools (pg_dump, or pg_basebackup with WAL archiving): see docs/deploy.md",
            ));
        };
        if target.exists() {
            return Err(DbError::Exists(target.to_path_buf()));
        }
        let Some(path) = target.to_str() else {
            return Err(DbError::Exists(target.to_path_buf()));
        };
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// Every column of every table of ours (not the migrations' own table),
    /// sorted, with types reduced to what both backends share.
    pub async fn schema_columns(&self) -> Result<Vec<Column>, DbError> {
        let rows: Vec<(String, String, String, bool)> = match self {
            Store::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT m.name, p.name, p.type, p.\"notnull\" OR p.pk > 0 \
                     FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                     AND m.name <> '_sqlx_migrations'",
                )
                .fetch_all(pool)
                .await?
            }
            Store::Postgres(pool) => sqlx::query_as(
                "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO' \
                     FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
            )
            .fetch_all(pool)
            .await?,
        };
        let mut out: Vec<Column> = rows
            .into_iter()
            .map(|(t, c, ty, not_null)| (t, c, type_class(&ty), not_null))
            .collect();
        out.sort();
        Ok(out)
    }

    /// The indexes created by name (not those behind keys), sorted as
    /// (table, index).
    pub async fn schema_indexes(&self) -> Result<Vec<(String, String)>, DbError> {
        let mut rows: Vec<(String, String)> = match self {
            Store::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' \
                     AND name NOT LIKE 'sqlite_autoindex_%'",
                )
                .fetch_all(pool)
                .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT tablename::text, indexname::text FROM pg_indexes \
                     WHERE schemaname = current_schema() \
                     AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                )
                .fetch_all(pool)
                .await?
            }
        };
        rows.sort();
        Ok(rows)
    }

    /// The newest content generation (0 before any reload).
    pub async fn content_generation(&self) -> Result<i64, DbError> {
        let (g,): (Option<i64>,) = with_pool!(self, pool => sqlx::query_as(
            "SELECT MAX(generation) FROM content_reloads").fetch_one(pool).await?);
        Ok(g.unwrap_or(0))
    }

    /// Records a reload of content `hash`; returns its generation, which
    /// every other instance will see and follow.
    /// `at` is the time of the reload (seconds since the epoch).
    pub async fn bump_content_generation(&self, hash: &str, at: i64) -> Result<i64, DbError> {
        let (g,): (i64,) = with_pool!(self, pool => sqlx::query_as(
            "INSERT INTO content_reloads (content_hash, requested_at) VALUES ($1, $2) RETURNING generation")
            .bind(hash).bind(at).fetch_one(pool).await?);
        Ok(g)
    }
}

/// A column type reduced to what SQLite and PostgreSQL share.
fn type_class(t: &str) -> &'static str {
    let t = t.to_ascii_lowercase();
    if t.contains("int") || t == "boolean" {
        "integer"
    } else if t.contains("char") || t == "text" {
        "text"
    } else if t == "blob" || t == "bytea" {
        "bytes"
    } else if t.contains("real") || t.contains("double") || t.contains("numeric") {
        "real"
    } else {
        "other"
    }
}
