//! Resume codes: the only way back to a saved survey. At least 80 bits of
//! randomness, grouped for people, with no characters that look alike; only
//! a hash is ever stored.

use sha2::{Digest, Sha256};

/// 32 symbols without 0/O, 1/I/L or U: each carries 5 bits.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ#@";
/// 18 symbols = 90 bits, shown as 4-4-4-4-2: resume and series codes.
const SYMBOLS: usize = 18;
/// Conversation codes for messages to the helpline: 22 symbols, more than
/// 100 bits, shown as 4-4-4-4-4-2.
pub const CONVERSATION_SYMBOLS: usize = 22;

/// Could not read the operating system's random source.
#[derive(Debug, thiserror::Error)]
#[error("no secure randomness is available: {0}")]
pub struct NoRandomness(pub(crate) String);

/// A new resume code, such as `7KQ4-MX2P-9TRW-HC3B-XY`.
pub fn new_code() -> Result<String, NoRandomness> {
    new_code_of(SYMBOLS)
}

/// A new code of `symbols` symbols, in groups of four.
pub fn new_code_of(symbols: usize) -> Result<String, NoRandomness> {
    let mut bytes = vec![0u8; symbols];
    getrandom::fill(&mut bytes).map_err(|e| NoRandomness(e.to_string()))?;
    Ok(format_code(&bytes))
}

fn format_code(random: &[u8]) -> String {
    // Only letters and digits are used: the last two symbols of the
    // alphabet are left out, so each symbol carries log2(30) > 4.9 bits and
    // 18 symbols carry more than 88 bits.
    let usable = ALPHABET.len() - 2;
    let mut out = String::with_capacity(random.len() + random.len() / 4);
    for (i, b) in random.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // Rejection-free mapping with a tiny bias (256 % 30 = 16): at most
        // 0.03 bits lost per symbol, still above 80 bits in all.
        out.push(char::from(ALPHABET[usize::from(*b) % usable]));
    }
    out
}

/// The code as typed, in canonical form: upper case, without spaces or
/// dashes. `None` if it holds anything a code cannot.
pub fn normalise(typed: &str) -> Option<String> {
    normalise_of(typed, SYMBOLS)
}

/// `normalise` for a code of `symbols` symbols.
pub fn normalise_of(typed: &str, symbols: usize) -> Option<String> {
    let code = compact(typed);
    let valid = code.len() == symbols && code.bytes().all(|b| ALPHABET[..30].contains(&b));
    valid.then_some(code)
}

/// `typed` without spaces or dashes, in upper case.
fn compact(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A canonical code in groups of four, as it was shown.
pub fn grouped(canonical: &str) -> String {
    canonical
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0 && i % 4 == 0).then_some('-').into_iter().chain([c]))
        .collect()
}

/// What the store keeps: a hex SHA-256 of the canonical code.
pub fn hash(canonical: &str) -> String {
    format!("{:x}", Sha256::digest(canonical.as_bytes()))
}

/// Most symbols a baseline's id adds to a series code: 30^13 is more ids
/// than an `i64` holds.
const MAX_ID_SYMBOLS: usize = 13;
/// Fewest symbols for the id (leading zeros, `2`, fill the rest).
const MIN_ID_SYMBOLS: usize = 4;

/// A follow-up code as typed, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesCode {
    /// A code of 18 symbols: a resume code the person saved before they
    /// finished the baseline (or any series code from before codes carried
    /// ids). Found through the index of such codes.
    Plain(String),
    /// A code given on a baseline's thank-you page: 18 random symbols, then
    /// the baseline response's id. The id finds the row without an index
    /// of random hashes (which took each new response at a random place,
    /// and cost half the rate of survey submissions); the random part, of
    /// which only a hash is kept, is what proves the code.
    WithId { secret: String, id: i64 },
}

impl SeriesCode {
    /// The canonical random part, whose hash links the series.
    pub fn secret(&self) -> &str {
        match self {
            Self::Plain(s) | Self::WithId { secret: s, .. } => s,
        }
    }

    /// The code as it was shown: grouped in fours.
    pub fn shown(&self) -> String {
        match self {
            Self::Plain(s) => grouped(s),
            Self::WithId { secret, id } => series_code_with_id(secret, *id),
        }
    }
}

/// The code shown after a baseline: `secret` (canonical, from `new_code`)
/// followed by the id of the stored response, grouped in fours.
pub fn series_code_with_id(secret: &str, id: i64) -> String {
    let mut digits = Vec::new();
    let mut n = id.unsigned_abs();
    let base = 30u64;
    loop {
        // n % 30 < 30, so the index is in range.
        digits.push(ALPHABET[usize::try_from(n % base).unwrap_or(0)]);
        n /= base;
        if n == 0 {
            break;
        }
    }
    // At least four symbols (ids below 810,000): the codes people see
    // have the same shape, 4-4-4-4-4-2, for most services' lifetimes.
    while digits.len() < MIN_ID_SYMBOLS {
        digits.push(ALPHABET[0]);
    }
    let mut canonical = String::from(secret);
    canonical.extend(digits.iter().rev().map(|b| char::from(*b)));
    grouped(&canonical)
}

/// A typed follow-up code: 18 symbols, or 18 and a baseline's id.
pub fn normalise_series(typed: &str) -> Option<SeriesCode> {
    let code = compact(typed);
    // Codes are ASCII; anything else is refused before the split below,
    // which counts bytes.
    if !code.is_ascii() {
        return None;
    }
    if code.len() == SYMBOLS {
        return normalise(&code).map(SeriesCode::Plain);
    }
    if code.len() <= SYMBOLS || code.len() > SYMBOLS + MAX_ID_SYMBOLS {
        return None;
    }
    let (secret, tail) = code.split_at(SYMBOLS);
    let secret = normalise(secret)?;
    let mut id: i64 = 0;
    for b in tail.bytes() {
        let digit = ALPHABET[..30].iter().position(|a| *a == b)?;
        id = id
            .checked_mul(30)?
            .checked_add(i64::try_from(digit).ok()?)?;
    }
    Some(SeriesCode::WithId { secret, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_unambiguous_and_distinct() {
        let a = new_code().unwrap_or_default();
        let b = new_code().unwrap_or_default();
        assert_ne!(a, b);
        assert_eq!(a.len(), SYMBOLS + 4);
        assert_eq!(
            a.split('-').map(str::len).collect::<Vec<_>>(),
            [4, 4, 4, 4, 2]
        );
        for c in ['0', 'O', '1', 'I', 'L', 'U'] {
            assert!(!a.contains(c), "{a} holds {c}");
        }
        // 30 symbols, 18 of them: at least 80 bits.
        assert!((18.0 * 30f64.log2()) > 88.0);
    }

    #[test]
    fn typed_codes_are_normalised() {
        let code = new_code().unwrap_or_default();
        let canonical = normalise(&code).unwrap_or_default();
        assert_eq!(
            normalise(&code.to_lowercase().replace('-', " ")),
            Some(canonical.clone())
        );
        assert_eq!(hash(&canonical).len(), 64);
        assert_eq!(normalise("too-short"), None);
        assert_eq!(
            normalise("0000-0000-0000-0000-00"),
            None,
            "ambiguous characters never appear"
        );
    }

    #[test]
    fn conversation_codes_carry_more_than_100_bits() {
        let code = new_code_of(CONVERSATION_SYMBOLS).unwrap_or_default();
        assert_eq!(
            code.split('-').map(str::len).collect::<Vec<_>>(),
            [4, 4, 4, 4, 4, 2]
        );
        // Less the mapping's bias of at most 0.03 bits per symbol.
        assert!(CONVERSATION_SYMBOLS as f64 * (30f64.log2() - 0.03) > 100.0);
        let canonical = normalise_of(&code, CONVERSATION_SYMBOLS);
        assert_eq!(canonical.as_deref().map(str::len), Some(22));
        assert_eq!(normalise(&code), None, "not a resume code");
    }

    #[test]
    fn series_codes_carry_the_baseline_id() {
        let secret = normalise(&new_code().unwrap_or_default()).unwrap_or_default();
        for id in [0, 1, 29, 30, 12_345, 810_000, i64::MAX] {
            let shown = series_code_with_id(&secret, id);
            let typed = shown.to_lowercase().replace('-', " ");
            assert_eq!(
                normalise_series(&typed),
                Some(SeriesCode::WithId {
                    secret: secret.clone(),
                    id
                }),
                "{shown}"
            );
            assert_eq!(normalise(&shown), None, "not a resume code: {shown}");
            assert_eq!(normalise_series(&typed).map(|c| c.shown()), Some(shown));
        }
        assert_eq!(
            series_code_with_id(&secret, 12_345).len(),
            18 + 4 + 5,
            "18 symbols, 4 for the id, in groups of four"
        );
        assert_eq!(
            normalise_series(&secret),
            Some(SeriesCode::Plain(secret.clone()))
        );
        let too_big = format!("{secret}{}", "Z".repeat(MAX_ID_SYMBOLS));
        assert_eq!(normalise_series(&too_big), None, "beyond an i64");
        assert_eq!(normalise_series(&format!("{secret}0")), None);
        assert_eq!(normalise_series("short"), None);
        // A letter of two bytes across the split is refused, not a panic.
        assert_eq!(normalise_series(&format!("{}é2222", &secret[..17])), None);
    }
}
