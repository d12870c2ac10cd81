//! Signals: names, signal sets, siginfo (for `--- SIG {...} ---` lines and the
//! rt_sig* calls), and the signal-related syscall argument types, printed the way
//! strace 6.1 prints them.
//!
//! Every architecture we decode (x86, arm, aarch64, riscv) uses the generic Linux signal
//! numbering and an 8-byte kernel sigset, so those facts are constants here rather than
//! per-arch tables.

use super::fmt;
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::table::{self, ArgSpec, Param};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("signo", |c, a, o| {
        print_signame(o, c.iarg(a.index));
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
        print: |c, o| {
            let v = c.arch().long(c.ret().unwrap_or(0) as u64);
            fmt::dec(o, v);
            if let Some(n) = signame(v as i32).filter(|_| v != 0) {
                let _ = write!(o, " ({n})");
            }
        },
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

/// Highest signal number the kernel knows (`_NSIG`).
const NSIG: i32 = 64;
/// First realtime signal as the kernel numbers it.
const SIGRTMIN: i32 = 32;
/// Size of the kernel's sigset_t.
const NSIG_BYTES: u64 = 8;

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

/// A signal set as strace prints it: `[INT CHLD]`, `[]`, or the complement `~[RTMIN
/// RT_1]` when at least two thirds of the bits are set. `mask` holds the set's bytes in
/// tracee order (little-endian on every arch we decode); at most 8 are looked at.
pub fn print_sigset_bits(out: &mut String, mask: &[u8]) {
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
        if let Some(n) = SIGNAMES.get(sig as usize) {
            out.push_str(&n[3..]);
        } else if (SIGRTMIN..=NSIG).contains(&sig) {
            let _ = write!(out, "RT_{}", sig - SIGRTMIN);
        } else {
            fmt::dec(out, sig);
        }
    }
    out.push(']');
}

/// Whether an out argument must print as its bare address: the call failed, so the
/// kernel wrote nothing (strace's umove_or_printaddr at exit).
fn out_failed(c: &Ctx, out: bool) -> bool {
    out && c.exiting() && c.failed()
}

/// Reads `len` bytes at `addr`, or prints `NULL`/the address and returns `None`.
fn read_or_addr(c: &Ctx, addr: u64, len: usize, out: bool, o: &mut String) -> Option<Vec<u8>> {
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    if out_failed(c, out) {
        fmt::addr(o, addr);
        return None;
    }
    let mut b = vec![0u8; len];
    if c.mem.read_exact(addr, &mut b) {
        Some(b)
    } else {
        fmt::addr(o, addr);
        None
    }
}

fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off + size.min(8)) {
        w[..s.len()].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

fn i32_at(b: &[u8], off: usize) -> i32 {
    le(b, off, 4) as u32 as i32
}

/// `sigset(argN[,MIN])`: a sigset pointer whose size is argument N. Sizes outside
/// MIN..=8 (MIN defaults to the word size) print as the address, as the kernel rejects
/// them.
fn print_sigset_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
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
        print_sigset_bits(o, &b);
    }
}

fn sa_handler_name(arch: Arch, v: u64) -> Option<&'static str> {
    match v {
        0 => Some("SIG_DFL"),
        1 => Some("SIG_IGN"),
        _ if v == arch.ulong(u64::MAX) => Some("SIG_ERR"),
        _ => None,
    }
}

fn print_sa_handler(c: &Ctx, v: u64, o: &mut String) {
    match sa_handler_name(c.arch(), v) {
        Some(n) => o.push_str(n),
        None => fmt::addr(o, v),
    }
}

const SA_RESTORER: u64 = 0x0400_0000;

/// Whether the arch's kernel sigaction has an sa_restorer field.
fn has_restorer(arch: Arch) -> bool {
    !matches!(arch, Arch::Riscv64)
}

fn print_sa_flags(c: &Ctx, flags: u64, o: &mut String) {
    match table::xlat("sigact_flags") {
        Some(x) => {
            fmt::xlat_flags(o, x, c, flags, "SA_???");
        }
        None => fmt::hex(o, flags),
    }
}

/// The kernel's `struct sigaction` of rt_sigaction: handler, flags, [restorer], mask,
/// each field a tracee word except the 8-byte mask.
pub fn print_sigaction(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    let restorer = has_restorer(c.arch());
    let mask_off = if restorer { 3 * w } else { 2 * w };
    let Some(b) = read_or_addr(c, addr, mask_off + NSIG_BYTES as usize, out, o) else {
        return;
    };
    o.push_str("{sa_handler=");
    print_sa_handler(c, le(&b, 0, w), o);
    o.push_str(", sa_mask=");
    print_sigset_bits(o, b.get(mask_off..).unwrap_or(&[]));
    o.push_str(", sa_flags=");
    let flags = le(&b, w, w);
    print_sa_flags(c, flags, o);
    if restorer && flags & SA_RESTORER != 0 {
        o.push_str(", sa_restorer=");
        fmt::addr(o, le(&b, 2 * w, w));
    }
    o.push('}');
}

/// The old `struct sigaction` of i386 sigaction(2): handler, word mask, flags, restorer.
fn print_old_sigaction(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    let Some(b) = read_or_addr(c, addr, 4 * w, out, o) else {
        return;
    };
    o.push_str("{sa_handler=");
    print_sa_handler(c, le(&b, 0, w), o);
    o.push_str(", sa_mask=");
    print_sigset_bits(o, b.get(w..2 * w).unwrap_or(&[]));
    o.push_str(", sa_flags=");
    let flags = le(&b, 2 * w, w);
    print_sa_flags(c, flags, o);
    if flags & SA_RESTORER != 0 {
        o.push_str(", sa_restorer=");
        fmt::addr(o, le(&b, 3 * w, w));
    }
    o.push('}');
}

fn print_old_sigmask(c: &Ctx, v: u64, o: &mut String) {
    print_sigset_bits(o, &v.to_le_bytes()[..c.word()]);
}

fn print_mask_ret(c: &Ctx, prefix: &str, o: &mut String) {
    let v = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    fmt::hex(o, v);
    let _ = write!(o, " ({prefix}");
    print_old_sigmask(c, v, o);
    o.push(')');
}

/// `stack_t` of sigaltstack: `{ss_sp=0x..., ss_flags=SS_ONSTACK, ss_size=8192}`.
fn print_stack_t(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    // void *ss_sp; int ss_flags; size_t ss_size — the size is word-aligned.
    let Some(b) = read_or_addr(c, addr, 3 * w, out, o) else {
        return;
    };
    o.push_str("{ss_sp=");
    fmt::addr(o, le(&b, 0, w));
    o.push_str(", ss_flags=");
    let flags = le(&b, w, 4);
    match table::xlat("sigaltstack_flags") {
        Some(x) => {
            fmt::xlat_flags(o, x, c, flags, "SS_???");
        }
        None => fmt::hex(o, flags),
    }
    let _ = write!(o, ", ss_size={}}}", le(&b, 2 * w, w));
}

/// rt_sigreturn's argument: the signal mask saved in the signal frame, `{mask=[]}`,
/// found from the stack pointer as strace does. Without a stack pointer (recorded
/// stops), the frame is found through the registers the kernel points at the frame's
/// siginfo and ucontext when entering a handler, which are also syscall argument
/// registers: a handler that leaves them alone (most small ones) still has them at
/// rt_sigreturn, and their fixed distance tells they are intact. Failing both, this
/// prints the empty mask, what a handler returning to unblocked code restores.
fn print_rt_sigframe(c: &Ctx, _a: &ArgSpec, o: &mut String) -> bool {
    let sp = c.mem.stack_pointer();
    if let Some(off) = rt_sigframe_mask_offset(c.arch()).filter(|_| sp != 0) {
        print_mask_at(c, c.arch().ulong(sp.wrapping_add(off)), o);
        return true;
    }
    // (argument holding &uc, argument holding &info, info - uc, uc_sigmask offset)
    let layout = match c.arch() {
        // rsi = &info, rdx = &uc; struct ucontext is 304 bytes, its mask at 296.
        Arch::X86_64 => Some((2, 1, 304i64, 296u64)),
        // ecx = &uc, edx = &info; info precedes uc; the mask is at 108.
        Arch::I386 => Some((1, 2, -128, 108)),
        _ => None,
    };
    if let Some((uc_arg, info_arg, dist, off)) = layout {
        let uc = c.arg(uc_arg);
        if uc != 0 && c.arg(info_arg) == uc.wrapping_add(dist as u64) && c.arch().ulong(uc) == uc {
            let mut b = [0u8; 8];
            if c.mem.read_exact(uc.wrapping_add(off), &mut b) {
                o.push_str("{mask=");
                print_sigset_bits(o, &b);
                o.push('}');
                return true;
            }
        }
    }
    o.push_str("{mask=[]}");
    true
}

/// `{mask=[...]}` read from `addr`, or `{mask=0x...}` when unreadable.
fn print_mask_at(c: &Ctx, addr: u64, o: &mut String) {
    o.push_str("{mask=");
    let mut b = [0u8; 8];
    if c.mem.read_exact(addr, &mut b) {
        print_sigset_bits(o, &b);
    } else {
        fmt::addr(o, addr);
    }
    o.push('}');
}

/// The byte offset of `uc.uc_sigmask` from the stack pointer at rt_sigreturn's entry.
fn rt_sigframe_mask_offset(arch: Arch) -> Option<u64> {
    match arch {
        // The frame starts one word below (the handler's return popped `pretcode`):
        // pretcode(8) + uc_flags(8) + uc_link(8) + stack_t(24) + sigcontext(256), less
        // the popped word.
        Arch::X86_64 | Arch::X32 => Some(296),
        // pretcode, sig, pinfo, puc (4 each), siginfo(128), uc_flags, uc_link (4 each),
        // stack_t(12), sigcontext(88), less the popped word.
        Arch::I386 => Some(248),
        // The generic frame at sp: siginfo(128), then a ucontext whose mask follows
        // uc_flags, uc_link and stack_t (40 bytes).
        Arch::Aarch64 | Arch::Riscv64 => Some(128 + 40),
        // siginfo(128), then uc_flags, uc_link, stack_t (20 bytes), sigcontext (84).
        Arch::Arm => Some(128 + 20 + 84),
    }
}

/// The old sigreturn of i386 and arm, whose non-rt frame holds the mask in its
/// sigcontext (and, on i386, in an extra word past the FPU state).
fn print_sigreturn_frame(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let sp = c.mem.stack_pointer();
    match c.arch() {
        Arch::I386 if sp != 0 => {
            // sigcontext's oldmask is its 21st word; extramask follows the 624-byte
            // fpstate and two more sigcontext words.
            let mut b = vec![0u8; 716];
            if c.mem.read_exact(sp, &mut b) {
                let mut mask = [0u8; 8];
                mask[..4].copy_from_slice(&b[80..84]);
                mask[4..].copy_from_slice(&b[712..716]);
                o.push_str("{mask=");
                print_sigset_bits(o, &mask);
                o.push('}');
            } else {
                fmt::addr(o, sp);
            }
            true
        }
        // uc_flags, uc_link, stack_t (20 bytes) and sigcontext (84) precede the mask.
        Arch::Arm if sp != 0 => {
            print_mask_at(c, sp.wrapping_add(104) & 0xffff_ffff, o);
            true
        }
        _ => print_rt_sigframe(c, a, o),
    }
}

/// restart_syscall's pseudo-argument, `<... resuming interrupted clock_nanosleep ...>`,
/// naming the call the kernel is resuming (strace's previous syscall of the thread);
/// `None` prints strace's own fallback, `system call`.
pub fn print_restart_syscall(interrupted: Option<&str>, o: &mut String) {
    let _ = write!(
        o,
        "<... resuming interrupted {} ...>",
        interrupted.unwrap_or("system call")
    );
}

/// The interrupted call, recognised from its arguments: the kernel restarts a call with
/// the argument registers it was first given. The live renderer knows the thread's
/// previous syscall (what strace prints) and passes it to [`print_restart_syscall`];
/// this guess serves replays of single records, which carry no history. Only the two shapes that
/// ERESTART_RESTARTBLOCK comes from in practice are recognised: a relative or absolute
/// sleep (clock_nanosleep, what glibc's sleep/usleep/nanosleep use) and poll.
fn guess_interrupted(c: &Ctx) -> Option<&'static str> {
    let is_ptr = |v: u64| v >= 0x1000;
    let (a0, a1, a2) = (c.arg(0), c.arg(1), c.arg(2));
    if a0 <= 11 && a1 <= 1 && is_ptr(a2) {
        // 32-bit glibc still calls the time32 clock_nanosleep when its time_t is 32-bit.
        return Some("clock_nanosleep");
    }
    let poll_arch = matches!(c.arch(), Arch::X86_64 | Arch::X32 | Arch::I386 | Arch::Arm);
    if poll_arch && (a0 == 0 || is_ptr(a0)) && a1 < 1 << 20 && c.iarg(2) >= -1 {
        return Some("poll");
    }
    None
}

/// A siginfo_t in tracee memory (rt_sigqueueinfo's argument, rt_sigtimedwait's result).
fn print_siginfo_at(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 128, out, o) else {
        return;
    };
    let mut info = [0u8; 128];
    info.copy_from_slice(&b[..128]);
    print_siginfo_layout(o, c.arch(), c.word(), &info);
}

/// The body of a signal line: `SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...}`.
/// `info` comes from PTRACE_GETSIGINFO, which always hands the tracer the siginfo in the
/// tracer's own layout, even for a 32-bit tracee; `arch` is the tracee's, for names.
pub fn print_siginfo_event(out: &mut String, arch: Arch, info: &[u8; 128]) {
    let signo = i32_at(info, 0);
    print_signame(out, signo);
    out.push(' ');
    print_siginfo_layout(out, arch, Arch::native().word_bytes(), info);
}

fn si_code_name(signo: i32, code: i32) -> Option<&'static str> {
    // Negative rows (SI_QUEUE -1) may be stored sign-extended or as 32-bit values.
    let find = |set: &str| {
        let x = table::xlat(set)?;
        x.name_of(Arch::X86_64, code as i64 as u64)
            .or_else(|| x.name_of(Arch::X86_64, u64::from(code as u32)))
    };
    find("siginfo_codes").or_else(|| {
        let set = match signo {
            5 => "sigtrap_codes",
            17 => "sigchld_codes",
            29 => "sigpoll_codes",
            4 => "sigill_codes",
            8 => "sigfpe_codes",
            11 => "sigsegv_codes",
            7 => "sigbus_codes",
            31 => "sigsys_codes",
            _ => return None,
        };
        find(set)
    })
}

/// A siginfo_t laid out for `arch` as strace prints it.
pub fn print_siginfo(out: &mut String, arch: Arch, b: &[u8; 128]) {
    print_siginfo_layout(out, arch, arch.word_bytes(), b);
}

/// clock_t ticks with strace's seconds comment: `5 /* 0.05 s */`.
fn print_clock_t(out: &mut String, v: u64) {
    // USER_HZ is 100 on every Linux arch we decode.
    const HZ: u64 = 100;
    let _ = write!(out, "{v}");
    if v > 0 {
        let _ = write!(out, " /* {}.{:02} s */", v / HZ, v % HZ);
    }
}

fn print_uid(out: &mut String, v: u32) {
    if v == u32::MAX {
        out.push_str("-1");
    } else {
        fmt::dec(out, v);
    }
}

fn print_siginfo_layout(out: &mut String, arch: Arch, word: usize, b: &[u8; 128]) {
    let signo = i32_at(b, 0);
    let errno = i32_at(b, 4);
    let code = i32_at(b, 8);
    // The union starts after three ints, aligned to the word size.
    let u = if word == 8 { 16 } else { 12 };
    let word_at = |off: usize| le(b, off, word);
    out.push('{');
    if signo == 0 {
        out.push('}');
        return;
    }
    out.push_str("si_signo=");
    print_signame(out, signo);
    out.push_str(", si_code=");
    match si_code_name(signo, code) {
        Some(n) => out.push_str(n),
        None => fmt::hex(out, u64::from(code as u32)),
    }
    if errno != 0 {
        out.push_str(", si_errno=");
        match table::errno(u64::from(errno as u32)) {
            Some(e) => out.push_str(&e.name),
            None => fmt::dec(out, errno as u32),
        }
    }
    let pid = i32_at(b, u);
    let uid = i32_at(b, u + 4) as u32;
    let source = |out: &mut String| {
        let _ = write!(out, ", si_pid={pid}, si_uid=");
        print_uid(out, uid);
    };
    let sigval = |out: &mut String| {
        let v = word_at(u + 8);
        let _ = write!(out, ", si_int={}, si_ptr=", v as u32 as i32);
        fmt::addr(out, v);
    };
    let band_fd = |out: &mut String| {
        let band = if word == 8 {
            word_at(u) as i64
        } else {
            i64::from(i32_at(b, u))
        };
        let _ = write!(out, ", si_band={band}, si_fd={}", i32_at(b, u + word));
    };
    if code <= 0 {
        match code {
            0 | -6 => source(out), // SI_USER, SI_TKILL
            -2 => {
                // SI_TIMER
                out.push_str(", si_timerid=");
                fmt::hex(out, u64::from(i32_at(b, u) as u32));
                let _ = write!(out, ", si_overrun={}", i32_at(b, u + 4));
                sigval(out);
            }
            -5 => band_fd(out), // SI_SIGIO
            _ => {
                source(out);
                if word_at(u + 8) != 0 {
                    sigval(out);
                }
            }
        }
        out.push('}');
        return;
    }
    let addr_field = |out: &mut String, name: &str, off: usize| {
        let _ = write!(out, ", {name}=");
        fmt::addr(out, word_at(off));
    };
    match signo {
        17 => {
            source(out);
            let status = i32_at(b, u + 8);
            if code == 1 {
                let _ = write!(out, ", si_status={status}");
            } else {
                out.push_str(", si_status=");
                print_signame(out, status);
            }
            // clock_t follows the int status, word-aligned.
            let (ut, st) = if word == 8 {
                (u + 16, u + 24)
            } else {
                (u + 12, u + 16)
            };
            out.push_str(", si_utime=");
            print_clock_t(out, word_at(ut));
            out.push_str(", si_stime=");
            print_clock_t(out, word_at(st));
        }
        4 | 8 => addr_field(out, "si_addr", u),
        7 => {
            addr_field(out, "si_addr", u);
            if code == 4 || code == 5 {
                // BUS_MCEERR_AR/AO carry the address's significant bits.
                out.push_str(", si_addr_lsb=");
                fmt::hex(out, le(b, u + word, 2));
            }
        }
        11 => {
            addr_field(out, "si_addr", u);
            match code {
                3 => {
                    // SEGV_BNDERR: the bounds follow the short si_addr_lsb.
                    addr_field(out, "si_lower", u + 2 * word);
                    addr_field(out, "si_upper", u + 3 * word);
                }
                4 => {
                    let _ = write!(out, ", si_pkey={}", i32_at(b, u + 2 * word) as u32);
                }
                _ => {}
            }
        }
        5 => addr_field(out, "si_addr", u),
        29 => {
            if (1..=6).contains(&code) {
                band_fd(out);
            }
        }
        31 => {
            addr_field(out, "si_call_addr", u);
            let nr = i32_at(b, u + word);
            let audit = i32_at(b, u + word + 4) as u32;
            out.push_str(", si_syscall=");
            print_si_syscall(out, arch, nr, audit);
            out.push_str(", si_arch=");
            match table::xlat("audit_arch").and_then(|x| x.name_of(Arch::X86_64, u64::from(audit)))
            {
                Some(n) => out.push_str(n),
                None => {
                    fmt::hex(out, u64::from(audit));
                    out.push_str(" /* AUDIT_ARCH_??? */");
                }
            }
        }
        _ => {
            if pid != 0 || uid != 0 {
                source(out);
            }
            if word_at(u + 8) != 0 {
                sigval(out);
            }
        }
    }
    out.push('}');
}

/// SIGSYS's syscall: `__NR_name` in the tracee's own personality, `N /* name */` in
/// another, the bare number when unknown.
fn print_si_syscall(out: &mut String, arch: Arch, nr: i32, audit: u32) {
    let target = Arch::from_audit(audit, nr as u32 as u64);
    let name = target.and_then(|a| a.syscall_name(nr as u32 as u64));
    match (target, name) {
        (Some(t), Some(n)) if t == arch => {
            let _ = write!(out, "__NR_{n}");
        }
        (_, Some(n)) => {
            let _ = write!(out, "{} /* {n} */", nr as u32);
        }
        _ => fmt::dec(out, nr as u32),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    const X: Arch = Arch::X86_64;

    /// strace's line for an unpadded `call(...) = ret`: the return aligned to column
    /// 40, and errors as the errno table renders them (the table may be absent while the
    /// group is developed apart).
    pub(crate) fn expect(s: &str) -> String {
        let Some(i) = s.rfind(") = ") else {
            return s.to_string();
        };
        let mut ret = s[i + 4..].to_string();
        for (n, name) in [
            (1u64, "EPERM"),
            (4, "EINTR"),
            (14, "EFAULT"),
            (22, "EINVAL"),
        ] {
            if ret.starts_with(&format!("-1 {name} ")) && table::errno(n).is_none() {
                ret = format!("-1 (errno {n})");
            }
        }
        format!("{:<40}= {ret}", format!("{} ", &s[..=i]))
    }

    fn mask(sigs: &[i32]) -> u64 {
        sigs.iter().fold(0u64, |m, s| m | 1 << (s - 1))
    }

    #[test]
    fn names() {
        let n = |s| {
            let mut o = String::new();
            print_signame(&mut o, s);
            o
        };
        assert_eq!(n(2), "SIGINT");
        assert_eq!(n(31), "SIGSYS");
        assert_eq!(n(32), "SIGRTMIN");
        assert_eq!(n(34), "SIGRT_2");
        assert_eq!(n(64), "SIGRT_32");
        assert_eq!(n(65), "65");
        assert_eq!(n(0), "0");
        assert_eq!(n(-1), "-1");
    }

    #[test]
    fn sigsets() {
        let s = |m: u64, len: usize| {
            let mut o = String::new();
            print_sigset_bits(&mut o, &m.to_le_bytes()[..len]);
            o
        };
        assert_eq!(s(0, 8), "[]");
        assert_eq!(s(mask(&[17]), 8), "[CHLD]");
        assert_eq!(s(mask(&[2, 15, 32, 33]), 8), "[INT TERM RTMIN RT_1]");
        assert_eq!(s(!mask(&[32, 33]), 8), "~[RTMIN RT_1]");
        assert_eq!(s(!0, 8), "~[]");
        assert_eq!(s(!mask(&[9, 19]), 4), "~[KILL STOP]");
    }

    #[test]
    fn rt_sigaction_lines() {
        let mut act = Vec::new();
        act.extend_from_slice(&0x5555_5555_1234u64.to_le_bytes());
        act.extend_from_slice(&0x1400_0000u64.to_le_bytes());
        act.extend_from_slice(&0x7f00_0000_1000u64.to_le_bytes());
        act.extend_from_slice(&0u64.to_le_bytes());
        let mem = RecordedMemory::new().with(0x1000, act);
        assert_eq!(
            render_named(X, "rt_sigaction", [2, 0x1000, 0, 8, 0, 0], Some(0), &mem),
            expect(
                "rt_sigaction(SIGINT, {sa_handler=0x555555551234, sa_mask=[], \
             sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f0000001000}, NULL, 8) = 0"
            )
        );
        let mut old = vec![0u8; 32];
        old[0] = 1;
        old[24..32].copy_from_slice(&mask(&[10]).to_le_bytes());
        let mem = RecordedMemory::new().with(0x2000, old);
        assert_eq!(
            render_named(X, "rt_sigaction", [10, 0, 0x2000, 8, 0, 0], Some(0), &mem),
            expect(
                "rt_sigaction(SIGUSR1, NULL, {sa_handler=SIG_IGN, sa_mask=[USR1], sa_flags=0}, 8) = 0"
            )
        );
        // A failed call leaves the old action unwritten: only its address.
        assert_eq!(
            render_named(X, "rt_sigaction", [9, 0, 0x2000, 8, 0, 0], Some(-22), &mem),
            expect("rt_sigaction(SIGKILL, NULL, 0x2000, 8) = -1 EINVAL (Invalid argument)")
        );
    }

    #[test]
    fn rt_sigaction_i386() {
        let mut act = Vec::new();
        act.extend_from_slice(&0x0804_9000u32.to_le_bytes());
        act.extend_from_slice(&0x0400_0000u32.to_le_bytes());
        act.extend_from_slice(&0xf7f0_0000u32.to_le_bytes());
        act.extend_from_slice(&mask(&[2, 34]).to_le_bytes());
        let mem = RecordedMemory::new().with(0x1000, act);
        assert_eq!(
            render_named(
                Arch::I386,
                "rt_sigaction",
                [14, 0x1000, 0, 8, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "rt_sigaction(SIGALRM, {sa_handler=0x8049000, sa_mask=[INT RT_2], \
             sa_flags=SA_RESTORER, sa_restorer=0xf7f00000}, NULL, 8) = 0"
            )
        );
    }

    #[test]
    fn rt_sigaction_riscv_has_no_restorer() {
        let mut act = Vec::new();
        act.extend_from_slice(&0x1_0000u64.to_le_bytes());
        act.extend_from_slice(&0x1400_0004u64.to_le_bytes());
        act.extend_from_slice(&mask(&[15]).to_le_bytes());
        let mem = RecordedMemory::new().with(0x1000, act);
        assert_eq!(
            render_named(
                Arch::Riscv64,
                "rt_sigaction",
                [17, 0x1000, 0, 8, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "rt_sigaction(SIGCHLD, {sa_handler=0x10000, sa_mask=[TERM], \
                 sa_flags=SA_RESTART|SA_SIGINFO|0x4000000}, NULL, 8) = 0"
            )
        );
    }

    #[test]
    fn rt_sigprocmask_lines() {
        let mem = RecordedMemory::new()
            .with(0x1000, mask(&[17]).to_le_bytes().to_vec())
            .with(0x2000, 0u64.to_le_bytes().to_vec())
            .with(0x3000, (!mask(&[32, 33])).to_le_bytes().to_vec());
        assert_eq!(
            render_named(
                X,
                "rt_sigprocmask",
                [0, 0x1000, 0x2000, 8, 0, 0],
                Some(0),
                &mem
            ),
            expect("rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0")
        );
        assert_eq!(
            render_named(X, "rt_sigprocmask", [2, 0x3000, 0, 8, 0, 0], Some(0), &mem),
            expect("rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], NULL, 8) = 0")
        );
        assert_eq!(
            render_named(
                X,
                "rt_sigprocmask",
                [7, 0x1000, 0x2000, 3, 0, 0],
                Some(-22),
                &mem
            ),
            expect(
                "rt_sigprocmask(0x7 /* SIG_??? */, 0x1000, 0x2000, 3) = -1 EINVAL (Invalid argument)"
            )
        );
    }

    #[test]
    fn kill_and_friends() {
        let mem = RecordedMemory::new();
        assert_eq!(
            render_named(X, "kill", [1234, 15, 0, 0, 0, 0], Some(0), &mem),
            expect("kill(1234, SIGTERM) = 0")
        );
        assert_eq!(
            render_named(X, "kill", [(-1i64) as u64, 0, 0, 0, 0, 0], Some(-1), &mem),
            expect("kill(-1, 0) = -1 EPERM (Operation not permitted)")
        );
        assert_eq!(
            render_named(X, "tgkill", [5, 6, 6, 0, 0, 0], Some(0), &mem),
            expect("tgkill(5, 6, SIGABRT) = 0")
        );
        assert_eq!(
            render_named(X, "tkill", [5, 40, 0, 0, 0, 0], Some(0), &mem),
            expect("tkill(5, SIGRT_8) = 0")
        );
        assert_eq!(
            render_named(X, "pause", [0; 6], Some(-514), &mem),
            expect("pause() = ? ERESTARTNOHAND (To be restarted if no handler)")
        );
        assert_eq!(
            render_named(X, "alarm", [5, 0, 0, 0, 0, 0], Some(0), &mem),
            expect("alarm(5) = 0")
        );
    }

    #[test]
    fn sigaltstack_lines() {
        let mut ss = Vec::new();
        ss.extend_from_slice(&0x5555_0000u64.to_le_bytes());
        ss.extend_from_slice(&0u64.to_le_bytes());
        ss.extend_from_slice(&8192u64.to_le_bytes());
        let mut old = vec![0u8; 24];
        old[8] = 2;
        let mem = RecordedMemory::new().with(0x1000, ss).with(0x2000, old);
        assert_eq!(
            render_named(
                X,
                "sigaltstack",
                [0x1000, 0x2000, 0, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "sigaltstack({ss_sp=0x55550000, ss_flags=0, ss_size=8192}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0"
            )
        );
        let mut ss32 = Vec::new();
        ss32.extend_from_slice(&0x0900_0000u32.to_le_bytes());
        ss32.extend_from_slice(&1u32.to_le_bytes());
        ss32.extend_from_slice(&4096u32.to_le_bytes());
        let mem = RecordedMemory::new().with(0x1000, ss32);
        assert_eq!(
            render_named(
                Arch::I386,
                "sigaltstack",
                [0, 0x1000, 0, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect("sigaltstack(NULL, {ss_sp=0x9000000, ss_flags=SS_ONSTACK, ss_size=4096}) = 0")
        );
    }

    fn siginfo64(signo: i32, code: i32, fields: &[(usize, u64, usize)]) -> [u8; 128] {
        let mut b = [0u8; 128];
        b[0..4].copy_from_slice(&signo.to_le_bytes());
        b[8..12].copy_from_slice(&code.to_le_bytes());
        for &(off, v, size) in fields {
            b[off..off + size].copy_from_slice(&v.to_le_bytes()[..size]);
        }
        b
    }

    fn event(b: &[u8; 128]) -> String {
        let mut o = String::new();
        print_siginfo_event(&mut o, X, b);
        o
    }

    #[test]
    fn signal_events() {
        let chld = siginfo64(
            17,
            1,
            &[
                (16, 1234, 4),
                (20, 0, 4),
                (24, 0, 4),
                (32, 0, 8),
                (40, 3, 8),
            ],
        );
        assert_eq!(
            event(&chld),
            "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1234, si_uid=0, si_status=0, \
             si_utime=0, si_stime=3 /* 0.03 s */}"
        );
        let killed = siginfo64(
            17,
            2,
            &[(16, 7, 4), (20, 1000, 4), (24, 9, 4), (32, 150, 8)],
        );
        assert_eq!(
            event(&killed),
            "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=7, si_uid=1000, si_status=SIGKILL, \
             si_utime=150 /* 1.50 s */, si_stime=0}"
        );
        let segv = siginfo64(11, 1, &[]);
        assert_eq!(
            event(&segv),
            "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}"
        );
        let segv = siginfo64(11, 2, &[(16, 0x5555_0000, 8)]);
        assert_eq!(
            event(&segv),
            "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x55550000}"
        );
        let usr = siginfo64(10, 0, &[(16, 42, 4), (20, 0, 4)]);
        assert_eq!(
            event(&usr),
            "SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0}"
        );
        let tk = siginfo64(6, -6, &[(16, 42, 4), (20, 1000, 4)]);
        assert_eq!(
            event(&tk),
            "SIGABRT {si_signo=SIGABRT, si_code=SI_TKILL, si_pid=42, si_uid=1000}"
        );
        let q = siginfo64(34, -1, &[(16, 42, 4), (20, 0, 4), (24, 7, 8)]);
        assert_eq!(
            event(&q),
            "SIGRT_2 {si_signo=SIGRT_2, si_code=SI_QUEUE, si_pid=42, si_uid=0, si_int=7, si_ptr=0x7}"
        );
        let t = siginfo64(14, -2, &[(16, 0, 4), (20, 0, 4), (24, 0, 8)]);
        assert_eq!(
            event(&t),
            "SIGALRM {si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=0, si_ptr=NULL}"
        );
        let k = siginfo64(11, 0x80, &[]);
        assert_eq!(
            event(&k),
            "SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}"
        );
        let unknown = siginfo64(11, 77, &[]);
        assert_eq!(
            event(&unknown),
            "SIGSEGV {si_signo=SIGSEGV, si_code=0x4d, si_addr=NULL}"
        );
        let sys = siginfo64(
            31,
            1,
            &[(16, 0x40_1000, 8), (24, 39, 4), (28, 0xc000_003e, 4)],
        );
        assert_eq!(
            event(&sys),
            "SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x401000, si_syscall=__NR_getpid, \
             si_arch=AUDIT_ARCH_X86_64}"
        );
        let pipe = siginfo64(13, 0, &[(16, 9, 4)]);
        assert_eq!(
            event(&pipe),
            "SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=9, si_uid=0}"
        );
    }

    #[test]
    fn rt_sigqueueinfo_i386_layout() {
        // i386: the union starts at 12 and sigval is 4 bytes.
        let mut b = vec![0u8; 128];
        b[0..4].copy_from_slice(&10i32.to_le_bytes());
        b[8..12].copy_from_slice(&(-1i32).to_le_bytes());
        b[12..16].copy_from_slice(&77i32.to_le_bytes());
        b[16..20].copy_from_slice(&1000u32.to_le_bytes());
        b[20..24].copy_from_slice(&0xdead_beefu32.to_le_bytes());
        let mem = RecordedMemory::new().with(0x1000, b);
        assert_eq!(
            render_named(
                Arch::I386,
                "rt_sigqueueinfo",
                [77, 10, 0x1000, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "rt_sigqueueinfo(77, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=77, si_uid=1000, \
             si_int=-559038737, si_ptr=0xdeadbeef}) = 0"
            )
        );
    }

    #[test]
    fn rt_sigtimedwait_and_suspend() {
        let info = siginfo64(10, 0, &[(16, 5, 4)]);
        let mem = RecordedMemory::new()
            .with(0x1000, mask(&[10]).to_le_bytes().to_vec())
            .with(0x2000, info.to_vec());
        assert_eq!(
            render_named(
                X,
                "rt_sigtimedwait",
                [0x1000, 0x2000, 0, 8, 0, 0],
                Some(10),
                &mem
            ),
            expect(
                "rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_USER, si_pid=5, si_uid=0}, NULL, 8) = 10 (SIGUSR1)"
            )
        );
        assert_eq!(
            render_named(X, "rt_sigsuspend", [0x1000, 8, 0, 0, 0, 0], Some(-4), &mem),
            expect("rt_sigsuspend([USR1], 8) = -1 EINTR (Interrupted system call)")
        );
        assert_eq!(
            render_named(X, "rt_sigpending", [0x1000, 8, 0, 0, 0, 0], Some(0), &mem),
            expect("rt_sigpending([USR1], 8) = 0")
        );
        assert_eq!(
            render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
            expect("rt_sigreturn({mask=[]}) = 0")
        );
    }

    #[test]
    fn sigreturn_masks_from_the_stack() {
        let mut frame = vec![0u8; 400];
        frame[296..304].copy_from_slice(&mask(&[10, 12]).to_le_bytes());
        let mut mem = RecordedMemory::new().with(0x7000, frame);
        mem.sp = 0x7000;
        assert_eq!(
            render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
            expect("rt_sigreturn({mask=[USR1 USR2]}) = 0")
        );
        mem.sp = 0x10_0000;
        assert_eq!(
            render_named(X, "rt_sigreturn", [0; 6], Some(0), &mem),
            expect("rt_sigreturn({mask=0x100128}) = 0")
        );
        let mut frame32 = vec![0u8; 716];
        frame32[80..84].copy_from_slice(&(1u32 << 1).to_le_bytes());
        frame32[712..716].copy_from_slice(&(1u32 << 1).to_le_bytes());
        let mut mem = RecordedMemory::new().with(0x9000, frame32);
        mem.sp = 0x9000;
        assert_eq!(
            render_named(Arch::I386, "sigreturn", [0; 6], Some(0), &mem),
            expect("sigreturn({mask=[INT RT_2]}) = 0")
        );
        mem.sp = 0x9100;
        assert_eq!(
            render_named(Arch::I386, "sigreturn", [0; 6], Some(0), &mem),
            expect("sigreturn(0x9100) = 0")
        );
    }

    #[test]
    fn generic_rt_sigframe_at_sp() {
        // aarch64 and riscv64: siginfo, then ucontext with the mask after 40 bytes.
        let mut frame = vec![0u8; 200];
        frame[168..176].copy_from_slice(&mask(&[17]).to_le_bytes());
        let mut mem = RecordedMemory::new().with(0x8000, frame);
        mem.sp = 0x8000;
        for arch in [Arch::Aarch64, Arch::Riscv64] {
            assert_eq!(
                render_named(arch, "rt_sigreturn", [0; 6], Some(0), &mem),
                expect("rt_sigreturn({mask=[CHLD]}) = 0")
            );
        }
    }

    #[test]
    fn rt_sigreturn_mask_from_intact_registers() {
        let mut uc = vec![0u8; 304];
        uc[296..304].copy_from_slice(&mask(&[1, 2, 14]).to_le_bytes());
        let mem = RecordedMemory::new().with(0x7000, uc);
        assert_eq!(
            render_named(
                X,
                "rt_sigreturn",
                [0, 0x7000 + 304, 0x7000, 0, 0, 0],
                Some(-4),
                &mem
            ),
            expect("rt_sigreturn({mask=[HUP INT ALRM]}) = -1 EINTR (Interrupted system call)")
        );
        // Clobbered registers: the common empty mask.
        assert_eq!(
            render_named(X, "rt_sigreturn", [0, 5, 0x7000, 0, 0, 0], Some(0), &mem),
            expect("rt_sigreturn({mask=[]}) = 0")
        );
        let mut uc32 = vec![0u8; 116];
        uc32[108..116].copy_from_slice(&mask(&[17]).to_le_bytes());
        let mem = RecordedMemory::new().with(0x9000, uc32);
        assert_eq!(
            render_named(
                Arch::I386,
                "rt_sigreturn",
                [0, 0x9000, 0x9000 - 128, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect("rt_sigreturn({mask=[CHLD]}) = 0")
        );
    }

    #[test]
    fn restart_syscall_names_the_sleep() {
        let mem = RecordedMemory::new();
        assert_eq!(
            render_named(
                X,
                "restart_syscall",
                [0, 0, 0x7ffd_0000, 0x7ffd_0010, 0, 0],
                Some(0),
                &mem
            ),
            expect("restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0")
        );
        assert_eq!(
            render_named(X, "restart_syscall", [0, 0, 500, 0, 0, 0], Some(0), &mem),
            expect("restart_syscall(<... resuming interrupted poll ...>) = 0")
        );
        assert_eq!(
            render_named(
                Arch::Aarch64,
                "restart_syscall",
                [0x5000, 7, 0, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect("restart_syscall(<... resuming interrupted system call ...>) = 0")
        );
    }

    #[test]
    fn signalfd_lines() {
        let mem = RecordedMemory::new().with(0x1000, mask(&[2, 3]).to_le_bytes().to_vec());
        assert_eq!(
            render_named(
                X,
                "signalfd4",
                [(-1i64) as u64, 0x1000, 8, 0o2004000, 0, 0],
                Some(3),
                &mem
            ),
            expect("signalfd4(-1, [INT QUIT], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3")
        );
        assert_eq!(
            render_named(X, "signalfd", [3, 0x1000, 8, 0, 0, 0], Some(3), &mem),
            expect("signalfd(3, [INT QUIT], 8) = 3")
        );
    }

    /// Every row of this group, on every arch that has the call, with hostile registers,
    /// memory, stack pointer and results: decoding must never panic.
    #[test]
    fn every_row_survives_garbage() {
        let rows = include_str!("../../syscall-tables/signatures/signal_time.tsv");
        let mut mem = RecordedMemory::new()
            .with(0x1000, vec![0xff; 4096])
            .with(0x3000, vec![0; 4096]);
        let values = [0, 8, 0x1000, 0x1ff8, 0x3000, 0x3ff0, u64::MAX, 1 << 31];
        for name in rows
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
        {
            for arch in Arch::ALL {
                if arch.syscall_number(name).is_none() {
                    continue;
                }
                for (i, &v) in values.iter().enumerate() {
                    mem.sp = v;
                    let args = [v, values[(i + 1) % 8], values[(i + 2) % 8], v, 0x1000, v];
                    for ret in [None, Some(0), Some(-516), Some(-14), Some(v as i64)] {
                        let _ = render_named(arch, name, args, ret, &mem);
                    }
                }
            }
        }
    }

    #[test]
    fn never_panics_on_garbage() {
        let mem = RecordedMemory::new().with(0x1000, vec![0xff; 200]);
        for name in [
            "rt_sigaction",
            "rt_sigprocmask",
            "rt_sigtimedwait",
            "sigaltstack",
            "rt_sigqueueinfo",
        ] {
            for args in [[0x1000u64; 6], [u64::MAX; 6], [0; 6]] {
                let _ = render_named(X, name, args, Some(0), &mem);
                let _ = render_named(Arch::I386, name, args, Some(-4), &mem);
            }
        }
        let mut o = String::new();
        print_siginfo_event(&mut o, X, &[0xff; 128]);
    }
}
