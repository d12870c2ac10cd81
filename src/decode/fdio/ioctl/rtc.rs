//! Real-time clock requests ('p', linux/rtc.h) with a struct argument; the plain
//! ones are `forms` rows.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::bytes::{klong, le, print_enum, print_flags, read_or_addr, sle};

const RTC_PARAM_FEATURES: u64 = 0;
const RTC_PARAM_CORRECTION: u64 = 1;
const RTC_PARAM_BACKUP_SWITCH_MODE: u64 = 2;

pub(super) fn rtc(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    let out = matches!(
        name,
        "RTC_ALM_READ" | "RTC_RD_TIME" | "RTC_WKALM_RD" | "RTC_PLL_GET" | "RTC_VL_READ"
    );
    match name {
        "RTC_ALM_READ" | "RTC_RD_TIME" | "RTC_ALM_SET" | "RTC_SET_TIME" => {
            if let Some(b) = read_or_addr(c, arg, 36, out, o) {
                print_rtc_time(c, &b, o);
            }
        }
        "RTC_WKALM_RD" | "RTC_WKALM_SET" => {
            // struct rtc_wkalrm: enabled, pending (u8), then struct rtc_time at 4.
            if let Some(b) = read_or_addr(c, arg, 40, out, o) {
                let mut s = Fields::new(o);
                s.dec("enabled", le(&b, 0, 1));
                s.dec("pending", le(&b, 1, 1));
                print_rtc_time(c, b.get(4..).unwrap_or(&[]), s.f("time"));
                s.end();
            }
        }
        "RTC_PLL_GET" | "RTC_PLL_SET" => {
            // struct rtc_pll_info: six ints and a long.
            let l = klong(c);
            if let Some(b) = read_or_addr(c, arg, 24 + l, out, o) {
                let mut s = Fields::new(o);
                for (i, f) in [
                    "pll_ctrl",
                    "pll_value",
                    "pll_max",
                    "pll_min",
                    "pll_posmult",
                    "pll_negmult",
                ]
                .into_iter()
                .enumerate()
                {
                    s.dec(f, sle(&b, 4 * i, 4));
                }
                s.dec("pll_clock", sle(&b, 24, l));
                s.end();
            }
        }
        "RTC_VL_READ" => {
            if let Some(b) = read_or_addr(c, arg, 4, true, o) {
                o.push('[');
                print_flags(c, "rtc_vl_flags", le(&b, 0, 4), "RTC_VL_???", o);
                o.push(']');
            }
        }
        "RTC_PARAM_GET" | "RTC_PARAM_SET" => param(c, arg, name == "RTC_PARAM_GET", o),
        _ => return None,
    }
    Some(Arg::Shown)
}

fn print_rtc_time(c: &Ctx, b: &[u8], o: &mut String) {
    let mut s = Fields::new(o);
    let names = [
        "tm_sec", "tm_min", "tm_hour", "tm_mday", "tm_mon", "tm_year", "tm_wday", "tm_yday",
        "tm_isdst",
    ];
    let shown = if c.unabbreviated() { 9 } else { 6 };
    for (i, f) in names.into_iter().enumerate().take(shown) {
        s.dec(f, sle(b, 4 * i, 4));
    }
    if shown < 9 {
        s.more();
    }
    s.end();
}

/// struct rtc_param: u64 param, u64 value, u32 index, u32 __pad. RTC_PARAM_GET shows
/// the request at entry and the value at exit.
fn param(c: &Ctx, arg: u64, get: bool, o: &mut String) {
    let Some(b) = read_or_addr(c, arg, 24, false, o) else {
        return;
    };
    let which = le(&b, 0, 8);
    let pad = le(&b, 20, 4);
    let mut s = Fields::new(o);
    print_enum(c, "rtc_params", which, "RTC_PARAM_???", s.f("param"));
    if !get {
        value(c, which, &b, &mut s);
    }
    s.dec("index", le(&b, 16, 4));
    if pad != 0 {
        s.hex("__pad", pad);
    }
    s.end();
    if !get {
        return;
    }
    o.push_str(" => ");
    let Some(b) = read_or_addr(c, arg, 24, true, o) else {
        return;
    };
    let mut s = Fields::new(o);
    value(c, which, &b, &mut s);
    let pad = le(&b, 20, 4);
    if pad != 0 {
        s.hex("__pad", pad);
    }
    s.end();
}

fn value(c: &Ctx, which: u64, b: &[u8], s: &mut Fields) {
    let v = le(b, 8, 8);
    match which {
        RTC_PARAM_FEATURES => {
            print_flags(c, "rtc_features", v, "1<<RTC_FEATURE_???", s.f("uvalue"))
        }
        RTC_PARAM_CORRECTION => s.dec("svalue", v as i64),
        RTC_PARAM_BACKUP_SWITCH_MODE => print_enum(
            c,
            "rtc_backup_switch_modes",
            v,
            "RTC_BSM_???",
            s.f("uvalue"),
        ),
        _ => s.hex("uvalue", v),
    }
}
