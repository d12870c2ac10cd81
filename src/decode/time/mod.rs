//! The time group: clocks, sleeps, interval timers, POSIX timers, timerfds and adjtimex,
//! with their structures (timespec, timeval, itimerspec, sigevent, timex) printed the way
//! strace 6.1 prints them.
//!
//! `timespec`/`timeval`/`timex` use the tracee's `long` for each field, which is the
//! 32-bit layout on i386/arm (the `*_time32` calls strace names without suffix) and the
//! 64-bit one elsewhere; the `*64` types are the 64-bit layout on every arch, for the
//! `*_time64` calls of 32-bit arches.
//!
//! `timespec` owns the second-and-fraction structures, `timer` clock ids, sigevent and
//! timex, `date` the dates strace shows next to absolute times.

mod date;
#[cfg(test)]
mod tests;
mod timer;
mod timespec;

pub use date::sprinttime;
pub use timer::print_clockid;
pub use timespec::{
    print_itimerspec, print_itimerval, print_timespec, print_timespec64, print_timeval,
    print_timezone,
};

use super::signal::{print_long_ret, read_or_addr, sle};
use super::{ArgType, Ctx, RetType, ty};
use crate::decode::bytes::{klong, xlat_name};
use date::comment;
use std::fmt::Write;
use timer::{print_sigevent, print_timex};
use timespec::{
    NSEC, USEC, print_interval_as, print_rem, print_time_as, print_timespec_pair_as,
    print_timezone_dir,
};

pub static TYPES: &[ArgType] = &[
    ty("timespec", |c, a, o| {
        print_time_as(c, c.arg(a.index), TS_LONG, NSEC, a.out, o);
        true
    }),
    ty("timespec64", |c, a, o| {
        print_time_as(c, c.arg(a.index), TS_64, NSEC, a.out, o);
        true
    }),
    // An input timeout printed at exit after the results (io_getevents): the caller's
    // value, shown even when the call failed.
    ty("timespec_in", |c, a, o| {
        print_time_as(c, c.arg(a.index), TS_LONG, NSEC, false, o);
        true
    }),
    ty("timespec64_in", |c, a, o| {
        print_time_as(c, c.arg(a.index), TS_64, NSEC, false, o);
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
        print_time_as(c, c.arg(a.index), TS_LONG, USEC, a.out, o);
        true
    }),
    ty("timezone", |c, a, o| {
        print_timezone_dir(c, c.arg(a.index), a.out, o);
        true
    }),
    ty("itimerspec", |c, a, o| {
        print_interval_as(c, c.arg(a.index), TS_LONG, NSEC, a.out, o);
        true
    }),
    ty("itimerspec64", |c, a, o| {
        print_interval_as(c, c.arg(a.index), TS_64, NSEC, a.out, o);
        true
    }),
    ty("itimerval", |c, a, o| {
        print_interval_as(c, c.arg(a.index), TS_LONG, USEC, a.out, o);
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
        print_timex(c, c.arg(a.index), TS_LONG, a.out, o);
        true
    }),
    ty("timex64", |c, a, o| {
        print_timex(c, c.arg(a.index), TS_64, a.out, o);
        true
    }),
    // time(2)/stime(2): a pointer to time_t, `[1700000000 /* 2023-11-14T22:13:20+0000 */]`.
    ty("time_ptr", |c, a, o| {
        let addr = c.arg(a.index);
        if let Some(b) = read_or_addr(c, addr, klong(c), a.out, o) {
            let t = sle(&b, 0, klong(c));
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
        print: |c, o| print_long_ret(c, o, |v| sprinttime(v, 0, 0)),
    },
    // adjtimex/clock_adjtime: the clock state, `= 5 (TIME_ERROR)`.
    RetType {
        name: "timex_state",
        print: |c, o| print_long_ret(c, o, |v| xlat_name(c, "adjtimex_state", v as u64)),
    },
];

/// Width of a time structure's fields: the tracee's time long (0) or always 8 bytes.
pub(super) const TS_LONG: usize = 0;
pub(super) const TS_64: usize = 8;

/// The field width in bytes that `w`, [`TS_LONG`] or [`TS_64`], stands for.
pub(super) fn width(c: &Ctx, w: usize) -> usize {
    if w == TS_LONG { klong(c) } else { w }
}
