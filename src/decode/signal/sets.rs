//! Signal names and signal sets: the numbering every arch we decode shares, the
//! `[INT CHLD]`/`~[...]` set notation, and the sigset-shaped arguments and results.

use crate::decode::bytes::read_or_addr;
use crate::decode::{Ctx, fmt};
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

/// Highest signal number the kernel knows (`_NSIG`).
const NSIG: i32 = 64;
/// First realtime signal as the kernel numbers it.
const SIGRTMIN: i32 = 32;
/// Size of the kernel's sigset_t.
pub(super) const NSIG_BYTES: u64 = 8;

const SIGNAMES: [&str; 33] = [
    "0",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS",
    "SIGRTMIN",
];

/// The name strace gives signal `sig`: `SIGINT`, `SIGRTMIN`, `SIGRT_3`; `None` for 0,
/// negative and out-of-range numbers (which print as numbers).
pub fn signame(sig: i32) -> Option<String> {
    if sig <= 0 {
        return None;
    }
    if let Some(n) = SIGNAMES.get(sig as usize) {
        return Some((*n).to_string());
    }
    (SIGRTMIN..=NSIG)
        .contains(&sig)
        .then(|| format!("SIGRT_{}", sig - SIGRTMIN))
}

/// `SIGINT`, `SIGRT_3`, or the number.
pub fn print_signame(out: &mut String, sig: i32) {
    match signame(sig) {
        Some(n) => out.push_str(&n),
        None => fmt::dec(out, sig),
    }
}

/// [`print_signame`] in the `-X` style: `17 /* SIGCHLD */` under `-X verbose`.
pub fn print_signame_styled(c: &Ctx, out: &mut String, sig: i32) {
    print_signame_in(out, c.opts.xlat, sig);
}

pub(super) fn print_signame_in(out: &mut String, style: fmt::XlatStyle, sig: i32) {
    match signame(sig) {
        Some(n) => fmt::named_in(out, style, &n, |o| fmt::dec(o, sig)),
        None => fmt::dec(out, sig),
    }
}

/// [`print_sigset_bits`] in the `-X` style: `[9 /* KILL */]` under `-X verbose`.
pub fn print_sigset_bits_styled(c: &Ctx, out: &mut String, mask: &[u8]) {
    sigset_bits(out, mask, c.opts.xlat);
}

/// A signal set as strace prints it: `[INT CHLD]`, `[]`, or the complement `~[RTMIN
/// RT_1]` when at least two thirds of the bits are set. `mask` holds the set's bytes in
/// tracee order (little-endian on every arch we decode); at most 8 are looked at.
pub fn print_sigset_bits(out: &mut String, mask: &[u8]) {
    sigset_bits(out, mask, fmt::XlatStyle::Abbrev);
}

fn sigset_bits(out: &mut String, mask: &[u8], style: fmt::XlatStyle) {
    let len = mask.len().min(NSIG_BYTES as usize);
    let words = len.div_ceil(4);
    let mut bits = [0u32; 2];
    for (i, w) in bits.iter_mut().enumerate().take(words) {
        let mut b = [0u8; 4];
        for (j, byte) in b.iter_mut().enumerate() {
            *byte = mask
                .get(i * 4 + j)
                .copied()
                .filter(|_| i * 4 + j < len)
                .unwrap_or(0);
        }
        *w = u32::from_le_bytes(b);
    }
    let set: u32 = bits[..words].iter().map(|w| w.count_ones()).sum();
    if words > 0 && set as usize >= words * 32 * 2 / 3 {
        for w in bits.iter_mut().take(words) {
            *w = !*w;
        }
        out.push('~');
    }
    out.push('[');
    let mut first = true;
    for bit in 0..words * 32 {
        if bits[bit / 32] & (1 << (bit % 32)) == 0 {
            continue;
        }
        let sig = bit as i32 + 1;
        if !first {
            out.push(' ');
        }
        first = false;
        // Sets name their members without the `SIG` prefix.
        match signame(sig) {
            Some(n) => fmt::named_in(out, style, &n[3..], |o| fmt::dec(o, sig)),
            None => fmt::dec(out, sig),
        }
    }
    out.push(']');
}

/// `sigset(argN[,MIN])`: a sigset pointer whose size is argument N. Sizes outside
/// MIN..=8 (MIN defaults to the word size) print as the address, as the kernel rejects
/// them.
pub(super) fn print_sigset_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let len = c.len_of(a.param(0)).unwrap_or(NSIG_BYTES);
    let min = match a.param(1) {
        Some(Param::Num(n)) => *n,
        _ => c.word() as u64,
    };
    print_sigset_at(c, c.arg(a.index), len, min, a.out, o);
    true
}

/// A sigset in tracee memory of `len` bytes.
pub fn print_sigset_at(c: &Ctx, addr: u64, len: u64, min: u64, out: bool, o: &mut String) {
    if !(min..=NSIG_BYTES).contains(&len) {
        fmt::addr(o, addr);
        return;
    }
    if let Some(b) = read_or_addr(c, addr, len as usize, out, o) {
        print_sigset_bits_styled(c, o, &b);
    }
}

/// The old word-sized mask passed by value (i386 sigsuspend, sgetmask's result).
pub(super) fn print_old_sigmask(c: &Ctx, v: u64, o: &mut String) {
    print_sigset_bits_styled(c, o, &v.to_le_bytes()[..c.word()]);
}

/// sgetmask/ssetmask results: the old word-sized mask in hex, then as a set.
pub(super) fn print_mask_ret(c: &Ctx, prefix: &str, o: &mut String) {
    let v = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    fmt::hex(o, v);
    let _ = write!(o, " ({prefix}");
    print_old_sigmask(c, v, o);
    o.push(')');
}
