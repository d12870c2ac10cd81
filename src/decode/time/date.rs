//! Dates as strace prints them next to absolute times: local time, ISO 8601.

use std::fmt::Write;

/// ` /* date */` after a time, when there is a date to show.
pub(super) fn comment(o: &mut String, s: Option<String>) {
    if let Some(s) = s {
        let _ = write!(o, " /* {s} */");
    }
}

/// strace's sprinttime_ex: local time as `2023-11-14T22:13:20[.frac]+0000`; `None` for
/// the epoch itself, out-of-range fractions, or times localtime cannot convert.
pub fn sprinttime(sec: i64, part: u64, width: usize) -> Option<String> {
    let max = match width {
        0 => 0,
        6 => 999_999,
        _ => 999_999_999,
    };
    if (sec == 0 && part == 0) || part > max {
        return None;
    }
    let tm = crate::sys::local_time(sec)?;
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        tm.year, tm.month, tm.day, tm.hour, tm.minute, tm.second
    );
    if part > 0 {
        let _ = write!(s, ".{part:0width$}");
    }
    let off = tm.utc_offset;
    let a = off.abs() / 60;
    let _ = write!(
        s,
        "{}{:02}{:02}",
        if off < 0 { '-' } else { '+' },
        a / 60,
        a % 60
    );
    Some(s)
}
