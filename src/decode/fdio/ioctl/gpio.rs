//! GPIO character device requests (0xb4, linux/gpio.h), v1 and v2 ABIs. The request
//! structs have the same layout on every arch. Requests that return data show the
//! input at entry and, when the call succeeded, ` => ` what the kernel wrote.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields, local_array};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_flags, read_or_addr, sle};
use crate::decode::fmt;

const V2_LINE_FLAGS: (&str, &str) = ("gpio_v2_line_flags", "GPIO_V2_LINE_FLAG_???");
const HANDLE_FLAGS: (&str, &str) = ("gpio_handle_flags", "GPIOHANDLE_REQUEST_???");

fn cstr(b: &[u8], at: usize, len: usize) -> &[u8] {
    b.get(at..at + len).unwrap_or(&[])
}

fn u32s(c: &Ctx, b: &[u8], at: usize, count: u64, o: &mut String) {
    local_array(c, b, at, 4, count, o, |o, e| fmt::dec(o, le(e, 0, 4)));
}

fn hex32s(b: &[u8], at: usize, n: usize, o: &mut String) {
    o.push('[');
    for i in 0..n {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, le(b, at + 4 * i, 4));
    }
    o.push(']');
}

fn zero(b: &[u8], at: usize, len: usize) -> bool {
    b.get(at..at + len)
        .is_none_or(|s| s.iter().all(|&x| x == 0))
}

/// Prints the entry part, then ` => ` and the exit part when the call succeeded.
fn in_out(
    c: &Ctx,
    arg: u64,
    size: usize,
    o: &mut String,
    entry: impl Fn(&[u8], &mut Fields),
    exit: impl Fn(&[u8], &mut Fields),
) {
    let Some(b) = read_or_addr(c, arg, size, false, o) else {
        return;
    };
    let mut s = Fields::new(o);
    entry(&b, &mut s);
    s.end();
    if c.failed() {
        return;
    }
    o.push_str(" => ");
    let mut s = Fields::new(o);
    exit(&b, &mut s);
    s.end();
}

pub(super) fn gpio(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "GPIO_GET_CHIPINFO_IOCTL" => {
            if let Some(b) = read_or_addr(c, arg, 68, true, o) {
                let mut s = Fields::new(o);
                print_cstring_field(c, cstr(&b, 0, 32), s.f("name"));
                print_cstring_field(c, cstr(&b, 32, 32), s.f("label"));
                s.dec("lines", le(&b, 64, 4));
                s.end();
            }
        }
        "GPIO_GET_LINEINFO_UNWATCH_IOCTL" => {
            if let Some(b) = read_or_addr(c, arg, 4, false, o) {
                let _ = std::fmt::Write::write_fmt(o, format_args!("{{offset={}}}", le(&b, 0, 4)));
            }
        }
        "GPIO_GET_LINEINFO_IOCTL" | "GPIO_GET_LINEINFO_WATCH_IOCTL" => in_out(
            c,
            arg,
            72,
            o,
            |b, s| s.dec("line_offset", le(b, 0, 4)),
            |b, s| {
                print_flags(
                    c,
                    "gpio_line_flags",
                    le(b, 4, 4),
                    "GPIOLINE_FLAG_???",
                    s.f("flags"),
                );
                print_cstring_field(c, cstr(b, 8, 32), s.f("name"));
                print_cstring_field(c, cstr(b, 40, 32), s.f("consumer"));
            },
        ),
        "GPIO_GET_LINEHANDLE_IOCTL" => in_out(
            c,
            arg,
            364,
            o,
            |b, s| {
                // lineoffsets[64] (u32), flags, default_values[64] (u8), label, lines.
                let lines = le(b, 356, 4);
                s.dec("lines", lines);
                u32s(c, &b[..256], 0, lines, s.f("lineoffsets"));
                print_flags(
                    c,
                    HANDLE_FLAGS.0,
                    le(b, 256, 4),
                    HANDLE_FLAGS.1,
                    s.f("flags"),
                );
                local_array(
                    c,
                    &b[..324],
                    260,
                    1,
                    lines,
                    s.f("default_values"),
                    |o, e| fmt::dec(o, e[0]),
                );
                print_cstring_field(c, cstr(b, 324, 32), s.f("consumer_label"));
            },
            |b, s| print_fd(c, sle(b, 360, 4), s.f("fd")),
        ),
        "GPIO_GET_LINEEVENT_IOCTL" => in_out(
            c,
            arg,
            48,
            o,
            |b, s| {
                s.dec("lineoffset", le(b, 0, 4));
                print_flags(
                    c,
                    HANDLE_FLAGS.0,
                    le(b, 4, 4),
                    HANDLE_FLAGS.1,
                    s.f("handleflags"),
                );
                print_flags(
                    c,
                    "gpio_event_flags",
                    le(b, 8, 4),
                    "GPIOEVENT_REQUEST_???",
                    s.f("eventflags"),
                );
                print_cstring_field(c, cstr(b, 12, 32), s.f("consumer_label"));
            },
            |b, s| print_fd(c, sle(b, 44, 4), s.f("fd")),
        ),
        "GPIOHANDLE_GET_LINE_VALUES_IOCTL" | "GPIOHANDLE_SET_LINE_VALUES_IOCTL" => {
            let out = name == "GPIOHANDLE_GET_LINE_VALUES_IOCTL";
            if let Some(b) = read_or_addr(c, arg, 64, out, o) {
                let mut s = Fields::new(o);
                local_array(c, &b, 0, 1, 64, s.f("values"), |o, e| fmt::dec(o, e[0]));
                s.end();
            }
        }
        "GPIOHANDLE_SET_CONFIG_IOCTL" => {
            if let Some(b) = read_or_addr(c, arg, 84, false, o) {
                let mut s = Fields::new(o);
                print_flags(
                    c,
                    HANDLE_FLAGS.0,
                    le(&b, 0, 4),
                    HANDLE_FLAGS.1,
                    s.f("flags"),
                );
                local_array(c, &b[..68], 4, 1, 64, s.f("default_values"), |o, e| {
                    fmt::dec(o, e[0])
                });
                s.end();
            }
        }
        "GPIO_V2_GET_LINEINFO_IOCTL" | "GPIO_V2_GET_LINEINFO_WATCH_IOCTL" => in_out(
            c,
            arg,
            256,
            o,
            |b, s| s.dec("offset", le(b, 64, 4)),
            |b, s| {
                print_cstring_field(c, cstr(b, 0, 32), s.f("name"));
                print_cstring_field(c, cstr(b, 32, 32), s.f("consumer"));
                print_flags(
                    c,
                    V2_LINE_FLAGS.0,
                    le(b, 72, 8),
                    V2_LINE_FLAGS.1,
                    s.f("flags"),
                );
                let n = le(b, 68, 4);
                s.dec("num_attrs", n);
                if n != 0 {
                    local_array(c, &b[..240], 80, 16, n, s.f("attrs"), |o, e| {
                        let mut k = Fields::new(o);
                        attribute(c, e, false, &mut k);
                        k.end();
                    });
                }
                if !zero(b, 240, 16) {
                    hex32s(b, 240, 4, s.f("padding"));
                }
            },
        ),
        "GPIO_V2_GET_LINE_IOCTL" => in_out(
            c,
            arg,
            592,
            o,
            |b, s| {
                let n = le(b, 560, 4);
                s.dec("num_lines", n);
                u32s(c, &b[..256], 0, n, s.f("offsets"));
                print_cstring_field(c, cstr(b, 256, 32), s.f("consumer"));
                line_config(c, &b[288..560], s.f("config"));
                let ebs = le(b, 564, 4);
                if ebs != 0 {
                    s.dec("event_buffer_size", ebs);
                }
                if !zero(b, 568, 20) {
                    hex32s(b, 568, 5, s.f("padding"));
                }
            },
            |b, s| print_fd(c, sle(b, 588, 4), s.f("fd")),
        ),
        "GPIO_V2_LINE_SET_CONFIG_IOCTL" => {
            if let Some(b) = read_or_addr(c, arg, 272, false, o) {
                line_config(c, &b, o);
            }
        }
        "GPIO_V2_LINE_GET_VALUES_IOCTL" => in_out(
            c,
            arg,
            16,
            o,
            |b, s| s.hex("mask", le(b, 8, 8)),
            |b, s| s.hex("bits", le(b, 0, 8)),
        ),
        "GPIO_V2_LINE_SET_VALUES_IOCTL" => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let mut s = Fields::new(o);
                s.hex("bits", le(&b, 0, 8));
                s.hex("mask", le(&b, 8, 8));
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

/// struct gpio_v2_line_config: flags (u64), num_attrs, padding[5], attrs[10] of
/// struct gpio_v2_line_config_attribute {attribute, u64 mask}.
fn line_config(c: &Ctx, b: &[u8], o: &mut String) {
    let mut s = Fields::new(o);
    print_flags(
        c,
        V2_LINE_FLAGS.0,
        le(b, 0, 8),
        V2_LINE_FLAGS.1,
        s.f("flags"),
    );
    let n = le(b, 8, 4);
    s.dec("num_attrs", n);
    if !zero(b, 12, 20) {
        hex32s(b, 12, 5, s.f("padding"));
    }
    if n != 0 {
        local_array(c, b, 32, 24, n, s.f("attrs"), |o, e| {
            let mut k = Fields::new(o);
            attribute(c, e, true, &mut k);
            k.hex("mask", le(e, 16, 8));
            k.end();
        });
    }
    s.end();
}

/// struct gpio_v2_line_attribute: id, padding, then flags, values or
/// debounce_period_us by id; raw when the id is unknown or padding is used.
fn attribute(c: &Ctx, b: &[u8], as_field: bool, s: &mut Fields) {
    let (id, pad, v) = (le(b, 0, 4), le(b, 4, 4), le(b, 8, 8));
    match id {
        1 if pad == 0 => print_flags(c, V2_LINE_FLAGS.0, v, V2_LINE_FLAGS.1, s.f("flags")),
        2 if pad == 0 => s.hex("values", v),
        3 if pad == 0 => s.dec("debounce_period_us", v as u32),
        _ => {
            let raw = |k: &mut Fields| {
                k.dec("id", id);
                if pad != 0 {
                    k.hex("padding", pad);
                }
                k.hex("data", v);
            };
            if as_field {
                let o = s.f("attr");
                let mut k = Fields::new(o);
                raw(&mut k);
                k.end();
            } else {
                raw(s);
            }
        }
    }
}
