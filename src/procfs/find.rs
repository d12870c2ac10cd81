//! `--find LITERAL`: where a literal (or its base64 form) sits in the regular files a
//! process holds open. Files are read through `/proc/PID/fd/N` (so deleted files and
//! other mount namespaces work), in chunks with an overlap so a match across a chunk
//! boundary is found once, never whole. FIFOs, sockets and devices are never opened:
//! the fd's file must be regular before the open and the opened file again after it.

use serde::Serialize;
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 without padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        let chars = c.len() + 1;
        for i in 0..chars {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The byte strings to look for, with their names: the literal, and for each of the
/// three alignments the literal can have inside a longer base64 text, the characters
/// that depend on the literal alone (standard and URL-safe alphabets).
pub fn patterns(literal: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![("literal".to_string(), literal.to_vec())];
    let n = literal.len();
    for k in 0..3usize {
        let mut padded = vec![0u8; k];
        padded.extend_from_slice(literal);
        let enc = base64(&padded);
        // Character i covers bits 6i..6i+6; keep those inside the literal's bits.
        let start = (8 * k).div_ceil(6);
        let end = 8 * (k + n) / 6;
        if end <= start || end - start < 4 {
            continue;
        }
        let core = enc[start..end].to_string();
        let url = core.replace('+', "-").replace('/', "_");
        out.push((format!("base64 (offset {k})"), core.clone().into_bytes()));
        if url != core {
            out.push((format!("base64url (offset {k})"), url.into_bytes()));
        }
    }
    out
}

/// One occurrence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    pub offset: u64,
    pub form: String,
}

/// Most occurrences listed per file; the rest are only counted.
pub const MAX_LISTED: usize = 10;
const CHUNK: usize = 1 << 20;

/// Searches a reader in chunks; returns the first `MAX_LISTED` matches (by offset) and
/// the total count.
pub fn search(
    mut r: impl Read,
    pats: &[(String, Vec<u8>)],
) -> std::io::Result<(Vec<Match>, usize)> {
    let longest = pats.iter().map(|p| p.1.len()).max().unwrap_or(1).max(1);
    let keep = longest - 1;
    let finders: Vec<(&str, regex::bytes::Regex)> = pats
        .iter()
        .filter(|p| !p.1.is_empty())
        .map(|(name, p)| {
            let text: String = p.iter().map(|b| format!("\\x{b:02x}")).collect();
            (
                name.as_str(),
                regex::bytes::RegexBuilder::new(&text)
                    .unicode(false)
                    .build()
                    .expect("escaped bytes are a valid regex"),
            )
        })
        .collect();
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + keep);
    // File offset of buf[0], and how many leading bytes were already searched.
    let (mut base, mut seen) = (0u64, 0usize);
    let mut matches = Vec::new();
    let mut total = 0;
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let got = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        buf.extend_from_slice(&chunk[..got]);
        for (name, re) in &finders {
            for m in re.find_iter(&buf) {
                // A match inside the kept tail was found in the previous round.
                if m.end() <= seen {
                    continue;
                }
                total += 1;
                matches.push(Match {
                    offset: base + m.start() as u64,
                    form: name.to_string(),
                });
            }
        }
        // Keep only the first few by offset, so memory stays bounded.
        matches.sort_by(|a, b| (a.offset, &a.form).cmp(&(b.offset, &b.form)));
        matches.truncate(MAX_LISTED);
        let cut = buf.len().saturating_sub(keep);
        buf.drain(..cut);
        base += cut as u64;
        seen = buf.len();
    }
    Ok((matches, total))
}

/// The result for one fd.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileHit {
    pub fd: u32,
    pub path: String,
    pub matches: Vec<Match>,
    pub total: usize,
}

/// An fd skipped or unreadable, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub fd: u32,
    pub path: String,
    pub error: String,
}

/// Filesystems whose "regular" files are kernel interfaces: reading one can block or
/// take data another reader waits for (`/proc/kmsg`, tracefs's `trace_pipe`), so they
/// are never searched. Magic numbers from Linux's include/uapi/linux/magic.h.
const PSEUDO_FS: [(u32, &str); 16] = [
    (0x9fa0, "proc"),
    (0x6265_6572, "sysfs"),
    (0x6462_6720, "debugfs"),
    (0x7472_6163, "tracefs"),
    (0x7363_6673, "securityfs"),
    (0x0027_e0eb, "cgroup"),
    (0x6367_7270, "cgroup2"),
    (0xcafe_4a11, "bpf"),
    (0xf97c_ff8c, "selinuxfs"),
    (0x4341_5d53, "smackfs"),
    (0x6e73_6673, "nsfs"),
    (0xde5e_81e4, "efivarfs"),
    (0x6265_6570, "configfs"),
    (0x6165_676c, "pstore"),
    (0x6573_5543, "fusectl"),
    (0x4249_4e4d, "binfmt_misc"),
];

/// The pseudo filesystem a statfs result names, if it is one.
pub fn pseudo_fs(fs_type: u32) -> Option<&'static str> {
    PSEUDO_FS
        .iter()
        .find(|(m, _)| *m == fs_type)
        .map(|(_, n)| *n)
}

fn on_pseudo_fs(st: nix::Result<nix::sys::statfs::Statfs>) -> std::io::Result<bool> {
    let st = st.map_err(std::io::Error::from)?;
    // f_type's C type varies by target; every magic number fits in 32 bits.
    Ok(pseudo_fs(st.filesystem_type().0 as u32).is_some())
}

/// Opens `fd_link` (a `/proc/PID/fd/N`) only if it is a regular file on a real
/// filesystem, checked before and after the open; `Ok(None)` for anything else.
pub fn open_regular(fd_link: &Path) -> std::io::Result<Option<File>> {
    let before = std::fs::metadata(fd_link)?;
    if !before.file_type().is_file() || on_pseudo_fs(nix::sys::statfs::statfs(fd_link))? {
        return Ok(None);
    }
    // O_NONBLOCK and O_NOCTTY: should the fd have been replaced by a FIFO or a
    // terminal between the stat and the open, the open neither blocks nor adopts it.
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(fd_link)?;
    let after = f.metadata()?;
    if !after.file_type().is_file() || (after.dev(), after.ino()) != (before.dev(), before.ino()) {
        return Ok(None);
    }
    Ok(Some(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg");
        assert_eq!(base64(b"fo"), "Zm8");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8");
    }

    #[test]
    fn patterns_are_found_in_every_alignment() {
        let lit = b"s3cr3t-value";
        let pats = patterns(lit);
        assert_eq!(pats[0].1, lit);
        for prefix in ["", "x", "xy", "xyz"] {
            let mut text = prefix.as_bytes().to_vec();
            text.extend_from_slice(lit);
            text.extend_from_slice(b"tail");
            let enc = base64(&text);
            let (m, n) = search(enc.as_bytes(), &pats).unwrap();
            assert_eq!(n, 1, "prefix {prefix:?}: {m:?}");
            assert!(m[0].form.starts_with("base64"));
        }
        // Too short for a base64 form that depends on the literal alone.
        assert_eq!(patterns(b"ab").len(), 1);
    }

    #[test]
    fn chunk_boundaries_do_not_lose_or_double_matches() {
        let pats = vec![("literal".to_string(), b"NEEDLE".to_vec())];
        let mut data = vec![b'.'; CHUNK * 2 + 100];
        let at = [0usize, CHUNK - 3, CHUNK + 10, 2 * CHUNK - 6, 2 * CHUNK + 94];
        for &i in &at {
            data[i..i + 6].copy_from_slice(b"NEEDLE");
        }
        // A reader that returns short reads, as a pipe or a slow disk might.
        struct Dribble<'a>(&'a [u8]);
        impl Read for Dribble<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = out.len().min(self.0.len()).min(CHUNK / 2 + 7);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        for reader in [&mut &data[..] as &mut dyn Read, &mut Dribble(&data)] {
            let (m, n) = search(reader, &pats).unwrap();
            assert_eq!(n, at.len());
            let offs: Vec<u64> = m.iter().map(|m| m.offset).collect();
            assert_eq!(offs, at.map(|a| a as u64));
        }
    }

    #[test]
    fn many_matches_are_counted_not_all_listed() {
        let data = b"ab".repeat(50);
        let (m, n) = search(&data[..], &[("literal".into(), b"ab".to_vec())]).unwrap();
        assert_eq!((m.len(), n), (MAX_LISTED, 50));
        assert_eq!(m[9].offset, 18);
    }

    #[test]
    fn only_regular_files_are_opened() {
        assert!(open_regular(Path::new("/dev/null")).unwrap().is_none());
        assert!(open_regular(Path::new("/")).unwrap().is_none());
        // Regular files of kernel interfaces are skipped.
        assert!(
            open_regular(Path::new("/proc/self/status"))
                .unwrap()
                .is_none()
        );
        assert_eq!(pseudo_fs(0x9fa0), Some("proc"));
        assert_eq!(pseudo_fs(0xef53), None);
        let exe = std::env::current_exe().unwrap();
        assert!(open_regular(&exe).unwrap().is_some());
    }
}
