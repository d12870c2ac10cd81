//! The time group: clocks, sleeps, interval timers, POSIX timers, timerfds and adjtimex,
//! with their structures (timespec, timeval, itimerspec, sigevent, timex) printed the way
//! strace 6.1 prints them.
//!
//! `timespec`/`timeval`/`timex` use the tracee's `long` for each field, which is the
//! 32-bit layout on i386/arm (the `*_time32` calls strace names without suffix) and the
//! 64-bit one elsewhere; the `*64` types are the 64-bit layout on every arch, for the
//! `*_time64` calls of 32-bit arches.

use super::fmt;
use super::signal::print_signame;
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::table::{self, ArgSpec, Param};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("timespec", |c, a, o| {
        print_ts_arg(c, a, TS_LONG, o);
        true
    }),
    ty("timespec64", |c, a, o| {
        print_ts_arg(c, a, TS_64, o);
        true
    }),
    // nanosleep's and clock_nanosleep's remaining time (see print_rem).
    ty("timespec_rem", |c, a, o| {
        print_rem(c, a, TS_LONG, o);
        true
    }),
    ty("timespec64_rem", |c, a, o| {
        print_rem(c, a, TS_64, o);
        true
    }),
    ty("timeval", |c, a, o| {
        print_timeval_dir(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("timezone", |c, a, o| {
        print_timezone_dir(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("itimerspec", |c, a, o| {
        print_itimerspec_as(c, c.arg(a.index), TS_LONG, a.out, o);
        true
    }),
    ty("itimerspec64", |c, a, o| {
        print_itimerspec_as(c, c.arg(a.index), TS_64, a.out, o);
        true
    }),
    ty("itimerval", |c, a, o| {
        print_itimerval_dir(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("timespec_pair", |c, a, o| {
        print_timespec_pair_as(c, c.arg(a.index), TS_LONG, a.out, o);
        true
    }),
    ty("timespec64_pair", |c, a, o| {
        print_timespec_pair_as(c, c.arg(a.index), TS_64, a.out, o);
        true
    }),
    ty("clockid", |c, a, o| {
        print_clockid(c, c.iarg(a.index), o);
        true
    }),
    ty("sigevent", |c, a, o| {
        print_sigevent(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("timex", |c, a, o| {
        print_timex(c, c.arg(a.index), time_long(c), a.out, o);
        true
    }),
    ty("timex64", |c, a, o| {
        print_timex(c, c.arg(a.index), 8, a.out, o);
        true
    }),
    // time(2)/stime(2): a pointer to time_t, `[1700000000 /* 2023-11-14T22:13:20+0000 */]`.
    ty("time_ptr", |c, a, o| {
        let addr = c.arg(a.index);
        if let Some(b) = read_or_addr(c, addr, time_long(c), a.out, o) {
            let t = sle(&b, 0, time_long(c));
            let _ = write!(o, "[{t}");
            comment(o, sprinttime(t, 0, 0));
            o.push(']');
        }
        true
    }),
    // timer_create's out timer id: `[0]`.
    ty("timerid_ptr", |c, a, o| {
        if let Some(b) = read_or_addr(c, c.arg(a.index), 4, a.out, o) {
            let _ = write!(o, "[{}]", sle(&b, 0, 4));
        }
        true
    }),
];

pub static RETS: &[RetType] = &[
    // time(2): `= 1700000000 (2023-11-14T22:13:20+0000)`.
    RetType {
        name: "time",
        print: |c, o| {
            let v = c.arch().long(c.ret().unwrap_or(0) as u64);
            fmt::dec(o, v);
            if let Some(s) = sprinttime(v, 0, 0) {
                let _ = write!(o, " ({s})");
            }
        },
    },
    // adjtimex/clock_adjtime: the clock state, `= 5 (TIME_ERROR)`.
    RetType {
        name: "timex_state",
        print: |c, o| {
            let v = c.arch().long(c.ret().unwrap_or(0) as u64);
            fmt::dec(o, v);
            if let Some(n) =
                table::xlat("adjtimex_state").and_then(|x| x.name_of(c.arch(), v as u64))
            {
                let _ = write!(o, " ({n})");
            }
        },
    },
];

/// Width of a timespec's fields: the tracee's long (0) or always 8 bytes.
const TS_LONG: usize = 0;
const TS_64: usize = 8;

fn width(c: &Ctx, w: usize) -> usize {
    if w == TS_LONG { time_long(c) } else { w }
}

/// Size of `time_t` and of the other longs of the time structures: the tracee's long,
/// except on x32, whose ABI has 64-bit times in 32-bit-pointer structures.
fn time_long(c: &Ctx) -> usize {
    if c.arch() == Arch::X32 { 8 } else { c.word() }
}

fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off + size.min(8)) {
        w[..s.len()].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

/// A signed field of `size` bytes.
fn sle(b: &[u8], off: usize, size: usize) -> i64 {
    let v = le(b, off, size);
    match size {
        4 => v as u32 as i32 as i64,
        2 => v as u16 as i16 as i64,
        _ => v as i64,
    }
}

/// Reads `len` bytes for a structure argument, or prints what strace prints instead:
/// `NULL`, or the address when unreadable or when an out argument's call failed.
fn read_or_addr(c: &Ctx, addr: u64, len: usize, out: bool, o: &mut String) -> Option<Vec<u8>> {
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    if out && c.exiting() && c.failed() {
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

fn comment(o: &mut String, s: Option<String>) {
    if let Some(s) = s {
        let _ = write!(o, " /* {s} */");
    }
}

/// `{tv_sec=1, tv_nsec=500}` from bytes with fields of `w` bytes; the nanoseconds print
/// unsigned at their own width, as strace zero-extends them.
fn ts_fields(b: &[u8], w: usize, sub: &str, o: &mut String) {
    let _ = write!(o, "{{tv_sec={}, {sub}={}}}", sle(b, 0, w), le(b, w, w));
}

/// `struct timespec` at `addr`, fields the tracee's long.
pub fn print_timespec(c: &Ctx, addr: u64, o: &mut String) {
    print_timespec_as(c, addr, TS_LONG, false, o);
}

/// `struct __kernel_timespec` (64-bit fields on every arch) at `addr`.
pub fn print_timespec64(c: &Ctx, addr: u64, o: &mut String) {
    print_timespec_as(c, addr, TS_64, false, o);
}

fn print_timespec_as(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    let w = width(c, w);
    if let Some(b) = read_or_addr(c, addr, 2 * w, out, o) {
        ts_fields(&b, w, "tv_nsec", o);
    }
}

fn print_ts_arg(c: &Ctx, a: &ArgSpec, w: usize, o: &mut String) {
    print_timespec_as(c, c.arg(a.index), w, a.out, o);
}

/// The kernel's restart errors: the call was interrupted by a signal.
fn is_erestart(c: &Ctx) -> bool {
    matches!(c.rec.errno(), Some(512..=514) | Some(516))
}

/// The remaining time of an interrupted sleep. It is only written when a signal cut the
/// sleep short (and, for clock_nanosleep, the sleep was relative: flags, the param
/// argument, zero), so otherwise only the address prints.
fn print_rem(c: &Ctx, a: &ArgSpec, w: usize, o: &mut String) {
    let addr = c.arg(a.index);
    let relative = match a.param(0) {
        Some(Param::Arg(i)) => c.arg(*i) == 0,
        _ => true,
    };
    if relative && is_erestart(c) {
        print_timespec_as(c, addr, w, false, o);
    } else {
        fmt::addr(o, addr);
    }
}

/// `struct timeval` at `addr`: `{tv_sec=1, tv_usec=2}`.
pub fn print_timeval(c: &Ctx, addr: u64, o: &mut String) {
    print_timeval_dir(c, addr, false, o);
}

/// [`print_timeval`] of an argument that may be an out one (`out`).
fn print_timeval_dir(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = time_long(c);
    if let Some(b) = read_or_addr(c, addr, 2 * w, out, o) {
        ts_fields(&b, w, "tv_usec", o);
    }
}

/// `struct timezone`: two ints.
pub fn print_timezone(c: &Ctx, addr: u64, o: &mut String) {
    print_timezone_dir(c, addr, false, o);
}

/// [`print_timezone`] of an argument that may be an out one (`out`).
fn print_timezone_dir(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 8, out, o) {
        let _ = write!(
            o,
            "{{tz_minuteswest={}, tz_dsttime={}}}",
            sle(&b, 0, 4),
            sle(&b, 4, 4)
        );
    }
}

/// `{it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=0}}`.
pub fn print_itimerspec(c: &Ctx, addr: u64, o: &mut String) {
    print_itimerspec_as(c, addr, TS_LONG, false, o);
}

fn print_itimerspec_as(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    let w = width(c, w);
    if let Some(b) = read_or_addr(c, addr, 4 * w, out, o) {
        o.push_str("{it_interval=");
        ts_fields(&b, w, "tv_nsec", o);
        o.push_str(", it_value=");
        ts_fields(b.get(2 * w..).unwrap_or(&[]), w, "tv_nsec", o);
        o.push('}');
    }
}

/// `{it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}`.
pub fn print_itimerval(c: &Ctx, addr: u64, o: &mut String) {
    print_itimerval_dir(c, addr, false, o);
}

/// [`print_itimerval`] of an argument that may be an out one (`out`).
fn print_itimerval_dir(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = time_long(c);
    if let Some(b) = read_or_addr(c, addr, 4 * w, out, o) {
        o.push_str("{it_interval=");
        ts_fields(&b, w, "tv_usec", o);
        o.push_str(", it_value=");
        ts_fields(b.get(2 * w..).unwrap_or(&[]), w, "tv_usec", o);
        o.push('}');
    }
}

const UTIME_NOW: u64 = (1 << 30) - 1;
const UTIME_OMIT: u64 = (1 << 30) - 2;

/// utimensat's `times[2]`: `[{tv_sec=0, tv_nsec=0}, {...}]`, the special nanosecond
/// values by name, other times with their date as a comment.
fn print_timespec_pair_as(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    let w = width(c, w);
    let Some(b) = read_or_addr(c, addr, 4 * w, out, o) else {
        return;
    };
    o.push('[');
    for i in 0..2 {
        if i > 0 {
            o.push_str(", ");
        }
        let t = b.get(2 * w * i..).unwrap_or(&[]);
        let (sec, nsec) = (sle(t, 0, w), le(t, w, w));
        match nsec {
            UTIME_NOW => o.push_str("UTIME_NOW"),
            UTIME_OMIT => o.push_str("UTIME_OMIT"),
            _ => {
                ts_fields(t, w, "tv_nsec", o);
                comment(o, sprinttime(sec, nsec, 9));
            }
        }
    }
    o.push(']');
}

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
fn print_sigevent(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    // sigval_t (a word), int signo, int notify, then the union (tid or function and
    // attributes), word-aligned; the kernel's struct is padded to 64 bytes.
    let Some(b) = read_or_addr(c, addr, 64, out, o) else {
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

/// `struct timex` of adjtimex/clock_adjtime. With word size `w` every field but the
/// int ones sits at a multiple of `w`: modes 0, offset w, ..., tai 20w.
fn print_timex(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    // The struct ends with the int tai and eleven ints of padding.
    let Some(b) = read_or_addr(c, addr, 20 * w + 48, out, o) else {
        return;
    };
    let f = |i: usize| sle(&b, i * w, w);
    let int = |i: usize| sle(&b, i * w, 4);
    let flags = |o: &mut String, set: &str, dflt: &str, v: u64| match table::xlat(set) {
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    };
    o.push_str("{modes=");
    flags(o, "adjtimex_modes", "ADJ_???", le(&b, 0, 4));
    let _ = write!(
        o,
        ", offset={}, freq={}, maxerror={}, esterror={}, status=",
        f(1),
        f(2),
        f(3),
        f(4)
    );
    flags(o, "adjtimex_status", "STA_???", int(5) as u32 as u64);
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

/// strace's sprinttime_ex: local time as `2023-11-14T22:13:20[.frac]+0000`; `None` for
/// the epoch itself, out-of-range fractions, or times localtime cannot convert.
pub fn sprinttime(sec: i64, part: u64, width: usize) -> Option<String> {
    let max = match width {
        0 => 0,
        6 => 999_999,
        _ => 999_999_999,
    };
    if (sec == 0 && part == 0) || part > max {
        return None;
    }
    let t = libc::time_t::try_from(sec).ok()?;
    // SAFETY: localtime_r only writes the tm we pass; both pointers are valid locals.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return None;
        }
        tm
    };
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        i64::from(tm.tm_year) + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    );
    if part > 0 {
        let _ = write!(s, ".{part:0width$}");
    }
    let off = tm.tm_gmtoff;
    let a = off.abs() / 60;
    let _ = write!(
        s,
        "{}{:02}{:02}",
        if off < 0 { '-' } else { '+' },
        a / 60,
        a % 60
    );
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::signal::tests::expect;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    const X: Arch = Arch::X86_64;
    const I: Arch = Arch::I386;

    fn words64(v: &[i64]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn words32(v: &[i32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn clock_calls() {
        let mem = RecordedMemory::new().with(0x1000, words64(&[0, 100_000_000]));
        assert_eq!(
            render_named(X, "clock_nanosleep", [0, 0, 0x1000, 0, 0, 0], Some(0), &mem),
            expect("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000}, NULL) = 0")
        );
        assert_eq!(
            render_named(X, "clock_gettime", [1, 0x1000, 0, 0, 0, 0], Some(0), &mem),
            expect("clock_gettime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=100000000}) = 0")
        );
        assert_eq!(
            render_named(
                X,
                "clock_gettime",
                [99, 0x1000, 0, 0, 0, 0],
                Some(-22),
                &mem
            ),
            expect("clock_gettime(0x63 /* CLOCK_??? */, 0x1000) = -1 EINVAL (Invalid argument)")
        );
        assert_eq!(
            render_named(
                X,
                "clock_getres",
                [(-6i64) as u64, 0x1000, 0, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect("clock_getres(0xfffffffa /* CLOCK_??? */, {tv_sec=0, tv_nsec=100000000}) = 0")
        );
        assert_eq!(
            render_named(X, "clock_settime", [0, 0x1000, 0, 0, 0, 0], Some(-1), &mem),
            expect(
                "clock_settime(CLOCK_REALTIME, {tv_sec=0, tv_nsec=100000000}) = -1 EPERM (Operation not permitted)"
            )
        );
    }

    #[test]
    fn interrupted_sleeps() {
        let mem = RecordedMemory::new()
            .with(0x1000, words64(&[10, 0]))
            .with(0x2000, words64(&[9, 999_000_000]));
        assert_eq!(
            render_named(
                X,
                "clock_nanosleep",
                [0, 0, 0x1000, 0x2000, 0, 0],
                Some(-516),
                &mem
            ),
            expect(
                "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=10, tv_nsec=0}, {tv_sec=9, tv_nsec=999000000}) \
             = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"
            )
        );
        assert_eq!(
            render_named(
                X,
                "clock_nanosleep",
                [1, 1, 0x1000, 0x2000, 0, 0],
                Some(-516),
                &mem
            ),
            expect(
                "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=10, tv_nsec=0}, 0x2000) \
             = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"
            )
        );
        assert_eq!(
            render_named(X, "nanosleep", [0x1000, 0x2000, 0, 0, 0, 0], Some(0), &mem),
            expect("nanosleep({tv_sec=10, tv_nsec=0}, 0x2000) = 0")
        );
        assert_eq!(
            render_named(X, "nanosleep", [0x1000, 0x2000, 0, 0, 0, 0], Some(-4), &mem),
            expect(
                "nanosleep({tv_sec=10, tv_nsec=0}, 0x2000) = -1 EINTR (Interrupted system call)"
            )
        );
    }

    #[test]
    fn i386_layouts() {
        let mem = RecordedMemory::new()
            .with(0x1000, words32(&[5, 250]))
            .with(0x2000, words64(&[7, 8]))
            .with(0x3000, words32(&[0, 0, 1, 500_000]));
        assert_eq!(
            render_named(I, "clock_gettime", [0, 0x1000, 0, 0, 0, 0], Some(0), &mem),
            expect("clock_gettime(CLOCK_REALTIME, {tv_sec=5, tv_nsec=250}) = 0")
        );
        assert_eq!(
            render_named(I, "clock_gettime64", [0, 0x2000, 0, 0, 0, 0], Some(0), &mem),
            expect("clock_gettime64(CLOCK_REALTIME, {tv_sec=7, tv_nsec=8}) = 0")
        );
        assert_eq!(
            render_named(I, "setitimer", [0, 0x3000, 0, 0, 0, 0], Some(0), &mem),
            expect(
                "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=500000}}, NULL) = 0"
            )
        );
        assert_eq!(
            render_named(I, "gettimeofday", [0x1000, 0, 0, 0, 0, 0], Some(0), &mem),
            expect("gettimeofday({tv_sec=5, tv_usec=250}, NULL) = 0")
        );
    }

    #[test]
    fn timers() {
        let mut sev = words64(&[0]);
        sev.extend(words32(&[14, 0]));
        sev.extend(words64(&[0; 6]));
        let mem = RecordedMemory::new()
            .with(0x1000, sev)
            .with(0x2000, 0u32.to_le_bytes().to_vec())
            .with(0x3000, words64(&[0, 0, 1, 500]));
        assert_eq!(
            render_named(
                X,
                "timer_create",
                [0, 0x1000, 0x2000, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [0]) = 0"
            )
        );
        assert_eq!(
            render_named(X, "timer_settime", [0, 0, 0x3000, 0, 0, 0], Some(0), &mem),
            expect(
                "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}, NULL) = 0"
            )
        );
        assert_eq!(
            render_named(X, "timer_gettime", [0, 0x3000, 0, 0, 0, 0], Some(0), &mem),
            expect(
                "timer_gettime(0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}) = 0"
            )
        );
        assert_eq!(
            render_named(X, "timer_delete", [0, 0, 0, 0, 0, 0], Some(0), &mem),
            expect("timer_delete(0) = 0")
        );
        assert_eq!(
            render_named(
                X,
                "timerfd_create",
                [1, 0o2004000, 0, 0, 0, 0],
                Some(3),
                &mem
            ),
            expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3")
        );
        assert_eq!(
            render_named(X, "timerfd_settime", [3, 1, 0x3000, 0, 0, 0], Some(0), &mem),
            expect(
                "timerfd_settime(3, TFD_TIMER_ABSTIME, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=500}}, NULL) = 0"
            )
        );
        let mut thr = words64(&[0x1234]);
        thr.extend(words32(&[0, 2]));
        thr.extend(words64(&[0x4000, 0, 0, 0, 0, 0]));
        let mem = RecordedMemory::new().with(0x1000, thr);
        assert_eq!(
            render_named(
                X,
                "timer_create",
                [1, 0x1000, 0x2000, 0, 0, 0],
                Some(-22),
                &mem
            ),
            expect(
                "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=0, \
             sigev_notify=SIGEV_THREAD, sigev_notify_function=0x4000, sigev_notify_attributes=NULL}, 0x2000) \
             = -1 EINVAL (Invalid argument)"
            )
        );
    }

    #[test]
    fn timeofday_and_itimers() {
        let mem = RecordedMemory::new()
            .with(0x1000, words64(&[1_700_000_000, 12]))
            .with(0x2000, words32(&[-60, 0]));
        assert_eq!(
            render_named(
                X,
                "gettimeofday",
                [0x1000, 0x2000, 0, 0, 0, 0],
                Some(0),
                &mem
            ),
            expect(
                "gettimeofday({tv_sec=1700000000, tv_usec=12}, {tz_minuteswest=-60, tz_dsttime=0}) = 0"
            )
        );
        assert_eq!(
            render_named(X, "getitimer", [1, 0x1000, 0, 0, 0, 0], Some(-14), &mem),
            expect("getitimer(ITIMER_VIRTUAL, 0x1000) = -1 EFAULT (Bad address)")
        );
        assert_eq!(
            render_named(X, "settimeofday", [0x1000, 0, 0, 0, 0, 0], Some(-1), &mem),
            expect(
                "settimeofday({tv_sec=1700000000, tv_usec=12}, NULL) = -1 EPERM (Operation not permitted)"
            )
        );
    }

    #[test]
    fn time_and_adjtimex() {
        let mem = RecordedMemory::new().with(0x1000, words64(&[0]));
        assert_eq!(
            render_named(X, "time", [0; 6], Some(0), &mem),
            expect("time(NULL) = 0")
        );
        assert_eq!(
            render_named(X, "time", [0x1000, 0, 0, 0, 0, 0], Some(0), &mem),
            expect("time([0]) = 0")
        );
        let mut tx = vec![0u8; 208];
        tx[40] = 0x40; // status = STA_UNSYNC
        tx[88] = 0x10; // tick = 10000 (0x2710)
        tx[89] = 0x27;
        let mem = RecordedMemory::new().with(0x1000, tx);
        assert_eq!(
            render_named(X, "adjtimex", [0x1000, 0, 0, 0, 0, 0], Some(5), &mem),
            expect(
                "adjtimex({modes=0, offset=0, freq=0, maxerror=0, esterror=0, status=STA_UNSYNC, constant=0, \
             precision=0, tolerance=0, time={tv_sec=0, tv_usec=0}, tick=10000, ppsfreq=0, jitter=0, shift=0, \
             stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, tai=0}) = 5 (TIME_ERROR)"
            )
        );
        assert_eq!(
            render_named(X, "clock_adjtime", [0, 0x1000, 0, 0, 0, 0], Some(-1), &mem),
            expect("clock_adjtime(CLOCK_REALTIME, 0x1000) = -1 EPERM (Operation not permitted)")
        );
    }

    #[test]
    fn dates_follow_localtime() {
        // Only the shape is fixed: the machine's time zone decides the digits.
        let s = sprinttime(1_700_000_000, 5, 9).unwrap_or_default();
        assert_eq!(s.len(), "2023-11-14T22:13:20.000000005+0000".len(), "{s}");
        assert!(sprinttime(0, 0, 0).is_none());
        assert!(sprinttime(1, 1_000_000, 6).is_none());
    }

    #[test]
    fn never_panics_on_garbage() {
        let mem = RecordedMemory::new().with(0x1000, vec![0xff; 400]);
        for name in [
            "clock_nanosleep",
            "timer_create",
            "adjtimex",
            "setitimer",
            "timerfd_settime",
            "time",
            "gettimeofday",
        ] {
            for args in [[0x1000u64; 6], [u64::MAX; 6], [0; 6]] {
                let _ = render_named(X, name, args, Some(-516), &mem);
                let _ = render_named(I, name, args, Some(0), &mem);
            }
        }
        let _ = sprinttime(i64::MAX, 0, 0);
        let _ = sprinttime(i64::MIN, 0, 0);
    }
}
