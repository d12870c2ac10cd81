//! Where the tracer runs (`--cpu-placement`). Every ptrace stop hands the CPU from the
//! tracee to the tracer and back; when the two sit on different CPUs, each hand-over
//! wakes an idle CPU, which on a virtual machine costs several times the stop itself
//! (benches/overhead.rs measures it). So the tracer pins ITSELF to the CPU its tracee
//! runs on, and follows it when the scheduler moves it. The tracee's own affinity is
//! never touched: a program sizing its thread pool by sched_getaffinity, or its
//! children inheriting the mask, see what they would see untraced.

use crate::sys::Pid;
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};

/// `--cpu-placement`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CpuPlacement {
    /// Follow the tracee while one thread is traced; run anywhere while several are,
    /// so their stops can be served in parallel.
    #[default]
    Auto,
    /// Always follow a tracee, however many are traced.
    Same,
    /// Never pin: the scheduler places the tracer (strace's behaviour).
    Free,
}

impl CpuPlacement {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(CpuPlacement::Auto),
            "same" => Ok(CpuPlacement::Same),
            "free" => Ok(CpuPlacement::Free),
            other => Err(format!(
                "invalid --cpu-placement value: '{other}' (auto, same, free)"
            )),
        }
    }
}

/// How many stops pass between two looks at the tracee's CPU: a look reads
/// /proc/TID/stat (three syscalls), so it must be rare next to the stops themselves,
/// yet often enough to follow a migration within a few milliseconds.
const LOOK_EVERY: u32 = 512;

pub struct Placement {
    mode: CpuPlacement,
    /// The tracer's own mask before pinning, restored on release; `None` when pinning
    /// is off or pointless (a single allowed CPU).
    original: Option<Vec<usize>>,
    /// The CPU the tracer is pinned to now.
    pinned: Option<usize>,
    countdown: u32,
}

impl Placement {
    pub fn new(mode: CpuPlacement) -> Self {
        let original = match mode {
            CpuPlacement::Free => None,
            _ => own_affinity().filter(|cpus| cpus.len() > 1),
        };
        Placement {
            mode,
            original,
            pinned: None,
            countdown: 0,
        }
    }

    /// Called once per stop of `tid`, with the number of traced threads: pins, follows
    /// or releases the tracer as the mode says.
    pub fn on_stop(&mut self, tid: Pid, tracees: usize) {
        let Some(allowed) = &self.original else {
            return;
        };
        if self.mode == CpuPlacement::Auto && tracees > 1 {
            if self.pinned.take().is_some() {
                let _ = set_own_affinity(allowed);
            }
            return;
        }
        if self.pinned.is_some() && self.countdown > 0 {
            self.countdown -= 1;
            return;
        }
        self.countdown = LOOK_EVERY;
        let Some(cpu) = last_cpu(tid) else {
            return;
        };
        if self.pinned != Some(cpu) && allowed.contains(&cpu) && set_own_affinity(&[cpu]) {
            self.pinned = Some(cpu);
        }
    }

    /// Gives the tracer its original mask back (the trace is over).
    pub fn release(&mut self) {
        if let (Some(allowed), Some(_)) = (&self.original, self.pinned.take()) {
            let _ = set_own_affinity(allowed);
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

/// Restricts the calling thread (the tracer's wait loop) to `cpus`.
fn set_own_affinity(cpus: &[usize]) -> bool {
    let mut set = CpuSet::new();
    for &c in cpus {
        if set.set(c).is_err() {
            return false;
        }
    }
    sched_setaffinity(nix::unistd::Pid::from_raw(0), &set).is_ok()
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
        assert_eq!(CpuPlacement::parse("same"), Ok(CpuPlacement::Same));
        assert_eq!(CpuPlacement::parse("free"), Ok(CpuPlacement::Free));
        assert_eq!(
            CpuPlacement::parse("fast"),
            Err("invalid --cpu-placement value: 'fast' (auto, same, free)".into())
        );
    }
}
