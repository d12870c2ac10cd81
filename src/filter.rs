//! `-e trace=SET`: which syscalls are shown, as per-architecture bitsets built once
//! from strace's expression syntax (names, `%class`, `/regex`, numbers, `?name`,
//! `!` inversion, `all`, `none`), and the sink wrapper that drops the others.

use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::Classes;
use std::collections::HashSet;

/// Whether one token of a set picks syscall (arch, number, name).
type Test = Box<dyn Fn(Arch, u64, &str) -> bool>;

/// Selected syscall numbers, per personality.
#[derive(Clone, Debug)]
pub struct SyscallFilter {
    sets: Vec<(Arch, Vec<bool>)>,
    /// Whether numbers outside every table are shown (only by inverted sets).
    outside: bool,
}

/// strace's class names (with `%`, and the legacy bare ones) -> our class bits.
fn class_bits(token: &str) -> Option<Vec<&'static str>> {
    let t = token.to_ascii_lowercase();
    let one = |c: &'static str| Some(vec![c]);
    match t.as_str() {
        "%desc" | "desc" => one("desc"),
        "%file" | "file" => one("file"),
        "%memory" | "memory" => one("memory"),
        "%process" | "process" => one("process"),
        "%creds" => one("creds"),
        "%signal" | "signal" => one("signal"),
        "%ipc" | "ipc" => one("ipc"),
        "%net" | "%network" | "network" => one("network"),
        "%stat" => one("stat"),
        "%lstat" => one("lstat"),
        "%fstat" => one("fstat"),
        "%statfs" => one("statfs"),
        "%fstatfs" => one("fstatfs"),
        "%pure" => one("pure"),
        "%clock" => one("clock"),
        // The stat-like and statfs-like families: any of their classes.
        "%%stat" => Some(vec!["stat", "lstat", "fstat"]),
        "%%statfs" => Some(vec!["statfs", "fstatfs"]),
        _ => None,
    }
}

fn classes_of(arch: Arch, name: &str) -> Classes {
    crate::table::signature_by_name(arch, name)
        .map(|s| s.classes)
        .unwrap_or_default()
}

impl SyscallFilter {
    /// Everything traced (no `-e trace=`).
    pub fn all() -> Self {
        SyscallFilter {
            outside: true,
            ..Self::build(|_, _, _| true)
        }
    }

    fn build(mut pick: impl FnMut(Arch, u64, &str) -> bool) -> Self {
        let sets = Arch::ALL
            .iter()
            .map(|&arch| {
                let calls = arch.syscalls();
                let len = calls
                    .iter()
                    .map(|(nr, _)| (nr & !crate::arch::X32_SYSCALL_BIT) as usize + 1)
                    .max()
                    .unwrap_or(0);
                let mut v = vec![false; len];
                for (nr, name) in calls {
                    v[(nr & !crate::arch::X32_SYSCALL_BIT) as usize] = pick(arch, nr, name);
                }
                (arch, v)
            })
            .collect();
        SyscallFilter {
            sets,
            outside: false,
        }
    }

    /// Parses a `-e trace=` value. Errors are strace's: `invalid system call 'x'`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut s = spec;
        let mut invert = false;
        while let Some(rest) = s.strip_prefix('!') {
            invert = !invert;
            s = rest;
        }
        let mut filter = match s {
            "none" => Self::build(|_, _, _| false),
            "all" => Self::all(),
            _ => {
                let mut chosen: Vec<Test> = Vec::new();
                for raw in s.split(',') {
                    let optional = raw.starts_with('?');
                    let token = raw.trim_start_matches('?');
                    if token.is_empty() {
                        return Err(format!("invalid system call '{raw}'"));
                    }
                    let test: Test = if let Some(re) = token.strip_prefix('/') {
                        let re = regex::Regex::new(re).map_err(|e| {
                            // The regex crate explains over several lines; its
                            // last line says what is wrong.
                            let why = e.to_string();
                            let why = why.lines().last().unwrap_or_default();
                            format!("regcomp: {re}: {}", why.trim_start_matches("error: "))
                        })?;
                        Box::new(move |_, _, name| re.is_match(name))
                    } else if let Some(classes) = class_bits(token) {
                        Box::new(move |arch, _, name| {
                            let c = classes_of(arch, name);
                            classes.iter().any(|k| c.has(k))
                        })
                    } else if let Ok(nr) = token.parse::<u64>() {
                        Box::new(move |_, n, _| n == nr)
                    } else {
                        let name = token.to_string();
                        Box::new(move |_, _, n| n == name)
                    };
                    let known = Arch::ALL
                        .iter()
                        .any(|&a| a.syscalls().iter().any(|&(nr, name)| test(a, nr, name)));
                    if !known && !optional {
                        return Err(format!("invalid system call '{token}'"));
                    }
                    chosen.push(test);
                }
                Self::build(|arch, nr, name| chosen.iter().any(|t| t(arch, nr, name)))
            }
        };
        if invert {
            for (_, v) in filter.sets.iter_mut() {
                v.iter_mut().for_each(|b| *b = !*b);
            }
            filter.outside = !filter.outside;
        }
        Ok(filter)
    }

    /// Whether syscall `nr` of `arch` is shown. Numbers no table knows are shown
    /// only when everything is (as with an inverted set).
    pub fn traced(&self, arch: Arch, nr: u64) -> bool {
        let Some((_, v)) = self.sets.iter().find(|(a, _)| *a == arch) else {
            return self.outside;
        };
        usize::try_from(nr & !crate::arch::X32_SYSCALL_BIT)
            .ok()
            .and_then(|i| v.get(i).copied())
            .unwrap_or(self.outside)
    }
}

/// `-e signal=SET`: which delivered signals get a `--- SIG ---` line.
#[derive(Clone, Debug)]
pub struct SignalFilter {
    /// Bit n: signal n is shown.
    mask: u128,
}

impl SignalFilter {
    /// Names with or without `SIG`, numbers, `all`, `none`, `!` to invert; strace's
    /// error for anything else: `invalid signal 'x'`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut s = spec;
        let mut invert = false;
        while let Some(rest) = s.strip_prefix('!') {
            invert = !invert;
            s = rest;
        }
        let mut mask: u128 = match s {
            "all" => u128::MAX,
            "none" => 0,
            _ => {
                let mut m = 0u128;
                for word in s.split(',') {
                    let n = word.parse::<u32>().ok().filter(|n| *n < 128).or_else(|| {
                        let name = word.to_ascii_uppercase();
                        let name = if name.starts_with("SIG") {
                            name
                        } else {
                            format!("SIG{name}")
                        };
                        (1..128u32).find(|&n| {
                            let mut s = String::new();
                            crate::decode::signal::print_signame(&mut s, n as i32);
                            s == name
                        })
                    });
                    match n {
                        Some(n) => m |= 1 << n,
                        None => return Err(format!("invalid signal '{word}'")),
                    }
                }
                m
            }
        };
        if invert {
            mask = !mask;
        }
        Ok(SignalFilter { mask })
    }

    pub fn shown(&self, sig: i32) -> bool {
        u32::try_from(sig)
            .ok()
            .filter(|s| *s < 128)
            .is_some_and(|s| self.mask & (1 << s) != 0)
    }
}

/// Passes on the events of traced syscalls and shown signals only; exits always.
pub struct Filtered<'a> {
    pub inner: &'a mut dyn Sink,
    pub filter: Option<&'a SyscallFilter>,
    pub signals: Option<&'a SignalFilter>,
    /// Threads inside a syscall that is not shown.
    hidden: HashSet<Tid>,
}

impl<'a> Filtered<'a> {
    pub fn new(
        inner: &'a mut dyn Sink,
        filter: Option<&'a SyscallFilter>,
        signals: Option<&'a SignalFilter>,
    ) -> Self {
        Filtered {
            inner,
            filter,
            signals,
            hidden: HashSet::new(),
        }
    }
}

impl Sink for Filtered<'_> {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        if self.filter.is_none_or(|f| f.traced(rec.arch, rec.nr)) {
            self.hidden.remove(&tid);
            self.inner.syscall_entry(tid, rec, mem);
        } else {
            self.hidden.insert(tid);
        }
    }
    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        if !self.hidden.remove(&tid) {
            self.inner.syscall_exit(tid, rec, mem, t);
        }
    }
    fn syscall_never_returns(&mut self, tid: Tid) {
        if !self.hidden.remove(&tid) {
            self.inner.syscall_never_returns(tid);
        }
    }
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        let signo = i32::from_le_bytes([siginfo[0], siginfo[1], siginfo[2], siginfo[3]]);
        if self.signals.is_none_or(|s| s.shown(signo)) {
            self.inner.signal(tid, arch, siginfo);
        }
    }
    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.inner.stopped(tid, sig);
    }
    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        if self.hidden.remove(&old) {
            self.hidden.insert(pid);
        }
        self.inner.exec_switched(pid, old);
    }
    fn detached(&mut self, tid: Tid) {
        self.hidden.remove(&tid);
        self.inner.detached(tid);
    }
    fn exited(&mut self, tid: Tid, code: i32) {
        self.hidden.remove(&tid);
        self.inner.exited(tid, code);
    }
    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.hidden.remove(&tid);
        self.inner.killed(tid, sig, core);
    }
    fn set_thread_count(&mut self, n: usize) {
        self.inner.set_thread_count(n);
    }
    fn flush(&mut self) {
        self.inner.flush();
    }
    fn broken(&self) -> bool {
        self.inner.broken()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nr(arch: Arch, name: &str) -> u64 {
        arch.syscall_number(name).unwrap()
    }

    #[test]
    fn names_classes_regex_and_inversion() {
        let x = Arch::X86_64;
        let f = SyscallFilter::parse("openat,close").unwrap();
        assert!(f.traced(x, nr(x, "openat")) && f.traced(x, nr(x, "close")));
        assert!(!f.traced(x, nr(x, "read")));
        let f = SyscallFilter::parse("!openat").unwrap();
        assert!(!f.traced(x, nr(x, "openat")) && f.traced(x, nr(x, "read")));
        let f = SyscallFilter::parse("%network").unwrap();
        assert!(f.traced(x, nr(x, "connect")) && !f.traced(x, nr(x, "read")));
        let f = SyscallFilter::parse("%%stat").unwrap();
        assert!(f.traced(x, nr(x, "newfstatat")) && f.traced(x, nr(x, "statx")));
        assert!(!f.traced(x, nr(x, "openat")));
        let f = SyscallFilter::parse("/^(open|close)").unwrap();
        assert!(f.traced(x, nr(x, "openat")) && f.traced(x, nr(x, "close_range")));
        let f = SyscallFilter::parse("mmap2").unwrap();
        assert!(f.traced(Arch::I386, nr(Arch::I386, "mmap2")));
        assert!(!SyscallFilter::parse("none").unwrap().traced(x, 0));
        assert!(SyscallFilter::parse("!none").unwrap().traced(x, 0));
    }

    #[test]
    fn signal_sets() {
        let s = SignalFilter::parse("SIGCHLD,usr1,9").unwrap();
        assert!(s.shown(17) && s.shown(10) && s.shown(9) && !s.shown(2));
        let s = SignalFilter::parse("!CHLD").unwrap();
        assert!(!s.shown(17) && s.shown(2));
        assert!(!SignalFilter::parse("none").unwrap().shown(17));
        assert_eq!(
            SignalFilter::parse("BOGUS").unwrap_err(),
            "invalid signal 'BOGUS'"
        );
    }

    #[test]
    fn unknown_names_are_errors_unless_optional() {
        assert_eq!(
            SyscallFilter::parse("read,bogus").unwrap_err(),
            "invalid system call 'bogus'"
        );
        assert!(SyscallFilter::parse("read,?bogus").is_ok());
        assert!(SyscallFilter::parse("/(").is_err());
    }
}

/// A set of fds in strace's syntax (`-e read=`, `-e write=`): numbers separated by
/// commas, `all`, `none`, `!` to invert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FdSet {
    fds: std::collections::BTreeSet<u32>,
    /// Every fd not in `fds` (an inverted set, or `all`).
    inverted: bool,
}

impl FdSet {
    /// Parses a set; errors are strace's: `invalid descriptor 'x'`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut s = spec;
        let mut inverted = false;
        while let Some(rest) = s.strip_prefix('!') {
            inverted = !inverted;
            s = rest;
        }
        let mut set = FdSet {
            fds: Default::default(),
            inverted: false,
        };
        for token in s.split(',') {
            if token.eq_ignore_ascii_case("all") {
                set.fds.clear();
                set.inverted = true;
            } else if token.eq_ignore_ascii_case("none") {
                set.fds.clear();
                set.inverted = false;
            } else {
                match token.parse::<u32>() {
                    Ok(fd) if fd <= i32::MAX as u32 && !token.starts_with('+') => {
                        if set.inverted {
                            set.fds.remove(&fd);
                        } else {
                            set.fds.insert(fd);
                        }
                    }
                    _ => return Err(format!("invalid descriptor '{token}'")),
                }
            }
        }
        set.inverted ^= inverted;
        Ok(set)
    }

    pub fn contains(&self, fd: u32) -> bool {
        self.fds.contains(&fd) != self.inverted
    }
}

#[cfg(test)]
mod fd_set_tests {
    use super::FdSet;

    #[test]
    fn sets_like_strace() {
        let s = FdSet::parse("1,3").unwrap();
        assert!(s.contains(1) && s.contains(3) && !s.contains(2));
        let s = FdSet::parse("!1").unwrap();
        assert!(!s.contains(1) && s.contains(0));
        assert!(FdSet::parse("all").unwrap().contains(77));
        assert!(!FdSet::parse("none").unwrap().contains(0));
        assert!(!FdSet::parse("!all").unwrap().contains(0));
        assert_eq!(FdSet::parse("x").unwrap_err(), "invalid descriptor 'x'");
        assert_eq!(FdSet::parse("-1").unwrap_err(), "invalid descriptor '-1'");
        assert_eq!(FdSet::parse("").unwrap_err(), "invalid descriptor ''");
    }
}
