//! The audit key's file: written once by `attache audit keygen` (never over another file,
//! readable by its owner only), and read by the commands that sign or check checkpoints.
//! The key is never handed to the database; only its public key's fingerprint is stored.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use attache_app::{AuditKey, KeyFile};
use clap::Args as ClapArgs;

use crate::cli::output::say;

/// `--audit-key PATH` (or `ATTACHE_AUDIT_KEY`), for the commands that may go without.
#[derive(Debug, ClapArgs)]
pub struct KeyArg {
    /// The audit key file (attache audit keygen writes one): the secret key, or for
    /// checking only, the public key it shows.
    #[arg(long = "audit-key", env = "ATTACHE_AUDIT_KEY", value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Writes a new key to `path`, which must not exist, and shows its public key.
pub fn keygen(path: &Path) -> Result<()> {
    let key = AuditKey::generate()?;
    let mut file = new_private_file(path).with_context(|| {
        format!(
            "cannot write the audit key to {} (an existing file is never overwritten)",
            path.display()
        )
    })?;
    file.write_all(key.to_text().as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the audit key to {}", path.display()))?;
    let public = key.public();
    say!(
        "Wrote a new audit signing key to {}: keep it away from the database's host, its disks \
         and its backups.",
        path.display()
    );
    say!(
        "Its public key (fingerprint {}) checks the checkpoints it signs; keep a copy in a \
         file of its own:",
        public.fingerprint()
    );
    say!("{}", public.to_text().trim_end());
    Ok(())
}

/// The key file at `path`, secret or public.
pub fn read(path: &Path) -> Result<KeyFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the audit key {}", path.display()))?;
    KeyFile::parse(&text).with_context(|| format!("the audit key {}", path.display()))
}

/// The secret key at `path`, which signing needs.
pub fn read_secret(path: &Path) -> Result<AuditKey> {
    read(path)?
        .secret()
        .with_context(|| format!("the audit key {}", path.display()))
}

/// A new file only its owner may read and write.
fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
