//! `-ff -o FILE`: one strace-format log per traced thread, `FILE.TID`, as strace
//! writes them. Each file gets its own text sink; it is closed when its thread ends.

use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use crate::render::text::{PidPrefix, TextOptions, TextSink};
use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;

type Log = TextSink<BufWriter<File>>;

pub struct SeparateFiles {
    base: String,
    append: bool,
    /// The options of every file's sink (the pid prefix is always off).
    options: Box<dyn Fn() -> TextOptions>,
    logs: HashMap<Tid, Log>,
    /// A file could not be opened: its message, printed once.
    pub error: Option<String>,
}

impl SeparateFiles {
    pub fn new(base: String, append: bool, options: Box<dyn Fn() -> TextOptions>) -> Self {
        SeparateFiles {
            base,
            append,
            options,
            logs: HashMap::new(),
            error: None,
        }
    }

    fn log(&mut self, tid: Tid) -> Option<&mut Log> {
        if !self.logs.contains_key(&tid) {
            let path = format!("{}.{tid}", self.base);
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .append(self.append)
                .truncate(!self.append)
                .open(&path);
            match file {
                Ok(f) => {
                    let mut opts = (self.options)();
                    opts.prefix = PidPrefix::None;
                    let sink = TextSink::new(BufWriter::with_capacity(16 * 1024, f), opts);
                    self.logs.insert(tid, sink);
                }
                Err(e) => {
                    if self.error.is_none() {
                        self.error = Some(format!("Can't fopen '{path}': {e}"));
                    }
                    return None;
                }
            }
        }
        self.logs.get_mut(&tid)
    }

    /// Writes and closes the file of a thread that is gone.
    fn close(&mut self, tid: Tid) {
        if let Some(mut log) = self.logs.remove(&tid) {
            log.flush();
        }
    }
}

impl Sink for SeparateFiles {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        if let Some(l) = self.log(tid) {
            l.syscall_entry(tid, rec, mem);
        }
    }
    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        if let Some(l) = self.log(tid) {
            l.syscall_exit(tid, rec, mem, t);
        }
    }
    fn syscall_never_returns(&mut self, tid: Tid) {
        if let Some(l) = self.log(tid) {
            l.syscall_never_returns(tid);
        }
    }
    fn syscall_discard(&mut self, tid: Tid) {
        if let Some(l) = self.logs.get_mut(&tid) {
            l.syscall_discard(tid);
        }
    }
    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        if let Some(l) = self.log(tid) {
            l.signal(tid, arch, siginfo);
        }
    }
    fn stopped(&mut self, tid: Tid, sig: i32) {
        if let Some(l) = self.log(tid) {
            l.stopped(tid, sig);
        }
    }
    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        // The thread goes on as the leader: its file is the leader's from now on.
        self.close(pid);
        if let Some(l) = self.logs.remove(&old) {
            self.logs.insert(pid, l);
        }
        if let Some(l) = self.log(pid) {
            l.exec_switched(pid, old);
        }
    }
    fn syscall_hidden(&mut self, tid: Tid, rec: &SyscallRecord) {
        if let Some(l) = self.log(tid) {
            l.syscall_hidden(tid, rec);
        }
    }
    fn instruction_pointer(&mut self, tid: Tid, arch: Arch, ip: Option<u64>) {
        if let Some(l) = self.log(tid) {
            l.instruction_pointer(tid, arch, ip);
        }
    }
    fn personality(&mut self, tid: Tid, arch: Arch) {
        if let Some(l) = self.log(tid) {
            l.personality(tid, arch);
        }
    }
    fn detached(&mut self, tid: Tid) {
        if let Some(l) = self.logs.get_mut(&tid) {
            l.detached(tid);
        }
        self.close(tid);
    }
    fn exited(&mut self, tid: Tid, code: i32) {
        if let Some(l) = self.log(tid) {
            l.exited(tid, code);
        }
        self.close(tid);
    }
    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        if let Some(l) = self.log(tid) {
            l.killed(tid, sig, core);
        }
        self.close(tid);
    }
    fn flush(&mut self) {
        for l in self.logs.values_mut() {
            l.flush();
        }
    }
    fn broken(&self) -> bool {
        self.logs.values().any(|l| l.broken)
    }
}

impl Drop for SeparateFiles {
    fn drop(&mut self) {
        self.flush();
    }
}
