//! The data key: secrets kept in the database (staff TOTP secrets, and
//! later helpline messages) are encrypted with XChaCha20-Poly1305 under a
//! key kept in a file outside the database, and recovery codes are stored
//! as HMAC-SHA-256 under a key derived from it. A stolen database (or
//! backup) alone gives neither.
//!
//! Each stored value names the key it was made with (`enc1:<key id>:…`),
//! so keys can rotate: the current key seals, every configured key opens,
//! and `reseal` moves old values to the current key.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::Mac;
use sha2::{Digest, Sha256};

/// What a sealed value starts with.
pub const SEALED: &str = "enc1:";
/// What a keyed hash starts with.
pub const KEYED: &str = "hk1:";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the data key file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the data key file {0} is not a data key: it should hold 64 hexadecimal digits (make one with `pathway keygen`)"
    )]
    Malformed(PathBuf),
    #[error("cannot write the data key file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no secure randomness is available")]
    NoRandomness,
    #[error("a stored secret was made with data key {0}, which is not configured")]
    UnknownKey(String),
    #[error("a stored secret could not be decrypted (wrong key, or the row was changed)")]
    Corrupt,
}

/// One key: its id (the first 8 hex digits of its SHA-256), its cipher
/// and the HMAC key derived from it.
struct Key {
    id: String,
    cipher: XChaCha20Poly1305,
    mac: [u8; 32],
}

impl Key {
    fn new(bytes: [u8; 32]) -> Self {
        Self {
            id: hex(&Sha256::digest(bytes)[..4]),
            cipher: XChaCha20Poly1305::new(&bytes.into()),
            mac: hmac_sha256(&bytes, b"pathway recovery codes"),
        }
    }
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    match <hmac::Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(message);
            m.finalize().into_bytes().into()
        }
        // HMAC takes a key of any length: never reached.
        Err(_) => Sha256::new()
            .chain_update(key)
            .chain_update(message)
            .finalize()
            .into(),
    }
}

/// The current key and any older ones still needed to open values.
pub struct DataKeys {
    current: Key,
    older: Vec<Key>,
}

impl std::fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKeys(current {})", self.current.id)
    }
}

impl DataKeys {
    /// The key in `current`, and `older` keys for values made before a
    /// rotation.
    pub fn load(current: &Path, older: &[PathBuf]) -> Result<Self, KeyError> {
        Ok(Self {
            current: Key::new(read_key(current)?),
            older: older
                .iter()
                .map(|p| read_key(p).map(Key::new))
                .collect::<Result<_, _>>()?,
        })
    }

    /// A key that lives only in memory (tests, and tools that seal
    /// nothing).
    pub fn ephemeral() -> Result<Self, KeyError> {
        Ok(Self {
            current: Key::new(fresh()?),
            older: Vec::new(),
        })
    }

    /// The current key's id.
    pub fn id(&self) -> &str {
        &self.current.id
    }

    /// `plain` encrypted under the current key, as stored.
    pub fn seal(&self, plain: &str) -> Result<String, KeyError> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| KeyError::NoRandomness)?;
        let sealed = self
            .current
            .cipher
            .encrypt(&XNonce::from(nonce), plain.as_bytes())
            .map_err(|_| KeyError::Corrupt)?;
        Ok(format!(
            "{SEALED}{}:{}{}",
            self.current.id,
            hex(&nonce),
            hex(&sealed)
        ))
    }

    /// A stored value in the clear. A value from before encryption (no
    /// `enc1:`) is returned as it is; start-up reseals those.
    pub fn open(&self, stored: &str) -> Result<String, KeyError> {
        let Some(rest) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_string());
        };
        let (id, body) = rest.split_once(':').ok_or(KeyError::Corrupt)?;
        let key = self
            .keys()
            .find(|k| k.id == id)
            .ok_or_else(|| KeyError::UnknownKey(id.to_string()))?;
        let bytes = unhex(body).ok_or(KeyError::Corrupt)?;
        if bytes.len() < 24 {
            return Err(KeyError::Corrupt);
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce = <[u8; 24]>::try_from(nonce).map_err(|_| KeyError::Corrupt)?;
        let plain = key
            .cipher
            .decrypt(&XNonce::from(nonce), sealed)
            .map_err(|_| KeyError::Corrupt)?;
        String::from_utf8(plain).map_err(|_| KeyError::Corrupt)
    }

    /// How every value sealed under the current key starts.
    pub fn seal_prefix(&self) -> String {
        format!("{SEALED}{}:", self.current.id)
    }

    /// Whether `stored` should be sealed again under the current key.
    pub fn needs_reseal(&self, stored: &str) -> bool {
        match stored.strip_prefix(SEALED) {
            None => true,
            Some(rest) => !rest.starts_with(&format!("{}:", self.current.id)),
        }
    }

    /// The keyed hash of a secret (a recovery code) under the current key.
    pub fn keyed_hash(&self, secret: &str) -> String {
        keyed(&self.current, secret)
    }

    /// The keyed hashes of `secret` under every configured key, to find a
    /// value made before a rotation.
    pub fn keyed_hashes(&self, secret: &str) -> Vec<String> {
        self.keys().map(|k| keyed(k, secret)).collect()
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        std::iter::once(&self.current).chain(&self.older)
    }
}

fn keyed(key: &Key, secret: &str) -> String {
    let mac = hmac_sha256(&key.mac, secret.as_bytes());
    format!("{KEYED}{}:{}", key.id, hex(&mac))
}

fn fresh() -> Result<[u8; 32], KeyError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|_| KeyError::NoRandomness)?;
    Ok(key)
}

fn read_key(path: &Path) -> Result<[u8; 32], KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    unhex(text.trim())
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| KeyError::Malformed(path.to_path_buf()))
}

/// Writes a new key to `path`, readable by its owner only; never over an
/// existing file. The key is written whole to a file beside it and then
/// linked into place, so that another process starting at the same moment
/// never reads half a key.
pub fn write_new_key(path: &Path) -> Result<(), KeyError> {
    use std::io::Write;
    let key = fresh()?;
    let write = |source| KeyError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix).map_err(|_| KeyError::NoRandomness)?;
    let partial = path.with_extension(format!("key-{}", hex(&suffix)));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = options
        .open(&partial)
        .and_then(|mut file| {
            writeln!(file, "{}", hex(&key))?;
            file.sync_all()
        })
        .and_then(|()| std::fs::hard_link(&partial, path));
    let _ = std::fs::remove_file(&partial);
    result.map_err(write)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_rotate() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (old, new) = (dir.path().join("old.key"), dir.path().join("new.key"));
        write_new_key(&old).unwrap_or_else(|e| panic!("{e}"));
        write_new_key(&new).unwrap_or_else(|e| panic!("{e}"));
        assert!(write_new_key(&new).is_err(), "never over a key");
        let before = DataKeys::load(&old, &[]).unwrap_or_else(|e| panic!("{e}"));
        let sealed = before
            .seal("JBSWY3DPEHPK3PXP")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(sealed.starts_with(SEALED) && !sealed.contains("JBSWY3DP"));
        assert_ne!(sealed, before.seal("JBSWY3DPEHPK3PXP").unwrap_or_default());
        let after =
            DataKeys::load(&new, std::slice::from_ref(&old)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.open(&sealed).unwrap_or_default(), "JBSWY3DPEHPK3PXP");
        assert!(after.needs_reseal(&sealed) && !before.needs_reseal(&sealed));
        let only_new = DataKeys::load(&new, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            only_new.open(&sealed),
            Err(KeyError::UnknownKey(_))
        ));
        // A changed byte is caught.
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert!(matches!(before.open(&tampered), Err(KeyError::Corrupt)));
        // Keyed hashes: found under the old key after a rotation.
        let h = before.keyed_hash("ABCD");
        assert!(after.keyed_hashes("ABCD").contains(&h));
        assert!(!only_new.keyed_hashes("ABCD").contains(&h));
        // A file that is not a key is named in the error.
        std::fs::write(dir.path().join("bad.key"), "nope").unwrap_or_else(|e| panic!("{e}"));
        let err = DataKeys::load(&dir.path().join("bad.key"), &[]).err();
        assert!(err.is_some_and(|e| e.to_string().contains("bad.key")));
    }
}
