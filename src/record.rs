//! The contract between the tracer and the decoder: one syscall as raw values, and a
//! read-only view of the tracee (memory, fd paths). Decoders see nothing else, so a
//! recorded record plus recorded memory replays exactly as the live stop did.

use crate::arch::Arch;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One syscall as the kernel reported it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyscallRecord {
    pub arch: Arch,
    pub nr: u64,
    pub args: [u64; 6],
    /// The raw return register, sign-extended; `None` while the call has not returned.
    pub ret: Option<i64>,
}

impl SyscallRecord {
    pub fn new(arch: Arch, nr: u64, args: [u64; 6]) -> Self {
        SyscallRecord {
            arch,
            nr,
            args,
            ret: None,
        }
    }

    /// The errno of a failed call (the kernel returns -4095..-1 for errors).
    pub fn errno(&self) -> Option<u64> {
        match self.ret {
            Some(r) if (-4095..0).contains(&r) => Some((-r) as u64),
            _ => None,
        }
    }

    /// Returned and did not fail.
    pub fn succeeded(&self) -> bool {
        self.ret.is_some() && self.errno().is_none()
    }
}

/// Read access to a stopped tracee. Implemented over process_vm_readv by the tracer and
/// over recorded bytes by tests and `--record` replays.
pub trait MemoryReader {
    /// Copies up to `buf.len()` bytes from `addr`; returns how many were readable from
    /// the start (0 when `addr` is not mapped).
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize;

    /// The path or description of an open fd (what /proc/PID/fd/N links to), for `-y`;
    /// for AT_FDCWD (-100), the current directory.
    fn fd_path(&self, _fd: i64) -> Option<String> {
        None
    }

    /// [`MemoryReader::fd_path`] as the raw bytes of the link (file names need not be
    /// UTF-8).
    fn fd_path_bytes(&self, fd: i64) -> Option<Vec<u8>> {
        self.fd_path(fd).map(String::into_bytes)
    }

    /// Whether the file open as `fd` has been removed (its link reads "PATH (deleted)"
    /// and PATH is not that file).
    fn fd_deleted(&self, _fd: i64) -> bool {
        false
    }

    /// `-yy`: a socket fd's endpoints as strace names them (`TCP:[1.2.3.4:5->6.7.8.9:10]`,
    /// `UNIX-STREAM:[12->13]`, or `TCP:[inode]` when the kernel does not say); `None`
    /// for other fds and protocols strace does not know.
    fn fd_socket(&self, _fd: i64) -> Option<String> {
        None
    }

    /// `-yy`: `char 1:3` / `block 8:0` for an fd open on a device file.
    fn fd_device(&self, _fd: i64) -> Option<String> {
        None
    }

    /// `-yy`: the process a pidfd refers to.
    fn fd_pidfd(&self, _fd: i64) -> Option<i64> {
        None
    }

    /// `--pidns-translation`: `pid` (a `kind` of id, as the tracee sees it) in trace's
    /// own pid namespace; `None` when unknown or not asked for.
    fn translate_pid(&self, _pid: i64, _kind: crate::pidns::PidKind) -> Option<i64> {
        None
    }

    /// The thread's stack pointer at the stop (rt_sigreturn reads the signal frame
    /// there); 0 when unknown.
    fn stack_pointer(&self) -> u64 {
        0
    }

    /// Reads exactly `buf.len()` bytes or nothing.
    fn read_exact(&self, addr: u64, buf: &mut [u8]) -> bool {
        self.read(addr, buf) == buf.len()
    }

    /// Reads a NUL-terminated string of at most `max` bytes. Returns the bytes (without
    /// the NUL) and whether the NUL was seen within `max`, or `None` when memory ends
    /// before either (as strace's umovestr, which then prints the address).
    fn read_cstr(&self, addr: u64, max: usize) -> Option<(Vec<u8>, bool)> {
        let mut out = Vec::new();
        let mut chunk = [0u8; 256];
        let mut at = addr;
        while out.len() < max {
            // Stay inside one page per read so an unmapped next page only ends the string.
            let page_left = 4096 - (at as usize & 4095);
            let want = chunk.len().min(page_left).min(max - out.len());
            let got = self.read(at, &mut chunk[..want]);
            if let Some(z) = chunk[..got].iter().position(|&b| b == 0) {
                out.extend_from_slice(&chunk[..z]);
                return Some((out, true));
            }
            if got < want {
                // Unreadable memory before the NUL and before `max`: strace's umovestr
                // fails here, and the caller prints the address.
                return None;
            }
            out.extend_from_slice(&chunk[..got]);
            at = at.wrapping_add(got as u64);
        }
        Some((out, false))
    }

    /// Reads an unsigned integer of `size` (1, 2, 4 or 8) bytes, little-endian.
    fn read_uint(&self, addr: u64, size: usize) -> Option<u64> {
        let mut b = [0u8; 8];
        if size > 8 || !self.read_exact(addr, &mut b[..size]) {
            return None;
        }
        Some(u64::from_le_bytes(b))
    }

    /// The fds of another process `pid` (pidfd_getfd's target fd lives there), to ask
    /// the `fd_*` methods about; `None` when unknown. Its memory is not for reading.
    fn process(&self, _pid: i64) -> Option<Box<dyn MemoryReader + '_>> {
        None
    }
}

/// Recorded memory: non-overlapping byte runs keyed by start address, plus the fd paths,
/// removed fds and stack pointer a decoder asked for. In JSON (fixtures) runs are a map
/// from `"0xADDR"` to the bytes in hex, so a fixture stays readable and diffable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedMemory {
    #[serde(with = "hex_runs", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub runs: BTreeMap<u64, Vec<u8>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fds: BTreeMap<i64, String>,
    /// fds whose file has been removed (`-y` prints `(deleted)`).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub deleted: BTreeSet<i64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sp: u64,
    /// `-yy` details by fd: socket endpoints, device numbers, pidfd targets.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sockets: BTreeMap<i64, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub devices: BTreeMap<i64, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pidfds: BTreeMap<i64, i64>,
    /// Other processes' fds by pid (see [`MemoryReader::process`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub procs: BTreeMap<i64, RecordedMemory>,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

impl RecordedMemory {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, addr: u64, bytes: impl Into<Vec<u8>>) -> Self {
        self.runs.insert(addr, bytes.into());
        self
    }

    /// Adds bytes read at `addr`, merged with the runs they overlap or touch: a reader
    /// reads from one run, so a later read across the seam must still succeed. (Bytes
    /// of a stopped tracee do not change between reads, so overlaps agree.)
    pub fn add(&mut self, addr: u64, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut start = addr;
        let mut end = addr.saturating_add(bytes.len() as u64);
        let touching: Vec<u64> = self
            .runs
            .range(..=end)
            .filter(|(s, b)| s.saturating_add(b.len() as u64) >= addr)
            .map(|(s, _)| *s)
            .collect();
        let mut merged: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
        for s in touching {
            if let Some(b) = self.runs.remove(&s) {
                start = start.min(s);
                end = end.max(s.saturating_add(b.len() as u64));
                merged.insert(s, b);
            }
        }
        let mut out = vec![0u8; (end - start) as usize];
        for (s, b) in merged {
            let off = (s - start) as usize;
            out[off..off + b.len()].copy_from_slice(&b);
        }
        let off = (addr - start) as usize;
        out[off..off + bytes.len()].copy_from_slice(bytes);
        self.runs.insert(start, out);
    }
}

/// Runs as `{"0x7ffc1000": "2f657463..."}`.
mod hex_runs {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        runs: &BTreeMap<u64, Vec<u8>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(runs.iter().map(|(a, b)| {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            (format!("{a:#x}"), hex)
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<u64, Vec<u8>>, D::Error> {
        let raw = BTreeMap::<String, String>::deserialize(d)?;
        let mut runs = BTreeMap::new();
        for (a, h) in raw {
            let addr = a
                .strip_prefix("0x")
                .and_then(|x| u64::from_str_radix(x, 16).ok())
                .ok_or_else(|| D::Error::custom(format!("bad address {a:?}")))?;
            if h.len() % 2 != 0 {
                return Err(D::Error::custom(format!("odd hex length at {a}")));
            }
            let bytes = (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(h.get(i..i + 2).unwrap_or("zz"), 16))
                .collect::<Result<Vec<u8>, _>>()
                .map_err(|_| D::Error::custom(format!("bad hex at {a}")))?;
            runs.insert(addr, bytes);
        }
        Ok(runs)
    }
}

impl MemoryReader for RecordedMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let Some((&start, bytes)) = self.runs.range(..=addr).next_back() else {
            return 0;
        };
        let off = (addr - start) as usize;
        if off >= bytes.len() {
            return 0;
        }
        let n = buf.len().min(bytes.len() - off);
        buf[..n].copy_from_slice(&bytes[off..off + n]);
        n
    }

    fn fd_path(&self, fd: i64) -> Option<String> {
        self.fds.get(&fd).cloned()
    }

    fn fd_deleted(&self, fd: i64) -> bool {
        self.deleted.contains(&fd)
    }

    fn stack_pointer(&self) -> u64 {
        self.sp
    }

    fn fd_socket(&self, fd: i64) -> Option<String> {
        self.sockets.get(&fd).cloned()
    }

    fn fd_device(&self, fd: i64) -> Option<String> {
        self.devices.get(&fd).cloned()
    }

    fn fd_pidfd(&self, fd: i64) -> Option<i64> {
        self.pidfds.get(&fd).copied()
    }

    fn process(&self, pid: i64) -> Option<Box<dyn MemoryReader + '_>> {
        self.procs
            .get(&pid)
            .map(|m| Box::new(m.clone()) as Box<dyn MemoryReader>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_reads_and_cstr() {
        let m = RecordedMemory::new().with(0x1000, b"hello\0world".to_vec());
        assert_eq!(m.read_cstr(0x1000, 100), Some((b"hello".to_vec(), true)));
        // The run ends without a NUL before the limit: unreadable, like umovestr.
        assert_eq!(m.read_cstr(0x1006, 100), None);
        assert_eq!(m.read_cstr(0x1006, 5), Some((b"world".to_vec(), false)));
        assert_eq!(m.read_cstr(0x1000, 3), Some((b"hel".to_vec(), false)));
        assert_eq!(m.read_cstr(0x2000, 3), None);
        assert_eq!(
            m.read_uint(0x1000, 2),
            Some(u64::from(u16::from_le_bytes(*b"he")))
        );
    }

    #[test]
    fn add_merges_touching_runs_and_round_trips_as_hex() {
        let mut m = RecordedMemory::new();
        m.add(0x1004, b"efgh");
        m.add(0x1000, b"abcd");
        m.add(0x1006, b"ghij");
        m.add(0x2000, b"x");
        assert_eq!(
            m.runs.iter().collect::<Vec<_>>(),
            vec![
                (&0x1000, &b"abcdefghij".to_vec()),
                (&0x2000, &b"x".to_vec())
            ]
        );
        m.fds.insert(3, "/etc/passwd".into());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"runs":{"0x1000":"6162636465666768696a","0x2000":"78"},"fds":{"3":"/etc/passwd"}}"#
        );
        assert_eq!(serde_json::from_str::<RecordedMemory>(&json).unwrap(), m);
        assert!(serde_json::from_str::<RecordedMemory>(r#"{"runs":{"0x10":"abc"}}"#).is_err());
        assert!(serde_json::from_str::<RecordedMemory>(r#"{"runs":{"16":"ab"}}"#).is_err());
    }

    #[test]
    fn errno_range() {
        let mut r = SyscallRecord::new(Arch::X86_64, 0, [0; 6]);
        r.ret = Some(-2);
        assert_eq!(r.errno(), Some(2));
        r.ret = Some(-4096);
        assert_eq!(r.errno(), None);
        assert!(r.succeeded());
    }
}
