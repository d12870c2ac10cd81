//! Timestamps in file structs: the local-time comment strace puts after a time, and
//! the utime/utimes/futimesat time arguments.

use super::super::Ctx;
use super::common::{le, read_or_addr, sle};
use crate::decode::bytes::klong;
use crate::table::ArgSpec;
use std::fmt::Write;

/// The ` /* 2023-11-14T22:13:20.123456789+0000 */` comment strace puts after a time,
/// in local time; nothing for the epoch itself or an invalid fraction (`width` is 0, 6
/// or 9 fraction digits).
pub(super) fn time_comment(o: &mut String, sec: i64, part: u64, width: usize) {
    if let Some(date) = crate::decode::time::sprinttime(sec, part, width) {
        let _ = write!(o, " /* {date} */");
    }
}

pub(super) fn print_utimbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let w = klong(c);
    let Some(b) = read_or_addr(c, c.arg(a.index), 2 * w, true, o) else {
        return true;
    };
    for (i, name) in ["actime", "modtime"].iter().enumerate() {
        let v = sle(&b, i * w, w);
        let _ = write!(o, "{}{name}={v}", if i == 0 { "{" } else { ", " });
        time_comment(o, v, 0, 0);
    }
    o.push('}');
    true
}

/// utimes/futimesat's `[{tv_sec=.., tv_usec=..} /* date */, {..}]`.
pub(super) fn print_utimes_times(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let w = klong(c);
    let Some(b) = read_or_addr(c, c.arg(a.index), 4 * w, true, o) else {
        return true;
    };
    o.push('[');
    for i in 0..2 {
        if i > 0 {
            o.push_str(", ");
        }
        let sec = sle(&b, 2 * i * w, w);
        let usec = le(&b, (2 * i + 1) * w, w);
        let _ = write!(o, "{{tv_sec={sec}, tv_usec={usec}}}");
        time_comment(o, sec, usec, 6);
    }
    o.push(']');
    true
}
