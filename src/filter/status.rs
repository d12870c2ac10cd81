//! `-e status=SET`, `-z` and `-Z`: which syscalls the log shows by how they ended
//! (successful, failed, unfinished, unavailable, detached). The verdict comes at exit,
//! so the log renders each call whole then (see the text sink's staged mode) and this
//! wrapper tells it to drop the calls whose status is not wanted.

use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use std::collections::HashSet;

pub const SUCCESSFUL: u8 = 1;
pub const FAILED: u8 = 2;
pub const UNFINISHED: u8 = 4;
pub const UNAVAILABLE: u8 = 8;
pub const DETACHED: u8 = 16;
const ALL: u8 = 31;

/// A set of syscall statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusSet(pub u8);

impl StatusSet {
    /// strace's syntax: names, `all`, `none`, `!` to invert; `invalid status 'x'`.
    pub fn parse(spec: &str) -> Result<StatusSet, String> {
        let (invert, s) = super::split_invert(spec);
        let mut bits = 0;
        for word in s.split(',') {
            bits |= match word {
                "all" => ALL,
                "none" => 0,
                "successful" => SUCCESSFUL,
                "failed" => FAILED,
                "unfinished" => UNFINISHED,
                "unavailable" => UNAVAILABLE,
                "detached" => DETACHED,
                _ => return Err(format!("invalid status '{word}'")),
            };
        }
        Ok(StatusSet(if invert { !bits & ALL } else { bits }))
    }

    pub fn has(self, status: u8) -> bool {
        self.0 & status != 0
    }
}

/// Passes on the calls whose status is in the set; asks the inner sink to forget
/// the others (`syscall_discard`).
pub struct StatusFiltered<'a> {
    pub inner: &'a mut dyn Sink,
    pub set: StatusSet,
    /// Threads inside a call the inner sink has seen.
    inside: HashSet<Tid>,
}

impl<'a> StatusFiltered<'a> {
    pub fn new(inner: &'a mut dyn Sink, set: StatusSet) -> Self {
        StatusFiltered {
            inner,
            set,
            inside: HashSet::new(),
        }
    }

    /// Ends `tid`'s call with `status`: true when the inner sink should show it.
    fn verdict(&mut self, tid: Tid, status: u8) -> bool {
        if !self.inside.remove(&tid) {
            return false;
        }
        if self.set.has(status) {
            true
        } else {
            self.inner.syscall_discard(tid);
            false
        }
    }
}

impl Sink for StatusFiltered<'_> {
    crate::pass_on_to_inner!();
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        self.inside.insert(tid);
        self.inner.syscall_entry(tid, rec, mem);
    }
    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        let status = match rec.ret {
            None => UNAVAILABLE,
            Some(_) if rec.errno().is_some() => FAILED,
            Some(_) => SUCCESSFUL,
        };
        if self.verdict(tid, status) {
            self.inner.syscall_exit(tid, rec, mem, t);
        }
    }
    fn syscall_never_returns(&mut self, tid: Tid) {
        if self.verdict(tid, UNFINISHED) {
            self.inner.syscall_never_returns(tid);
        }
    }
    fn syscall_discard(&mut self, tid: Tid) {
        self.inside.remove(&tid);
        self.inner.syscall_discard(tid);
    }
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        self.inner.signal(tid, arch, siginfo);
    }
    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        if self.inside.remove(&old) {
            self.inside.insert(pid);
        }
        self.inner.exec_switched(pid, old);
    }
    fn detached(&mut self, tid: Tid) {
        if self.inside.contains(&tid) {
            self.verdict(tid, DETACHED);
        }
        self.inner.detached(tid);
    }
    fn exited(&mut self, tid: Tid, code: i32) {
        self.inside.remove(&tid);
        self.inner.exited(tid, code);
    }
    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.inside.remove(&tid);
        self.inner.killed(tid, sig, core);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_sets() {
        assert_eq!(
            StatusSet::parse("successful").unwrap(),
            StatusSet(SUCCESSFUL)
        );
        assert_eq!(
            StatusSet::parse("failed,unfinished").unwrap(),
            StatusSet(FAILED | UNFINISHED)
        );
        assert_eq!(
            StatusSet::parse("!failed").unwrap(),
            StatusSet(ALL & !FAILED)
        );
        assert_eq!(StatusSet::parse("none").unwrap(), StatusSet(0));
        assert_eq!(StatusSet::parse("all").unwrap(), StatusSet(ALL));
        assert_eq!(
            StatusSet::parse("bogus").unwrap_err(),
            "invalid status 'bogus'"
        );
    }
}
