//! Mounting: mount's flags and the type and data arguments those flags make
//! meaningless, and the fsconfig arguments of the new mount API.

use super::super::basic::{print_cstr, print_cstr_limit, print_dirfd, print_fd, print_path};
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
fn print_fsconfig_str(c: &Ctx, addr: u64, o: &mut String) {
    let limit = c.opts.string_limit.min(256);
    print_cstr_limit(c, addr, limit, o);
}

// fsconfig's command (the second argument) decides what key, value and aux are.

pub(super) fn print_fsconfig_key(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let key = c.arg(a.index);
    match c.arg(1) {
        0..=5 => print_fsconfig_str(c, key, o),
        _ => fmt::addr(o, key),
    }
    true
}

pub(super) fn print_fsconfig_value(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let value = c.arg(a.index);
    let aux = c.iarg(4);
    match c.arg(1) {
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
    match c.arg(1) {
        3 | 4 => print_dirfd(c, aux, o),
        5 => print_fd(c, aux.into(), o),
        _ => fmt::dec(o, aux),
    }
    true
}
