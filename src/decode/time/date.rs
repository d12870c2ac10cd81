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
    let t = libc::time_t::try_from(sec).ok()?;
    // SAFETY: localtime_r only writes the tm we pass; both pointers are valid locals.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return None;
        }
        tm
    };
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        i64::from(tm.tm_year) + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    );
    if part > 0 {
        let _ = write!(s, ".{part:0width$}");
    }
    let off = tm.tm_gmtoff;
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
