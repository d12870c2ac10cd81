//! Signals: names, siginfo (for `--- SIG {...} ---` lines and rt_sigqueueinfo), and the
//! signal-related syscall argument types.

use super::{ArgType, RetType};
use crate::arch::Arch;
use crate::table;
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[];

pub static RETS: &[RetType] = &[];

/// `SIGINT`, `SIGRT_3`, or the number.
pub fn print_signame(out: &mut String, sig: i32) {
    if let Some(n) = table::xlat("signals").and_then(|x| x.name_of(Arch::X86_64, sig as u64)) {
        out.push_str(n);
    } else if (32..=64).contains(&sig) {
        let _ = write!(out, "SIGRT_{}", sig - 32);
    } else {
        let _ = write!(out, "{sig}");
    }
}

fn i32_at(b: &[u8], off: usize) -> i32 {
    b.get(off..off + 4)
        .map(|s| i32::from_le_bytes(s.try_into().unwrap_or([0; 4])))
        .unwrap_or(0)
}

fn word_at(b: &[u8], off: usize, word: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off + word) {
        w[..word].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

/// The body of a signal line: `SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...}`.
pub fn print_siginfo_event(out: &mut String, arch: Arch, info: &[u8; 128]) {
    let signo = i32_at(info, 0);
    print_signame(out, signo);
    out.push(' ');
    print_siginfo(out, arch, info);
}

fn si_code_name(signo: i32, code: i32) -> Option<&'static str> {
    let generic =
        table::xlat("siginfo_codes").and_then(|x| x.name_of(Arch::X86_64, code as u32 as u64));
    generic.or_else(|| {
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
        table::xlat(set).and_then(|x| x.name_of(Arch::X86_64, code as u32 as u64))
    })
}

/// A siginfo_t as strace prints it.
pub fn print_siginfo(out: &mut String, arch: Arch, b: &[u8; 128]) {
    let word = arch.word_bytes();
    let signo = i32_at(b, 0);
    let errno = i32_at(b, 4);
    let code = i32_at(b, 8);
    // The union starts after three ints, aligned to the word size.
    let u = if word == 8 { 16 } else { 12 };
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
        None => {
            let _ = write!(out, "{code}");
        }
    }
    if errno != 0 {
        let _ = write!(out, ", si_errno={errno}");
    }
    let pid = i32_at(b, u);
    let uid = i32_at(b, u + 4) as u32;
    let from_user = code <= 0;
    let source = |out: &mut String| {
        let _ = write!(out, ", si_pid={pid}, si_uid={uid}");
    };
    let sigval = |out: &mut String| {
        let v = word_at(b, u + 8, word);
        let _ = write!(out, ", si_int={}, si_ptr={}", v as u32 as i32, fmt_ptr(v));
    };
    if from_user {
        match code {
            0 | -6 => source(out), // SI_USER, SI_TKILL
            -2 => {
                // SI_TIMER
                let _ = write!(
                    out,
                    ", si_timerid={:#x}, si_overrun={}",
                    i32_at(b, u),
                    i32_at(b, u + 4)
                );
                sigval(out);
            }
            _ => {
                source(out);
                if word_at(b, u + 8, word) != 0 {
                    sigval(out);
                }
            }
        }
        out.push('}');
        return;
    }
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
            let (ut, st) = if word == 8 {
                (u + 16, u + 24)
            } else {
                (u + 12, u + 16)
            };
            let _ = write!(
                out,
                ", si_utime={}, si_stime={}",
                arch.long(word_at(b, ut, word)),
                arch.long(word_at(b, st, word))
            );
        }
        4 | 8 | 7 | 11 | 5 => {
            let _ = write!(out, ", si_addr={}", fmt_ptr(word_at(b, u, word)));
        }
        _ => {
            if pid != 0 || uid != 0 {
                source(out);
            }
            if word_at(b, u + 8, word) != 0 {
                sigval(out);
            }
        }
    }
    out.push('}');
}

fn fmt_ptr(v: u64) -> String {
    if v == 0 {
        "NULL".into()
    } else {
        format!("{v:#x}")
    }
}
