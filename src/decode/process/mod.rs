//! Process syscalls: exec, clone/fork, wait, credentials, resource limits and usage,
//! scheduling, prctl/arch_prctl, futex, capabilities and the other per-process knobs,
//! printed the way strace 6.1 prints them by default (and under `-v` where cheap).
//!
//! This file holds the group's `TYPES`/`RETS` registries, whose small printers live
//! inline; the larger ones live in a submodule per topic.

pub(crate) mod admin;
mod bpf;
mod clone;
mod exec;
mod futex;
mod info;
mod keyctl;
mod perf;
mod prctl;
mod prctl_vals;
mod ptrace;
mod ptrace_regs;
mod sched;
mod seccomp;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_suite;
mod wait;

pub(crate) use clone::{print_struct_tail, print_user_desc_tail};
pub(crate) use sched::print_cpu_list;
pub use wait::print_status;

use super::basic::{print_fd, print_uid};
use super::fmt;
use super::memory::int_enum;
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::decode::array::print_array;
use crate::decode::bytes::{
    klong, le, out_failed, print_enum, print_flags, print_num, print_num_at, xlat_name,
};
use clone::{
    CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_SETTLS, print_clone_args, print_clone_flags,
    print_clone_ptid, print_tls, print_user_desc,
};
use exec::{print_argv, print_env_count};
use futex::{print_futex_rest, print_futex_waitv};
use info::{cap_header, print_cap_data, print_sysinfo, print_utsname};
use perf::print_perf_attr;
use prctl::{
    print_arch_prctl_arg, print_arch_prctl_ret, print_personality, print_prctl_rest,
    print_prctl_ret,
};
use ptrace::{capture_ptrace_data, print_ptrace_data, print_ptrace_rest};
use sched::{capture_sched_attr_size, print_cpuset, print_kcmp_idx, print_sched_attr};
use seccomp::print_fprog;
use std::fmt::Write;
use wait::{print_rlimit, print_rusage, print_wait_status};

pub static TYPES: &[ArgType] = &[
    ty("pid", |c, a, o| {
        crate::decode::pid::print_id(c, o, c.iarg(a.index), crate::pidns::PidKind::Tgid);
        true
    }),
    ty("argv", |c, a, o| {
        print_argv(c, c.arg(a.index), o);
        true
    }),
    ty("envp", |c, a, o| {
        if c.unabbreviated() {
            print_argv(c, c.arg(a.index), o);
        } else {
            print_env_count(c, c.arg(a.index), o);
        }
        true
    }),
    ty("clone_flags", |c, a, o| {
        print_clone_flags(c, c.arg(a.index), o);
        true
    }),
    ty("clone_stack", |c, _, o| {
        o.push_str("child_stack=");
        fmt::addr(o, c.arg(1));
        true
    }),
    ty("clone_flags_arg", |c, _, o| {
        o.push_str("flags=");
        print_clone_flags(c, c.arg(0), o);
        true
    }),
    ty("clone_ptid", print_clone_ptid),
    ty("clone_tls", |c, _, o| {
        if c.arg(0) & CLONE_SETTLS == 0 {
            return false;
        }
        o.push_str("tls=");
        print_tls(c, c.arg(clone_regs(c.arch()).1), o);
        true
    }),
    ty("clone_ctid", |c, _, o| {
        if c.arg(0) & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID) == 0 {
            return false;
        }
        o.push_str("child_tidptr=");
        fmt::addr(o, c.arg(clone_regs(c.arch()).0));
        true
    }),
    ty("clone_args", print_clone_args),
    ty("wait_status", print_wait_status),
    ty("wait_rusage", |c, a, o| {
        if c.ret().is_some_and(|r| r > 0) && !c.failed() {
            print_rusage(c, c.arg(a.index), o);
        } else {
            fmt::addr(o, c.arg(a.index));
        }
        true
    }),
    ty("rusage", |c, a, o| {
        if out_failed(c, a) {
            fmt::addr(o, c.arg(a.index));
        } else {
            print_rusage(c, c.arg(a.index), o);
        }
        true
    }),
    // RUSAGE_CHILDREN is -1 as a C int, whatever the upper register bits hold.
    ty("usagewho", |c, a, o| {
        print_enum(
            c,
            "usagewho",
            c.iarg(a.index) as i64 as u64,
            "RUSAGE_???",
            o,
        );
        true
    }),
    ty("waitid_id", |c, a, o| {
        // P_PIDFD names an fd; the other id types are pids or ignored.
        use crate::pidns::PidKind;
        match c.iarg(0) {
            3 => print_fd(c, c.iarg(a.index).into(), o),
            // P_PID, P_PGID.
            1 => crate::decode::pid::print_id(c, o, c.iarg(a.index), PidKind::Tgid),
            2 => crate::decode::pid::print_id(c, o, c.iarg(a.index), PidKind::Pgid),
            _ => fmt::dec(o, c.iarg(a.index)),
        }
        true
    }),
    ty("rlimit", |c, a, o| {
        // i386 and arm have a 32-bit rlim_t; x32 has the 64-bit kernel layout.
        let narrow = matches!(c.arch(), Arch::I386 | Arch::Arm);
        print_rlimit(c, a, narrow, o);
        true
    }),
    ty("rlimit64", |c, a, o| {
        print_rlimit(c, a, false, o);
        true
    }),
    ty("intp", |c, a, o| {
        print_num(c, a, 4, o, |o, v| fmt::dec(o, v as u32 as i32));
        true
    }),
    ty("uintptr", |c, a, o| {
        print_num(c, a, 4, o, |o, v| fmt::dec(o, v as u32));
        true
    }),
    ty("uidptr", |c, a, o| {
        print_num(c, a, 4, o, |o, v| print_uid(o, v as u32));
        true
    }),
    ty("ulongptr", |c, a, o| {
        print_num(c, a, c.word(), o, fmt::dec);
        true
    }),
    ty("ptrptr", |c, a, o| {
        print_num(c, a, c.word(), o, fmt::addr);
        true
    }),
    ty("gid_list", |c, a, o| {
        let addr = c.arg(a.index);
        let len = c.len_of(a.param(0)).unwrap_or(0) as u32;
        // NGROUPS_MAX: longer lists (and failed calls) print as an address.
        if out_failed(c, a) || len > 65536 {
            fmt::addr(o, addr);
        } else {
            print_array(c, addr, len.into(), 4, o, |o, b| {
                print_uid(o, le(b, 0, 4) as u32)
            });
        }
        true
    }),
    ty("cpuset", print_cpuset),
    ty("sched_attr", print_sched_attr),
    // sched_setattr's attr, printed at exit to show the size the kernel wrote back.
    ArgType {
        name: "sched_attr_in",
        print: print_sched_attr,
        capture: Some(capture_sched_attr_size),
    },
    ty("kcmp_type", |c, a, o| {
        int_enum(c, a, o, "kcmp_types", "KCMP_???")
    }),
    ty("kcmp_idx1", |c, a, o| print_kcmp_idx(c, a, o, true)),
    ty("kcmp_idx2", |c, a, o| print_kcmp_idx(c, a, o, false)),
    ty("personality", |c, a, o| {
        let p = c.arg(a.index) as u32;
        if p == u32::MAX {
            o.push_str("0xffffffff");
        } else {
            print_personality(c, p, o);
        }
        true
    }),
    ty("prctl_option", |c, a, o| {
        int_enum(c, a, o, "prctl_options", "PR_???")
    }),
    ty("prctl_rest", print_prctl_rest),
    ty("arch_prctl_arg", print_arch_prctl_arg),
    ty("keyctl_cmd", keyctl::print_keyctl_cmd),
    ty("bpf_attr", bpf::print_bpf_attr),
    // pidfd_getfd's targetfd: an fd of the process the pidfd (argument 0) refers to,
    // whose `-y` details come from that process.
    ty("pidfd_target_fd", |c, a, o| {
        let fd = i64::from(c.iarg(a.index));
        let other = c
            .mem
            .fd_pidfd(i64::from(c.iarg(0)))
            .filter(|&pid| pid > 0)
            .and_then(|pid| c.mem.process(pid));
        match other {
            Some(m) => print_fd(&Ctx { mem: &*m, ..*c }, fd, o),
            None => fmt::dec(o, fd),
        }
        true
    }),
    ty("keyctl_rest", keyctl::print_keyctl_rest),
    ty("futex_op", |c, a, o| {
        int_enum(c, a, o, "futexops", "FUTEX_???")
    }),
    ty("futex_rest", |c, _, o| print_futex_rest(c, false, o)),
    ty("futex_waitv", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0) as u32;
        print_futex_waitv(c, c.arg(a.index), n.into(), o);
        true
    }),
    // futex_time64: 64-bit timespec on 32-bit arches.
    ty("futex_rest64", |c, _, o| print_futex_rest(c, true, o)),
    ty("ptrace_rest", print_ptrace_rest),
    ArgType {
        name: "ptrace_data",
        print: print_ptrace_data,
        capture: Some(capture_ptrace_data),
    },
    ty("reboot_arg", |c, a, o| {
        const LINUX_REBOOT_CMD_RESTART2: u32 = 0xa1b2_c3d4;
        if c.iarg(2) as u32 != LINUX_REBOOT_CMD_RESTART2 {
            return false;
        }
        print_str0n(c, c.arg(a.index), 255, o);
        true
    }),
    // sethostname's name: `len` bytes (NULs included); past __NEW_UTS_LEN (64) the
    // kernel refuses it unread, and strace shows the address only.
    ty("hostname", |c, a, o| {
        let len = c.len_of(a.param(0)).unwrap_or(0) as u32;
        let addr = c.arg(a.index);
        if len > 64 {
            fmt::addr(o, addr);
        } else {
            super::basic::print_buf(c, addr, len.into(), o, false, false);
        }
        true
    }),
    ty("seccomp_flags", |c, a, o| {
        let v = u64::from(c.iarg(a.index) as u32);
        if c.iarg(0) == 1 {
            print_flags(c, "seccomp_filter_flags", v, "SECCOMP_FILTER_FLAG_???", o);
        } else {
            fmt::hex(o, v);
        }
        true
    }),
    ty("seccomp_args", |c, a, o| {
        let addr = c.arg(a.index);
        match c.iarg(0) {
            // SECCOMP_SET_MODE_FILTER
            1 => print_fprog(c, addr, o),
            // SECCOMP_GET_ACTION_AVAIL
            // The kernel checks the whole action word, so it prints as one value.
            2 => print_num_at(c, addr, false, 4, o, |o, v| {
                print_enum(c, "seccomp_ret_action", v, "SECCOMP_RET_???", o)
            }),
            // SECCOMP_GET_NOTIF_SIZES: three u16 the kernel fills in.
            3 if c.exiting() && !c.failed() && addr != 0 => {
                let mut b = [0u8; 6];
                if c.mem.read_exact(addr, &mut b) {
                    let _ = write!(
                        o,
                        "{{seccomp_notif={}, seccomp_notif_resp={}, seccomp_data={}}}",
                        le(&b, 0, 2),
                        le(&b, 2, 2),
                        le(&b, 4, 2)
                    );
                } else {
                    fmt::addr(o, addr);
                }
            }
            _ => fmt::addr(o, addr),
        }
        true
    }),
    ty("syslog_type", |c, a, o| {
        let t = c.iarg(a.index);
        let _ = write!(o, "{t}");
        let v = u64::from(t as u32);
        print_name_comment(c, o, "syslog_action_type", v, "SYSLOG_ACTION_???");
        true
    }),
    ty("syslog_buf", |c, a, o| {
        let addr = c.arg(a.index);
        match c.iarg(0) {
            0 | 1 | 5 | 6 | 7 | 9 | 10 => return false,
            2..=4 if !c.failed() => {
                let len = c.ret().unwrap_or(0).max(0) as u64;
                super::basic::print_buf(c, addr, len, o, false, false);
            }
            _ => fmt::addr(o, addr),
        }
        true
    }),
    ty("syslog_len", |c, a, o| {
        if matches!(c.iarg(0), 0 | 1 | 5 | 6 | 7 | 9 | 10) {
            return false;
        }
        let len = c.iarg(a.index);
        fmt::dec(o, len);
        if c.iarg(0) == 8 {
            // SYSLOG_ACTION_CONSOLE_LEVEL: the length is a log level.
            let v = u64::from(len as u32);
            print_name_comment(c, o, "syslog_console_levels", v, "LOGLEVEL_???");
        }
        true
    }),
    ty("kexec_segments", |c, a, o| {
        let addr = c.arg(a.index);
        let n = c.len_of(a.param(0)).unwrap_or(0);
        // KEXEC_SEGMENT_MAX
        if n > 16 {
            fmt::addr(o, addr);
            return true;
        }
        let w = c.word();
        print_array(c, addr, n, 4 * w, o, |o, e| {
            let f = |i: usize| le(e, i * w, w);
            o.push_str("{buf=");
            fmt::addr(o, f(0));
            let _ = write!(o, ", bufsz={}, mem=", f(1));
            fmt::addr(o, f(2));
            let _ = write!(o, ", memsz={}}}", f(3));
        });
        true
    }),
    // kexec_load flags: the architecture in the high half, then flag bits.
    ty("kexec_flags", |c, a, o| {
        let v = c.arg(a.index);
        print_enum(c, "kexec_arch_values", v & 0xffff_0000, "KEXEC_ARCH_???", o);
        if v & !0xffff_0000 != 0 {
            o.push('|');
            print_flags(c, "kexec_load_flags", v & !0xffff_0000, "KEXEC_???", o);
        }
        true
    }),
    ty("user_desc", |c, a, o| {
        print_user_desc(c, c.arg(a.index), o);
        true
    }),
    // modify_ldt's pointer is a user_desc only when the byte count says so.
    ty("ldt_ptr", |c, a, o| {
        if c.arg(2) == 16 {
            print_user_desc(c, c.arg(a.index), o);
        } else {
            fmt::addr(o, c.arg(a.index));
        }
        true
    }),
    ArgType {
        name: "perf_attr",
        print: print_perf_attr,
        // The size field as the caller set it: the kernel rewrites it on E2BIG.
        capture: Some(|c, a| {
            let addr = c.arg(a.index);
            c.fetch_uint(addr.wrapping_add(4), 4).unwrap_or(u64::MAX)
        }),
    },
    ty("cap_header", |c, a, o| {
        let addr = c.arg(a.index);
        match cap_header(c, addr) {
            Some((version, pid)) => {
                o.push_str("{version=");
                print_enum(
                    c,
                    "cap_version",
                    version.into(),
                    "_LINUX_CAPABILITY_VERSION_???",
                    o,
                );
                let _ = write!(o, ", pid={pid}}}");
            }
            None => fmt::addr(o, addr),
        }
        true
    }),
    ty("cap_data", print_cap_data),
    ty("utsname", print_utsname),
    ty("sysinfo", print_sysinfo),
    ty("tms", |c, a, o| {
        let addr = c.arg(a.index);
        let w = klong(c);
        let mut b = [0u8; 32];
        if out_failed(c, a) || addr == 0 || !c.fetch(addr, &mut b[..4 * w]) {
            fmt::addr(o, addr);
            return true;
        }
        // clock_t ticks, with their seconds as strace's print_clock_t shows them.
        for (i, name) in ["tms_utime", "tms_stime", "tms_cutime", "tms_cstime"]
            .iter()
            .enumerate()
        {
            o.push_str(if i == 0 { "{" } else { ", " });
            let _ = write!(o, "{name}=");
            fmt::clock_t(o, c.opts.xlat, le(&b, i * w, w));
        }
        o.push('}');
        true
    }),
];

pub static RETS: &[RetType] = &[
    RetType {
        name: "personality_ret",
        print: |c, o| {
            let v = c.ret().unwrap_or(0) as u64 & 0xffff_ffff;
            fmt::hex(o, v);
            o.push_str(" (");
            print_personality(c, v as u32, o);
            o.push(')');
        },
    },
    RetType {
        name: "sched_policy_ret",
        print: |c, o| print_named_ret(c, o, "schedulers"),
    },
    RetType {
        // set_thread_area reports the entry the kernel picked.
        name: "set_thread_area_ret",
        print: |c, o| {
            fmt::dec(o, c.ret().unwrap_or(0));
            let shown = c.arg(0) != 0 && c.derefs();
            if let Some(e) = c.fetch_uint(c.arg(0), 4).filter(|_| shown) {
                let _ = write!(o, " (entry_number={})", e as u32);
            }
        },
    },
    RetType {
        name: "prctl_ret",
        print: print_prctl_ret,
    },
    RetType {
        name: "arch_prctl_ret",
        print: print_arch_prctl_ret,
    },
];

/// `, name=value` for each of `names`: consecutive kernel longs of `w` bytes, from
/// index `first` of `b`.
fn print_longs(o: &mut String, b: &[u8], w: usize, first: usize, names: &[&str]) {
    for (i, n) in names.iter().enumerate() {
        let _ = write!(o, ", {n}={}", le(b, (first + i) * w, w));
    }
}

/// A C string the kernel copies at most `n` bytes of, as strace's
/// printstr_ex(QUOTE_0_TERMINATED) shows it: read up to its NUL or `n` bytes (an
/// address when memory ends first), `...` when no NUL ends it within them or `-s`.
pub(crate) fn print_str0n(c: &Ctx, addr: u64, n: usize, o: &mut String) {
    super::basic::print_cstr_bounded(c, addr, c.opts.string_limit, n, o);
}

/// ` /* NAME */` after a number printed raw: its name in `set`, or `dflt`.
fn print_name_comment(c: &Ctx, o: &mut String, set: &str, v: u64, dflt: &str) {
    o.push_str(" /* ");
    o.push_str(xlat_name(c, set, v).unwrap_or(dflt));
    o.push_str(" */");
}

/// The return value with its name in `set` when it has one: `1 (SUID_DUMP_USER)`.
fn print_named_ret(c: &Ctx, o: &mut String, set: &str) {
    let v = c.ret().unwrap_or(0);
    fmt::dec(o, v);
    if let Some(n) = xlat_name(c, set, v as u64) {
        let _ = write!(o, " ({n})");
    }
}

/// (child_tid, tls) argument registers of clone: x86_64 swapped them relative to the
/// generic order the other architectures use.
fn clone_regs(arch: Arch) -> (usize, usize) {
    match arch {
        Arch::X86_64 | Arch::X32 => (3, 4),
        _ => (4, 3),
    }
}
