//! System administration calls with a structure or encoded value of their own: I/O
//! priorities (`IOPRIO_PRIO_VALUE(class, data)`), `_sysctl`'s argument block,
//! modify_ldt's 32-bit result, key serial numbers (`KEY_SPEC_THREAD_KEYRING`), and
//! landlock's ruleset and rule attributes.

use crate::decode::bytes::{le, print_enum, print_flags, read_bytes};
use crate::decode::{ArgType, Ctx, RetType, fmt, ty};
use crate::table;
use std::fmt::Write;

/// The class of an I/O priority sits above these bits; the data below them.
const IOPRIO_CLASS_SHIFT: u32 = 13;

pub(crate) static TYPES: &[ArgType] = &[
    // Under -X the value is an `int`; verbose keeps the macro (class styled) in a comment.
    ty("ioprio", |c, a, o| {
        let v = c.arg(a.index) as u32;
        match c.opts.xlat {
            fmt::XlatStyle::Abbrev => print_ioprio(c, v, o),
            style => {
                fmt::dec(o, v as i32);
                if style == fmt::XlatStyle::Verbose {
                    o.push_str(" /* ");
                    print_ioprio(c, v, o);
                    o.push_str(" */");
                }
            }
        }
        true
    }),
    // A key_serial_t: one of the special KEY_SPEC_* ids by name, else the number.
    ty("key_serial", |c, a, o| {
        let v = c.iarg(a.index);
        match table::xlat("key_spec").and_then(|x| x.name_of(c.arch(), i64::from(v) as u64)) {
            Some(n) => o.push_str(n),
            None => fmt::dec(o, v),
        }
        true
    }),
    // landlock_create_ruleset's attr: the fields its size covers, `...` past them.
    ty("landlock_ruleset_attr", |c, a, o| {
        let addr = c.arg(a.index);
        let size = c.len_of(a.param(0)).unwrap_or(0);
        match (addr != 0 && size >= 8)
            .then(|| c.mem.read_uint(addr, 8))
            .flatten()
        {
            Some(v) => {
                o.push_str("{handled_access_fs=");
                print_flags(
                    c,
                    "landlock_ruleset_access_fs",
                    v,
                    "LANDLOCK_ACCESS_FS_???",
                    o,
                );
                if size > 8 {
                    o.push_str(", ...");
                }
                o.push('}');
            }
            None => fmt::addr(o, addr),
        }
        true
    }),
    // landlock_add_rule's attr: struct landlock_path_beneath_attr (packed) for
    // LANDLOCK_RULE_PATH_BENEATH, the address for other rule types.
    ty("landlock_rule_attr", |c, a, o| {
        let addr = c.arg(a.index);
        let b = (addr != 0 && c.arg(1) as u32 == 1)
            .then(|| read_bytes(c, addr, 12))
            .flatten();
        match b {
            Some(b) => {
                o.push_str("{allowed_access=");
                print_flags(
                    c,
                    "landlock_ruleset_access_fs",
                    le(&b, 0, 8),
                    "LANDLOCK_ACCESS_FS_???",
                    o,
                );
                o.push_str(", parent_fd=");
                crate::decode::basic::print_fd(c, i64::from(le(&b, 8, 4) as u32 as i32), o);
                o.push('}');
            }
            None => fmt::addr(o, addr),
        }
        true
    }),
    ty("sysctl_args", |c, a, o| {
        print_sysctl_args(c, c.arg(a.index), o);
        true
    }),
];

pub(crate) static RETS: &[RetType] = &[
    // ioprio_get: `= 4 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))`.
    RetType {
        name: "ioprio_ret",
        print: |c, o| {
            let v = c.ret().unwrap_or(0);
            fmt::dec(o, v);
            // -X raw prints the bare number.
            if c.opts.xlat == fmt::XlatStyle::Raw {
                return;
            }
            o.push_str(" (");
            print_ioprio(c, v as u32, o);
            o.push(')');
        },
    },
    // modify_ldt returns an `int`: the kernel's -errno comes back as a positive
    // 64-bit value, which strace prints unsigned with the error it stands for.
    RetType {
        name: "modify_ldt_ret",
        print: |c, o| {
            let v = c.ret().unwrap_or(0) as u64;
            fmt::dec(o, v);
            let e = -i64::from(v as u32 as i32);
            if (1..4096).contains(&e)
                && let Some(en) = table::errno(e as u64)
            {
                let _ = write!(o, " {} ({})", en.name, en.message);
            }
        },
    },
];

/// `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`.
pub(crate) fn print_ioprio(c: &Ctx, v: u32, o: &mut String) {
    o.push_str("IOPRIO_PRIO_VALUE(");
    print_enum(
        c,
        "ioprio_class",
        u64::from(v >> IOPRIO_CLASS_SHIFT),
        "IOPRIO_CLASS_???",
        o,
    );
    let _ = write!(o, ", {})", v & ((1 << IOPRIO_CLASS_SHIFT) - 1));
}

/// struct __sysctl_args: the name array, its length, and the old and new value
/// buffers, all shown as strace shows them when it does not follow the name.
fn print_sysctl_args(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let Some(b) = (addr != 0).then(|| read_bytes(c, addr, 6 * w)).flatten() else {
        fmt::addr(o, addr);
        return;
    };
    let f = |i: usize| le(&b, i * w, w);
    o.push_str("{name=");
    fmt::addr(o, f(0));
    let _ = write!(o, ", nlen={}, oldval=", le(&b, w, 4) as u32 as i32);
    fmt::addr(o, f(2));
    o.push_str(", oldlenp=");
    fmt::addr(o, f(3));
    o.push_str(", newval=");
    fmt::addr(o, f(4));
    let _ = write!(o, ", newlen={}}}", f(5));
}
