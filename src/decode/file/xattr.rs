//! Extended attributes: xattr values (strings with one trailing NUL dropped) and the
//! NUL-separated name lists of listxattr.

use super::super::Ctx;
use super::super::bytes::print_str_omit_trailing_nul;
use super::super::fmt;
use crate::table::{ArgSpec, Param};

/// An xattr value: quoted up to -s with one trailing NUL dropped; the address when the
/// size is beyond XATTR_SIZE_MAX (as after a failed getxattr).
pub(super) fn print_xattr_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if a.out && c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let size = match a.param(0) {
        Some(Param::Ret) => c.arch().ulong(c.ret().unwrap_or(0) as u64),
        p => c.len_of(p).unwrap_or(0),
    };
    if size > 65536 {
        fmt::addr(o, addr);
        return true;
    }
    print_str_omit_trailing_nul(c, addr, size, o);
    true
}

pub(super) fn print_xattr_list(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size == 0 || c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let ret = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    super::super::basic::print_buf(c, addr, ret, o, true, false);
    true
}
