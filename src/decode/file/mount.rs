//! Mounting: mount's flags and the type and data arguments those flags make
//! meaningless, and the fsconfig arguments of the new mount API.

use super::super::basic::{print_cstr, print_dirfd, print_fd, print_path};
use super::super::{Ctx, basic, fmt};
use crate::decode::bytes::print_flags;
use crate::table::ArgSpec;

const MS_MGC_VAL: u64 = 0xc0ed_0000;
const MS_MGC_MSK: u64 = 0xffff_0000;

/// Which of mount's type and data arguments are meaningless for its flags.
fn mount_ignores(c: &Ctx) -> (bool, bool) {
    let mut flags = c.arg(3);
    if flags & MS_MGC_MSK == MS_MGC_VAL {
        flags &= !MS_MGC_MSK;
    }
    const MS_REMOUNT: u64 = 0x20;
    // MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE
    const NO_TYPE_DATA: u64 = 0x1000 | 0x2000 | 0x10_0000 | 0x4_0000 | 0x8_0000 | 0x2_0000;
    if flags & MS_REMOUNT != 0 {
        (true, false)
    } else if flags & NO_TYPE_DATA != 0 {
        (true, true)
    } else {
        (false, false)
    }
}

/// A string argument of mount, or only its address when the flags ignore it.
fn print_mount_str(c: &Ctx, a: &ArgSpec, ignored: bool, o: &mut String) -> bool {
    if ignored {
        fmt::addr(o, c.arg(a.index));
    } else {
        print_cstr(c, c.arg(a.index), o);
    }
    true
}

pub(super) fn print_mount_fstype(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    print_mount_str(c, a, mount_ignores(c).0, o)
}

pub(super) fn print_mount_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    print_mount_str(c, a, mount_ignores(c).1, o)
}

/// The old magic in the high bits comes first, as `MS_MGC_VAL`.
pub(super) fn print_mount_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let mut flags = c.arg(a.index);
    let old_magic = flags & MS_MGC_MSK == MS_MGC_VAL;
    if old_magic {
        flags &= !MS_MGC_MSK;
        crate::decode::fmt::named(o, c, "MS_MGC_VAL", |o| {
            crate::decode::fmt::hex(o, MS_MGC_VAL)
        });
        if flags != 0 {
            o.push('|');
        }
    }
    if flags != 0 || !old_magic {
        print_flags(c, "mount_flags", flags, "MS_???", o);
    }
    true
}

/// An fsconfig string: strace caps it at 256 bytes whatever -s says.
/// A key or string value: the kernel copies at most 256 bytes.
fn print_fsconfig_str(c: &Ctx, addr: u64, o: &mut String) {
    crate::decode::process::print_str0n(c, addr, 256, o);
}

// fsconfig's command (the second argument, an `unsigned int`) decides what key, value
// and aux are.

fn fsconfig_cmd(c: &Ctx) -> u32 {
    c.arg(1) as u32
}

pub(super) fn print_fsconfig_key(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let key = c.arg(a.index);
    match fsconfig_cmd(c) {
        0..=5 => print_fsconfig_str(c, key, o),
        _ => fmt::addr(o, key),
    }
    true
}

pub(super) fn print_fsconfig_value(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let value = c.arg(a.index);
    let aux = c.iarg(4);
    match fsconfig_cmd(c) {
        1 => print_fsconfig_str(c, value, o),
        3 | 4 => print_path(c, value, o),
        2 if (0..=1024 * 1024).contains(&aux) => {
            basic::print_buf(c, value, aux as u64, o, false, true);
        }
        _ => fmt::addr(o, value),
    }
    true
}

pub(super) fn print_fsconfig_aux(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let aux = c.iarg(a.index);
    match fsconfig_cmd(c) {
        3 | 4 => print_dirfd(c, aux, o),
        5 => print_fd(c, aux.into(), o),
        _ => fmt::dec(o, aux),
    }
    true
}

/// mount_setattr's struct mount_attr: the attribute sets, the propagation type and,
/// with MOUNT_ATTR_IDMAP, the user namespace fd; then any bytes past the 32 known.
pub(super) fn print_mount_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const MOUNT_ATTR_SIZE_VER0: u64 = 32;
    const MOUNT_ATTR_IDMAP: u64 = 0x10_0000;
    let addr = c.arg(a.index);
    let size = c.arg(a.index + 1);
    let b = (addr != 0 && size >= MOUNT_ATTR_SIZE_VER0)
        .then(|| crate::decode::bytes::read_bytes(c, addr, 32))
        .flatten();
    let Some(b) = b else {
        fmt::addr(o, addr);
        return true;
    };
    let f = |i: usize| crate::decode::bytes::le(&b, i * 8, 8);
    o.push_str("{attr_set=");
    print_flags(c, "mount_attr_attr", f(0), "MOUNT_ATTR_???", o);
    o.push_str(", attr_clr=");
    print_flags(c, "mount_attr_attr", f(1), "MOUNT_ATTR_???", o);
    o.push_str(", propagation=");
    crate::decode::bytes::print_enum(c, "mount_attr_propagation", f(2), "MS_???", o);
    o.push_str(", userns_fd=");
    if f(0) & MOUNT_ATTR_IDMAP != 0 {
        print_fd(c, i64::from(f(3) as u32 as i32), o);
    } else {
        fmt::dec(o, f(3));
    }
    crate::decode::process::print_struct_tail(c, addr, MOUNT_ATTR_SIZE_VER0, size, o);
    o.push('}');
    true
}
