//! What a process used and may use: wait statuses (also used for ptrace stops),
//! struct rusage and resource limits.

use super::print_longs;
use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::bytes::{klong, le, out_failed, print_num};
use crate::decode::fmt;
use crate::decode::signal::print_signame;
use crate::table::ArgSpec;
use std::fmt::Write;

/// wait4's status: `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`.
pub(super) fn print_wait_status(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    // No child changed state (WNOHANG): nothing was stored.
    if c.ret() == Some(0) {
        fmt::addr(o, c.arg(a.index));
    } else {
        print_num(c, a, 4, o, |o, v| print_status(v as u32 as i32, o));
    }
    true
}

pub fn print_status(status: i32, o: &mut String) {
    let mut s = status;
    let low = s & 0x7f;
    if s & 0xff == 0x7f {
        let sig = (s >> 8) & 0xff;
        o.push_str("{WIFSTOPPED(s) && WSTOPSIG(s) == ");
        print_signame(o, sig & 0x7f);
        if sig & 0x80 != 0 {
            o.push_str(" | 0x80");
        }
        o.push('}');
        s &= !((sig << 8) | 0x7f);
    } else if low != 0 && low != 0x7f {
        o.push_str("{WIFSIGNALED(s) && WTERMSIG(s) == ");
        print_signame(o, low);
        if s & 0x80 != 0 {
            o.push_str(" && WCOREDUMP(s)");
        }
        o.push('}');
        s &= !(low | 0x80);
    } else if low == 0 {
        let _ = write!(
            o,
            "{{WIFEXITED(s) && WEXITSTATUS(s) == {}}}",
            (s >> 8) & 0xff
        );
        s &= !(((s >> 8) & 0xff) << 8);
    } else if s == 0xffff {
        o.push_str("{WIFCONTINUED(s)}");
        s = 0;
    } else {
        fmt::hex(o, u64::from(s as u32));
        return;
    }
    if s != 0 {
        let event = (s as u32) >> 16;
        if event != 0 {
            o.push('|');
            match crate::table::xlat("ptrace_events")
                .and_then(|x| x.name_of(Arch::X86_64, event.into()))
            {
                Some(n) => o.push_str(n),
                None => {
                    let _ = write!(o, "{event:#x} /* PTRACE_EVENT_??? */");
                }
            }
            o.push_str("<<16");
            s &= 0xffff;
        }
        if s != 0 {
            let _ = write!(o, "|{:#x}", s as u32);
        }
    }
}

/// struct rusage: the two times, then (with -v) every counter.
pub(super) fn print_rusage(c: &Ctx, addr: u64, o: &mut String) {
    let w = klong(c);
    let mut b = [0u8; 18 * 8];
    let size = 18 * w;
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if !c.fetch(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return;
    }
    let sw = |i: usize| c.arch().long(le(&b, i * w, w));
    let sw = |i: usize| if w == 4 { sw(i) as i32 as i64 } else { sw(i) };
    let _ = write!(
        o,
        // strace prints tv_sec signed but tv_usec as the unsigned long it reads.
        "{{ru_utime={{tv_sec={}, tv_usec={}}}, ru_stime={{tv_sec={}, tv_usec={}}}",
        sw(0),
        le(&b, w, w),
        sw(2),
        le(&b, 3 * w, w)
    );
    if !c.unabbreviated() {
        o.push_str(", ...}");
        return;
    }
    let counters = [
        "ru_maxrss",
        "ru_ixrss",
        "ru_idrss",
        "ru_isrss",
        "ru_minflt",
        "ru_majflt",
        "ru_nswap",
        "ru_inblock",
        "ru_oublock",
        "ru_msgsnd",
        "ru_msgrcv",
        "ru_nsignals",
        "ru_nvcsw",
        "ru_nivcsw",
    ];
    print_longs(o, &b, w, 4, &counters);
    o.push('}');
}

/// `8192*1024`, `RLIM64_INFINITY`, or the number; under `-X raw` the number, under
/// `-X verbose` the number with the spelling in a comment.
fn print_rlim(c: &Ctx, v: u64, narrow: bool, o: &mut String) {
    let inf = if narrow {
        u64::from(u32::MAX)
    } else {
        u64::MAX
    };
    let text = if v == inf {
        Some(
            if narrow {
                "RLIM_INFINITY"
            } else {
                "RLIM64_INFINITY"
            }
            .to_string(),
        )
    } else if v > 1024 && v.is_multiple_of(1024) {
        Some(format!("{}*1024", v / 1024))
    } else {
        None
    };
    match text {
        Some(t) => fmt::named(o, c, &t, |o| fmt::dec(o, v)),
        None => fmt::dec(o, v),
    }
}

pub(super) fn print_rlimit(c: &Ctx, a: &ArgSpec, narrow: bool, o: &mut String) {
    let addr = c.arg(a.index);
    let size = if narrow { 4 } else { 8 };
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let mut b = [0u8; 16];
    if out_failed(c, a) || !c.derefs() || !c.fetch(addr, &mut b[..2 * size]) {
        fmt::addr(o, addr);
        return;
    }
    o.push_str("{rlim_cur=");
    print_rlim(c, le(&b, 0, size), narrow, o);
    o.push_str(", rlim_max=");
    print_rlim(c, le(&b, size, size), narrow, o);
    o.push('}');
}
