//! Decoders for the file group: paths and file metadata (open flags, struct stat,
//! statx, statfs, directory entries, xattrs, mount, inotify/fanotify, file handles).
//!
//! Struct layouts differ per personality (i386/arm use 32-bit `long`s, x32 uses the
//! x86_64 kernel structs), so struct decoders take their layout from the record's arch,
//! and 64-bit arguments are register pairs on i386/arm (see [`common::split_arg`]).
//!
//! This file holds the registry of the group's argument types; the decoders live in
//! the submodules by topic.

mod common;
mod dirent;
mod handle;
mod mount;
mod open;
mod quota;
mod stat;
mod times;
mod xattr;

#[cfg(test)]
mod tests;

pub use open::{print_dev, print_open_flags, print_symbolic_mode, print_symbolic_mode_styled};
pub use stat::{StatFields, print_stat, print_stat_fields, print_statfs};

use super::basic::{print_dirfd, print_path};
use super::{ArgType, Ctx, RetType, fmt, ty};
use crate::decode::bytes::{print_enum, print_flags};
use crate::table::ArgSpec;
use common::{print_enum_of, print_flags_of, reg, split_arg, word_param};

/// flags_lbl/flags_at: the row's xlat with its default comment (the word param).
fn print_arg_flags(c: &Ctx, a: &ArgSpec, v: u64, o: &mut String) -> bool {
    print_flags_of(c, a.xlat(), v, word_param(a).unwrap_or(""), o);
    true
}

/// enum_lbl/enum_at: the row's xlat with its default comment (the word param).
fn print_arg_enum(c: &Ctx, a: &ArgSpec, v: u64, o: &mut String) -> bool {
    print_enum_of(c, a.xlat(), v, word_param(a).unwrap_or(""), o);
    true
}

pub static TYPES: &[ArgType] = &[
    ty("open_flags", |c, a, o| {
        print_open_flags(c, u64::from(c.arg(a.index) as u32), o);
        true
    }),
    ty("open_mode", open::print_open_mode),
    ty("umode", |c, a, o| {
        // strace passes the mode through an unsigned short.
        fmt::octal_mode(o, c.arg(a.index) & 0xffff);
        true
    }),
    ty("symbolic_mode", |c, a, o| {
        print_symbolic_mode_styled(c, o, (c.arg(a.index) & 0xffff) as u32);
        true
    }),
    ty("mknod_dev", open::print_mknod_dev),
    ty("stat", |c, a, o| {
        print_stat(c, c.arg(a.index), o);
        true
    }),
    ty("statx", stat::print_statx),
    ty("statx_flags", stat::print_statx_flags),
    ty("statfs", |c, a, o| {
        print_statfs(c, c.arg(a.index), o);
        true
    }),
    ty("at_flags", |c, a, o| {
        // An `int` argument: the register's upper half is not part of it.
        print_flags(c, "at_flags", u64::from(c.arg(a.index) as u32), "AT_???", o);
        true
    }),
    ty("access_mode", |c, a, o| {
        print_flags(
            c,
            "access_modes",
            u64::from(c.arg(a.index) as u32),
            "?_OK",
            o,
        );
        true
    }),
    ty("flags_lbl", |c, a, o| {
        print_arg_flags(c, a, u64::from(c.arg(a.index) as u32), o)
    }),
    ty("enum_lbl", |c, a, o| {
        print_arg_enum(c, a, u64::from(c.arg(a.index) as u32), o)
    }),
    ty("dirents", |c, a, o| {
        dirent::print_dirents(c, a, false, o);
        true
    }),
    ty("dirents64", |c, a, o| {
        dirent::print_dirents(c, a, true, o);
        true
    }),
    ty("getcwd_buf", dirent::print_getcwd_buf),
    ty("xattr_val", xattr::print_xattr_val),
    ty("xattr_list", xattr::print_xattr_list),
    ty("utimbuf", times::print_utimbuf),
    ty("utimes_times", times::print_utimes_times),
    ty("open_how", open::print_open_how),
    ty("fan_init_flags", |c, a, o| {
        let v = c.arg(a.index) as u32;
        // The notification class is a two-bit field, not flags.
        let class = u64::from(v & 0xc);
        print_enum(c, "fan_classes", class, "FAN_CLASS_???", o);
        let rest = u64::from(v & !0xc);
        if rest != 0 {
            o.push('|');
            print_flags(c, "fan_init_flags", rest, "FAN_???", o);
        }
        true
    }),
    ty("fan_dirfd", |c, a, o| {
        let fd = c.iarg(reg(c, a));
        if fd == -1 {
            fmt::named(o, c, "FAN_NOFD", |o| o.push_str("-1"));
        } else {
            print_dirfd(c, fd, o);
        }
        true
    }),
    ty("mount_fstype", mount::print_mount_fstype),
    ty("mount_flags", mount::print_mount_flags),
    ty("mount_data", mount::print_mount_data),
    ty("mount_attr", mount::print_mount_attr),
    ty("swap_flags", |c, a, o| {
        let v = c.arg(a.index) as u32;
        let prio = v & 0x7fff;
        let flags = u64::from(v & !0x7fff);
        if flags != 0 {
            print_flags(c, "swap_flags", flags, "SWAP_FLAG_???", o);
            o.push('|');
        }
        fmt::dec(o, prio);
        true
    }),
    ArgType {
        name: "file_handle_out",
        print: handle::print_file_handle_out,
        capture: Some(handle::capture_handle_bytes),
    },
    ty("statfs64", stat::print_statfs64),
    // The 16-bit ids of i386/arm's chown, lchown, fchown: 0xffff is "no change".
    ty("uid16", |c, a, o| {
        let v = c.arg(a.index) as u16;
        if v == u16::MAX {
            o.push_str("-1");
        } else {
            fmt::dec(o, v);
        }
        true
    }),
    // 64-bit offsets and the arguments after them: on i386/arm a 64-bit value takes two
    // registers, so the number param names the first register there.
    ty("loff", |c, a, o| {
        fmt::dec(o, split_arg(c, a) as i64);
        true
    }),
    ty("uloff", |c, a, o| {
        fmt::dec(o, split_arg(c, a));
        true
    }),
    ty("ulong_at", |c, a, o| {
        fmt::dec(o, c.arg(reg(c, a)));
        true
    }),
    ty("flags_at", |c, a, o| {
        print_arg_flags(c, a, c.arg(reg(c, a)), o)
    }),
    ty("enum_at", |c, a, o| {
        print_arg_enum(c, a, c.arg(reg(c, a)), o)
    }),
    // ustat's dev: an `unsigned int` dev_t.
    ty("dev32", |c, a, o| {
        print_dev(o, c.arg(a.index) & 0xffff_ffff);
        true
    }),
    // lookup_dcookie's path: `ret` bytes the kernel wrote at the register the number
    // param names (after the 64-bit cookie), the address when the call failed.
    ty("retstr_at", |c, a, o| {
        let addr = c.arg(reg(c, a));
        let len = if c.failed() {
            0
        } else {
            c.ret().unwrap_or(0).max(0) as u64
        };
        super::basic::print_buf(c, addr, len, o, true, false);
        true
    }),
    ty("path_at", |c, a, o| {
        print_path(c, c.arg(reg(c, a)), o);
        true
    }),
    ty("fan_mask", |c, a, o| {
        print_flags(c, "fan_event_flags", split_arg(c, a), "FAN_???", o);
        true
    }),
    ty("fsconfig_key", mount::print_fsconfig_key),
    ty("fsconfig_value", mount::print_fsconfig_value),
    ty("fsconfig_aux", mount::print_fsconfig_aux),
    ty("quota_cmd", quota::print_quota_cmd),
    ty("quota_id", quota::print_quota_id),
    ty("quota_data", quota::print_quota_data),
    ty("mount_id", handle::print_mount_id),
    ty("file_handle", |c, a, o| {
        handle::print_file_handle_in(c, c.arg(a.index), o);
        true
    }),
];

pub static RETS: &[RetType] = &[];
