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
    // getpriority/setpriority's `who` (PRIO_PROCESS 0, PRIO_PGRP 1) and ioprio_get/
    // ioprio_set's (IOPRIO_WHO_PROCESS 1, IOPRIO_WHO_PGRP 2): a process or a group
    // by the `which` before it; a uid otherwise.
    ty("prio_who", |c, a, o| {
        print_who(c, a.index, 0, o);
        true
    }),
    ty("ioprio_who_id", |c, a, o| {
        print_who(c, a.index, 1, o);
        true
    }),
    ty("pid_pgid", |c, a, o| {
        print_pid_or_pgid(c, o, c.iarg(a.index));
        true
    }),
];

/// Argument `i`, an id of the kind argument `i - 1` names: `process` for a process,
/// `process + 1` for a process group.
fn print_who(c: &Ctx, i: usize, process: u64, o: &mut String) {
    let which = c.iarg(i.saturating_sub(1)) as u32 as u64;
    let v = c.iarg(i);
    match which.checked_sub(process) {
        Some(0) => print_id(c, o, v, PidKind::Tgid),
        Some(1) => print_id(c, o, v, PidKind::Pgid),
        _ => super::fmt::dec(o, v),
    }
}

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

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::pidns::PidKind;
    use crate::record::MemoryReader;
    use crate::render::text::render_named;

    /// A tracee in a namespace where each id is trace's id minus 1000, except for
    /// process groups (minus 2000).
    struct Shifted;
    impl MemoryReader for Shifted {
        fn read(&self, _: u64, _: &mut [u8]) -> usize {
            0
        }
        fn translate_pid(&self, pid: i64, kind: PidKind) -> Option<i64> {
            (pid > 0).then_some(pid + if kind == PidKind::Pgid { 2000 } else { 1000 })
        }
    }

    fn line(name: &str, args: [u64; 6], ret: i64) -> String {
        render_named(Arch::X86_64, name, args, Some(ret), &Shifted)
    }

    /// strace's line: the call, then ` = ` at column 40 or after one space.
    fn want(call: &str, ret: &str) -> String {
        format!("{call:<39} = {ret}")
    }

    #[test]
    fn ids_carry_trace_s_view_by_their_kind() {
        let ns = |n: i64| format!(" /* {n} in strace's PID NS */");
        assert_eq!(
            line("getpid", [0; 6], 2),
            want("getpid()", &format!("2{}", ns(1002)))
        );
        assert_eq!(
            line("getppid", [0; 6], 3),
            want("getppid()", &format!("3{}", ns(1003)))
        );
        assert_eq!(line("getppid", [0; 6], 0), want("getppid()", "0"));
        assert_eq!(
            line("getpgrp", [0; 6], 2),
            want("getpgrp()", &format!("2{}", ns(2002)))
        );
        assert_eq!(
            line("kill", [(-5i64) as u64, 0, 0, 0, 0, 0], 0),
            want(&format!("kill(-5{}, 0)", ns(2005)), "0")
        );
        assert_eq!(
            line("kill", [(-1i64) as u64, 9, 0, 0, 0, 0], 0),
            want("kill(-1, SIGKILL)", "0")
        );
        assert_eq!(
            line("tgkill", [3, 4, 0, 0, 0, 0], 0),
            want(&format!("tgkill(3{}, 4{}, 0)", ns(1003), ns(1004)), "0")
        );
        assert_eq!(
            line("setpriority", [1, 7, 0, 0, 0, 0], 0),
            want(&format!("setpriority(PRIO_PGRP, 7{}, 0)", ns(2007)), "0")
        );
        // PRIO_USER: a uid, not translated.
        assert_eq!(
            line("getpriority", [2, 7, 0, 0, 0, 0], 20),
            want("getpriority(PRIO_USER, 7)", "20")
        );
        assert_eq!(
            line("ioprio_get", [1, 7, 0, 0, 0, 0], 0),
            want(
                &format!("ioprio_get(IOPRIO_WHO_PROCESS, 7{})", ns(1007)),
                "0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0))"
            )
        );
    }

    #[test]
    fn move_pages_of_no_pages_shows_empty_arrays_even_on_failure() {
        // EPERM (-1): the status array is still `[]`, as strace prints it.
        assert_eq!(
            line("move_pages", [5, 0, 0x1000, 0x2000, 0x3000, 4], -1),
            want(
                "move_pages(5 /* 1005 in strace's PID NS */, 0, [], [], [], MPOL_MF_MOVE_ALL)",
                "-1 EPERM (Operation not permitted)"
            )
        );
    }

    #[test]
    fn waitid_ids_by_their_type() {
        let ns = |n: i64| format!(" /* {n} in strace's PID NS */");
        assert_eq!(
            line("waitid", [2, 7, 0, 4, 0, 0], -10),
            want(
                &format!("waitid(P_PGID, 7{}, NULL, WEXITED, NULL)", ns(2007)),
                "-1 ECHILD (No child processes)"
            )
        );
        assert_eq!(
            line("waitid", [1, 7, 0, 4, 0, 0], -10),
            want(
                &format!("waitid(P_PID, 7{}, NULL, WEXITED, NULL)", ns(1007)),
                "-1 ECHILD (No child processes)"
            )
        );
        assert_eq!(
            line("waitid", [0, 7, 0, 4, 0, 0], -10),
            want(
                "waitid(P_ALL, 7, NULL, WEXITED, NULL)",
                "-1 ECHILD (No child processes)"
            )
        );
    }
}
