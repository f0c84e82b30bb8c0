//! `pathway staff add|list|disable|enable|reset`: staff accounts from the
//! command line, each action typed (no dispatch on strings).

use std::process::ExitCode;

use super::{StaffAt, StaffCommand, fail, say};
use crate::clock::Clock;
use crate::db::Store;
use crate::db::staff::Account;
use crate::services::staff::{self, Role};

/// What to do to which account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAction {
    Add { name: String, role: Role },
    List,
    Disable { name: String },
    Enable { name: String },
    Reset { name: String },
}

/// A staff command: the action and where it applies.
pub struct Staffing {
    action: StaffAction,
    at: StaffAt,
}

impl From<StaffCommand> for Staffing {
    fn from(cmd: StaffCommand) -> Self {
        let (action, at) = match cmd {
            StaffCommand::Add { name, role, at } => (StaffAction::Add { name, role }, at),
            StaffCommand::List { at } => (StaffAction::List, at),
            StaffCommand::Disable { name, at } => (StaffAction::Disable { name }, at),
            StaffCommand::Enable { name, at } => (StaffAction::Enable { name }, at),
            StaffCommand::Reset { name, at } => (StaffAction::Reset { name }, at),
        };
        Self { action, at }
    }
}

/// Runs a staff command on its database.
pub async fn run(cmd: Staffing, clock: Clock) -> ExitCode {
    let store = match Store::connect(&cmd.at.database, false).await {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = store.migrate().await {
        return fail(e);
    }
    let result = act(&store, &cmd.at.base_url, cmd.action, clock).await;
    store.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn act(
    store: &Store,
    base_url: &str,
    action: StaffAction,
    clock: Clock,
) -> Result<(), String> {
    match action {
        StaffAction::List => list(store).await,
        StaffAction::Add { name, role } => {
            let id = add(store, &name, role, clock).await?;
            enrolment_link(store, base_url, id, clock).await
        }
        StaffAction::Disable { name } => set_disabled(store, &name, true, clock).await,
        StaffAction::Enable { name } => set_disabled(store, &name, false, clock).await,
        StaffAction::Reset { name } => {
            let account = existing(store, &name).await?;
            store
                .reset_account(account.id)
                .await
                .map_err(|e| e.to_string())?;
            audit(store, clock, "account reset", &name).await?;
            enrolment_link(store, base_url, account.id, clock).await
        }
    }
}

async fn list(store: &Store) -> Result<(), String> {
    for a in store.accounts().await.map_err(|e| e.to_string())? {
        let state = match (a.disabled, a.totp_secret.is_some()) {
            (true, _) => "disabled",
            (false, true) => "active",
            (false, false) => "not enrolled yet",
        };
        say(&format!("{}\t{}\t{state}", a.name, a.role));
    }
    Ok(())
}

/// A new account; its id.
async fn add(store: &Store, name: &str, role: Role, clock: Clock) -> Result<i64, String> {
    let clean = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if !clean {
        return Err("a name is 1 to 64 letters, digits, dots, dashes or underscores".into());
    }
    if store
        .account_by_name(name)
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Err(format!("there is already an account `{name}`"));
    }
    let id = store
        .create_account(name, role.name(), clock.today())
        .await
        .map_err(|e| e.to_string())?;
    audit(store, clock, "account added", &format!("{name} ({role})")).await?;
    Ok(id)
}

async fn existing(store: &Store, name: &str) -> Result<Account, String> {
    store
        .account_by_name(name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account `{name}`; `pathway staff list` shows them"))
}

async fn set_disabled(
    store: &Store,
    name: &str,
    disabled: bool,
    clock: Clock,
) -> Result<(), String> {
    let account = existing(store, name).await?;
    store
        .set_disabled(account.id, disabled)
        .await
        .map_err(|e| e.to_string())?;
    let done = if disabled { "disabled" } else { "enabled" };
    audit(store, clock, &format!("account {done}"), name).await?;
    say(&format!("{name}: {done}"));
    Ok(())
}

async fn audit(store: &Store, clock: Clock, action: &str, detail: &str) -> Result<(), String> {
    store
        .audit(clock.now(), "cli", action, detail)
        .await
        .map_err(|e| e.to_string())
}

/// Makes and prints a one-time enrolment link (only its hash is stored).
async fn enrolment_link(
    store: &Store,
    base_url: &str,
    account_id: i64,
    clock: Clock,
) -> Result<(), String> {
    let token = staff::random_hex(32).ok_or("no randomness available")?;
    let ttl = i64::try_from(staff::ENROLMENT_TTL.as_secs()).unwrap_or(86_400);
    store
        .create_enrolment(&staff::digest(&token), account_id, clock.unix() + ttl)
        .await
        .map_err(|e| e.to_string())?;
    say(&format!(
        "Enrolment link (works once, for 24 hours): {}/staff/enrol/{token}",
        base_url.trim_end_matches('/')
    ));
    Ok(())
}
