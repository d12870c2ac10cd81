//! `-e inject=` / `-e fault=` at the stops, strace's way: at the entry stop the
//! syscall number becomes -1 (an invalid one, so the kernel runs nothing; or the
//! `syscall=` substitute) and at the exit stop the return register gets -ERRNO or the
//! `retval=`. Signals are sent by the ptrace restart of a syscall stop (so they arrive
//! with `si_code=SI_KERNEL`, as under strace). Which calls fire is decided by the pure
//! `filter::inject`; the register and memory writes go through `sys`.

use crate::arch::Arch;
use crate::event::Tampered;
use crate::filter::inject::{InjectAction, InjectRet, Poke};
use crate::sys::{self, Pid};
use std::time::{Duration, Instant};

/// What is left to do at the exit of a call a rule fired on.
#[derive(Clone, Debug)]
pub(super) struct Tamper {
    /// The return register's new value.
    ret: Option<i64>,
    /// `syscall=` ran a substitute, which must succeed (-1 must fail with ENOSYS).
    substituted: bool,
    forced_success: bool,
    /// A signal sent at the exit stop: a seccomp stop's restart sends none.
    signal_at_exit: i32,
    pub(super) delay_exit: Option<Duration>,
    poke_exit: Vec<Poke>,
    arch: Arch,
    nr: u64,
    args: [u64; 6],
    note: Tampered,
}

/// Writes the pokes into the memory the arguments point at; whether any was written.
/// Failures are reported as strace reports them, and the call goes on.
fn poke(pid: Pid, pokes: &[Poke], arch: Arch, nr: u64, args: &[u64; 6]) -> bool {
    if pokes.is_empty() {
        return false;
    }
    let name = arch.syscall_name(nr).unwrap_or("?");
    let n_args = crate::table::signature_by_name(arch, name).map_or(6, |s| s.args.len());
    let mut done = false;
    for p in pokes {
        let i = usize::from(p.arg) - 1;
        if i >= n_args || i >= args.len() {
            eprintln!(
                "trace: Failed to tamper with process {pid}: requested to tamper with \
                 argument #{}, but system call '{name}' has only {n_args} arguments",
                p.arg
            );
            continue;
        }
        // A 32-bit tracee's pointer cannot be above 4 GiB.
        let addr = args[i];
        let fits = arch.word_bytes() == 8 || addr <= u64::from(u32::MAX);
        if fits && sys::poke_memory(pid, addr, &p.data) > 0 {
            done = true;
        } else {
            eprintln!("trace: Failed to tamper with process {pid}: couldn't poke");
        }
    }
    done
}

/// Tampers with a thread stopped at the entry of a call `action` fires on. Returns the
/// signal to restart it with, and what to do at its exit. `delay_enter=` is the
/// caller's: it holds the thread stopped (without waiting for it).
pub(super) fn at_entry(
    pid: Pid,
    action: &InjectAction,
    arch: Arch,
    nr: u64,
    args: &[u64; 6],
    seccomp_stop: bool,
) -> (i32, Tamper) {
    let mut t = Tamper {
        arch,
        nr,
        args: *args,
        delay_exit: action.delay_exit,
        poke_exit: action.poke_exit.clone(),
        ret: None,
        substituted: false,
        forced_success: false,
        signal_at_exit: 0,
        note: Tampered::default(),
    };
    let mut sig = 0;
    if let Some(s) = action.signal {
        // The kernel ignores the signal of a PTRACE_EVENT_SECCOMP restart.
        if seccomp_stop {
            t.signal_at_exit = s;
        } else {
            sig = s;
        }
    }
    if let Some(nr) = action.entry_number(arch)
        && sys::regs::set_syscall_number(pid, nr).is_ok()
    {
        t.ret = action.exit_value(arch);
        t.substituted = nr != u64::MAX;
        t.note.retval = true;
        t.forced_success = matches!(action.ret, Some(InjectRet::Value(_)))
            && t.ret.is_some_and(|r| (-4095..0).contains(&r));
    }
    t.note.args = poke(pid, &action.poke_enter, arch, nr, args);
    t.note.delayed = action.delay_enter.is_some();
    (sig, t)
}

/// strace's complaint when a tampered call did not end as it must: a skipped call
/// (number -1) fails with ENOSYS and a `syscall=` substitute succeeds; otherwise
/// something else changed the call, and its result is left alone.
fn unexpected(pid: Pid, got: i64, substituted: bool) -> Option<String> {
    let failed = (-4095..0).contains(&got);
    if failed != substituted {
        return None;
    }
    let (rval, error) = if failed { (-1, -got) } else { (got, 0) };
    Some(format!(
        "Failed to tamper with process {pid}: unexpectedly got {}error \
         (return value {:#x}, error {error})",
        if substituted { "" } else { "no " },
        rval as u64
    ))
}

/// Finishes the tampering at the exit stop, where the call returned `got` (the
/// kernel's value, sign-extended): returns the value the call now returns (when
/// replaced), the signal to restart with, and the note for the log. The caller holds
/// the thread for `delay_exit=`.
pub(super) fn at_exit(pid: Pid, t: &Tamper, got: i64) -> (Option<i64>, i32, Tampered) {
    let mut note = t.note;
    note.args |= poke(pid, &t.poke_exit, t.arch, t.nr, &t.args);
    note.delayed |= t.delay_exit.is_some();
    let complaint = unexpected(pid, got, t.substituted).filter(|_| t.ret.is_some());
    if let Some(c) = &complaint {
        eprintln!("trace: {c}");
    }
    let expected = complaint.is_none();
    let ret = t
        .ret
        .filter(|_| expected)
        .filter(|&v| sys::regs::set_return(pid, v).is_ok());
    note.retval = ret.is_some();
    note.forced_success = ret.is_some() && t.forced_success;
    (ret, t.signal_at_exit, note)
}

impl super::Tracer<'_> {
    /// Restarts the held threads (`delay_enter=`, `delay_exit=`) whose time has come;
    /// returns how long until the next is due.
    fn release_held(&mut self) -> Option<Duration> {
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = self.held.drain(..).partition(|h| h.0 <= now);
        self.held = later;
        for (_, pid, sig) in due {
            self.resume(pid, sig);
        }
        self.held.iter().map(|h| h.0 - now).min()
    }

    /// One turn of the wait loop while threads are held: handles a stop if one is
    /// ready, else sleeps a little (never past the next release). False when no
    /// thread is held, and the loop waits as usual.
    pub(super) fn wait_while_held(&mut self) -> bool {
        if self.held.is_empty() {
            return false;
        }
        let Some(next) = self.release_held() else {
            return false;
        };
        match self.wait_one(libc::WNOHANG) {
            Ok(Some((pid, status, stime))) => self.handle(pid, status, stime),
            Ok(None) | Err(_) => {
                self.sink.flush();
                std::thread::sleep(next.min(Duration::from_millis(1)));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::unexpected;

    #[test]
    fn complains_as_strace_when_the_call_did_not_end_as_it_must() {
        assert_eq!(unexpected(7, -38, false), None);
        assert_eq!(unexpected(7, 5, true), None);
        assert_eq!(
            unexpected(7, 5, false).unwrap(),
            "Failed to tamper with process 7: unexpectedly got no error (return value 0x5, error 0)"
        );
        assert_eq!(
            unexpected(7, -2, true).unwrap(),
            "Failed to tamper with process 7: unexpectedly got error \
             (return value 0xffffffffffffffff, error 2)"
        );
    }
}
