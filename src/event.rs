//! What the tracer reports to a renderer. Calls happen while the thread is stopped, so a
//! renderer may read its memory through the given reader during the call.

use crate::arch::Arch;
use crate::record::{MemoryReader, SyscallRecord};

pub type Tid = i32;

/// How long a syscall took, measured at its entry and exit stops (and what `-e
/// inject=` did to it, which the log notes after the result).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// Monotonic clock from the entry stop to the exit stop (`-w`, `-T`).
    pub wall: std::time::Duration,
    /// The thread's system CPU time over the same stops (`-c` without `-w`); zero
    /// unless the tracer was asked to measure it.
    pub system: std::time::Duration,
    pub tampered: Tampered,
}

/// What `-e inject=` / `-e fault=` did to one syscall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tampered {
    /// The result was replaced (`error=`, `retval=`).
    pub retval: bool,
    /// `retval=` in the errno range: shown as a plain number, not an error.
    pub forced_success: bool,
    /// `poke_enter=` / `poke_exit=` wrote into its arguments.
    pub args: bool,
    /// `delay_enter=` / `delay_exit=` held it.
    pub delayed: bool,
}

impl Tampered {
    /// strace's note after the result: ` (INJECTED)`, ` (INJECTED: args)`,
    /// ` (INJECTED: args, retval)`, then ` (DELAYED)`.
    pub fn note(&self) -> &'static str {
        match (self.retval, self.args, self.delayed) {
            (false, false, false) => "",
            (true, false, false) => " (INJECTED)",
            (false, true, false) => " (INJECTED: args)",
            (true, true, false) => " (INJECTED: args, retval)",
            (false, false, true) => " (DELAYED)",
            (true, false, true) => " (INJECTED) (DELAYED)",
            (false, true, true) => " (INJECTED: args) (DELAYED)",
            (true, true, true) => " (INJECTED: args, retval) (DELAYED)",
        }
    }
}

pub trait Sink {
    /// A thread entered a syscall; `rec.ret` is `None`.
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader);
    /// The same thread left it; `rec` carries the entry's number and args plus `ret`.
    fn syscall_exit(
        &mut self,
        tid: Tid,
        rec: &SyscallRecord,
        mem: &dyn MemoryReader,
        timing: &Timing,
    );
    /// The thread is exiting while inside a syscall that will never return (`= ?`).
    fn syscall_never_returns(&mut self, tid: Tid);
    /// Forget the thread's current call: it is not to be shown (`-e status=`).
    fn syscall_discard(&mut self, _tid: Tid) {}
    /// A thread entered a syscall that `-e trace=` or `-P` leaves out (`-n` still
    /// shows its number on the thread's next signal or exit line).
    fn syscall_hidden(&mut self, _tid: Tid, _rec: &SyscallRecord) {}
    /// `-i`: where the thread stopped (its instruction pointer, `None` when it cannot be
    /// read), told just before the event of that stop.
    fn instruction_pointer(&mut self, _tid: Tid, _arch: Arch, _ip: Option<u64>) {}
    /// A signal is about to be delivered: raw siginfo as the tracee's arch lays it out.
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]);
    /// Group-stop by a stopping signal.
    fn stopped(&mut self, tid: Tid, sig: i32);
    /// Thread `old` of process `pid` called execve: it now has the leader's id `pid`,
    /// and the former leader is gone.
    fn exec_switched(&mut self, _pid: Tid, _old: Tid) {}
    /// The thread's syscalls now come in another personality (an i386 program
    /// started by a 64-bit one).
    fn personality(&mut self, _tid: Tid, _arch: Arch) {}
    /// A new thread or process of a traced one is traced too (`-f`).
    fn child_attached(&mut self, _tid: Tid) {}
    /// The thread was detached (it goes on untraced).
    fn detached(&mut self, _tid: Tid) {}
    fn exited(&mut self, tid: Tid, code: i32);
    fn killed(&mut self, tid: Tid, sig: i32, core: bool);
    /// How many threads are traced now (strace prefixes pids once there are several).
    fn set_thread_count(&mut self, _n: usize) {}
    /// A good moment to write buffered output (the tracer is about to block).
    fn flush(&mut self) {}
    /// The output is gone (a closed pipe): tracing on is pointless.
    fn broken(&self) -> bool {
        false
    }
}

/// The [`Sink`] methods a filtering wrapper (a struct with an `inner: &mut dyn Sink`)
/// passes on unchanged: stops, personality changes, new children, thread counts,
/// flushes and the broken-output question.
#[macro_export]
macro_rules! pass_on_to_inner {
    () => {
        fn stopped(&mut self, tid: $crate::event::Tid, sig: i32) {
            self.inner.stopped(tid, sig);
        }
        fn personality(&mut self, tid: $crate::event::Tid, arch: $crate::arch::Arch) {
            self.inner.personality(tid, arch);
        }
        fn child_attached(&mut self, tid: $crate::event::Tid) {
            self.inner.child_attached(tid);
        }
        fn syscall_hidden(&mut self, tid: $crate::event::Tid, rec: &$crate::record::SyscallRecord) {
            self.inner.syscall_hidden(tid, rec);
        }
        fn instruction_pointer(
            &mut self,
            tid: $crate::event::Tid,
            arch: $crate::arch::Arch,
            ip: Option<u64>,
        ) {
            self.inner.instruction_pointer(tid, arch, ip);
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
    };
}

/// Hands every event to two sinks (`-C`: the log and the summary).
pub struct Both<'a>(pub &'a mut dyn Sink, pub &'a mut dyn Sink);

impl Sink for Both<'_> {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        self.0.syscall_entry(tid, rec, mem);
        self.1.syscall_entry(tid, rec, mem);
    }
    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        self.0.syscall_exit(tid, rec, mem, t);
        self.1.syscall_exit(tid, rec, mem, t);
    }
    fn syscall_never_returns(&mut self, tid: Tid) {
        self.0.syscall_never_returns(tid);
        self.1.syscall_never_returns(tid);
    }
    fn syscall_discard(&mut self, tid: Tid) {
        self.0.syscall_discard(tid);
        self.1.syscall_discard(tid);
    }
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        self.0.signal(tid, arch, siginfo);
        self.1.signal(tid, arch, siginfo);
    }
    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.0.stopped(tid, sig);
        self.1.stopped(tid, sig);
    }
    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        self.0.exec_switched(pid, old);
        self.1.exec_switched(pid, old);
    }
    fn personality(&mut self, tid: Tid, arch: Arch) {
        self.0.personality(tid, arch);
        self.1.personality(tid, arch);
    }
    fn child_attached(&mut self, tid: Tid) {
        self.0.child_attached(tid);
        self.1.child_attached(tid);
    }
    fn syscall_hidden(&mut self, tid: Tid, rec: &SyscallRecord) {
        self.0.syscall_hidden(tid, rec);
        self.1.syscall_hidden(tid, rec);
    }
    fn instruction_pointer(&mut self, tid: Tid, arch: Arch, ip: Option<u64>) {
        self.0.instruction_pointer(tid, arch, ip);
        self.1.instruction_pointer(tid, arch, ip);
    }
    fn detached(&mut self, tid: Tid) {
        self.0.detached(tid);
        self.1.detached(tid);
    }
    fn exited(&mut self, tid: Tid, code: i32) {
        self.0.exited(tid, code);
        self.1.exited(tid, code);
    }
    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.0.killed(tid, sig, core);
        self.1.killed(tid, sig, core);
    }
    fn set_thread_count(&mut self, n: usize) {
        self.0.set_thread_count(n);
        self.1.set_thread_count(n);
    }
    fn flush(&mut self) {
        self.0.flush();
        self.1.flush();
    }
    fn broken(&self) -> bool {
        self.0.broken() || self.1.broken()
    }
}
