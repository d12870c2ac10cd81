//! CPU placement (`--cpu-placement`). Every ptrace stop hands the CPU from the tracee
//! to the tracer and back; when the two sit on different CPUs, each hand-over wakes
//! an idle CPU, which on a virtual machine costs several times the stop itself
//! (benches/overhead.rs measures it: 5x on an idle 2-vCPU VM). Pinning only the
//! tracer is not enough: the scheduler then wakes the tracee on the idle CPU. So trace
//! pins itself to the CPU of the thread it serves and follows it, and pins that thread
//! there too while it is the only traced thread that runs (the others, if any, wait
//! inside a syscall). At most one thread is pinned, and it gets its own mask back as
//! soon as another traced thread runs, so a multi-threaded program keeps all its CPUs.
//!
//! The program must not notice: its mask is restored at the entry of every clone,
//! clone3, fork and vfork (children inherit the real mask, traced or not) and of
//! sched_getaffinity (it reads the real mask), and pinned again afterwards; a program
//! that calls sched_setaffinity manages its own placement and is never pinned again.
//! Attached processes (`-p`) and tracees under trace's seccomp filter (whose clone and
//! sched_getaffinity need not stop) are never pinned; trace only follows them.

use crate::arch::Arch;
use crate::sys::Pid;
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};

/// `--cpu-placement`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CpuPlacement {
    /// The tracer follows the traced thread; a thread that runs alone is pinned with it.
    #[default]
    Auto,
    /// Only the tracer follows; tracees are never touched.
    Tracer,
    /// Never pin: the scheduler places everything (strace's behaviour).
    Free,
}

impl CpuPlacement {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(CpuPlacement::Auto),
            "tracer" => Ok(CpuPlacement::Tracer),
            "free" => Ok(CpuPlacement::Free),
            other => Err(format!(
                "invalid --cpu-placement value: '{other}' (auto, tracer, free)"
            )),
        }
    }
}

/// How many stops pass between two looks at the tracee's CPU: a look reads
/// /proc/TID/stat (three syscalls), so it must be rare next to the stops themselves,
/// yet often enough to follow a migration within a few milliseconds.
const LOOK_EVERY: u32 = 512;
/// The same while several threads are traced and none is pinned: sooner, to catch the
/// moment when all but one block (a shell waiting for its child).
const LOOK_SOON: u32 = 64;

/// What a watched syscall means for placement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Watch {
    /// Creates a thread or process, which inherits the caller's mask.
    Spawn,
    /// Reads the caller's mask.
    Query,
    /// Sets a mask: the program places itself.
    Set,
}

pub struct Placement {
    /// The mask before pinning (trace's own, which the spawned command inherited),
    /// restored on release; `None` when placement is off or pointless (one CPU).
    original: Option<Vec<usize>>,
    /// Pin a lone tracee too (auto, and no attached process).
    pin_tracee: bool,
    /// The CPU the tracer is pinned to now.
    pinned: Option<usize>,
    /// The tracee pinned with it, if any.
    pinned_tracee: Option<Pid>,
    countdown: u32,
    /// The thread count at the last look: a change triggers a new look at once.
    tracees: usize,
    /// (arch, number) of the syscalls watched at entry.
    watched: Vec<(Arch, u64, Watch)>,
}

impl Placement {
    pub fn new(mode: CpuPlacement) -> Self {
        let original = match mode {
            CpuPlacement::Free => None,
            _ => own_affinity().filter(|cpus| cpus.len() > 1),
        };
        let mut watched = Vec::new();
        if mode == CpuPlacement::Auto {
            for arch in Arch::ALL {
                for (name, w) in [
                    ("clone", Watch::Spawn),
                    ("clone3", Watch::Spawn),
                    ("fork", Watch::Spawn),
                    ("vfork", Watch::Spawn),
                    ("sched_getaffinity", Watch::Query),
                    ("sched_setaffinity", Watch::Set),
                ] {
                    if let Some(nr) = arch.syscall_number(name) {
                        watched.push((arch, nr, w));
                    }
                }
            }
        }
        Placement {
            original,
            pin_tracee: mode == CpuPlacement::Auto,
            pinned: None,
            pinned_tracee: None,
            countdown: 0,
            tracees: 0,
            watched,
        }
    }

    /// Tracees are never pinned, only the tracer follows them: attached processes
    /// (`-p`: a detach could not always give their mask back), and tracees under a
    /// seccomp filter (their clone, fork and sched_getaffinity may not stop, so the pin
    /// could not be hidden).
    pub fn tracer_only(&mut self) {
        self.pin_tracee = false;
    }

    /// Called once per stop of `tid`, with the number of traced threads and a way to
    /// count the OTHER threads that run (are not inside a syscall): moves the tracer to
    /// the CPU `tid` stopped on, and pins `tid` there too when it is the only thread
    /// that runs (the others, if any, wait inside a syscall: a shell for its child, a
    /// pool on a futex); unpins it when it no longer is. At most one tracee is pinned,
    /// so no two threads are ever confined together. Costs nothing except every
    /// [`LOOK_EVERY`] (or [`LOOK_SOON`]) stops or when the thread count changes.
    pub fn on_stop(&mut self, tid: Pid, tracees: usize, others_running: impl FnOnce() -> usize) {
        if self.original.is_none() {
            return;
        }
        if self.countdown > 0 && tracees == self.tracees {
            self.countdown -= 1;
            return;
        }
        self.tracees = tracees;
        let alone = tracees == 1 || others_running() == 0;
        self.countdown = if alone || self.pinned_tracee.is_some() {
            LOOK_EVERY
        } else {
            LOOK_SOON
        };
        if !alone || self.pinned_tracee.is_some_and(|t| t != tid) {
            self.unpin_tracee();
        }
        let Some(cpu) = last_cpu(tid) else {
            return;
        };
        if !self.original.as_ref().is_some_and(|a| a.contains(&cpu)) {
            return;
        }
        if self.pinned != Some(cpu) {
            if !set_affinity(0, &[cpu]) {
                return;
            }
            self.pinned = Some(cpu);
            // The tracee is pinned again below, to the new CPU.
            self.unpin_tracee();
        }
        if self.pin_tracee && alone && self.pinned_tracee.is_none() && set_affinity(tid, &[cpu]) {
            self.pinned_tracee = Some(tid);
        }
    }

    /// Called at every syscall entry: gives the tracee its own mask back before it
    /// creates a thread or process (which would inherit the pin) or reads its mask.
    pub fn on_entry(&mut self, tid: Pid, arch: Arch, nr: u64) {
        if self.pinned_tracee != Some(tid) {
            // Nothing pinned to hide; a program placing itself still stops pinning.
            if self.pin_tracee
                && self
                    .watched
                    .iter()
                    .any(|&(a, n, w)| a == arch && n == nr && w == Watch::Set)
            {
                self.pin_tracee = false;
            }
            return;
        }
        let Some(&(_, _, w)) = self.watched.iter().find(|&&(a, n, _)| a == arch && n == nr) else {
            return;
        };
        self.unpin_tracee();
        if w == Watch::Set {
            self.pin_tracee = false;
        }
        // Look again at the next stop (this call's exit): pinned again if still alone.
        self.countdown = 0;
    }

    /// Thread `tid` is gone (reaped): a pinned one must not be "unpinned" later, when
    /// its id may name another process.
    pub fn gone(&mut self, tid: Pid) {
        if self.pinned_tracee == Some(tid) {
            self.pinned_tracee = None;
        }
    }

    /// Gives the pinned tracee its mask back.
    fn unpin_tracee(&mut self) {
        if let (Some(t), Some(allowed)) = (self.pinned_tracee.take(), &self.original) {
            // ESRCH (the thread is gone) is fine: nothing left to restore.
            let _ = set_affinity(t, allowed);
        }
    }

    /// Gives the tracer and the tracee their masks back (the trace is over).
    pub fn release(&mut self) {
        self.unpin_tracee();
        if let (Some(allowed), Some(_)) = (&self.original, self.pinned.take()) {
            let _ = set_affinity(0, allowed);
        }
    }
}

/// The CPUs the calling thread may run on (nix's safe sched_getaffinity).
fn own_affinity() -> Option<Vec<usize>> {
    let set = sched_getaffinity(nix::unistd::Pid::from_raw(0)).ok()?;
    Some(
        (0..CpuSet::count())
            .filter(|&c| set.is_set(c).unwrap_or(false))
            .collect(),
    )
}

/// Restricts thread `tid` (0: the calling thread, the tracer's wait loop) to `cpus`.
fn set_affinity(tid: Pid, cpus: &[usize]) -> bool {
    let mut set = CpuSet::new();
    for &c in cpus {
        if set.set(c).is_err() {
            return false;
        }
    }
    sched_setaffinity(nix::unistd::Pid::from_raw(tid), &set).is_ok()
}

/// The CPU `tid` last ran on: field 39 of /proc/TID/stat (for a stopped tracee, the
/// CPU it stopped on).
fn last_cpu(tid: Pid) -> Option<usize> {
    let stat = std::fs::read_to_string(format!("/proc/{tid}/stat")).ok()?;
    parse_processor(&stat)
}

/// Field 39 of a /proc/PID/stat line. The command name (field 2) may hold spaces and
/// parentheses, so fields are counted from its closing parenthesis.
fn parse_processor(stat: &str) -> Option<usize> {
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_ascii_whitespace().nth(39 - 3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_field_is_counted_after_the_name() {
        let line = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 \
                    123 4096 100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assert_eq!(parse_processor(line), Some(1));
        assert_eq!(parse_processor("4242 (x) S 1"), None);
        assert_eq!(parse_processor("garbage"), None);
    }

    #[test]
    fn our_own_cpu_is_readable() {
        let cpu = last_cpu(std::process::id() as Pid).expect("own stat");
        assert!(
            own_affinity().is_some_and(|c| c.contains(&cpu)),
            "cpu {cpu}"
        );
    }

    #[test]
    fn modes_parse() {
        assert_eq!(CpuPlacement::parse("auto"), Ok(CpuPlacement::Auto));
        assert_eq!(CpuPlacement::parse("tracer"), Ok(CpuPlacement::Tracer));
        assert_eq!(CpuPlacement::parse("free"), Ok(CpuPlacement::Free));
        assert_eq!(
            CpuPlacement::parse("fast"),
            Err("invalid --cpu-placement value: 'fast' (auto, tracer, free)".into())
        );
    }
}
