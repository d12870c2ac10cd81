//! prctl and arch_prctl: each option's own argument layout and return value, and the
//! personality word.

use super::prctl_vals::{
    aux_flags, print_flags_multi, tagged_addr_string, verbose_unless_raw, vl_string,
};
use super::seccomp::print_fprog;
use super::{print_named_ret, print_str0n};
use crate::decode::Ctx;
use crate::decode::basic::print_cstr;
use crate::decode::bytes::{print_enum, print_flags, print_num, print_num_at};
use crate::decode::fmt;
use crate::decode::signal::print_signame;
use crate::table::ArgSpec;
use std::fmt::Write;

/// `PER_LINUX|ADDR_NO_RANDOMIZE`: the personality type, then its flag bits.
pub(super) fn print_personality(c: &Ctx, p: u32, o: &mut String) {
    print_enum(c, "personality_types", u64::from(p & 0xff), "PER_???", o);
    let rest = u64::from(p & !0xff);
    if rest != 0 {
        o.push('|');
        print_flags(c, "personality_flags", rest, "", o);
    }
}

/// prctl's arguments after the option, as strace prints each option.
pub(super) fn print_prctl_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
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
    // The GET options store an int through arg2.
    let out_num =
        |s: &mut String, show: &dyn Fn(&mut String, u64)| print_num_at(c, arg(1), true, 4, s, show);
    match option {
        // No arguments shown.
        3 | 7 | 13 | 21 | 27 | 30 | 31 | 32 | 46 | 51 | 64 => return false,
        // PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC
        37 | 19 | 9 | 11 => out_num(&mut s, &|s, v| fmt::dec(s, v as u32)),
        16 => {
            // PR_GET_NAME
            // The kernel writes at most TASK_COMM_LEN bytes, NUL included.
            if c.failed() {
                fmt::addr(&mut s, arg(1));
            } else {
                print_str0n(c, arg(1), 16, &mut s);
            }
        }
        2 => out_num(&mut s, &|s, v| print_signame(s, v as u32 as i32)),
        40 => {
            // PR_GET_TID_ADDRESS
            print_num_at(c, arg(1), true, c.word(), &mut s, fmt::addr)
        }
        25 => out_num(&mut s, &|s, v| {
            print_enum(c, "pr_tsc", v & 0xffff_ffff, "PR_TSC_???", s)
        }),
        5 => out_num(&mut s, &|s, v| {
            print_flags(c, "pr_unalign_flags", v & 0xffff_ffff, "PR_UNALIGN_???", s);
        }),
        // PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU, PR_SET_FPEXC,
        // PR_SET_KEEPCAPS, PR_SET_TIMING
        36 | 20 | 10 | 12 | 8 | 14 => fmt::dec(&mut s, arg(1)),
        4 => print_enum(c, "pr_dumpable", arg(1), "SUID_DUMP_???", &mut s),
        23 | 24 => print_enum(c, "cap", arg(1), "CAP_???", &mut s),
        47 => {
            print_enum(c, "pr_cap_ambient", arg(1), "PR_CAP_AMBIENT_???", &mut s);
            if matches!(arg(1), 1..=3) {
                s.push_str(", ");
                print_enum(c, "cap", arg(2), "CAP_???", &mut s);
                hex_from(&mut s, 3);
            } else {
                hex_from(&mut s, 2);
            }
        }
        33 => {
            print_enum(c, "pr_mce_kill", arg(1), "PR_MCE_KILL_???", &mut s);
            s.push_str(", ");
            if arg(1) == 1 {
                print_enum(c, "pr_mce_kill_policy", arg(2), "PR_MCE_KILL_???", &mut s);
            } else {
                fmt::hex(&mut s, arg(2));
            }
            hex_from(&mut s, 3);
        }
        // PR_SET_NAME: the kernel reads at most TASK_COMM_LEN - 1 bytes.
        15 => print_str0n(c, arg(1), 15, &mut s),
        0x5356_4d41 => {
            print_enum(c, "pr_set_vma", arg(1), "PR_SET_VMA_???", &mut s);
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
            print_enum(
                c,
                "pr_set_mm",
                arg(1) & 0xffff_ffff,
                "PR_SET_MM_???",
                &mut s,
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
                fmt::named(&mut s, c, "PR_SET_PTRACER_ANY", |o| o.push_str("-1"));
            } else {
                crate::decode::pid::print_id(c, &mut s, c.iarg(1), crate::pidns::PidKind::Tgid);
            }
        }
        22 => {
            print_enum(c, "seccomp_mode", arg(1), "SECCOMP_MODE_???", &mut s);
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
            print_flags(c, "secbits", arg(1), "SECBIT_???", &mut s);
        }
        29 => fmt::dec(&mut s, c.sarg(1)),
        26 => print_enum(c, "pr_tsc", arg(1) & 0xffff_ffff, "PR_TSC_???", &mut s),
        6 => {
            print_flags(
                c,
                "pr_unalign_flags",
                arg(1) & 0xffff_ffff,
                "PR_UNALIGN_???",
                &mut s,
            );
        }
        38 | 41 | 57 => {
            fmt::dec(&mut s, arg(1));
            hex_from(&mut s, 2);
        }
        45 => {
            print_flags(
                c,
                "pr_fp_mode",
                arg(1) & 0xffff_ffff,
                "PR_FP_MODE_???",
                &mut s,
            );
        }
        // PR_GET_SPECULATION_CTRL
        52 => print_enum(c, "pr_spec_cmds", arg(1), "PR_SPEC_???", &mut s),
        // PR_SET_SPECULATION_CTRL
        53 => {
            print_enum(c, "pr_spec_cmds", arg(1), "PR_SPEC_???", &mut s);
            s.push_str(", ");
            if arg(1) <= 2 {
                print_enum(
                    c,
                    "pr_spec_set_store_bypass_flags",
                    arg(2),
                    "PR_SPEC_???",
                    &mut s,
                );
            } else {
                fmt::hex(&mut s, arg(2));
            }
        }
        // PR_SVE_SET_VL, PR_SME_SET_VL: a length and flags, nothing after it.
        50 => s.push_str(&vl_string(c, "pr_sve_vl_flags", arg(1), false).unwrap_or_default()),
        63 => s.push_str(&vl_string(c, "pr_sme_vl_flags", arg(1), false).unwrap_or_default()),
        55 => {
            s.push_str(&tagged_addr_string(c, arg(1), false).unwrap_or_default());
            hex_from(&mut s, 2);
        }
        54 => {
            let sets = ["pr_pac_enabled_keys", "pr_pac_keys"];
            print_flags_multi(c, &sets, arg(1), "PR_PAC_???", &mut s);
            hex_from(&mut s, 2);
        }
        60 => {
            print_flags(c, "pr_pac_enabled_keys", arg(1), "PR_PAC_???", &mut s);
            s.push_str(", ");
            print_flags(c, "pr_pac_enabled_keys", arg(2), "PR_PAC_???", &mut s);
            hex_from(&mut s, 3);
        }
        59 => {
            // PR_SET_SYSCALL_USER_DISPATCH: command, offset, length, selector address.
            print_enum(c, "pr_sud_cmds", arg(1), "PR_SYS_DISPATCH_???", &mut s);
            s.push_str(", ");
            fmt::hex(&mut s, arg(2));
            s.push_str(", ");
            fmt::hex(&mut s, arg(3));
            s.push_str(", ");
            fmt::addr(&mut s, arg(4));
        }
        62 => print_sched_core(c, &mut s),
        _ => hex_from(&mut s, 1),
    }
    o.push_str(&s);
    true
}

/// PR_SCHED_CORE: command, pid, pid type (verbose unless `-X raw`), and the cookie:
/// PR_SCHED_CORE_GET stores it through arg5 as a 64-bit number.
fn print_sched_core(c: &Ctx, s: &mut String) {
    const PR_SCHED_CORE_GET: u64 = 0;
    let cmd = c.arg(1) & 0xffff_ffff;
    print_enum(c, "pr_sched_core_cmds", cmd, "PR_SCHED_CORE_???", s);
    // The pid is of the kind the pid type names (PIDTYPE_PID, _TGID, _PGID, _SID).
    use crate::pidns::PidKind;
    let kind = match c.arg(3) & 0xffff_ffff {
        0 => Some(PidKind::Tid),
        1 => Some(PidKind::Tgid),
        2 => Some(PidKind::Pgid),
        3 => Some(PidKind::Sid),
        _ => None,
    };
    s.push_str(", ");
    match kind {
        Some(kind) => crate::decode::pid::print_id(c, s, c.iarg(2), kind),
        None => fmt::dec(s, c.iarg(2)),
    }
    s.push_str(", ");
    verbose_unless_raw(c, |c| {
        print_enum(
            c,
            "pr_sched_core_pidtypes",
            c.arg(3) & 0xffff_ffff,
            "PIDTYPE_???",
            s,
        )
    });
    s.push_str(", ");
    if cmd == PR_SCHED_CORE_GET {
        print_num_at(c, c.arg(4), true, 8, s, fmt::hex);
    } else {
        fmt::addr(s, c.arg(4));
    }
}

pub(super) fn print_prctl_ret(c: &Ctx, o: &mut String) {
    let v = c.ret().unwrap_or(0);
    let u = c.arch().ulong(v as u64);
    // In hex, with `comment` in parentheses when there is one.
    let hex = |o: &mut String, comment: Option<String>| {
        fmt::hex(o, u);
        if let Some(t) = comment {
            let _ = write!(o, " ({t})");
        }
    };
    match c.iarg(0) {
        // PR_GET_DUMPABLE, PR_MCE_KILL_GET: a named value.
        3 => print_named_ret(c, o, "pr_dumpable"),
        34 => print_named_ret(c, o, "pr_mce_kill_policy"),
        // PR_GET_SECUREBITS, PR_GET_FP_MODE
        27 if v != 0 => hex(o, aux_flags(c, &["secbits"], u)),
        46 if v != 0 => hex(o, aux_flags(c, &["pr_fp_mode"], u)),
        // PR_GET_SPECULATION_CTRL of the three known controls.
        52 if c.arg(1) <= 2 => hex(o, aux_flags(c, &["pr_spec_get_store_bypass_flags"], u)),
        // PR_SVE_GET_VL/PR_SME_GET_VL, and their SET calls, return the length set.
        50 | 51 if v != 0 => hex(o, vl_string(c, "pr_sve_vl_flags", u, true)),
        63 | 64 if v != 0 => hex(o, vl_string(c, "pr_sme_vl_flags", u, true)),
        56 => hex(o, tagged_addr_string(c, u, true)),
        61 => hex(o, aux_flags(c, &["pr_pac_enabled_keys"], u)),
        _ => fmt::dec(o, v),
    }
}

pub(super) fn print_arch_prctl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    match c.iarg(0) {
        // ARCH_GET_CPUID has no argument.
        0x1011 => return false,
        // ARCH_GET_FS, ARCH_GET_GS: the kernel stores the base through the pointer.
        0x1003 | 0x1004 => print_num(c, a, 8, o, fmt::addr),
        // ARCH_GET_XCOMP_SUPP/_PERM/_GUEST_PERM: a 64-bit xfeature mask stored through
        // the pointer, which strace prints verbosely whatever -X says (but raw).
        0x1021 | 0x1022 | 0x1024 => print_num_at(c, addr, true, 8, o, |o, v| {
            verbose_unless_raw(c, |c| {
                print_flags(c, "x86_xfeatures", v, "XFEATURE_MASK_???", o)
            })
        }),
        // ARCH_REQ_XCOMP_PERM/_GUEST_PERM: one xfeature number, verbosely too.
        0x1023 | 0x1025 => verbose_unless_raw(c, |c| {
            print_enum(c, "x86_xfeature_bits", addr, "XFEATURE_???", o)
        }),
        _ => fmt::hex(o, addr),
    }
    true
}

/// arch_prctl's result: ARCH_REQ_XCOMP_* may return a positive xfeature mask.
pub(super) fn print_arch_prctl_ret(c: &Ctx, o: &mut String) {
    let v = c.ret().unwrap_or(0);
    if matches!(c.iarg(0), 0x1023 | 0x1025) && v > 0 {
        fmt::hex(o, v as u64);
        if let Some(t) = aux_flags(c, &["x86_xfeatures"], v as u64) {
            let _ = write!(o, " ({t})");
        }
    } else {
        fmt::dec(o, v);
    }
}
