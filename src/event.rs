//! What the tracer reports to a renderer. Calls happen while the thread is stopped, so a
//! renderer may read its memory through the given reader during the call.

use crate::arch::Arch;
use crate::record::{MemoryReader, SyscallRecord};

pub type Tid = i32;

pub trait Sink {
    /// A thread entered a syscall; `rec.ret` is `None`.
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader);
    /// The same thread left it; `rec` carries the entry's number and args plus `ret`.
    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader);
    /// The thread is exiting while inside a syscall that will never return (`= ?`).
    fn syscall_never_returns(&mut self, tid: Tid);
    /// A signal is about to be delivered: raw siginfo as the tracee's arch lays it out.
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]);
    /// Group-stop by a stopping signal.
    fn stopped(&mut self, tid: Tid, sig: i32);
    /// Thread `old` of process `pid` called execve: it now has the leader's id `pid`,
    /// and the former leader is gone.
    fn exec_switched(&mut self, _pid: Tid, _old: Tid) {}
    fn exited(&mut self, tid: Tid, code: i32);
    fn killed(&mut self, tid: Tid, sig: i32, core: bool);
    /// How many threads are traced now (strace prefixes pids once there are several).
    fn set_thread_count(&mut self, _n: usize) {}
    /// A good moment to write buffered output (the tracer is about to block).
    fn flush(&mut self) {}
}
