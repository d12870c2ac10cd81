//! `--pidns-translation`: the pids a tracee in another pid namespace sees, in trace's
//! own namespace (`getpid() = 2 /* 4242 in strace's PID NS */`).
//!
//! The kernel writes every namespace's view of a process into /proc/P/status (`NSpid:`,
//! `NStgid:`, `NSpgid:`, `NSsid:`, outermost first), and the pid namespace of P and its
//! ancestors can be walked from /proc/P/ns/pid (NS_GET_PARENT stops at trace's own
//! namespace). An id the tracee sees is found by looking for the process whose list
//! holds that id at the tracee's namespace; its entry at trace's namespace is the answer.
//! All /proc access goes through [`ProcView`], so the search itself is pure and tested
//! on made-up process trees; [`LiveProc`] is the real /proc.

use crate::event::Tid;
use crate::record::MemoryReader;
use std::collections::HashMap;
use std::sync::Mutex;

/// Which id of a process (strace's PT_TID ...): each has its own /proc status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PidKind {
    Tid,
    Tgid,
    Pgid,
    Sid,
}

impl PidKind {
    /// The /proc/P/status line that lists this id per namespace.
    pub fn status_key(self) -> &'static str {
        match self {
            PidKind::Tid => "NSpid:",
            PidKind::Tgid => "NStgid:",
            PidKind::Pgid => "NSpgid:",
            PidKind::Sid => "NSsid:",
        }
    }
}

/// Namespaces deeper than this are not followed (the kernel's limit is 32).
const MAX_DEPTH: usize = 32;

/// What the translation reads of /proc. `proc_pid` is a pid as /proc names it, or
/// `None` for trace itself (/proc/self).
pub trait ProcView {
    /// The numeric entries of /proc (`task_of` `None`) or of /proc/P/task.
    fn entries(&self, task_of: Option<i32>) -> Vec<i32>;
    /// The ids of the process in each namespace, outermost first (its status line).
    fn ids(&self, proc_pid: Option<i32>, kind: PidKind) -> Option<Vec<i32>>;
    /// The process's pid namespace and its ancestors' (inode numbers), innermost first,
    /// at most `max`, ending at trace's own namespace or where the kernel stops.
    fn ns_chain(&self, proc_pid: Option<i32>, max: usize) -> Vec<u64>;
}

/// Parses a `/proc/P/status` text's line `key` (`NSpid:\t42\t1`) into its ids.
pub fn parse_status_ids(status: &str, key: &str) -> Option<Vec<i32>> {
    let line = status.lines().find_map(|l| l.strip_prefix(key))?;
    let ids: Option<Vec<i32>> = line.split_whitespace().map(|w| w.parse().ok()).collect();
    ids.filter(|v| !v.is_empty())
}

#[derive(Default)]
struct Cache {
    /// trace's own namespace, and whether /proc names processes as trace does.
    ours: Option<(u64, bool)>,
    /// Each traced thread's pid namespace.
    tracee_ns: HashMap<Tid, u64>,
    /// Where an id was last found: (namespace, id, kind) to a /proc pid.
    found: HashMap<(u64, i32, PidKind), i32>,
}

/// Translates ids seen in a tracee's namespace into trace's, remembering where each
/// was found. Shared by the log writers (hence the lock).
pub struct Translator {
    proc: Box<dyn ProcView + Send + Sync>,
    cache: Mutex<Cache>,
}

impl Translator {
    pub fn new(proc: Box<dyn ProcView + Send + Sync>) -> Self {
        Translator {
            proc,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// Over the real /proc.
    pub fn live() -> Self {
        Translator::new(Box::new(LiveProc))
    }

    /// `id` (a `kind`, as thread `tid` sees it) in trace's namespace; `None` when it
    /// cannot be found or is not a pid. Equal to `id` when both share a namespace.
    pub fn translate(&self, tid: Tid, id: i64, kind: PidKind) -> Option<i64> {
        let id = i32::try_from(id).ok().filter(|&i| i > 0)?;
        let mut cache = self.cache.lock().ok()?;
        let (our_ns, proc_ours) = self.ours(&mut cache);
        let from_ns = match cache.tracee_ns.get(&tid) {
            Some(&ns) => ns,
            None => {
                let proc_pid = if proc_ours {
                    tid
                } else {
                    self.find(&mut cache, our_ns, tid, PidKind::Tid)?.1
                };
                let ns = *self.proc.ns_chain(Some(proc_pid), 1).first()?;
                cache.tracee_ns.insert(tid, ns);
                ns
            }
        };
        if from_ns == our_ns {
            return Some(i64::from(id));
        }
        self.find(&mut cache, from_ns, id, kind)
            .map(|(ours, _)| i64::from(ours))
    }

    /// Forgets what was learnt about a thread that is gone (its tid may come back in
    /// another namespace).
    pub fn forget(&self, tid: Tid) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.tracee_ns.remove(&tid);
        }
    }

    fn ours(&self, cache: &mut Cache) -> (u64, bool) {
        *cache.ours.get_or_insert_with(|| {
            let ns = self.proc.ns_chain(None, 1).first().copied().unwrap_or(0);
            // /proc/self lists one id only when /proc belongs to trace's namespace.
            let ours = self
                .proc
                .ids(None, PidKind::Tid)
                .is_none_or(|ids| ids.len() <= 1);
            (ns, ours)
        })
    }

    /// The process whose `kind` is `id` in namespace `ns`: its id in trace's namespace
    /// and its /proc pid.
    fn find(&self, cache: &mut Cache, ns: u64, id: i32, kind: PidKind) -> Option<(i32, i32)> {
        if let Some(&proc_pid) = cache.found.get(&(ns, id, kind)) {
            // Checked again: the process may have gone and the pid come back.
            if let Some(ours) = self.match_proc(proc_pid, ns, id, kind) {
                return Some((ours, proc_pid));
            }
            cache.found.remove(&(ns, id, kind));
        }
        for pid in self.proc.entries(None) {
            let threads = self.proc.entries(Some(pid));
            for p in threads.into_iter().chain([pid]) {
                if let Some(ours) = self.match_proc(p, ns, id, kind) {
                    cache.found.insert((ns, id, kind), p);
                    return Some((ours, p));
                }
            }
        }
        None
    }

    /// The id of /proc's `proc_pid` in trace's namespace, when its `kind` is `id` in
    /// namespace `ns`.
    fn match_proc(&self, proc_pid: i32, ns: u64, id: i32, kind: PidKind) -> Option<i32> {
        let chain = self.proc.ns_chain(Some(proc_pid), MAX_DEPTH);
        let at = chain.iter().position(|&n| n == ns)?;
        let ids = self.proc.ids(Some(proc_pid), kind)?;
        if chain.is_empty() || ids.len() < chain.len() {
            return None;
        }
        // The chain runs innermost first up to trace's namespace; the ids outermost
        // first down to the process's own.
        (ids[ids.len() - 1 - at] == id).then(|| ids[ids.len() - chain.len()])
    }
}

/// The real /proc.
pub struct LiveProc;

impl LiveProc {
    fn dir(proc_pid: Option<i32>) -> String {
        match proc_pid {
            Some(p) => format!("/proc/{p}"),
            None => "/proc/self".into(),
        }
    }
}

impl ProcView for LiveProc {
    fn entries(&self, task_of: Option<i32>) -> Vec<i32> {
        let dir = match task_of {
            Some(p) => format!("/proc/{p}/task"),
            None => "/proc".into(),
        };
        let Ok(rd) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        rd.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .filter(|&p: &i32| p > 0)
            .collect()
    }

    fn ids(&self, proc_pid: Option<i32>, kind: PidKind) -> Option<Vec<i32>> {
        let status = std::fs::read_to_string(format!("{}/status", Self::dir(proc_pid))).ok()?;
        parse_status_ids(&status, kind.status_key())
    }

    fn ns_chain(&self, proc_pid: Option<i32>, max: usize) -> Vec<u64> {
        use std::os::unix::fs::MetadataExt;
        let mut chain = Vec::new();
        let Ok(mut ns) = std::fs::File::open(format!("{}/ns/pid", Self::dir(proc_pid))) else {
            return chain;
        };
        while chain.len() < max {
            let Ok(meta) = ns.metadata() else {
                break;
            };
            chain.push(meta.ino());
            if chain.len() >= max {
                break;
            }
            // EPERM above trace's own namespace ends the chain there.
            match crate::sys::ns_get_parent(&ns) {
                Ok(parent) => ns = parent,
                Err(_) => break,
            }
        }
        chain
    }
}

/// `pid` (a `kind`, in the tracee's namespace) as strace prints it: the number, and
/// `/* N in strace's PID NS */` when trace sees it as another number.
pub fn print_pid(mem: &dyn MemoryReader, out: &mut String, pid: i64, kind: PidKind) {
    use std::fmt::Write as _;
    let _ = write!(out, "{pid}");
    if let Some(ours) = mem.translate_pid(pid, kind)
        && ours != pid
    {
        let _ = write!(out, " /* {ours} in strace's PID NS */");
    }
}

/// A tracee's view (memory, fds, ...) that also translates its pids: every question
/// goes to `inner`, except [`MemoryReader::translate_pid`].
pub struct TranslatingMemory<'a> {
    pub inner: &'a dyn MemoryReader,
    pub tid: Tid,
    pub translator: &'a Translator,
}

impl<'a> TranslatingMemory<'a> {
    pub fn new(inner: &'a dyn MemoryReader, tid: Tid, translator: &'a Translator) -> Self {
        TranslatingMemory {
            inner,
            tid,
            translator,
        }
    }
}

impl MemoryReader for TranslatingMemory<'_> {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        self.inner.read(addr, buf)
    }
    fn fd_path(&self, fd: i64) -> Option<String> {
        self.inner.fd_path(fd)
    }
    fn fd_path_bytes(&self, fd: i64) -> Option<Vec<u8>> {
        self.inner.fd_path_bytes(fd)
    }
    fn fd_deleted(&self, fd: i64) -> bool {
        self.inner.fd_deleted(fd)
    }
    fn fd_socket(&self, fd: i64) -> Option<String> {
        self.inner.fd_socket(fd)
    }
    fn fd_device(&self, fd: i64) -> Option<String> {
        self.inner.fd_device(fd)
    }
    fn fd_pidfd(&self, fd: i64) -> Option<i64> {
        self.inner.fd_pidfd(fd)
    }
    fn stack_pointer(&self) -> u64 {
        self.inner.stack_pointer()
    }
    fn read_exact(&self, addr: u64, buf: &mut [u8]) -> bool {
        self.inner.read_exact(addr, buf)
    }
    fn read_cstr(&self, addr: u64, max: usize) -> Option<(Vec<u8>, bool)> {
        self.inner.read_cstr(addr, max)
    }
    fn translate_pid(&self, pid: i64, kind: PidKind) -> Option<i64> {
        self.translator.translate(self.tid, pid, kind)
    }
    fn process(&self, pid: i64) -> Option<Box<dyn MemoryReader + '_>> {
        self.inner.process(pid)
    }
}

#[cfg(test)]
mod tests;
