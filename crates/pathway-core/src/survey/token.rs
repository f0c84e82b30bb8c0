//! Draft tokens: what a survey form carries (in a POST body, never a URL) to
//! find its draft again. A token is `<prefix>.<secret>`: 128 random bits of
//! secret, and a prefix made of the day (no time of day) and a count of
//! drafts started by this process. The store keeps only the key
//! `<prefix>.<SHA-256 of the secret>`.
//!
//! The prefix orders keys by when drafts were started, so the drafts people
//! are working on now sit together at the end of the store's index. With
//! keys that were hashes alone, every draft saved or submitted rewrote a
//! page at a random place in an index that holds every open draft (up to a
//! month of them), and read it from disk first.

use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::code::NoRandomness;

/// Hex digits of the prefix: 5 for the day, 11 for the count.
const PREFIX: usize = 16;
const COUNT_MASK: u64 = (1 << 44) - 1;

/// Makes new tokens. One per server process; the count starts at zero.
#[derive(Debug, Default)]
pub struct Minter {
    count: AtomicU64,
}

impl Minter {
    /// A new token for a draft started on `day` (days since 1970-01-01).
    pub fn mint(&self, day: u32) -> Result<String, NoRandomness> {
        let mut secret = [0u8; 16];
        getrandom::fill(&mut secret).map_err(|e| NoRandomness(e.to_string()))?;
        let count = self.count.fetch_add(1, Ordering::Relaxed) & COUNT_MASK;
        let mut token = format!("{:05x}{count:011x}.", day & 0xF_FFFF);
        for b in secret {
            token.push_str(&format!("{b:02x}"));
        }
        Ok(token)
    }
}

/// The day of `now` as days since 1970-01-01 (UTC).
pub fn day_number(now: jiff::Timestamp) -> u32 {
    let days = now.as_second().div_euclid(86_400);
    u32::try_from(days).unwrap_or(0)
}

/// The stored key of `token`. Any text gives a key (one that matches no
/// draft, for a forged token). Tokens given out before prefixes existed
/// (no dot) keep their old key, the hash of the whole token.
pub fn key(token: &str) -> String {
    match token.split_once('.') {
        Some((prefix, secret))
            if prefix.len() == PREFIX && prefix.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{prefix}.{:x}", Sha256::digest(secret.as_bytes()))
        }
        _ => format!("{:x}", Sha256::digest(token.as_bytes())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_later_drafts_sort_after_earlier_ones() {
        let m = Minter::default();
        let a = m.mint(20_000).unwrap_or_default();
        let b = m.mint(20_000).unwrap_or_default();
        let c = m.mint(20_001).unwrap_or_default();
        assert!(key(&a) < key(&b) && key(&b) < key(&c), "{a} {b} {c}");
    }

    #[test]
    fn the_key_keeps_no_secret_and_depends_on_all_of_it() {
        let t = Minter::default().mint(20_000).unwrap_or_default();
        let (prefix, secret) = t.split_once('.').unwrap_or_default();
        assert_eq!(secret.len(), 32);
        let k = key(&t);
        assert!(k.starts_with(&format!("{prefix}.")));
        assert!(!k.contains(secret));
        let mut other = t.clone();
        other.pop();
        other.push(if t.ends_with('0') { '1' } else { '0' });
        assert_ne!(key(&other), k);
    }

    #[test]
    fn old_tokens_and_forged_ones_get_plain_hashes() {
        let old = "00112233445566778899aabbccddeeff";
        assert_eq!(key(old), format!("{:x}", Sha256::digest(old.as_bytes())));
        assert_eq!(key("x.y").len(), 64);
        assert_eq!(key("").len(), 64);
    }
}
