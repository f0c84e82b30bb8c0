//! Staff accounts: roles, the password rule, argon2id hashing off the async
//! threads behind a bounded queue, TOTP codes (RFC 6238, 30 s steps, a code
//! from a step at or before the last accepted one is refused), and the
//! random tokens, session ids and recovery codes (stored only as hashes).

use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use super::blocking::{BlockingError, BlockingPool};
pub use pathway_core::access::Role;

/// An enrolment link is valid this long.
pub const ENROLMENT_TTL: Duration = Duration::from_secs(24 * 3600);
/// A session ends after this long without a request...
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// ...and after this long in any case.
pub const ABSOLUTE: Duration = Duration::from_secs(12 * 3600);
/// Recovery codes shown once at enrolment.
pub const RECOVERY_CODES: usize = 10;
pub const MIN_PASSWORD: usize = 12;

/// SHA-256 of a token, session id or code, as stored.
pub fn digest(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// `bytes` random bytes as lower-case hex, or `None` without randomness.
pub fn random_hex(bytes: usize) -> Option<String> {
    let mut b = vec![0u8; bytes];
    getrandom::fill(&mut b).ok()?;
    Some(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Why a password is refused: the key of a staff string
/// (`locales/en-GB/staff.ftl`) for the person.
pub fn password_problem(password: &str, name: &str) -> Option<&'static str> {
    let lower = password.to_lowercase();
    if password.chars().count() < MIN_PASSWORD {
        return Some("staff-password-short");
    }
    if COMMON.lines().any(|c| !c.is_empty() && lower.contains(c)) {
        return Some("staff-password-common");
    }
    if !name.is_empty() && lower.contains(&name.to_lowercase()) {
        return Some("staff-password-name");
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return Some("staff-password-repeated");
    }
    None
}

/// Common passwords (and parts of them) that are refused.
const COMMON: &str = include_str!("staff/common-passwords.txt");

/// Hashing and checking passwords with argon2id: slow on purpose, so it
/// runs on blocking threads, at most `workers` at once, with at most
/// `waiting` more queued; beyond that the caller is told to try later.
pub struct Hasher {
    pool: Arc<BlockingPool>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum HashError {
    Busy,
    Failed,
}

impl Hasher {
    /// A hasher with a pool of its own.
    pub fn new(workers: usize, waiting: usize) -> Self {
        Self::on(Arc::new(BlockingPool::new(workers, waiting)))
    }

    /// A hasher on a shared pool.
    pub fn on(pool: Arc<BlockingPool>) -> Self {
        Self { pool }
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Option<T> + Send + 'static,
    ) -> Result<T, HashError> {
        match self.pool.run(f).await {
            Ok(Some(v)) => Ok(v),
            Ok(None) | Err(BlockingError::Stopped) => Err(HashError::Failed),
            Err(BlockingError::Busy) => Err(HashError::Busy),
        }
    }

    /// The PHC string of `password`.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .ok()
                .map(|h| h.to_string())
        })
        .await
    }

    /// Whether `password` matches `phc`. Without a stored hash a dummy one
    /// is checked, so that a missing account takes as long as a wrong
    /// password.
    pub async fn verify(&self, password: String, phc: Option<String>) -> Result<bool, HashError> {
        self.run(move || {
            let real = phc.is_some();
            let phc = phc.unwrap_or_else(|| DUMMY.to_string());
            let parsed = PasswordHash::new(&phc).ok()?;
            let ok = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            Some(ok && real)
        })
        .await
    }
}

/// argon2id of a random string nobody knows, checked when an account is
/// missing so that timing does not tell which names exist.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ";

/// A TOTP for `secret` (base32), for `account`.
pub fn totp(secret_base32: &str, account: &str) -> Option<totp_rs::Totp> {
    let secret = totp_rs::Secret::try_from_base32(secret_base32).ok()?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .with_account_name(account.replace(':', " "))
        .with_issuer(Some("Pathway"))
        .build()
        .ok()
}

/// A new TOTP secret (160 bits), base32.
pub fn new_totp_secret() -> Option<String> {
    let mut b = [0u8; 20];
    getrandom::fill(&mut b).ok()?;
    Some(totp_rs::Secret::from(b.to_vec()).to_base32())
}

/// The time step (30 s) whose code `code` is, within one step either side
/// of now, if it is later than `last_step`.
pub fn accepted_step(secret_base32: &str, code: &str, last_step: i64, at: i64) -> Option<i64> {
    let t = totp(secret_base32, "x")?;
    let code = code.trim().replace(' ', "");
    let now_step = at / 30;
    (now_step - 1..=now_step + 1).find(|step| {
        *step > last_step
            && u64::try_from(step * 30).is_ok_and(|time| {
                constant_time_eq(t.generate(time).to_string().as_bytes(), code.as_bytes())
            })
    })
}

/// Compares two secrets in constant time (for equal lengths).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The enrolment QR code as inline SVG, labelled `label` for screen
/// readers (plain text: it is escaped here).
pub fn qr_svg(url: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // Inline in HTML: without the XML declaration, and labelled.
    let start = svg.find("<svg")?;
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Some(svg[start..].replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    ))
}

/// Characters in a recovery code (without dashes): 18 unambiguous
/// symbols, more than 88 bits.
pub const RECOVERY_SYMBOLS: usize = 18;

/// Ten recovery codes, each like a survey code (4-4-4-4-2, more than 88
/// bits); stored only as keyed hashes (`DataKeys::keyed_hash`).
pub fn recovery_codes() -> Option<Vec<String>> {
    (0..RECOVERY_CODES)
        .map(|_| crate::survey::code::new_code().ok())
        .collect()
}

/// A recovery code as typed, made canonical for hashing.
pub fn canonical_recovery(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase()
}
