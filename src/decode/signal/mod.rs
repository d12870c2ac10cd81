//! Signals: names, signal sets, siginfo (for `--- SIG {...} ---` lines and the
//! rt_sig* calls), and the signal-related syscall argument types, printed the way
//! strace 6.1 prints them.
//!
//! Every architecture we decode (x86, arm, aarch64, riscv) uses the generic Linux signal
//! numbering and an 8-byte kernel sigset, so those facts are constants here rather than
//! per-arch tables.

//!
//! `sets` owns names and signal sets, `action` the handler structures (sigaction,
//! stack_t), `frame` what rt_sigreturn/sigreturn/restart_syscall find on the stack,
//! `siginfo` the siginfo_t layouts, and `mem` the reading of tracee structures, which
//! the time group shares.

mod action;
mod frame;
mod sets;
mod siginfo;
#[cfg(test)]
pub(crate) mod tests;

pub use action::print_sigaction;
pub use frame::print_restart_syscall;
pub use sets::{
    print_signame, print_signame_styled, print_sigset_at, print_sigset_bits,
    print_sigset_bits_styled, signame,
};
pub use siginfo::{
    print_siginfo, print_siginfo_at, print_siginfo_event, print_siginfo_event_pids,
    print_siginfo_event_styled, print_siginfo_of,
};

pub(super) use crate::decode::bytes::{le, print_flags, print_long_ret, read_or_addr, sle};

use super::fmt;
use super::{ArgType, RetType, ty};
use action::{print_old_sigaction, print_sa_handler, print_stack_t, sa_handler_name};
use frame::{guess_interrupted, print_rt_sigframe, print_sigreturn_frame};
use sets::{print_mask_ret, print_old_sigmask, print_sigset_arg};

use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("signo", |c, a, o| {
        sets::print_signame_styled(c, o, c.iarg(a.index));
        true
    }),
    ty("sigset", print_sigset_arg),
    ty("sigaction", |c, a, o| {
        print_sigaction(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("siginfo", |c, a, o| {
        print_siginfo_at(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("stack_t", |c, a, o| {
        print_stack_t(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("rt_sigframe", print_rt_sigframe),
    // The old word-sized mask passed by value (i386 sigsuspend).
    ty("old_sigmask", |c, a, o| {
        print_old_sigmask(c, c.arg(a.index), o);
        true
    }),
    ty("old_sigaction", |c, a, o| {
        print_old_sigaction(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("sa_handler", |c, a, o| {
        print_sa_handler(c, c.arg(a.index), o);
        true
    }),
    ty("sigreturn_frame", print_sigreturn_frame),
    ty("restart_syscall", |c, _, o| {
        print_restart_syscall(guess_interrupted(c), o);
        true
    }),
];

pub static RETS: &[RetType] = &[
    // rt_sigtimedwait: `= 10 (SIGUSR1)`.
    RetType {
        name: "signo",
        print: |c, o| print_long_ret(c, o, |v| signame(v as i32).filter(|_| v != 0)),
    },
    // signal(): the previous handler, in hex with its name.
    RetType {
        name: "sa_handler",
        print: |c, o| {
            let v = c.arch().ulong(c.ret().unwrap_or(0) as u64);
            fmt::hex(o, v);
            if let Some(n) = sa_handler_name(c.arch(), v) {
                let _ = write!(o, " ({n})");
            }
        },
    },
    // sgetmask: `= 0x2 (mask [INT])`.
    RetType {
        name: "sigmask",
        print: |c, o| print_mask_ret(c, "mask ", o),
    },
    // ssetmask: `= 0 (old mask [])`.
    RetType {
        name: "old_sigmask",
        print: |c, o| print_mask_ret(c, "old mask ", o),
    },
];
