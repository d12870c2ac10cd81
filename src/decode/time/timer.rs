//! Clocks and timers: clock ids, timer_create's sigevent, and adjtimex's timex.

use super::width;
use crate::decode::signal::{le, print_flags, print_signame, read_or_addr, sle};
use crate::decode::{Ctx, fmt};
use crate::table;
use std::fmt::Write;

/// A clock id: `CLOCK_MONOTONIC`, else `0x.. /* CLOCK_??? */`. strace 6.1 as built by
/// Debian has no CPU-clock decoding, so the negative ids of CPU clocks and clock fds
/// print as unknown 32-bit values too.
pub fn print_clockid(c: &Ctx, id: i32, o: &mut String) {
    match table::xlat("clocknames") {
        Some(x) => fmt::xlat_enum(o, x, c, u64::from(id as u32), "CLOCK_???"),
        None => fmt::dec(o, id),
    }
}

/// `struct sigevent` of timer_create.
pub(super) fn print_sigevent(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    // sigval_t (a word), int signo, int notify, then the union (tid or function and
    // attributes), word-aligned. The kernel's struct is padded to 64 bytes, but strace
    // reads only the fields it prints (mq_sendrecv.gen.test puts one at a page's end).
    let Some(b) = read_or_addr(c, addr, 3 * w + 8, out, o) else {
        return;
    };
    let val = le(&b, 0, w);
    let signo = sle(&b, w, 4) as i32;
    let notify = sle(&b, w + 4, 4) as i32;
    let un = w + 8;
    o.push('{');
    if val != 0 {
        let _ = write!(
            o,
            "sigev_value={{sival_int={}, sival_ptr=",
            val as u32 as i32
        );
        fmt::addr(o, val);
        o.push_str("}, ");
    }
    o.push_str("sigev_signo=");
    match notify {
        0 | 2 | 4 => print_signame(o, signo),
        _ => fmt::dec(o, signo as u32),
    }
    o.push_str(", sigev_notify=");
    match table::xlat("sigev_value") {
        Some(x) => fmt::xlat_enum(o, x, c, notify as u32 as u64, "SIGEV_???"),
        None => fmt::dec(o, notify),
    }
    match notify {
        4 => {
            let _ = write!(o, ", sigev_notify_thread_id={}", sle(&b, un, 4));
        }
        2 => {
            o.push_str(", sigev_notify_function=");
            fmt::addr(o, le(&b, un, w));
            o.push_str(", sigev_notify_attributes=");
            fmt::addr(o, le(&b, un + w, w));
        }
        _ => {}
    }
    o.push('}');
}

/// `struct timex` of adjtimex/clock_adjtime, fields of width `w` (see [`width`]). With
/// field width `w` every field but the int ones sits at a multiple of `w`: modes 0,
/// offset w, ..., tai 20w.
pub(super) fn print_timex(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    let w = width(c, w);
    // The struct ends with the int tai and eleven ints of padding.
    let Some(b) = read_or_addr(c, addr, 20 * w + 48, out, o) else {
        return;
    };
    let f = |i: usize| sle(&b, i * w, w);
    let int = |i: usize| sle(&b, i * w, 4);
    o.push_str("{modes=");
    print_flags(c, "adjtimex_modes", le(&b, 0, 4), "ADJ_???", o);
    let _ = write!(
        o,
        ", offset={}, freq={}, maxerror={}, esterror={}, status=",
        f(1),
        f(2),
        f(3),
        f(4)
    );
    print_flags(c, "adjtimex_status", int(5) as u32 as u64, "STA_???", o);
    let _ = write!(
        o,
        ", constant={}, precision={}, tolerance={}, time={{tv_sec={}, tv_usec={}}}, tick={}, \
         ppsfreq={}, jitter={}, shift={}, stabil={}, jitcnt={}, calcnt={}, errcnt={}, stbcnt={}, tai={}}}",
        f(6),
        f(7),
        f(8),
        f(9),
        le(&b, 10 * w, w),
        f(11),
        f(12),
        f(13),
        int(14),
        f(15),
        f(16),
        f(17),
        f(18),
        f(19),
        int(20)
    );
}
