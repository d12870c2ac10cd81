//! `-e trace=SET`: which syscalls are shown, as per-architecture bitsets built once
//! from strace's expression syntax (names, `%class`, `/regex`, numbers, `?name`,
//! `!` inversion, `all`, `none`), and the sink wrapper that drops the others (and
//! those that touch no `-P` path or `trace-fds=` fd, see [`touch`]).

pub mod inject;
pub mod status;
pub mod touch;

use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::Classes;
use std::collections::HashSet;

/// strace's set syntax: any number of leading `!`, each inverting the set.
pub fn split_invert(spec: &str) -> (bool, &str) {
    let s = spec.trim_start_matches('!');
    ((spec.len() - s.len()) % 2 == 1, s)
}

/// strace's `@64`, `@32`, `@x32` token suffixes.
#[derive(Clone, Copy)]
enum Personality {
    P64,
    P32,
    X32,
}

impl Personality {
    fn covers(self, arch: Arch) -> bool {
        match self {
            Personality::P64 => matches!(arch, Arch::X86_64 | Arch::Aarch64 | Arch::Riscv64),
            Personality::P32 => matches!(arch, Arch::I386 | Arch::Arm),
            Personality::X32 => arch == Arch::X32,
        }
    }
}

/// Whether one token of a set picks syscall (arch, number, name).
type Test = Box<dyn Fn(Arch, u64, &str) -> bool>;

/// Selected syscall numbers, per personality.
#[derive(Clone, Debug)]
pub struct SyscallFilter {
    sets: Vec<(Arch, Vec<bool>)>,
    /// The numbers the `syscalls` crate does not have (arm's private calls such as
    /// `set_tls` at 0xf0005, x32's own), each with whether it is shown: kept apart so
    /// that a bitset does not grow to a million entries for them.
    extra: Vec<(Arch, u64, bool)>,
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
        let extra = Arch::ALL
            .iter()
            .flat_map(|&arch| {
                arch.extra_syscalls()
                    .into_iter()
                    .map(move |(nr, name)| (arch, nr, name))
            })
            .map(|(arch, nr, name)| (arch, nr, pick(arch, nr, name)))
            .collect();
        SyscallFilter {
            sets,
            extra,
            outside: false,
        }
    }

    /// Every (arch, number, name) the filter knows: the tables' and the extra ones.
    fn every_syscall() -> impl Iterator<Item = (Arch, u64, &'static str)> {
        Arch::ALL.iter().flat_map(|&a| {
            a.syscalls()
                .into_iter()
                .chain(a.extra_syscalls())
                .map(move |(nr, name)| (a, nr, name))
        })
    }

    /// Parses a `-e trace=` value. Errors are strace's: `invalid system call 'x'`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let (invert, s) = split_invert(spec);
        let mut filter = match s {
            "none" => Self::build(|_, _, _| false),
            "all" => Self::all(),
            _ => {
                let mut chosen: Vec<Test> = Vec::new();
                for raw in s.split(',') {
                    let optional = raw.starts_with('?');
                    let token = raw.trim_start_matches('?');
                    if token.is_empty() {
                        // strace skips empty words in a list (`-e,mmap`), but a
                        // set of none (``, `!`, `,,`) is an error naming it whole.
                        if s.split(',').all(str::is_empty) {
                            return Err(format!("invalid system call '{spec}'"));
                        }
                        continue;
                    }
                    // `name@64`, `%file@32`, `/re@x32`: only in that personality.
                    // An error names the word with its designator, as strace does.
                    let word = token;
                    let (token, personality) = match token.rsplit_once('@') {
                        Some((t, "64")) => (t, Some(Personality::P64)),
                        Some((t, "32")) => (t, Some(Personality::P32)),
                        Some((t, "x32")) => (t, Some(Personality::X32)),
                        _ => (token, None),
                    };
                    let test: Test = if token == "all" {
                        Box::new(|_, _, _| true)
                    } else if let Some(re) = token.strip_prefix('/') {
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
                    let test: Test = match personality {
                        Some(p) => {
                            Box::new(move |arch, nr, name| p.covers(arch) && test(arch, nr, name))
                        }
                        None => test,
                    };
                    let known = Self::every_syscall().any(|(a, nr, name)| test(a, nr, name));
                    if !known && !optional {
                        return Err(format!("invalid system call '{word}'"));
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
            filter.extra.iter_mut().for_each(|(_, _, b)| *b = !*b);
            filter.outside = !filter.outside;
        }
        Ok(filter)
    }

    /// The shown flags of `arch`, indexed by number (without the x32 bit).
    pub fn bits(&self, arch: Arch) -> &[bool] {
        self.sets
            .iter()
            .find(|(a, _)| *a == arch)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The syscalls both sets pick (`-e inject=` within `-e trace=`).
    pub fn and(&self, other: &SyscallFilter) -> SyscallFilter {
        SyscallFilter {
            sets: self
                .sets
                .iter()
                .map(|(arch, v)| {
                    let o = other.bits(*arch);
                    let both = v
                        .iter()
                        .enumerate()
                        .map(|(i, &b)| b && o.get(i).copied().unwrap_or(other.outside))
                        .collect();
                    (*arch, both)
                })
                .collect(),
            extra: self
                .extra
                .iter()
                .map(|&(arch, nr, shown)| (arch, nr, shown && other.traced(arch, nr)))
                .collect(),
            outside: self.outside && other.outside,
        }
    }

    /// Whether numbers outside the tables are shown.
    pub fn traces_unknown(&self) -> bool {
        self.outside
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
            .or_else(|| {
                self.extra
                    .iter()
                    .find(|&&(a, n, _)| a == arch && n == nr)
                    .map(|&(_, _, shown)| shown)
            })
            .unwrap_or(self.outside)
    }

    /// The extra numbers of `arch` (see the field), each with whether it is shown.
    pub fn extra_flags(&self, arch: Arch) -> impl Iterator<Item = (u64, bool)> + '_ {
        self.extra
            .iter()
            .filter(move |&&(a, _, _)| a == arch)
            .map(|&(_, nr, shown)| (nr, shown))
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
        let (invert, s) = split_invert(spec);
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
    pub touch: Option<&'a touch::TouchFilter>,
    /// Threads inside a syscall that is not shown.
    hidden: HashSet<Tid>,
}

impl<'a> Filtered<'a> {
    pub fn new(
        inner: &'a mut dyn Sink,
        filter: Option<&'a SyscallFilter>,
        signals: Option<&'a SignalFilter>,
        touch: Option<&'a touch::TouchFilter>,
    ) -> Self {
        Filtered {
            inner,
            filter,
            signals,
            touch,
            hidden: HashSet::new(),
        }
    }
}

impl Sink for Filtered<'_> {
    crate::pass_on_to_inner!();
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        if self.filter.is_none_or(|f| f.traced(rec.arch, rec.nr))
            && self.touch.is_none_or(|t| t.matches(rec, mem))
        {
            self.hidden.remove(&tid);
            self.inner.syscall_entry(tid, rec, mem);
        } else {
            self.hidden.insert(tid);
            self.inner.syscall_hidden(tid, rec);
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
    fn syscall_discard(&mut self, tid: Tid) {
        if !self.hidden.remove(&tid) {
            self.inner.syscall_discard(tid);
        }
    }
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        let signo = i32::from_le_bytes([siginfo[0], siginfo[1], siginfo[2], siginfo[3]]);
        if self.signals.is_none_or(|s| s.shown(signo)) {
            self.inner.signal(tid, arch, siginfo);
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nr(arch: Arch, name: &str) -> u64 {
        arch.syscall_number(name).unwrap()
    }

    #[test]
    fn numbers_outside_the_crate_table_are_selectable_by_name() {
        // arm's private calls and x32's own numbers.
        let f = SyscallFilter::parse("set_tls").unwrap();
        assert!(f.traced(Arch::Arm, 0xf0005) && !f.traced(Arch::Arm, 0xf0002));
        assert!(!f.traced(Arch::Aarch64, 0xf0005));
        let f = SyscallFilter::parse("!set_tls").unwrap();
        assert!(!f.traced(Arch::Arm, 0xf0005) && f.traced(Arch::Arm, 0xf0002));
        let f = SyscallFilter::parse("rt_sigaction").unwrap();
        assert!(f.traced(Arch::X32, 0x4000_0200) && f.traced(Arch::X86_64, 13));
        assert!(SyscallFilter::parse("cacheflush,breakpoint").is_ok());
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
        let f = SyscallFilter::parse("brk@32,%file@64").unwrap();
        assert!(f.traced(Arch::I386, nr(Arch::I386, "brk")) && !f.traced(x, nr(x, "brk")));
        assert!(f.traced(x, nr(x, "openat")));
        assert!(!f.traced(Arch::I386, nr(Arch::I386, "openat")));
        let f = SyscallFilter::parse("!all@x32").unwrap();
        assert!(f.traced(x, nr(x, "read")) && !f.traced(Arch::X32, nr(Arch::X32, "read")));
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
        // Empty words are skipped (strace's tests write `-e,mmap`); an empty set is not.
        assert!(SyscallFilter::parse(",mmap,,close").is_ok());
        assert_eq!(
            SyscallFilter::parse("").unwrap_err(),
            "invalid system call ''"
        );
        // A set of no words is named whole; a bad word with its designator.
        for (spec, bad) in [("!", "!"), (",,", ",,"), ("!,", "!,"), ("-1@64", "-1@64")] {
            assert_eq!(
                SyscallFilter::parse(spec).unwrap_err(),
                format!("invalid system call '{bad}'")
            );
        }
    }
}
