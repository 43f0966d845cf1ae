//! The Ed25519 key that signs the trail's checkpoints, kept in a file outside the
//! database: its text (one line, `ed25519-secret HEX` or `ed25519-public HEX`), a new key
//! from the operating system's randomness, and the fingerprint stored with a checkpoint
//! in its place. Reading and writing the file is the edge's.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use super::hex;

const SECRET: &str = "ed25519-secret";
const PUBLIC: &str = "ed25519-public";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "not an Attaché audit key: the file holds one line, `{SECRET}` or `{PUBLIC}` and 64 \
         hexadecimal digits (attache audit keygen writes one)"
    )]
    Format,
    #[error("the public key is not a point of Ed25519: the file was damaged")]
    NotAPoint,
    #[error("the operating system gave no random bytes for a new key: {0}")]
    Random(String),
    #[error(
        "this is a public key (fingerprint {0}): it checks checkpoints but cannot sign one; \
         name the secret key file that attache audit keygen wrote"
    )]
    PublicOnly(String),
}

/// The secret key: signs checkpoints. It never enters the database.
pub struct AuditKey(SigningKey);

/// The public half: checks checkpoints, and may be kept anywhere.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

/// What a key file holds.
#[derive(Debug)]
pub enum KeyFile {
    Secret(AuditKey),
    Public(PublicKey),
}

impl AuditKey {
    /// A new key: 32 bytes from the operating system.
    pub fn generate() -> Result<Self, KeyError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(AuditKey(SigningKey::from_bytes(&secret)))
    }

    /// The key file's text.
    pub fn to_text(&self) -> String {
        format!("{SECRET} {}\n", hex(self.0.as_bytes()))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The signature of `text`, in hexadecimal.
    pub(crate) fn sign(&self, text: &str) -> String {
        hex(&self.0.sign(text.as_bytes()).to_bytes())
    }
}

/// Shows the fingerprint only: a key in a log or a panic message would no longer be secret.
impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuditKey({})", self.public().fingerprint())
    }
}

impl PublicKey {
    /// SHA-256 of the key's 32 bytes, in hexadecimal: what a checkpoint names its key by.
    pub fn fingerprint(&self) -> String {
        hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The public key file's text.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC} {}\n", hex(self.0.as_bytes()))
    }

    /// Whether `signature` (hexadecimal) is this key's over `text`.
    pub(crate) fn verifies(&self, text: &str, signature: &str) -> bool {
        from_hex::<64>(signature)
            .map(|bytes| Signature::from_bytes(&bytes))
            .is_some_and(|signature| self.0.verify(text.as_bytes(), &signature).is_ok())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.fingerprint())
    }
}

impl KeyFile {
    /// A key file's text: one line, the kind and the key in hexadecimal.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let (kind, digits) = text.trim().split_once(' ').ok_or(KeyError::Format)?;
        let bytes = from_hex::<32>(digits).ok_or(KeyError::Format)?;
        match kind {
            SECRET => Ok(KeyFile::Secret(AuditKey(SigningKey::from_bytes(&bytes)))),
            PUBLIC => VerifyingKey::from_bytes(&bytes)
                .map(|key| KeyFile::Public(PublicKey(key)))
                .map_err(|_| KeyError::NotAPoint),
            _ => Err(KeyError::Format),
        }
    }

    /// The public key, whichever the file holds.
    pub fn public(&self) -> PublicKey {
        match self {
            KeyFile::Secret(key) => key.public(),
            KeyFile::Public(key) => key.clone(),
        }
    }

    /// The secret key, which signing needs.
    pub fn secret(self) -> Result<AuditKey, KeyError> {
        match self {
            KeyFile::Secret(key) => Ok(key),
            KeyFile::Public(key) => Err(KeyError::PublicOnly(key.fingerprint())),
        }
    }
}

/// Exactly `N` bytes from `2 N` hexadecimal digits.
fn from_hex<const N: usize>(digits: &str) -> Option<[u8; N]> {
    if digits.len() != 2 * N || !digits.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; N];
    for (byte, pair) in bytes.iter_mut().zip(digits.as_bytes().chunks(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_reads_back_as_the_same_key() {
        let key = AuditKey::generate().unwrap();
        let KeyFile::Secret(read) = KeyFile::parse(&key.to_text()).unwrap() else {
            panic!("a secret key file read as a public key");
        };
        assert_eq!(read.public(), key.public());
        let public = KeyFile::parse(&key.public().to_text()).unwrap();
        assert_eq!(public.public(), key.public());
        assert!(matches!(public.secret(), Err(KeyError::PublicOnly(_))));
    }

    #[test]
    fn two_new_keys_differ() {
        let (a, b) = (AuditKey::generate().unwrap(), AuditKey::generate().unwrap());
        assert_ne!(a.public().fingerprint(), b.public().fingerprint());
    }

    #[test]
    fn a_signature_verifies_with_its_key_only() {
        let (key, other) = (AuditKey::generate().unwrap(), AuditKey::generate().unwrap());
        let signature = key.sign("the text");
        assert!(key.public().verifies("the text", &signature));
        assert!(!key.public().verifies("the text!", &signature));
        assert!(!other.public().verifies("the text", &signature));
        assert!(!key.public().verifies("the text", "not hex"));
    }

    #[test]
    fn what_is_not_a_key_file_is_refused() {
        for text in [
            "",
            "ed25519-secret",
            "ed25519-secret 00",
            &format!("rsa {}", "00".repeat(32)),
            &format!("ed25519-secret {}", "zz".repeat(32)),
        ] {
            assert!(
                matches!(KeyFile::parse(text), Err(KeyError::Format)),
                "{text:?}"
            );
        }
    }
}
