//! Process ids as arguments and return values: printed in decimal, and with
//! `--pidns-translation` also as trace's pid namespace sees them (see `crate::pidns`).
//! The kind of id (thread, thread group, process group, session) picks the /proc line
//! the translation reads, as strace's does.

use super::{ArgType, Ctx, RetType, ty};
use crate::pidns::{PidKind, print_pid};

/// An id of `kind` in argument or return value `v` (a C int).
pub fn print_id(c: &Ctx, o: &mut String, v: i32, kind: PidKind) {
    print_pid(c.mem, o, i64::from(v), kind);
}

/// kill's and wait4's pid: a process when positive, a process group when below -1
/// (printed negative, translated as the group).
pub fn print_pid_or_pgid(c: &Ctx, o: &mut String, v: i32) {
    if v < -1 {
        use std::fmt::Write as _;
        let _ = write!(o, "{v}");
        if let Some(ours) = c.mem.translate_pid(-i64::from(v), PidKind::Pgid)
            && ours != -i64::from(v)
        {
            let _ = write!(o, " /* {ours} in strace's PID NS */");
        }
    } else {
        print_id(c, o, v, PidKind::Tgid);
    }
}

pub static TYPES: &[ArgType] = &[
    ty("tid", |c, a, o| {
        print_id(c, o, c.iarg(a.index), PidKind::Tid);
        true
    }),
    ty("pgid", |c, a, o| {
        print_id(c, o, c.iarg(a.index), PidKind::Pgid);
        true
    }),
    ty("pid_pgid", |c, a, o| {
        print_pid_or_pgid(c, o, c.iarg(a.index));
        true
    }),
];

fn ret_id(c: &Ctx, o: &mut String, kind: PidKind) {
    print_id(c, o, c.ret().unwrap_or(0) as i32, kind);
}

pub static RETS: &[RetType] = &[
    RetType {
        name: "tgid",
        print: |c, o| ret_id(c, o, PidKind::Tgid),
    },
    RetType {
        name: "tid",
        print: |c, o| ret_id(c, o, PidKind::Tid),
    },
    RetType {
        name: "pgid",
        print: |c, o| ret_id(c, o, PidKind::Pgid),
    },
    RetType {
        name: "sid",
        print: |c, o| ret_id(c, o, PidKind::Sid),
    },
];
