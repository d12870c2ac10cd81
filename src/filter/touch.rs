//! `-P PATH` (`--trace-path`) and `-e trace-fds=SET`: whether a syscall touches a
//! traced path or file descriptor, judged at entry from its arguments as the
//! signature table types them (paths, fds, dirfds, poll and select fd sets).

use crate::record::{MemoryReader, SyscallRecord};
use crate::table::Param;

const PATH_MAX: usize = 4096;
const AT_FDCWD: i64 = -100;

/// A set of fd numbers: `-e trace-fds=0,1,2`, `!3`, `all`, `none`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FdSet {
    listed: Vec<i64>,
    invert: bool,
}

impl FdSet {
    pub fn parse(spec: &str) -> Result<FdSet, String> {
        let (mut invert, s) = super::split_invert(spec);
        let listed = match s {
            "all" => {
                invert = !invert;
                Vec::new()
            }
            "none" => Vec::new(),
            // strace skips empty words; a list of none names the whole spec.
            _ => s
                .split(',')
                .filter(|w| !w.is_empty())
                .map(|w| match w.parse::<u32>() {
                    Ok(n) if n < i32::MAX as u32 => Ok(i64::from(n)),
                    _ => Err(format!("invalid descriptor '{w}'")),
                })
                .collect::<Result<_, _>>()?,
        };
        if listed.is_empty() && !matches!(s, "all" | "none") {
            return Err(format!("invalid descriptor '{spec}'"));
        }
        Ok(FdSet { listed, invert })
    }

    pub fn contains(&self, fd: i64) -> bool {
        fd >= 0 && self.listed.contains(&fd) != self.invert
    }
}

/// What `-P` and `trace-fds=` select; a syscall is shown when it matches either.
#[derive(Clone, Debug, Default)]
pub struct TouchFilter {
    /// The given paths and, where different, what they resolve to.
    pub paths: Vec<Vec<u8>>,
    pub fds: Option<FdSet>,
}

impl TouchFilter {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.fds.is_none()
    }

    /// Adds a `-P` path; returns the resolved form when it differs (strace reports it).
    pub fn add_path(&mut self, path: &str) -> Option<String> {
        self.paths.push(path.as_bytes().to_vec());
        let resolved = std::fs::canonicalize(path).ok()?;
        let resolved = resolved.to_str()?.to_string();
        if resolved == path {
            return None;
        }
        self.paths.push(resolved.as_bytes().to_vec());
        Some(resolved)
    }

    fn fd_matches(&self, mem: &dyn MemoryReader, fd: i64) -> bool {
        if fd < 0 {
            return false;
        }
        if self.fds.as_ref().is_some_and(|s| s.contains(fd)) {
            return true;
        }
        !self.paths.is_empty()
            && mem
                .fd_path_bytes(fd)
                .is_some_and(|p| self.paths.contains(&p))
    }

    fn path_matches(&self, mem: &dyn MemoryReader, addr: u64) -> bool {
        !self.paths.is_empty()
            && addr != 0
            && mem
                .read_cstr(addr, PATH_MAX)
                .is_some_and(|(p, _)| self.paths.contains(&p))
    }

    /// Whether the syscall entering with `rec` touches a selected path or fd.
    pub fn matches(&self, rec: &SyscallRecord, mem: &dyn MemoryReader) -> bool {
        let (name, sig) = crate::decode::describe(rec.arch, rec.nr);
        let Some(sig) = sig else {
            return false;
        };
        if name == "fsconfig" {
            return self.fsconfig_matches(rec, mem);
        }
        // Registers as the kernel reads them: `int` fds in the low half.
        let arg = |i: usize| rec.args.get(i).copied().unwrap_or(0);
        let int = |i: usize| i64::from(arg(i) as u32 as i32);
        // The register a typed parameter names (`pollfd(arg1)`), if any.
        let param_arg = |a: &crate::table::ArgSpec| match a.param(0) {
            Some(Param::Arg(i)) => Some(*i),
            _ => None,
        };
        for a in &sig.args {
            let hit = match a.ty.name {
                "fd" | "fan_dirfd" => self.fd_matches(mem, int(a.index)),
                "dirfd" => {
                    let fd = int(a.index);
                    fd != AT_FDCWD && self.fd_matches(mem, fd)
                }
                // A symlink's target is only text; its new name is the path touched.
                "path" if a.index == 0 && matches!(&*name, "symlink" | "symlinkat") => false,
                "path" => self.path_matches(mem, arg(a.index)),
                "path_at" => param_arg(a).is_some_and(|i| self.path_matches(mem, arg(i))),
                "pollfd" => {
                    let n = arg(param_arg(a).unwrap_or(1)) as u32;
                    (0..u64::from(n.min(1 << 16))).any(|i| {
                        mem.read_uint(arg(a.index) + i * 8, 4)
                            .is_some_and(|fd| self.fd_matches(mem, i64::from(fd as i32)))
                    })
                }
                "fdset" => self.fdset_matches(rec, mem, arg(a.index)),
                _ => false,
            };
            if hit {
                return true;
            }
        }
        false
    }

    /// fsconfig touches a path or fd only through its value and aux arguments, and
    /// only for the commands that pass one (strace's rule): SET_PATH and
    /// SET_PATH_EMPTY (path in value, dirfd in aux), SET_FD (fd in aux).
    fn fsconfig_matches(&self, rec: &SyscallRecord, mem: &dyn MemoryReader) -> bool {
        const SET_PATH: u64 = 3;
        const SET_PATH_EMPTY: u64 = 4;
        const SET_FD: u64 = 5;
        let aux = i64::from(rec.args[4] as u32 as i32);
        match rec.args[1] as u32 as u64 {
            SET_PATH | SET_PATH_EMPTY => {
                self.fd_matches(mem, aux) || self.path_matches(mem, rec.args[3])
            }
            SET_FD => self.fd_matches(mem, aux),
            _ => false,
        }
    }

    /// select's sets: nfds (argument 0) bits of longs.
    fn fdset_matches(&self, rec: &SyscallRecord, mem: &dyn MemoryReader, addr: u64) -> bool {
        let nfds = (rec.args[0] as u32 as i32).clamp(0, 1 << 16) as usize;
        if addr == 0 || nfds == 0 {
            return false;
        }
        let word = rec.arch.word_bytes();
        let len = nfds.div_ceil(word * 8) * word;
        let mut bits = vec![0u8; len];
        if !mem.read_exact(addr, &mut bits) {
            return false;
        }
        (0..nfds).any(|fd| bits[fd / 8] & (1 << (fd % 8)) != 0 && self.fd_matches(mem, fd as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::Arch;
    use crate::record::RecordedMemory;

    fn rec(name: &str, args: [u64; 6]) -> SyscallRecord {
        let arch = Arch::X86_64;
        SyscallRecord::new(arch, arch.syscall_number(name).unwrap(), args)
    }

    fn filter(paths: &[&str], fds: Option<&str>) -> TouchFilter {
        TouchFilter {
            paths: paths.iter().map(|p| p.as_bytes().to_vec()).collect(),
            fds: fds.map(|s| FdSet::parse(s).unwrap()),
        }
    }

    #[test]
    fn paths_match_path_arguments_and_fds_open_on_them() {
        let mut mem = RecordedMemory::new()
            .with(0x1000, &b"/etc/passwd\0"[..])
            .with(0x2000, &b"/etc/group\0"[..]);
        mem.fds.insert(3, "/etc/passwd".into());
        mem.fds.insert(4, "/etc/group".into());
        let f = filter(&["/etc/passwd"], None);
        let at = AT_FDCWD as u64;
        assert!(f.matches(&rec("openat", [at, 0x1000, 0, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("openat", [at, 0x2000, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("read", [3, 0x5000, 10, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("read", [4, 0x5000, 10, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("dup2", [4, 3, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("mmap", [0, 4096, 1, 2, 3, 0]), &mem));
        assert!(!f.matches(&rec("getpid", [0; 6]), &mem));
        // A symlink pointing at the path does not touch it; one created there does.
        assert!(!f.matches(&rec("symlink", [0x1000, 0x2000, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("symlink", [0x2000, 0x1000, 0, 0, 0, 0]), &mem));
    }

    #[test]
    fn fsconfig_matches_only_its_path_and_fd_values() {
        let mut mem = RecordedMemory::new().with(0x1000, &b"/dev/full\0"[..]);
        mem.fds.insert(3, "/dev/full".into());
        let f = filter(&["/dev/full"], None);
        // The fs context fd itself does not count.
        assert!(!f.matches(&rec("fsconfig", [3, 0, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("fsconfig", [9, 3, 0, 0x1000, 0, 0]), &mem));
        assert!(f.matches(&rec("fsconfig", [9, 5, 0, 0, 3, 0]), &mem));
        assert!(!f.matches(&rec("fsconfig", [9, 1, 0, 0x1000, 3, 0]), &mem));
    }

    #[test]
    fn poll_and_select_sets_are_searched() {
        let pollfds = [4i32, 1, 3, 1]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>();
        let mut fdset = vec![0u8; 8];
        fdset[0] = 1 << 3;
        let mut mem = RecordedMemory::new()
            .with(0x1000, pollfds)
            .with(0x2000, fdset);
        mem.fds.insert(3, "/etc/passwd".into());
        let f = filter(&["/etc/passwd"], None);
        assert!(f.matches(&rec("poll", [0x1000, 2, 0, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("poll", [0x1000, 1, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("select", [4, 0x2000, 0, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("select", [3, 0x2000, 0, 0, 0, 0]), &mem));
    }

    #[test]
    fn fd_sets_select_calls_on_those_fds_only() {
        let mem = RecordedMemory::new();
        let f = filter(&[], Some("1,2"));
        assert!(f.matches(&rec("write", [1, 0, 0, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("write", [3, 0, 0, 0, 0, 0]), &mem));
        assert!(!f.matches(&rec("getpid", [0; 6]), &mem));
        // AT_FDCWD is not an fd.
        let f = filter(&[], Some("!1"));
        assert!(!f.matches(&rec("openat", [AT_FDCWD as u64, 0, 0, 0, 0, 0]), &mem));
        assert!(f.matches(&rec("close", [5, 0, 0, 0, 0, 0]), &mem));
        assert_eq!(FdSet::parse("1,x").unwrap_err(), "invalid descriptor 'x'");
        // Empty words are skipped; with none left, strace names the whole spec.
        for (spec, bad) in [
            ("!", "!"),
            (",,", ",,"),
            ("!,", "!,"),
            ("1,!", "!"),
            ("1,all", "all"),
        ] {
            assert_eq!(
                FdSet::parse(spec).unwrap_err(),
                format!("invalid descriptor '{bad}'")
            );
        }
        assert!(FdSet::parse(",1,").unwrap().contains(1));
        assert!(FdSet::parse("all").unwrap().contains(7));
        assert!(!FdSet::parse("none").unwrap().contains(7));
    }
}
