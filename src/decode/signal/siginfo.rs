//! siginfo_t: the body of `--- SIG {...} ---` lines and the siginfo arguments of the
//! rt_sig* calls, in the union member strace picks by signal and si_code.

use super::sets::{print_signame, print_signame_in};
use crate::arch::Arch;
use crate::decode::basic::print_uid;
use crate::decode::bytes::{i32_at, le, read_or_addr};
use crate::decode::{Ctx, fmt};
use crate::table;
use std::fmt::Write;

/// A siginfo_t in tracee memory (rt_sigqueueinfo's argument, rt_sigtimedwait's result,
/// ptrace's PTRACE_SETSIGINFO data).
pub fn print_siginfo_at(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 128, out, o) else {
        return;
    };
    let mut info = [0u8; 128];
    info.copy_from_slice(&b[..128]);
    print_siginfo_layout(
        o,
        c.arch(),
        c.word(),
        &info,
        Some(c),
        c.opts.xlat,
        Some(c.mem),
    );
}

/// A siginfo_t already read from the tracee, in its layout; si_fd with `-y` detail.
pub fn print_siginfo_of(c: &Ctx, b: &[u8; 128], o: &mut String) {
    print_siginfo_layout(o, c.arch(), c.word(), b, Some(c), c.opts.xlat, Some(c.mem));
}

/// The body of a signal line: `SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...}`.
/// `info` comes from PTRACE_GETSIGINFO, which always hands the tracer the siginfo in the
/// tracer's own layout, even for a 32-bit tracee; `arch` is the tracee's, for names.
pub fn print_siginfo_event(out: &mut String, arch: Arch, info: &[u8; 128]) {
    print_siginfo_event_styled(out, arch, info, fmt::XlatStyle::Abbrev);
}

/// [`print_siginfo_event`] with the fields in a `-X` style (the leading name stays).
pub fn print_siginfo_event_styled(
    out: &mut String,
    arch: Arch,
    info: &[u8; 128],
    style: fmt::XlatStyle,
) {
    let signo = i32_at(info, 0);
    print_signame(out, signo);
    out.push(' ');
    print_siginfo_layout(
        out,
        arch,
        Arch::native().word_bytes(),
        info,
        None,
        style,
        None,
    );
}

/// [`print_siginfo_event_styled`] with si_pid also in trace's pid namespace
/// (`--pidns-translation`), as `pids` translates it.
pub fn print_siginfo_event_pids(
    out: &mut String,
    arch: Arch,
    info: &[u8; 128],
    style: fmt::XlatStyle,
    pids: &dyn crate::record::MemoryReader,
) {
    let signo = i32_at(info, 0);
    print_signame(out, signo);
    out.push(' ');
    let word = Arch::native().word_bytes();
    print_siginfo_layout(out, arch, word, info, None, style, Some(pids));
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
    print_siginfo_layout(
        out,
        arch,
        arch.word_bytes(),
        b,
        None,
        fmt::XlatStyle::Abbrev,
        None,
    );
}

/// `ctx`, when the siginfo comes from a call's arguments, resolves si_fd under `-y`.
fn print_siginfo_layout(
    out: &mut String,
    arch: Arch,
    word: usize,
    b: &[u8; 128],
    ctx: Option<&Ctx>,
    style: fmt::XlatStyle,
    pids: Option<&dyn crate::record::MemoryReader>,
) {
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
    print_signame_in(out, style, signo);
    out.push_str(", si_code=");
    let raw_code = |o: &mut String| fmt::hex(o, u64::from(code as u32));
    match si_code_name(signo, code) {
        Some(n) => fmt::named_in(out, style, n, raw_code),
        None => raw_code(out),
    }
    if errno != 0 {
        out.push_str(", si_errno=");
        match table::errno(u64::from(errno as u32)) {
            Some(e) => fmt::named_in(out, style, &e.name, |o| fmt::dec(o, errno as u32)),
            None => fmt::dec(out, errno as u32),
        }
    }
    let pid = i32_at(b, u);
    let uid = i32_at(b, u + 4) as u32;
    let source = |out: &mut String| {
        out.push_str(", si_pid=");
        match pids {
            Some(m) => crate::pidns::print_pid(m, out, i64::from(pid), crate::pidns::PidKind::Tgid),
            None => {
                let _ = write!(out, "{pid}");
            }
        }
        out.push_str(", si_uid=");
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
        let fd = i32_at(b, u + word);
        let _ = write!(out, ", si_band={band}, si_fd=");
        match ctx {
            Some(c) => crate::decode::basic::print_fd(c, fd.into(), out),
            None => fmt::dec(out, fd),
        }
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
                print_signame_in(out, style, status);
            }
            // clock_t follows the int status, word-aligned.
            let (ut, st) = if word == 8 {
                (u + 16, u + 24)
            } else {
                (u + 12, u + 16)
            };
            out.push_str(", si_utime=");
            fmt::clock_t(out, style, word_at(ut));
            out.push_str(", si_stime=");
            fmt::clock_t(out, style, word_at(st));
        }
        4 | 5 | 8 => addr_field(out, "si_addr", u),
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
            print_si_syscall(out, arch, nr, audit, style);
            out.push_str(", si_arch=");
            let raw_arch = |o: &mut String| fmt::hex(o, u64::from(audit));
            match table::xlat("audit_arch").and_then(|x| x.name_of(Arch::X86_64, u64::from(audit)))
            {
                Some(n) => fmt::named_in(out, style, n, raw_arch),
                None => {
                    raw_arch(out);
                    if style != fmt::XlatStyle::Raw {
                        out.push_str(" /* AUDIT_ARCH_??? */");
                    }
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
/// another, the bare number when unknown (or under `-X raw`; `-X verbose` gives
/// `N /* __NR_name */`).
fn print_si_syscall(out: &mut String, arch: Arch, nr: i32, audit: u32, style: fmt::XlatStyle) {
    let target = Arch::from_audit(audit, nr as u32 as u64);
    let name = target.and_then(|a| a.syscall_name(nr as u32 as u64));
    match (target, name) {
        (_, Some(_)) if style == fmt::XlatStyle::Raw => fmt::dec(out, nr as u32),
        (Some(t), Some(n)) if t == arch => {
            fmt::named_in(out, style, &format!("__NR_{n}"), |o| fmt::dec(o, nr as u32));
        }
        (_, Some(n)) => {
            let _ = write!(out, "{} /* {n} */", nr as u32);
        }
        _ => fmt::dec(out, nr as u32),
    }
}
