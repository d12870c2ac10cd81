//! Process syscalls: exec, clone/fork, wait, credentials, resource limits and usage,
//! scheduling, prctl/arch_prctl, futex, capabilities and the other per-process knobs,
//! printed the way strace 6.1 prints them by default (and under `-v` where cheap).

use super::basic::{print_cstr, print_cstr_limit, print_fd, print_uid};
use super::fmt::{self, Quote};
use super::memory::{enum_of, field, flags_of, flags_string, name_in, out_failed, print_array};
use super::signal::print_signame;
use super::time::{print_timespec, print_timespec64};
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::table::ArgSpec;
use std::fmt::Write;

const CSIGNAL: u64 = 0xff;
const CLONE_PIDFD: u64 = 0x1000;
const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
const CLONE_CHILD_CLEARTID: u64 = 0x200000;
const CLONE_CHILD_SETTID: u64 = 0x1000000;
const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

pub static TYPES: &[ArgType] = &[
    ty("pid", |c, a, o| {
        fmt::dec(o, c.iarg(a.index));
        true
    }),
    ty("argv", |c, a, o| {
        print_argv(c, c.arg(a.index), o);
        true
    }),
    ty("envp", |c, a, o| {
        if c.opts.verbose {
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
        enum_of(
            o,
            c,
            "usagewho",
            c.iarg(a.index) as i64 as u64,
            "RUSAGE_???",
        );
        true
    }),
    ty("waitid_id", |c, a, o| {
        // P_PIDFD names an fd; the other id types are pids or ignored.
        if c.iarg(0) == 3 {
            print_fd(c, c.iarg(a.index).into(), o);
        } else {
            fmt::dec(o, c.iarg(a.index));
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
                print_uid(o, field(b, 0, 4) as u32)
            });
        }
        true
    }),
    ty("cpuset", print_cpuset),
    ty("sched_attr", print_sched_attr),
    ty("kcmp_type", |c, a, o| {
        enum_of(
            o,
            c,
            "kcmp_types",
            u64::from(c.iarg(a.index) as u32),
            "KCMP_???",
        );
        true
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
        enum_of(
            o,
            c,
            "prctl_options",
            u64::from(c.iarg(a.index) as u32),
            "PR_???",
        );
        true
    }),
    ty("prctl_rest", print_prctl_rest),
    ty("arch_prctl_arg", print_arch_prctl_arg),
    ty("futex_op", |c, a, o| {
        enum_of(
            o,
            c,
            "futexops",
            u64::from(c.iarg(a.index) as u32),
            "FUTEX_???",
        );
        true
    }),
    ty("futex_rest", |c, _, o| print_futex_rest(c, false, o)),
    // futex_time64: 64-bit timespec on 32-bit arches.
    ty("futex_rest64", |c, _, o| print_futex_rest(c, true, o)),
    ty("ptrace_rest", print_ptrace_rest),
    ty("ptrace_data", print_ptrace_data),
    ty("reboot_arg", |c, a, o| {
        const LINUX_REBOOT_CMD_RESTART2: u32 = 0xa1b2_c3d4;
        if c.iarg(2) as u32 != LINUX_REBOOT_CMD_RESTART2 {
            return false;
        }
        print_cstr_limit(c, c.arg(a.index), c.opts.string_limit.min(255), o);
        true
    }),
    ty("seccomp_flags", |c, a, o| {
        let v = u64::from(c.iarg(a.index) as u32);
        if c.iarg(0) == 1 {
            flags_of(o, c, "seccomp_filter_flags", v, "SECCOMP_FILTER_FLAG_???");
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
            2 => match c.mem.read_uint(addr, 4).filter(|_| addr != 0) {
                Some(v) => {
                    o.push('[');
                    print_ret_action(c, v as u32, o);
                    o.push(']');
                }
                None => fmt::addr(o, addr),
            },
            _ => fmt::addr(o, addr),
        }
        true
    }),
    ty("syslog_type", |c, a, o| {
        let t = c.iarg(a.index);
        let _ = write!(o, "{t} /* ");
        match name_in(c, "syslog_action_type", u64::from(t as u32)) {
            Some(n) => o.push_str(n),
            None => o.push_str("SYSLOG_ACTION_???"),
        }
        o.push_str(" */");
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
            o.push_str(" /* ");
            o.push_str(
                name_in(c, "syslog_console_levels", u64::from(len as u32))
                    .unwrap_or("LOGLEVEL_???"),
            );
            o.push_str(" */");
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
            let f = |i: usize| field(e, i * w, w);
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
        enum_of(o, c, "kexec_arch_values", v & 0xffff_0000, "KEXEC_ARCH_???");
        if v & !0xffff_0000 != 0 {
            o.push('|');
            flags_of(o, c, "kexec_load_flags", v & !0xffff_0000, "KEXEC_???");
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
            c.mem.read_uint(addr.wrapping_add(4), 4).unwrap_or(u64::MAX)
        }),
    },
    ty("cap_header", |c, a, o| {
        let addr = c.arg(a.index);
        match cap_header(c, addr) {
            Some((version, pid)) => {
                o.push_str("{version=");
                enum_of(
                    o,
                    c,
                    "cap_version",
                    version.into(),
                    "_LINUX_CAPABILITY_VERSION_???",
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
        if out_failed(c, a) || addr == 0 || !c.mem.read_exact(addr, &mut b[..4 * w]) {
            fmt::addr(o, addr);
            return true;
        }
        let names = ["tms_utime", "tms_stime", "tms_cutime", "tms_cstime"];
        o.push('{');
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            let _ = write!(o, "{n}={}", field(&b, i * w, w));
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
        print: |c, o| {
            let v = c.ret().unwrap_or(0);
            fmt::dec(o, v);
            if let Some(n) = name_in(c, "schedulers", v as u64) {
                let _ = write!(o, " ({n})");
            }
        },
    },
    RetType {
        // set_thread_area reports the entry the kernel picked.
        name: "set_thread_area_ret",
        print: |c, o| {
            fmt::dec(o, c.ret().unwrap_or(0));
            if let Some(e) = c.mem.read_uint(c.arg(0), 4).filter(|_| c.arg(0) != 0) {
                let _ = write!(o, " (entry_number={})", e as u32);
            }
        },
    },
    RetType {
        name: "prctl_ret",
        print: print_prctl_ret,
    },
];

/// The tracee's kernel `long` size: x32 uses the 64-bit kernel structures.
fn klong(c: &Ctx) -> usize {
    if c.arch() == Arch::X32 { 8 } else { c.word() }
}

/// (child_tid, tls) argument registers of clone: x86_64 swapped them relative to the
/// generic order the other architectures use.
fn clone_regs(arch: Arch) -> (usize, usize) {
    match arch {
        Arch::X86_64 | Arch::X32 => (3, 4),
        _ => (4, 3),
    }
}

/// `[value]` of a pointer to a number; the address when the call failed or the memory
/// is unreadable.
fn print_num(c: &Ctx, a: &ArgSpec, size: usize, o: &mut String, show: impl Fn(&mut String, u64)) {
    print_num_at(c, c.arg(a.index), a.out, size, o, show);
}

fn print_num_at(
    c: &Ctx,
    addr: u64,
    out: bool,
    size: usize,
    o: &mut String,
    show: impl Fn(&mut String, u64),
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if out && c.failed() {
        fmt::addr(o, addr);
        return;
    }
    match c.mem.read_uint(addr, size) {
        Some(v) => {
            o.push('[');
            show(o, v);
            o.push(']');
        }
        None => fmt::addr(o, addr),
    }
}

/// An argv-style array of strings: `["ls", "/"]`, cut after `-s` entries.
fn print_argv(c: &Ctx, addr: u64, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let w = c.word() as u64;
    let mut n = 0u64;
    loop {
        let at = addr.wrapping_add(n * w);
        let word = if at < addr {
            None
        } else {
            c.mem.read_uint(at, w as usize)
        };
        let Some(word) = word else {
            if n == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {at:#x} */");
            break;
        };
        if n == 0 {
            o.push('[');
        }
        if word == 0 {
            break;
        }
        if n != 0 {
            o.push_str(", ");
        }
        if !c.opts.verbose && n >= c.opts.string_limit as u64 {
            o.push_str("...");
            break;
        }
        print_cstr(c, word, o);
        n += 1;
    }
    o.push(']');
}

/// The environment abbreviated: its address and `/* N vars */`.
fn print_env_count(c: &Ctx, addr: u64, o: &mut String) {
    fmt::addr(o, addr);
    if addr == 0 {
        return;
    }
    let w = c.word() as u64;
    let mut n = 0u64;
    let mut unterminated = false;
    loop {
        let Some(at) = addr.checked_add(n * w) else {
            unterminated = true;
            break;
        };
        match c.mem.read_uint(at, w as usize) {
            Some(0) => break,
            Some(_) => n += 1,
            None if n == 0 => return,
            None => {
                unterminated = true;
                break;
            }
        }
    }
    let _ = write!(
        o,
        " /* {n} var{}{} */",
        if n == 1 { "" } else { "s" },
        if unterminated { ", unterminated" } else { "" }
    );
}

/// clone flags with the exit signal in the low byte: `CLONE_VM|...|SIGCHLD`.
fn print_clone_flags(c: &Ctx, v: u64, o: &mut String) {
    let flags = v & !CSIGNAL;
    let sig = (v & CSIGNAL) as i32;
    if flags != 0 {
        flags_of(o, c, "clone_flags", flags, "CLONE_???");
        if sig != 0 {
            o.push('|');
            print_signame(o, sig);
        }
    } else {
        print_signame(o, sig);
    }
}

fn print_clone_ptid(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let flags = c.arg(0);
    if flags & (CLONE_PARENT_SETTID | CLONE_PIDFD) == 0 {
        return false;
    }
    // The kernel stores the child's tid (or the pidfd) there: shown as `[N]`.
    o.push_str("parent_tid=");
    print_num_at(c, c.arg(2), true, 4, o, |o, v| fmt::dec(o, v as u32 as i32));
    true
}

/// The TLS argument of clone: an i386 `struct user_desc`, an address elsewhere.
fn print_tls(c: &Ctx, addr: u64, o: &mut String) {
    if c.arch() != Arch::I386 {
        fmt::addr(o, addr);
        return;
    }
    print_user_desc(c, addr, o);
}

/// struct user_desc (x86 TLS and LDT entries).
fn print_user_desc(c: &Ctx, addr: u64, o: &mut String) {
    let mut b = [0u8; 16];
    if addr == 0 || !c.mem.read_exact(addr, &mut b) {
        fmt::addr(o, addr);
        return;
    }
    let entry = field(&b, 0, 4) as u32;
    o.push_str("{entry_number=");
    if entry == u32::MAX {
        o.push_str("-1");
    } else {
        fmt::dec(o, entry);
    }
    // C's "%#08x": zero has no 0x prefix.
    let x8 = |o: &mut String, v: u32| {
        if v == 0 {
            o.push_str("00000000");
        } else {
            let _ = write!(o, "{v:#08x}");
        }
    };
    o.push_str(", base_addr=");
    x8(o, field(&b, 4, 4) as u32);
    o.push_str(", limit=");
    x8(o, field(&b, 8, 4) as u32);
    let bits = field(&b, 12, 4) as u32;
    let _ = write!(
        o,
        ", seg_32bit={}, contents={}, read_exec_only={}, limit_in_pages={}, seg_not_present={}, useable={}",
        bits & 1,
        (bits >> 1) & 3,
        (bits >> 3) & 1,
        (bits >> 4) & 1,
        (bits >> 5) & 1,
        (bits >> 6) & 1
    );
    // `lm` exists for 64-bit callers only.
    if klong(c) == 8 {
        let _ = write!(o, ", lm={}", (bits >> 7) & 1);
    }
    o.push('}');
}

/// clone_args flags: the clone flags, then the clone3-only ones.
fn print_clone3_flags(c: &Ctx, v: u64, o: &mut String) {
    let mut s = String::new();
    let mut rest = v;
    for set in ["clone_flags", "clone3_flags"] {
        if let Some(x) = super::memory::set(set) {
            for (n, val) in x.entries(c.arch()) {
                if val != 0 && rest & val == val {
                    if !s.is_empty() {
                        s.push('|');
                    }
                    s.push_str(n);
                    rest &= !val;
                }
            }
        }
    }
    if s.is_empty() {
        fmt::hex(o, rest);
        if rest != 0 {
            o.push_str(" /* CLONE_??? */");
        }
        return;
    }
    o.push_str(&s);
    if rest != 0 {
        let _ = write!(o, "|{rest:#x}");
    }
}

/// clone3's struct clone_args, and after a successful call ` => {parent_tid=[N]}` for
/// the values the kernel stored.
fn print_clone_args(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const MIN_SIZE: u64 = 64;
    let addr = c.arg(a.index);
    let size = c.arg(1);
    let fetch = size.min(88) as usize;
    let mut b = [0u8; 88];
    if (fetch as u64) < MIN_SIZE || !c.mem.read_exact(addr, &mut b[..fetch]) {
        fmt::addr(o, addr);
        return true;
    }
    let f = |i: usize| field(&b, i * 8, 8);
    let flags = f(0);
    o.push_str("{flags=");
    print_clone3_flags(c, flags, o);
    let ptr = |o: &mut String, name: &str, v: u64| {
        let _ = write!(o, ", {name}=");
        fmt::addr(o, v);
    };
    if flags & CLONE_PIDFD != 0 {
        ptr(o, "pidfd", f(1));
    }
    if flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID) != 0 {
        ptr(o, "child_tid", f(2));
    }
    if flags & CLONE_PARENT_SETTID != 0 {
        ptr(o, "parent_tid", f(3));
    }
    let sig = f(4);
    o.push_str(", exit_signal=");
    if sig < i32::MAX as u64 {
        print_signame(o, sig as i32);
    } else {
        fmt::dec(o, sig);
    }
    ptr(o, "stack", f(5));
    o.push_str(", stack_size=");
    fmt::hex(o, f(6));
    if flags & CLONE_SETTLS != 0 {
        o.push_str(", tls=");
        print_tls(c, f(7), o);
    }
    let (set_tid, set_tid_size) = (f(8), f(9));
    if set_tid != 0 || set_tid_size != 0 {
        if set_tid == 0 || set_tid_size == 0 || set_tid_size > 32 {
            ptr(o, "set_tid", set_tid);
        } else {
            o.push_str(", set_tid=");
            print_array(c, set_tid, set_tid_size, 4, o, |o, e| {
                fmt::dec(o, field(e, 0, 4) as u32 as i32)
            });
        }
        let _ = write!(o, ", set_tid_size={set_tid_size}");
    }
    if fetch > 80 && (f(10) != 0 || flags & CLONE_INTO_CGROUP != 0) {
        let _ = write!(o, ", cgroup={}", f(10));
    }
    o.push('}');
    if c.exiting() && !c.failed() && flags & (CLONE_PIDFD | CLONE_PARENT_SETTID) != 0 {
        let mut parts = Vec::new();
        for (bit, name, at) in [
            (CLONE_PIDFD, "pidfd", f(1)),
            (CLONE_PARENT_SETTID, "parent_tid", f(3)),
        ] {
            if flags & bit != 0 {
                let mut s = format!("{name}=");
                match c.mem.read_uint(at, 4) {
                    Some(v) => {
                        let _ = write!(s, "[{}]", v as u32 as i32);
                    }
                    None => fmt::addr(&mut s, at),
                }
                parts.push(s);
            }
        }
        let _ = write!(o, " => {{{}}}", parts.join(", "));
    }
    true
}

/// wait4's status: `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`.
fn print_wait_status(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    // No child changed state (WNOHANG): nothing was stored.
    if c.ret() == Some(0) || out_failed(c, a) {
        fmt::addr(o, addr);
        return true;
    }
    match c.mem.read_uint(addr, 4) {
        Some(v) if addr != 0 => {
            o.push('[');
            print_status(v as u32 as i32, o);
            o.push(']');
        }
        _ => fmt::addr(o, addr),
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
            match super::memory::set("ptrace_events")
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
fn print_rusage(c: &Ctx, addr: u64, o: &mut String) {
    let w = klong(c);
    let mut b = [0u8; 18 * 8];
    let size = 18 * w;
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if !c.mem.read_exact(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return;
    }
    let sw = |i: usize| c.arch().long(field(&b, i * w, w));
    let sw = |i: usize| if w == 4 { sw(i) as i32 as i64 } else { sw(i) };
    let _ = write!(
        o,
        "{{ru_utime={{tv_sec={}, tv_usec={}}}, ru_stime={{tv_sec={}, tv_usec={}}}",
        sw(0),
        sw(1),
        sw(2),
        sw(3)
    );
    if !c.opts.verbose {
        o.push_str(", ...}");
        return;
    }
    let names = [
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
    for (i, n) in names.iter().enumerate() {
        let _ = write!(o, ", {n}={}", field(&b, (4 + i) * w, w));
    }
    o.push('}');
}

/// `8192*1024`, `RLIM64_INFINITY`, or the number.
fn print_rlim(v: u64, narrow: bool, o: &mut String) {
    let inf = if narrow {
        u64::from(u32::MAX)
    } else {
        u64::MAX
    };
    if v == inf {
        o.push_str(if narrow {
            "RLIM_INFINITY"
        } else {
            "RLIM64_INFINITY"
        });
    } else if v > 1024 && v.is_multiple_of(1024) {
        let _ = write!(o, "{}*1024", v / 1024);
    } else {
        fmt::dec(o, v);
    }
}

fn print_rlimit(c: &Ctx, a: &ArgSpec, narrow: bool, o: &mut String) {
    let addr = c.arg(a.index);
    let size = if narrow { 4 } else { 8 };
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let mut b = [0u8; 16];
    if out_failed(c, a) || !c.mem.read_exact(addr, &mut b[..2 * size]) {
        fmt::addr(o, addr);
        return;
    }
    o.push_str("{rlim_cur=");
    print_rlim(field(&b, 0, size), narrow, o);
    o.push_str(", rlim_max=");
    print_rlim(field(&b, size, size), narrow, o);
    o.push('}');
}

/// A CPU set as the list of its set bits: `[0 1 2 3]`.
fn print_cpuset(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    // strace reads at most its own cpu_set size (128 bytes on machines with <= 1024 CPUs).
    const MAX_SIZE: u64 = 128;
    let addr = c.arg(a.index);
    let len = c.len_of(a.param(0)).unwrap_or(0) & 0xffff_ffff;
    if addr == 0 || out_failed(c, a) {
        fmt::addr(o, addr);
        return true;
    }
    if len == 0 {
        o.push_str("[]");
        return true;
    }
    let want = len.min(MAX_SIZE) as usize;
    let w = c.word();
    let size = want.div_ceil(w) * w;
    let mut b = vec![0u8; size];
    if !c.mem.read_exact(addr, &mut b[..want]) {
        fmt::addr(o, addr);
        return true;
    }
    o.push('[');
    let mut first = true;
    for (i, byte) in b.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) != 0 {
                if !first {
                    o.push(' ');
                }
                first = false;
                fmt::dec(o, i * 8 + bit);
            }
        }
    }
    if (size as u64) < len {
        if !first {
            o.push(' ');
        }
        o.push_str("...");
    }
    o.push(']');
    true
}

/// struct sched_attr: sched_setattr's input or sched_getattr's output (param: size).
fn print_sched_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const VER0: usize = 48;
    const FULL: usize = 56;
    let addr = c.arg(a.index);
    let is_set = !a.out;
    let mut b = [0u8; FULL];
    let (size, usize_);
    if !is_set {
        let u = c.len_of(a.param(0)).unwrap_or(0) as u32 as usize;
        if u == 0 || c.failed() {
            fmt::addr(o, addr);
            return true;
        }
        let want = u.min(FULL);
        if addr == 0 || !c.mem.read_exact(addr, &mut b[..want]) {
            fmt::addr(o, addr);
            return true;
        }
        size = field(&b, 0, 4) as usize;
        usize_ = size;
    } else {
        let Some(s) = c.mem.read_uint(addr, 4).filter(|_| addr != 0) else {
            fmt::addr(o, addr);
            return true;
        };
        let u = if s == 0 { VER0 } else { s as usize };
        size = u.min(FULL);
        if size >= VER0 && !c.mem.read_exact(addr, &mut b[..size]) {
            fmt::addr(o, addr);
            return true;
        }
        b[..4].copy_from_slice(&(s as u32).to_le_bytes());
        usize_ = u;
    }
    let _ = write!(o, "{{size={}", field(&b, 0, 4));
    if size >= VER0 {
        let policy = field(&b, 4, 4) as u32;
        let flags = field(&b, 8, 8);
        // SCHED_FLAG_KEEP_POLICY | SCHED_FLAG_KEEP_PARAMS
        if !is_set || (policy as i32) < 0 || flags & 0x18 == 0 {
            o.push_str(", sched_policy=");
            enum_of(o, c, "schedulers", policy.into(), "SCHED_???");
        }
        o.push_str(", sched_flags=");
        flags_of(o, c, "sched_flags", flags, "SCHED_FLAG_???");
        if !is_set || flags & 0x10 == 0 {
            let _ = write!(
                o,
                ", sched_nice={}, sched_priority={}, sched_runtime={}, sched_deadline={}, sched_period={}",
                field(&b, 16, 4) as u32 as i32,
                field(&b, 20, 4) as u32,
                field(&b, 24, 8),
                field(&b, 32, 8),
                field(&b, 40, 8)
            );
        }
        if size >= FULL {
            let _ = write!(
                o,
                ", sched_util_min={}, sched_util_max={}",
                field(&b, 48, 4) as u32,
                field(&b, 52, 4) as u32
            );
        }
    }
    if usize_ > size {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

fn print_kcmp_idx(c: &Ctx, a: &ArgSpec, o: &mut String, first: bool) -> bool {
    let v = c.arg(a.index);
    match c.iarg(2) {
        0 => print_fd(c, v as u32 as i32 as i64, o),
        7 if first => print_fd(c, v as u32 as i32 as i64, o),
        7 => {
            let mut b = [0u8; 12];
            if !c.mem.read_exact(v, &mut b) || v == 0 {
                fmt::addr(o, v);
            } else {
                let _ = write!(
                    o,
                    "{{efd={}, tfd={}, toff={}}}",
                    field(&b, 0, 4) as u32 as i32,
                    field(&b, 4, 4) as u32 as i32,
                    field(&b, 8, 4) as u32
                );
            }
        }
        1..=6 => return false,
        _ => fmt::hex(o, v),
    }
    true
}

/// `PER_LINUX|ADDR_NO_RANDOMIZE`: the personality type, then its flag bits.
fn print_personality(c: &Ctx, p: u32, o: &mut String) {
    enum_of(o, c, "personality_types", u64::from(p & 0xff), "PER_???");
    let rest = u64::from(p & !0xff);
    if rest != 0 {
        o.push('|');
        flags_of(o, c, "personality_flags", rest, "");
    }
}

/// prctl's arguments after the option, as strace prints each option.
fn print_prctl_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let option = c.iarg(0) as u32;
    let arg = |i: usize| c.arg(i);
    let hex_from = |o: &mut String, first: usize| {
        for i in first..5 {
            if i > first || !o.is_empty() {
                o.push_str(", ");
            }
            fmt::hex(o, arg(i));
        }
    };
    let mut s = String::new();
    let out_num = |s: &mut String, show: &dyn Fn(&mut String, u64)| {
        let addr = arg(1);
        if addr == 0 {
            s.push_str("NULL");
        } else if c.failed() {
            fmt::addr(s, addr);
        } else {
            match c.mem.read_uint(addr, 4) {
                Some(v) => {
                    s.push('[');
                    show(s, v);
                    s.push(']');
                }
                None => fmt::addr(s, addr),
            }
        }
    };
    match option {
        // No arguments shown.
        3 | 7 | 13 | 21 | 27 | 30 | 31 | 32 | 46 | 51 | 64 => return false,
        // PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC
        37 | 19 | 9 | 11 => out_num(&mut s, &|s, v| fmt::dec(s, v as u32)),
        16 => {
            // PR_GET_NAME
            if c.failed() {
                fmt::addr(&mut s, arg(1));
            } else {
                print_cstr_limit(c, arg(1), c.opts.string_limit.min(16), &mut s);
            }
        }
        2 => out_num(&mut s, &|s, v| print_signame(s, v as u32 as i32)),
        40 => {
            // PR_GET_TID_ADDRESS
            let addr = arg(1);
            if addr == 0 {
                s.push_str("NULL");
            } else {
                match c.mem.read_uint(addr, c.word()).filter(|_| !c.failed()) {
                    Some(v) => {
                        s.push('[');
                        fmt::addr(&mut s, v);
                        s.push(']');
                    }
                    None => fmt::addr(&mut s, addr),
                }
            }
        }
        25 => out_num(&mut s, &|s, v| {
            enum_of(s, c, "pr_tsc", v & 0xffff_ffff, "PR_TSC_???")
        }),
        5 => out_num(&mut s, &|s, v| {
            flags_of(s, c, "pr_unalign_flags", v & 0xffff_ffff, "PR_UNALIGN_???");
        }),
        // PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU, PR_SET_FPEXC,
        // PR_SET_KEEPCAPS, PR_SET_TIMING
        36 | 20 | 10 | 12 | 8 | 14 => fmt::dec(&mut s, arg(1)),
        4 => enum_of(&mut s, c, "pr_dumpable", arg(1), "SUID_DUMP_???"),
        23 | 24 => enum_of(&mut s, c, "cap", arg(1), "CAP_???"),
        47 => {
            enum_of(&mut s, c, "pr_cap_ambient", arg(1), "PR_CAP_AMBIENT_???");
            if matches!(arg(1), 1..=3) {
                s.push_str(", ");
                enum_of(&mut s, c, "cap", arg(2), "CAP_???");
                hex_from(&mut s, 3);
            } else {
                hex_from(&mut s, 2);
            }
        }
        33 => {
            enum_of(&mut s, c, "pr_mce_kill", arg(1), "PR_MCE_KILL_???");
            s.push_str(", ");
            if arg(1) == 1 {
                enum_of(&mut s, c, "pr_mce_kill_policy", arg(2), "PR_MCE_KILL_???");
            } else {
                fmt::hex(&mut s, arg(2));
            }
            hex_from(&mut s, 3);
        }
        15 => print_cstr_limit(c, arg(1), c.opts.string_limit.min(15), &mut s),
        0x5356_4d41 => {
            enum_of(&mut s, c, "pr_set_vma", arg(1), "PR_SET_VMA_???");
            if arg(1) == 0 {
                s.push_str(", ");
                fmt::addr(&mut s, arg(2));
                let _ = write!(s, ", {}, ", arg(3));
                print_cstr(c, arg(4), &mut s);
            } else {
                hex_from(&mut s, 2);
            }
        }
        35 => {
            enum_of(
                &mut s,
                c,
                "pr_set_mm",
                arg(1) & 0xffff_ffff,
                "PR_SET_MM_???",
            );
            hex_from(&mut s, 2);
        }
        1 => {
            if arg(1) > 128 {
                fmt::dec(&mut s, arg(1));
            } else {
                print_signame(&mut s, arg(1) as i32);
            }
        }
        0x5961_6d61 => {
            if c.iarg(1) == -1 {
                s.push_str("PR_SET_PTRACER_ANY");
            } else {
                fmt::dec(&mut s, c.iarg(1));
            }
        }
        22 => {
            enum_of(&mut s, c, "seccomp_mode", arg(1), "SECCOMP_MODE_???");
            match arg(1) {
                1 => {}
                2 => {
                    s.push_str(", ");
                    print_fprog(c, arg(2), &mut s);
                }
                _ => hex_from(&mut s, 2),
            }
        }
        28 => {
            flags_of(&mut s, c, "secbits", arg(1), "SECBIT_???");
        }
        29 => fmt::dec(&mut s, c.sarg(1)),
        26 => enum_of(&mut s, c, "pr_tsc", arg(1) & 0xffff_ffff, "PR_TSC_???"),
        6 => {
            flags_of(
                &mut s,
                c,
                "pr_unalign_flags",
                arg(1) & 0xffff_ffff,
                "PR_UNALIGN_???",
            );
        }
        38 | 41 | 57 => {
            fmt::dec(&mut s, arg(1));
            hex_from(&mut s, 2);
        }
        45 => {
            flags_of(
                &mut s,
                c,
                "pr_fp_mode",
                arg(1) & 0xffff_ffff,
                "PR_FP_MODE_???",
            );
        }
        // PR_GET_SPECULATION_CTRL
        52 => enum_of(&mut s, c, "pr_spec_cmds", arg(1), "PR_SPEC_???"),
        // PR_SET_SPECULATION_CTRL
        53 => {
            enum_of(&mut s, c, "pr_spec_cmds", arg(1), "PR_SPEC_???");
            s.push_str(", ");
            if arg(1) <= 2 {
                enum_of(
                    &mut s,
                    c,
                    "pr_spec_set_store_bypass_flags",
                    arg(2),
                    "PR_SPEC_???",
                );
            } else {
                fmt::hex(&mut s, arg(2));
            }
        }
        _ => hex_from(&mut s, 1),
    }
    o.push_str(&s);
    true
}

fn print_prctl_ret(c: &Ctx, o: &mut String) {
    let v = c.ret().unwrap_or(0);
    match c.iarg(0) {
        // PR_GET_DUMPABLE, PR_MCE_KILL_GET: a named value.
        3 | 34 => {
            fmt::dec(o, v);
            let set = if c.iarg(0) == 3 {
                "pr_dumpable"
            } else {
                "pr_mce_kill_policy"
            };
            if let Some(n) = name_in(c, set, v as u64) {
                let _ = write!(o, " ({n})");
            }
        }
        // PR_GET_SECUREBITS, PR_GET_FP_MODE: a bit set, in hex.
        27 | 46 if v != 0 => {
            let set = if c.iarg(0) == 27 {
                "secbits"
            } else {
                "pr_fp_mode"
            };
            let _ = write!(o, "{:#x} ({})", v, flags_string(c, set, v as u64));
        }
        // PR_GET_SPECULATION_CTRL of the three known controls: a bit set, in hex.
        52 if c.arg(1) <= 2 => {
            fmt::hex(o, v as u64);
            let _ = write!(
                o,
                " ({})",
                flags_string(c, "pr_spec_get_store_bypass_flags", v as u64)
            );
        }
        _ => fmt::dec(o, v),
    }
}

fn print_arch_prctl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const ARCH_GET_CPUID: i32 = 0x1011;
    if c.iarg(0) == ARCH_GET_CPUID {
        return false;
    }
    let addr = c.arg(a.index);
    match c.iarg(0) {
        // ARCH_GET_FS, ARCH_GET_GS: the kernel stores the base through the pointer.
        0x1003 | 0x1004 => print_num(c, a, 8, o, fmt::addr),
        _ => fmt::hex(o, addr),
    }
    true
}

/// futex's arguments after the operation, which depend on the command.
fn print_futex_rest(c: &Ctx, time64: bool, o: &mut String) -> bool {
    let timespec = |o: &mut String| {
        if time64 {
            print_timespec64(c, c.arg(3), o);
        } else {
            print_timespec(c, c.arg(3), o);
        }
    };
    let cmd = c.iarg(1) & 127;
    let val = c.iarg(2) as u32;
    let val2 = c.iarg(3) as u32;
    let timeout = c.arg(3);
    let uaddr2 = c.arg(4);
    let val3 = c.iarg(5) as u32;
    let bitset = |o: &mut String| match name_in(c, "futexbitset", val3.into()) {
        Some(n) => o.push_str(n),
        None => fmt::hex(o, val3.into()),
    };
    match cmd {
        0 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
        }
        6 | 13 => timespec(o),
        9 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
            o.push_str(", ");
            bitset(o);
        }
        10 => {
            let _ = write!(o, "{val}, ");
            bitset(o);
        }
        3 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
        }
        4 | 12 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
            let _ = write!(o, ", {val3}");
        }
        5 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
            o.push_str(", ");
            print_wake_op(c, val3, o);
        }
        11 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
            o.push_str(", ");
            fmt::addr(o, uaddr2);
        }
        1 | 2 => {
            let _ = write!(o, "{val}");
        }
        7 | 8 => return false,
        _ => {
            let _ = write!(o, "{val}, ");
            fmt::addr(o, timeout);
            o.push_str(", ");
            fmt::addr(o, uaddr2);
            o.push_str(", ");
            fmt::hex(o, val3.into());
        }
    }
    true
}

/// FUTEX_WAKE_OP's encoded operation: `FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1`.
fn print_wake_op(c: &Ctx, v: u32, o: &mut String) {
    if (v >> 28) & 8 != 0 {
        o.push_str("FUTEX_OP_OPARG_SHIFT<<28|");
    }
    let op = (v >> 28) & 7;
    let cmp = (v >> 24) & 0xf;
    let named =
        |o: &mut String, set: &str, x: u32, shift: u32, dflt: &str| match name_in(c, set, x.into())
        {
            Some(n) => {
                let _ = write!(o, "{n}<<{shift}");
            }
            None => {
                fmt::hex(o, x.into());
                let _ = write!(o, "<<{shift} /* {dflt} */");
            }
        };
    named(o, "futexwakeops", op, 28, "FUTEX_OP_???");
    o.push('|');
    fmt::hex(o, ((v >> 12) & 0xfff).into());
    o.push_str("<<12|");
    named(o, "futexwakecmps", cmp, 24, "FUTEX_OP_CMP_???");
    o.push('|');
    fmt::hex(o, (v & 0xfff).into());
}

/// ptrace's arguments after the request.
/// Requests whose data the kernel fills in: PTRACE_PEEKTEXT/PEEKDATA/PEEKUSER and
/// PTRACE_GETEVENTMSG, printed at exit.
fn ptrace_data_at_exit(req: u64) -> bool {
    matches!(req, 1..=3 | 0x4201)
}

/// ptrace's pid, addr and (unless the kernel fills it in) data.
fn print_ptrace_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if req == 0 {
        // PTRACE_TRACEME ignores the rest.
        return false;
    }
    fmt::dec(o, c.iarg(1));
    // PTRACE_KILL, PTRACE_ATTACH, PTRACE_INTERRUPT, PTRACE_LISTEN ignore addr and data.
    if matches!(req, 8 | 16 | 0x4207 | 0x4208) {
        return true;
    }
    o.push_str(", ");
    let addr = c.arg(2);
    match req {
        // PTRACE_GETSIGMASK, PTRACE_SETSIGMASK, PTRACE_SECCOMP_GET_FILTER,
        // PTRACE_SECCOMP_GET_METADATA, PTRACE_GET_SYSCALL_INFO
        0x420a..=0x420e => fmt::dec(o, addr),
        _ => fmt::addr(o, addr),
    }
    if ptrace_data_at_exit(req) {
        return true;
    }
    o.push_str(", ");
    let data = c.arg(3);
    match req {
        7 | 17 | 24 | 9 | 33 | 31 | 32 => print_signame(o, data as i32),
        0x4206 | 0x4200 | 21 => {
            flags_of(o, c, "ptrace_setoptions_flags", data, "PTRACE_O_???");
        }
        _ => fmt::addr(o, data),
    }
    true
}

/// ptrace's data for the requests that return a value through it: `[0x...]`.
fn print_ptrace_data(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if !ptrace_data_at_exit(req) {
        return false;
    }
    let data = c.arg(3);
    let value = c
        .mem
        .read_uint(data, c.word())
        .filter(|_| data != 0 && !c.failed());
    match value {
        Some(v) => {
            o.push('[');
            if req == 0x4201 {
                fmt::dec(o, v);
            } else {
                fmt::addr(o, v);
            }
            o.push(']');
        }
        None => fmt::addr(o, data),
    }
    true
}

/// A seccomp action with its data: `SECCOMP_RET_ERRNO|0x1`.
fn print_ret_action(c: &Ctx, k: u32, o: &mut String) {
    let action = k & 0xffff_0000;
    enum_of(o, c, "seccomp_ret_action", action.into(), "SECCOMP_RET_???");
    if k & !action != 0 {
        let _ = write!(o, "|{:#x}", k & !action);
    }
}

/// One classic BPF opcode: `BPF_LD|BPF_W|BPF_ABS`.
fn print_bpf_code(code: u16, o: &mut String) {
    const CLASS: [&str; 8] = [
        "BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET", "BPF_MISC",
    ];
    const SIZE: [&str; 4] = ["BPF_W", "BPF_H", "BPF_B", "BPF_DW"];
    const MODE: [&str; 7] = [
        "BPF_IMM", "BPF_ABS", "BPF_IND", "BPF_MEM", "BPF_LEN", "BPF_MSH", "BPF_XADD",
    ];
    const ALU: [&str; 14] = [
        "BPF_ADD", "BPF_SUB", "BPF_MUL", "BPF_DIV", "BPF_OR", "BPF_AND", "BPF_LSH", "BPF_RSH",
        "BPF_NEG", "BPF_MOD", "BPF_XOR", "BPF_MOV", "BPF_ARSH", "BPF_END",
    ];
    const JMP: [&str; 14] = [
        "BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET", "BPF_JNE", "BPF_JSGT", "BPF_JSGE",
        "BPF_CALL", "BPF_EXIT", "BPF_JLT", "BPF_JLE", "BPF_JSLT", "BPF_JSLE",
    ];
    let named = |o: &mut String, names: &[&str], idx: usize, raw: u16| match names.get(idx) {
        Some(n) => o.push_str(n),
        None => {
            let _ = write!(o, "{raw:#x} /* BPF_??? */");
        }
    };
    let class = code & 7;
    o.push_str(CLASS[class as usize]);
    let rest = code & !7;
    let src = |o: &mut String| o.push_str(if code & 8 != 0 { "BPF_X" } else { "BPF_K" });
    match class {
        2 | 3 => {
            if rest != 0 {
                let _ = write!(o, "|{rest:#x} /* BPF_??? */");
            }
        }
        0 | 1 => {
            o.push('|');
            named(o, &SIZE, usize::from((code & 0x18) >> 3), code & 0x18);
            o.push('|');
            named(o, &MODE, usize::from((code & 0xe0) >> 5), code & 0xe0);
        }
        7 => {
            o.push('|');
            match code & 0xf8 {
                0 => o.push_str("BPF_TAX"),
                0x80 => o.push_str("BPF_TXA"),
                v => {
                    let _ = write!(o, "{v:#x} /* BPF_??? */");
                }
            }
        }
        4 => {
            o.push('|');
            src(o);
            o.push('|');
            named(o, &ALU, usize::from((code & 0xf0) >> 4), code & 0xf0);
        }
        5 => {
            o.push('|');
            src(o);
            o.push('|');
            named(o, &JMP, usize::from((code & 0xf0) >> 4), code & 0xf0);
        }
        _ => {
            // BPF_RET: the return value source.
            let rval = code & 0x18;
            o.push('|');
            match rval {
                0 => o.push_str("BPF_K"),
                8 => o.push_str("BPF_X"),
                0x10 => o.push_str("BPF_A"),
                _ => {
                    let _ = write!(o, "{rval:#x} /* BPF_??? */");
                }
            }
            let left = rest & !0x18;
            if left != 0 {
                let _ = write!(o, "|{left:#x} /* BPF_??? */");
            }
        }
    }
}

/// A seccomp filter program: `{len=N, filter=ADDR}`, with -v the instructions.
fn print_fprog(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let mut b = [0u8; 16];
    if addr == 0 || !c.mem.read_exact(addr, &mut b[..2 * w]) {
        fmt::addr(o, addr);
        return;
    }
    let len = field(&b, 0, 2);
    let filter = field(&b, w, w);
    let _ = write!(o, "{{len={len}, filter=");
    if !c.opts.verbose {
        fmt::addr(o, filter);
    } else {
        let mut n = 0;
        print_array(c, filter, len, 8, o, |o, e| {
            n += 1;
            if n > 4096 {
                o.push_str("...");
                return;
            }
            let code = field(e, 0, 2) as u16;
            let (jt, jf, k) = (field(e, 2, 1), field(e, 3, 1), field(e, 4, 4) as u32);
            if jt != 0 || jf != 0 {
                o.push_str("BPF_JUMP(");
                print_bpf_code(code, o);
                let _ = write!(
                    o,
                    ", {}, {}, {})",
                    hex_str(k.into()),
                    hex_str(jt),
                    hex_str(jf)
                );
            } else {
                o.push_str("BPF_STMT(");
                print_bpf_code(code, o);
                o.push_str(", ");
                if code & 7 == 6 {
                    print_ret_action(c, k, o);
                } else {
                    fmt::hex(o, k.into());
                }
                o.push(')');
            }
        });
    }
    o.push('}');
}

fn hex_str(v: u64) -> String {
    let mut s = String::new();
    fmt::hex(&mut s, v);
    s
}

/// struct perf_event_attr, as far as its size says it goes (its first 48 bytes unless
/// -v, like strace).
fn print_perf_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const VER0: usize = 64;
    const FULL: usize = 128;
    let addr = c.arg(a.index);
    let entry_size = c.saved.get(a.index).copied().unwrap_or(u64::MAX);
    if entry_size == u64::MAX {
        fmt::addr(o, addr);
        return true;
    }
    let mut size = (entry_size as usize).min(FULL);
    if size == 0 {
        size = VER0;
    }
    if size < VER0 {
        fmt::addr(o, addr);
        return true;
    }
    if !c.opts.verbose {
        size = 48;
    }
    let mut b = [0u8; FULL];
    if !c.mem.read_exact(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return true;
    }
    b[4..8].copy_from_slice(&(entry_size as u32).to_le_bytes());
    let u = |off: usize, n: usize| field(&b, off, n);
    let ty = u(0, 4);
    let attr_size = u(4, 4) as usize;
    let config = u(8, 8);
    let sample_type = u(24, 8);
    let bits = u(40, 8);
    let bit = |i: u32| (bits >> i) & 1;
    o.push_str("{type=");
    enum_of(o, c, "perf_type_id", ty, "PERF_TYPE_???");
    o.push_str(", size=");
    enum_of(
        o,
        c,
        "perf_attr_size",
        attr_size as u64,
        "PERF_ATTR_SIZE_???",
    );
    if c.rec.errno() == Some(7) {
        // E2BIG: the kernel wrote the size it supports.
        o.push_str(" => ");
        match c.mem.read_uint(addr.wrapping_add(4), 4) {
            Some(v) => enum_of(o, c, "perf_attr_size", v, "PERF_ATTR_SIZE_???"),
            None => o.push_str("???"),
        }
    }
    o.push_str(", config=");
    let high = |o: &mut String| {
        if config >> 32 != 0 {
            fmt::hex(o, config >> 32);
            o.push_str("<<32|");
        }
    };
    match ty {
        0 => {
            high(o);
            enum_of(
                o,
                c,
                "perf_hw_id",
                config & 0xffff_ffff,
                "PERF_COUNT_HW_???",
            );
        }
        1 => enum_of(o, c, "perf_sw_ids", config, "PERF_COUNT_SW_???"),
        2 => fmt::dec(o, config),
        3 => {
            high(o);
            if (config & 0xffff_ffff) >> 24 != 0 {
                fmt::hex(o, (config & 0xffff_ffff) >> 24);
                o.push_str("<<24|");
            }
            enum_of(
                o,
                c,
                "perf_hw_cache_op_result_id",
                (config >> 16) & 0xff,
                "PERF_COUNT_HW_CACHE_RESULT_???",
            );
            o.push_str("<<16|");
            enum_of(
                o,
                c,
                "perf_hw_cache_op_id",
                (config >> 8) & 0xff,
                "PERF_COUNT_HW_CACHE_OP_???",
            );
            o.push_str("<<8|");
            enum_of(
                o,
                c,
                "perf_hw_cache_id",
                config & 0xff,
                "PERF_COUNT_HW_CACHE_???",
            );
        }
        _ => fmt::hex(o, config),
    }
    let _ = write!(
        o,
        ", {}={}",
        if bit(10) != 0 {
            "sample_freq"
        } else {
            "sample_period"
        },
        u(16, 8)
    );
    o.push_str(", sample_type=");
    flags_of(
        o,
        c,
        "perf_event_sample_format",
        sample_type,
        "PERF_SAMPLE_???",
    );
    o.push_str(", read_format=");
    flags_of(o, c, "perf_event_read_format", u(32, 8), "PERF_FORMAT_???");
    const BEFORE: [&str; 15] = [
        "disabled",
        "inherit",
        "pinned",
        "exclusive",
        "exclude_user",
        "exclude_kernel",
        "exclude_hv",
        "exclude_idle",
        "mmap",
        "comm",
        "freq",
        "inherit_stat",
        "enable_on_exec",
        "task",
        "watermark",
    ];
    const AFTER: [&str; 21] = [
        "mmap_data",
        "sample_id_all",
        "exclude_host",
        "exclude_guest",
        "exclude_callchain_kernel",
        "exclude_callchain_user",
        "mmap2",
        "comm_exec",
        "use_clockid",
        "context_switch",
        "write_backward",
        "namespaces",
        "ksymbol",
        "bpf_event",
        "aux_output",
        "cgroup",
        "text_poke",
        "build_id",
        "inherit_thread",
        "remove_on_exec",
        "sigtrap",
    ];
    let flag = |o: &mut String, name: &str, i: u32| {
        if c.opts.verbose || bit(i) != 0 {
            let _ = write!(o, ", {name}={}", bit(i));
        }
    };
    for (i, n) in BEFORE.iter().enumerate() {
        flag(o, n, i as u32);
    }
    const SKID: [&str; 4] = [
        "arbitrary skid",
        "constant skid",
        "requested to have 0 skid",
        "must have 0 skid",
    ];
    let precise = ((bits >> 15) & 3) as usize;
    let _ = write!(o, ", precise_ip={precise} /* {} */", SKID[precise]);
    for (i, n) in AFTER.iter().enumerate() {
        flag(o, n, 17 + i as u32);
    }
    if bits >> 38 != 0 {
        let _ = write!(o, ", __reserved_1={:#x} /* Bits 63..38 */", bits >> 38);
    }
    if c.opts.verbose {
        print_perf_attr_tail(c, &b, size, o);
    }
    if (attr_size != 0 && attr_size > size) || (attr_size == 0 && size < VER0) {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

/// The -v part of perf_event_attr: the fields after the flag bits, each only if the
/// caller's size covers it.
fn print_perf_attr_tail(c: &Ctx, b: &[u8], size: usize, o: &mut String) {
    let u = |off: usize, n: usize| field(b, off, n);
    let ty = u(0, 4);
    let sample_type = u(24, 8);
    let bits = u(40, 8);
    let hex = |o: &mut String, name: &str, v: u64| {
        let _ = write!(o, ", {name}=");
        fmt::hex(o, v);
    };
    if (bits >> 14) & 1 != 0 {
        let _ = write!(o, ", wakeup_watermark={}", u(48, 4));
    } else {
        let _ = write!(o, ", wakeup_events={}", u(48, 4));
    }
    if ty == 5 {
        let bp = u(52, 4);
        o.push_str(", bp_type=");
        let dflt = if bp <= 7 {
            "HW_BREAKPOINT_INVALID"
        } else {
            "HW_BREAKPOINT_???"
        };
        enum_of(o, c, "hw_breakpoint_type", bp, dflt);
        hex(o, "bp_addr", u(56, 8));
    } else {
        hex(o, "config1", u(56, 8));
    }
    if 64 >= size {
        return;
    }
    if ty == 5 {
        let _ = write!(o, ", bp_len={}", u(64, 8));
    } else {
        hex(o, "config2", u(64, 8));
    }
    if 72 >= size {
        return;
    }
    if sample_type & (1 << 11) != 0 {
        o.push_str(", branch_sample_type=");
        flags_of(
            o,
            c,
            "perf_branch_sample_type",
            u(72, 8),
            "PERF_SAMPLE_BRANCH_???",
        );
    }
    if 80 >= size {
        return;
    }
    hex(o, "sample_regs_user", u(80, 8));
    if 88 >= size {
        return;
    }
    if sample_type & (1 << 13) != 0 {
        hex(o, "sample_stack_user", u(88, 4));
    }
    if (bits >> 25) & 1 != 0 {
        if 92 >= size {
            return;
        }
        o.push_str(", clockid=");
        enum_of(o, c, "clocknames", u(92, 4), "CLOCK_???");
    }
    if 96 >= size {
        return;
    }
    hex(o, "sample_regs_intr", u(96, 8));
    if 104 >= size {
        return;
    }
    let _ = write!(o, ", aux_watermark={}", u(104, 4));
    if 108 >= size {
        return;
    }
    let _ = write!(o, ", sample_max_stack={}", u(108, 2));
    if 110 >= size {
        return;
    }
    if u(110, 2) != 0 {
        let _ = write!(o, " /* bytes 110..111: {:#x} */", u(110, 2));
    }
    if 112 >= size {
        return;
    }
    let _ = write!(o, ", aux_sample_size={}", u(112, 4));
    if 116 >= size {
        return;
    }
    if u(116, 4) != 0 {
        let _ = write!(o, " /* bytes 116..119: {:#x} */", u(116, 4));
    }
    if 120 >= size {
        return;
    }
    hex(o, "sig_data", u(120, 8));
}

fn cap_header(c: &Ctx, addr: u64) -> Option<(u32, i32)> {
    if addr == 0 {
        return None;
    }
    let mut b = [0u8; 8];
    c.mem
        .read_exact(addr, &mut b)
        .then(|| (field(&b, 0, 4) as u32, field(&b, 4, 4) as u32 as i32))
}

fn print_cap_bits(c: &Ctx, lo: u32, hi: u32, o: &mut String) {
    if lo != 0 || hi == 0 {
        flags_of(o, c, "cap_mask0", lo.into(), "CAP_???");
    }
    if hi != 0 {
        if lo != 0 {
            o.push('|');
        }
        flags_of(o, c, "cap_mask1", hi.into(), "CAP_???");
    }
}

fn print_cap_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let header = if out_failed(c, a) {
        None
    } else {
        cap_header(c, c.arg(0))
    };
    let Some((version, _)) = header.filter(|_| addr != 0) else {
        fmt::addr(o, addr);
        return true;
    };
    let n = if version == 0x2007_1026 || version == 0x2008_0522 {
        2
    } else {
        1
    };
    let mut b = [0u8; 24];
    if !c.mem.read_exact(addr, &mut b[..12 * n]) {
        fmt::addr(o, addr);
        return true;
    }
    let word = |i: usize, k: usize| {
        if i < n {
            field(&b, i * 12 + k * 4, 4) as u32
        } else {
            0
        }
    };
    for (k, name) in ["effective", "permitted", "inheritable"].iter().enumerate() {
        o.push_str(if k == 0 { "{" } else { ", " });
        let _ = write!(o, "{name}=");
        print_cap_bits(c, word(0, k), word(1, k), o);
    }
    o.push('}');
    true
}

fn print_utsname(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const FIELD: usize = 65;
    let addr = c.arg(a.index);
    let mut b = [0u8; 6 * FIELD];
    if addr == 0 || out_failed(c, a) || !c.mem.read_exact(addr, &mut b) {
        fmt::addr(o, addr);
        return true;
    }
    let names = [
        "sysname",
        "nodename",
        "release",
        "version",
        "machine",
        "domainname",
    ];
    let shown = if c.opts.verbose { 6 } else { 2 };
    o.push('{');
    for (i, n) in names.iter().take(shown).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        let _ = write!(o, "{n}=");
        let f = &b[i * FIELD..(i + 1) * FIELD];
        let end = f.iter().position(|&x| x == 0);
        let q = Quote {
            nul_terminated: true,
            ..Quote::default()
        };
        fmt::quote_into(o, &f[..end.unwrap_or(FIELD)], q, c.opts.hex);
        if end.is_none() {
            o.push_str("...");
        }
    }
    if !c.opts.verbose {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

fn print_sysinfo(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let w = klong(c);
    let high = (10 * w + 4).div_ceil(w) * w;
    let size = high + 2 * w + 4;
    let mut b = [0u8; 128];
    if addr == 0 || out_failed(c, a) || !c.mem.read_exact(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return true;
    }
    let f = |i: usize| field(&b, i * w, w);
    let _ = write!(o, "{{uptime={}, loads=[{}, {}, {}]", f(0), f(1), f(2), f(3));
    let names = [
        "totalram",
        "freeram",
        "sharedram",
        "bufferram",
        "totalswap",
        "freeswap",
    ];
    for (i, n) in names.iter().enumerate() {
        let _ = write!(o, ", {n}={}", f(4 + i));
    }
    let _ = write!(
        o,
        ", procs={}, totalhigh={}, freehigh={}, mem_unit={}}}",
        field(&b, 10 * w, 2),
        field(&b, high, w),
        field(&b, high + w, w),
        field(&b, high + 2 * w, 4)
    );
    true
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    fn r(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
        render_named(Arch::X86_64, name, args, Some(ret), mem)
    }

    fn cstrs(base: u64, strs: &[&str]) -> (RecordedMemory, Vec<u64>) {
        let mut m = RecordedMemory::new();
        let mut addrs = Vec::new();
        let mut at = base;
        for s in strs {
            let mut v = s.as_bytes().to_vec();
            v.push(0);
            m = m.with(at, v.clone());
            addrs.push(at);
            at += 0x100;
        }
        (m, addrs)
    }

    fn words(ws: &[u64]) -> Vec<u8> {
        ws.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    #[test]
    fn execve_line() {
        let (m, a) = cstrs(0x1000, &["/usr/bin/ls", "ls", "/", "A=1", "B=2"]);
        let m = m
            .with(0x5000, words(&[a[1], a[2], 0]))
            .with(0x6000, words(&[a[3], a[4], 0]));
        assert_eq!(
            r("execve", [a[0], 0x5000, 0x6000, 0, 0, 0], 0, &m),
            r#"execve("/usr/bin/ls", ["ls", "/"], 0x6000 /* 2 vars */) = 0"#
        );
        assert_eq!(
            r("execve", [a[0], 0x5000, 0x7000, 0, 0, 0], -2, &m),
            r#"execve("/usr/bin/ls", ["ls", "/"], 0x7000) = -1 ENOENT (No such file or directory)"#
        );
    }

    #[test]
    fn execve_many_args_are_cut() {
        let strs: Vec<String> = (0..40).map(|i| format!("a{i}")).collect();
        let refs: Vec<&str> = strs.iter().map(String::as_str).collect();
        let (m, a) = cstrs(0x10000, &refs);
        let mut v = a.clone();
        v.push(0);
        let m = m.with(0x5000, words(&v)).with(0x6000, words(&[0]));
        let l = r("execve", [a[0], 0x5000, 0x6000, 0, 0, 0], 0, &m);
        assert!(
            l.contains(r#""a31", ...], 0x6000 /* 0 vars */) = 0"#),
            "{l}"
        );
    }

    #[test]
    fn clone_fork_style() {
        let m = RecordedMemory::new();
        assert_eq!(
            r("clone", [0x1200011, 0, 0, 0x7f00a071fa10, 0, 0], 1370, &m),
            "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f00a071fa10) = 1370"
        );
        assert_eq!(
            r("clone", [17, 0, 0, 0, 0, 0], 5, &m),
            "clone(child_stack=NULL, flags=SIGCHLD)  = 5"
        );
    }

    #[test]
    fn clone_generic_order() {
        // aarch64: flags, stack, parent_tid, tls, child_tid.
        let m = RecordedMemory::new().with(0x3000, 77u32.to_le_bytes().to_vec());
        let l = render_named(
            Arch::Aarch64,
            "clone",
            [0x3d0f00, 0xffff0000, 0x3000, 0x4000, 0x5000, 0],
            Some(77),
            &m,
        );
        assert_eq!(
            l,
            "clone(child_stack=0xffff0000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[77], tls=0x4000, child_tidptr=0x5000) = 77"
        );
    }

    #[test]
    fn clone3_thread() {
        let mut args = vec![0u64; 11];
        args[0] = 0x3d0f00;
        args[2] = 0x7f0000001000;
        args[3] = 0x7f0000001000;
        args[5] = 0x7f0000100000;
        args[6] = 0x7fff00;
        args[7] = 0x7f0000002000;
        let m = RecordedMemory::new()
            .with(0x9000, words(&args))
            .with(0x7f0000001000, 1235u32.to_le_bytes().to_vec());
        assert_eq!(
            r("clone3", [0x9000, 88, 0, 0, 0, 0], 1235, &m),
            "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f0000001000, parent_tid=0x7f0000001000, exit_signal=0, stack=0x7f0000100000, stack_size=0x7fff00, tls=0x7f0000002000} => {parent_tid=[1235]}, 88) = 1235"
        );
    }

    #[test]
    fn wait4_lines() {
        let m = RecordedMemory::new().with(0x2000, 0u32.to_le_bytes().to_vec());
        assert_eq!(
            r("wait4", [u64::MAX, 0x2000, 0, 0, 0, 0], 1370, &m),
            "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1370"
        );
        assert_eq!(
            r("wait4", [u64::MAX, 0x2000, 1, 0, 0, 0], -10, &m),
            "wait4(-1, 0x2000, WNOHANG, NULL)        = -1 ECHILD (No child processes)"
        );
        let m = RecordedMemory::new().with(0x2000, 0x8bu32.to_le_bytes().to_vec());
        assert_eq!(
            r("wait4", [5, 0x2000, 0, 0, 0, 0], 5, &m),
            "wait4(5, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 5"
        );
        let m = RecordedMemory::new().with(0x2000, 0x137fu32.to_le_bytes().to_vec());
        assert_eq!(
            r("wait4", [5, 0x2000, 2, 0, 0, 0], 5, &m),
            "wait4(5, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 5"
        );
    }

    #[test]
    fn prlimit_and_getrlimit() {
        let m = RecordedMemory::new().with(0x3000, words(&[8192 * 1024, u64::MAX]));
        assert_eq!(
            r("prlimit64", [0, 3, 0, 0x3000, 0, 0], 0, &m),
            "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0"
        );
        assert_eq!(
            r("getrlimit", [7, 0x3000, 0, 0, 0, 0], -14, &m),
            "getrlimit(RLIMIT_NOFILE, 0x3000)        = -1 EFAULT (Bad address)"
        );
        let m32 = RecordedMemory::new().with(
            0x3000,
            [1024u32, u32::MAX]
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect::<Vec<u8>>(),
        );
        assert_eq!(
            render_named(
                Arch::I386,
                "setrlimit",
                [7, 0x3000, 0, 0, 0, 0],
                Some(0),
                &m32
            ),
            "setrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=RLIM_INFINITY}) = 0"
        );
    }

    #[test]
    fn ids_and_groups() {
        let m = RecordedMemory::new()
            .with(
                0x1000,
                [0u32, 4, 27]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect::<Vec<u8>>(),
            )
            .with(0x2000, 1000u32.to_le_bytes().to_vec());
        assert_eq!(
            r("getgroups", [3, 0x1000, 0, 0, 0, 0], 3, &m),
            "getgroups(3, [0, 4, 27])                = 3"
        );
        assert_eq!(
            r("getgroups", [0, 0, 0, 0, 0, 0], 3, &m),
            "getgroups(0, NULL)                      = 3"
        );
        assert_eq!(
            r("setresuid", [u64::MAX, 1000, 0xffffffff, 0, 0, 0], 0, &m),
            "setresuid(-1, 1000, -1)                 = 0"
        );
        assert_eq!(
            r("getresuid", [0x2000, 0x2000, 0x2000, 0, 0, 0], 0, &m),
            "getresuid([1000], [1000], [1000])       = 0"
        );
        assert_eq!(
            r("getuid", [0; 6], 1000, &m),
            "getuid()                                = 1000"
        );
    }

    #[test]
    fn futex_ops() {
        let m = RecordedMemory::new();
        assert_eq!(
            r(
                "futex",
                [0x7f0000000010, 0x189, 0, 0, 0, 0xffffffff],
                -110,
                &m
            ),
            "futex(0x7f0000000010, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)"
        );
        assert_eq!(
            r("futex", [0x7f0000000010, 0x81, 1, 0, 0, 0], 0, &m),
            "futex(0x7f0000000010, FUTEX_WAKE_PRIVATE, 1) = 0"
        );
        assert_eq!(
            r("futex", [0x10, 0x85, 1, 1, 0x20, 0x4000001], 1, &m),
            "futex(0x10, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x20, FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 1"
        );
        let m = RecordedMemory::new().with(0x30, words(&[1, 500]));
        assert_eq!(
            r("futex", [0x10, 0, 2, 0x30, 0, 0], -11, &m),
            "futex(0x10, FUTEX_WAIT, 2, {tv_sec=1, tv_nsec=500}) = -1 EAGAIN (Resource temporarily unavailable)"
        );
    }

    #[test]
    fn uname_and_friends() {
        let mut u = vec![0u8; 390];
        u[..5].copy_from_slice(b"Linux");
        u[65..69].copy_from_slice(b"host");
        let m = RecordedMemory::new().with(0x4000, u);
        assert_eq!(
            r("uname", [0x4000, 0, 0, 0, 0, 0], 0, &m),
            r#"uname({sysname="Linux", nodename="host", ...}) = 0"#
        );
        let m = RecordedMemory::new().with(0x5000, 0xffu64.to_le_bytes().to_vec());
        assert_eq!(
            r("sched_getaffinity", [0, 128, 0x5000, 0, 0, 0], 8, &m),
            "sched_getaffinity(0, 128, [0 1 2 3 4 5 6 7]) = 8"
        );
        assert_eq!(
            r("personality", [0xffffffff, 0, 0, 0, 0, 0], 0, &m),
            "personality(0xffffffff)                 = 0 (PER_LINUX)"
        );
        assert_eq!(
            r("personality", [0x40000, 0, 0, 0, 0, 0], 0, &m),
            "personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX)"
        );
        assert_eq!(
            r("exit_group", [0; 6], 0, &m),
            "exit_group(0)                           = ?"
        );
    }

    #[test]
    fn prctl_options() {
        let m = RecordedMemory::new()
            .with(0x1000, b"worker\0".to_vec())
            .with(0x2000, 9u32.to_le_bytes().to_vec());
        assert_eq!(
            r("prctl", [15, 0x1000, 0, 0, 0, 0], 0, &m),
            r#"prctl(PR_SET_NAME, "worker")            = 0"#
        );
        assert_eq!(
            r("prctl", [16, 0x1000, 0, 0, 0, 0], 0, &m),
            r#"prctl(PR_GET_NAME, "worker")            = 0"#
        );
        assert_eq!(
            r("prctl", [1, 9, 0, 0, 0, 0], 0, &m),
            "prctl(PR_SET_PDEATHSIG, SIGKILL)        = 0"
        );
        assert_eq!(
            r("prctl", [2, 0x2000, 0, 0, 0, 0], 0, &m),
            "prctl(PR_GET_PDEATHSIG, [SIGKILL])      = 0"
        );
        assert_eq!(
            r("prctl", [38, 1, 0, 0, 0, 0], 0, &m),
            "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  = 0"
        );
        assert_eq!(
            r("prctl", [23, 21, 0, 0, 0, 0], 1, &m),
            "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN)   = 1"
        );
        assert_eq!(
            r("prctl", [3, 0, 0, 0, 0, 0], 1, &m),
            "prctl(PR_GET_DUMPABLE)                  = 1 (SUID_DUMP_USER)"
        );
        assert_eq!(
            r("prctl", [39, 0, 0, 0, 0, 0], 0, &m),
            "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)  = 0"
        );
    }

    #[test]
    fn arch_prctl_and_loader_calls() {
        let m = RecordedMemory::new();
        assert_eq!(
            r("arch_prctl", [0x1002, 0x7f00a071f740, 0, 0, 0, 0], 0, &m),
            "arch_prctl(ARCH_SET_FS, 0x7f00a071f740) = 0"
        );
        assert_eq!(
            r("set_tid_address", [0x7f00a071fa10, 0, 0, 0, 0, 0], 1369, &m),
            "set_tid_address(0x7f00a071fa10)         = 1369"
        );
        assert_eq!(
            r("set_robust_list", [0x7f00a071fa20, 24, 0, 0, 0, 0], 0, &m),
            "set_robust_list(0x7f00a071fa20, 24)     = 0"
        );
        assert_eq!(
            r("rseq", [0x7f00a0720060, 0x20, 0, 0x53053053, 0, 0], 0, &m),
            "rseq(0x7f00a0720060, 0x20, 0, 0x53053053) = 0"
        );
        let m = RecordedMemory::new()
            .with(0x1000, vec![0xe7, 0x8f, 0x58, 0xa5, 0xd4, 0xde, 0xf4, 0x42]);
        assert_eq!(
            r("getrandom", [0x1000, 8, 1, 0, 0, 0], 8, &m),
            r#"getrandom("\xe7\x8f\x58\xa5\xd4\xde\xf4\x42", 8, GRND_NONBLOCK) = 8"#
        );
    }

    #[test]
    fn i386_clone3_tls_and_futex_time64() {
        let mut args = vec![0u8; 88];
        args[..8].copy_from_slice(&0x80000u64.to_le_bytes());
        args[56..64].copy_from_slice(&0x5000u64.to_le_bytes());
        let desc: Vec<u8> = [12u32, 0xf7ce1b40, 0xfffff, 0x51]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let m = RecordedMemory::new()
            .with(0x4000, args)
            .with(0x5000, desc)
            .with(0x6000, words(&[2, 5]));
        assert_eq!(
            render_named(Arch::I386, "clone3", [0x4000, 88, 0, 0, 0, 0], Some(9), &m),
            "clone3({flags=CLONE_SETTLS, exit_signal=0, stack=NULL, stack_size=0, tls={entry_number=12, base_addr=0xf7ce1b40, limit=0x0fffff, seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1}}, 88) = 9"
        );
        assert_eq!(
            render_named(
                Arch::I386,
                "futex_time64",
                [0x10, 0x80, 1, 0x6000, 0, 0],
                Some(-110),
                &m
            ),
            "futex_time64(0x10, FUTEX_WAIT_PRIVATE, 1, {tv_sec=2, tv_nsec=5}) = -1 ETIMEDOUT (Connection timed out)"
        );
        assert_eq!(
            render_named(Arch::I386, "getuid32", [0; 6], Some(1000), &m),
            "getuid32()                              = 1000"
        );
    }

    #[test]
    fn statuses_and_sets() {
        let mut s = String::new();
        super::print_status(0x4057f, &mut s);
        assert_eq!(
            s,
            "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_EXEC<<16"
        );
        s.clear();
        super::print_status(0x857f, &mut s);
        assert_eq!(s, "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}");
        s.clear();
        super::print_status(0xffff, &mut s);
        assert_eq!(s, "{WIFCONTINUED(s)}");
        // A cpu set longer than strace reads ends in `...`.
        let m = RecordedMemory::new().with(0x5000, vec![0x81; 256]);
        let l = r("sched_setaffinity", [0, 256, 0x5000, 0, 0, 0], 0, &m);
        assert!(l.ends_with(" 1016 1023 ...]) = 0"), "{l}");
        // The env pointer array runs into unmapped memory.
        let m = RecordedMemory::new().with(0x6000, words(&[0x10, 0x20]));
        assert_eq!(
            r("execve", [0, 0, 0x6000, 0, 0, 0], -14, &m),
            "execve(NULL, NULL, 0x6000 /* 2 vars, unterminated */) = -1 EFAULT (Bad address)"
        );
        // clone with CLONE_PIDFD stores the pidfd through parent_tid.
        let m = RecordedMemory::new().with(0x7000, 5u32.to_le_bytes().to_vec());
        assert_eq!(
            r("clone", [0x1011, 0, 0x7000, 0, 0, 0], 99, &m),
            "clone(child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=[5]) = 99"
        );
    }

    /// Every row of this group, on every arch that has the call, with hostile registers,
    /// memory and results, with and without -v: decoding must never panic.
    #[test]
    fn every_row_survives_garbage() {
        use crate::decode::DecodeOptions;
        use crate::record::SyscallRecord;
        use crate::render::text::render_one;
        let rows = include_str!("../../syscall-tables/signatures/memproc.tsv");
        let mem = RecordedMemory::new()
            .with(0x1000, vec![0xff; 4096])
            .with(0x3000, vec![0; 4096])
            .with(
                0x5000,
                [0x1000u64; 512]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect::<Vec<u8>>(),
            );
        let values = [
            0,
            8,
            0x1000,
            0x1ff8,
            0x3000,
            0x3ff0,
            0x5000,
            u64::MAX,
            1 << 31,
            0xa1b2_c3d4,
        ];
        let verbose = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        for name in rows
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
        {
            for arch in Arch::ALL {
                let Some(nr) = arch.syscall_number(name) else {
                    continue;
                };
                for (i, &v) in values.iter().enumerate() {
                    let n = values.len();
                    let args = [
                        v,
                        values[(i + 1) % n],
                        values[(i + 2) % n],
                        values[(i + 3) % n],
                        0x1000,
                        v,
                    ];
                    for ret in [None, Some(0), Some(-7), Some(-14), Some(v as i64), Some(3)] {
                        let rec = SyscallRecord {
                            arch,
                            nr,
                            args,
                            ret,
                        };
                        let _ = render_one(&rec, &mem, &DecodeOptions::default());
                        let _ = render_one(&rec, &mem, &verbose);
                    }
                }
            }
        }
    }

    #[test]
    fn rusage_and_capget() {
        let mut ru = vec![0u8; 144];
        ru[8..16].copy_from_slice(&1234u64.to_le_bytes());
        let m = RecordedMemory::new()
            .with(0x1000, ru)
            .with(
                0x2000,
                [0x2008_0522u32, 0]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect::<Vec<u8>>(),
            )
            .with(
                0x3000,
                [1u32 << 21, 1 << 21, 0, 0, 0, 0]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect::<Vec<u8>>(),
            );
        assert_eq!(
            r("getrusage", [0, 0x1000, 0, 0, 0, 0], 0, &m),
            "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1234}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0"
        );
        assert_eq!(
            r("capget", [0x2000, 0x3000, 0, 0, 0, 0], 0, &m),
            "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_SYS_ADMIN, permitted=1<<CAP_SYS_ADMIN, inheritable=0}) = 0"
        );
    }
}
