//! `-p`: seizing running processes (every thread with `-f`), saying plainly why an
//! attach failed, and detaching so that the process goes on as if nothing happened.

use super::{Thread, TraceError, Tracer, errstr};
use crate::sys::{self, Pid};

/// Why PTRACE_SEIZE of `pid` was refused with EPERM, in words.
fn why_denied(pid: Pid) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    if let Some(tracer) = field("TracerPid:").filter(|t| t != "0") {
        return format!(
            "it is already traced by process {tracer} (TracerPid in /proc/{pid}/status)"
        );
    }
    let scope = std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let root = effective_uid() == Some(0);
    match scope.as_str() {
        "3" => "kernel.yama.ptrace_scope is 3: no process may be attached to".into(),
        "2" if !root => "kernel.yama.ptrace_scope is 2: only CAP_SYS_PTRACE may attach".into(),
        "1" if !root => {
            "kernel.yama.ptrace_scope is 1: only a parent process or CAP_SYS_PTRACE may attach"
                .into()
        }
        _ => {
            let owner = field("Uid:").unwrap_or_default();
            format!(
                "it belongs to another user (Uid: {owner}) or is not dumpable, and tracing it needs CAP_SYS_PTRACE"
            )
        }
    }
}

/// trace's effective uid, from /proc (no unsafe call needed).
fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uids = status.lines().find_map(|l| l.strip_prefix("Uid:"))?;
    uids.split_whitespace().nth(1)?.parse().ok()
}

/// The state letter of /proc/PID/stat (R, S, D, T, t, Z, ...).
fn proc_state(pid: Pid) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the state follows the
    // last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

impl Tracer<'_> {
    /// Seizes process `pid` (all its threads with `-f`) and makes each thread stop once
    /// so that syscall tracing starts. Prints strace's `Process N attached` line.
    pub(super) fn attach(&mut self, pid: Pid) -> Result<(), TraceError> {
        if pid == std::process::id() as Pid {
            return Err(TraceError(format!(
                "cannot attach to process {pid}: it is trace itself"
            )));
        }
        match proc_state(pid) {
            None => {
                return Err(TraceError(format!(
                    "attach: ptrace(PTRACE_SEIZE, {pid}): No such process"
                )));
            }
            Some('Z') => {
                return Err(TraceError(format!(
                    "cannot attach to process {pid}: it is a zombie (it has exited and waits for its parent)"
                )));
            }
            _ => {}
        }
        let options = self.ptrace_options_for(false);
        if let Err(e) = sys::seize(pid, options) {
            let why = if e == libc::EPERM {
                format!(": {}", why_denied(pid))
            } else {
                String::new()
            };
            return Err(TraceError(format!(
                "attach: ptrace(PTRACE_SEIZE, {pid}): {}{why}",
                errstr(e)
            )));
        }
        self.grab(pid);
        let mut threads = 1;
        if self.opts.follow_forks {
            let tids: Vec<Pid> = std::fs::read_dir(format!("/proc/{pid}/task"))
                .map(|rd| {
                    rd.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                        .filter(|&t| t != pid)
                        .collect()
                })
                .unwrap_or_default();
            for tid in tids {
                // A thread that exits meanwhile is simply not there to trace.
                if sys::seize(tid, options).is_ok() {
                    self.grab(tid);
                    threads += 1;
                }
            }
        }
        if self.opts.announce {
            match threads {
                1 => eprintln!("{}: Process {pid} attached", crate::progname()),
                n => eprintln!(
                    "{}: Process {pid} attached with {n} threads",
                    crate::progname()
                ),
            }
        }
        self.sink.set_thread_count(self.threads.len());
        Ok(())
    }

    /// Records a seized thread and stops it once: its first stop starts syscall
    /// tracing (a call it is blocked in is interrupted and restarted by the kernel).
    fn grab(&mut self, tid: Pid) {
        self.threads.insert(
            tid,
            Thread {
                attached: true,
                ..Thread::default()
            },
        );
        let _ = sys::interrupt(tid);
    }

    /// Whether a thread that stopped before its parent's fork/clone event belongs to
    /// an attached process: its thread group or its parent is (or was) one of ours
    /// that came from `-p`.
    pub(super) fn adopted_is_attached(&self, tid: Pid) -> bool {
        if !self.has_attached {
            return false;
        }
        if self.main_pid == 0 {
            return true; // nothing but attached processes is traced
        }
        let status = std::fs::read_to_string(format!("/proc/{tid}/status")).unwrap_or_default();
        let ours = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse::<Pid>().ok())
                .is_some_and(|p| {
                    self.released.contains(&p) || self.threads.get(&p).is_some_and(|t| t.attached)
                })
        };
        ours("Tgid:") || ours("PPid:")
    }

    /// Detaches every thread that came from `-p` (and its children): each is stopped
    /// with PTRACE_INTERRUPT and detached from that stop, handing back a signal that
    /// was about to be delivered, so none is left stopped and none loses a signal.
    /// Threads of theirs that show up later are let go at their first stop. With
    /// `everyone`, the command's threads are let go as well (silently, as strace).
    pub(super) fn detach(&mut self, everyone: bool) {
        self.letting_go = true;
        self.letting_all |= everyone;
        let tids: Vec<Pid> = self
            .threads
            .iter()
            .filter(|(_, t)| everyone || t.attached)
            .map(|(&tid, _)| tid)
            .collect();
        for &tid in &tids {
            if sys::interrupt(tid).is_err() {
                // Gone already (ESRCH): its exit is reaped below or by the loop.
                continue;
            }
        }
        for tid in tids {
            loop {
                match sys::wait(tid, 0) {
                    Err(libc::EINTR) => continue,
                    Err(_) => {
                        self.threads.remove(&tid);
                        break;
                    }
                    Ok(None) => break,
                    Ok(Some((_, status))) => {
                        if libc::WIFEXITED(status) || libc::WIFSIGNALED(status) {
                            self.reap(tid, status);
                            break;
                        }
                        if libc::WIFSTOPPED(status) {
                            self.let_go(tid, status);
                            break;
                        }
                    }
                }
            }
        }
        self.sink.set_thread_count(self.threads.len());
        self.sink.flush();
    }

    /// Detaches `tid` from the stop `status` reports. A signal-delivery-stop's signal
    /// goes with the detach; event and syscall stops carry none.
    pub(super) fn let_go(&mut self, tid: Pid, status: i32) {
        let event = status >> 16;
        let sig = libc::WSTOPSIG(status);
        let pass = if event == 0 && sig != (libc::SIGTRAP | 0x80) {
            sig
        } else {
            0
        };
        let _ = sys::detach(tid, pass);
        let attached = self.threads.remove(&tid).is_some_and(|t| t.attached);
        self.released.insert(tid);
        self.sink.detached(tid);
        // strace names attached processes, and all with -b (the command's too).
        if self.opts.announce && (attached || self.opts.detach_on_exec) {
            eprintln!("{}: Process {tid} detached", crate::progname());
        }
        self.sink.set_thread_count(self.threads.len());
    }
}
