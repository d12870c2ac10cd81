//! Input event device requests ('E', linux/input.h): the names strace computes for
//! the numbered families (`EVIOCGBIT(EV_KEY, 96)`, `EVIOCGABS(ABS_X)`,
//! `EVIOCGNAME(256)`), and the arguments: ids, key codes, absinfo, force-feedback
//! effects, and the bit sets the read requests return.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::array::print_array;
use crate::decode::bytes::{le, print_enum, print_num_at, print_strn, read_or_addr, sle};
use crate::decode::fmt::{self, XlatStyle};

const IOC_WRITE: u32 = 1;
const IOC_READ: u32 = 2;

fn dir(code: u32) -> u32 {
    code >> 30
}
fn nr(code: u32) -> u32 {
    code & 0xff
}
fn size(code: u32) -> u32 {
    (code >> 16) & 0x3fff
}

/// The computed name of an 'E' request, if it has one. `style` is the `-X` style the
/// line is printed in: inside `-X verbose`'s comment an unknown axis has no comment.
pub(super) fn name(c: &Ctx, code: u32, style: XlatStyle, o: &mut String) -> bool {
    let (d, n) = (dir(code), nr(code));
    let sub = |c: &Ctx, set: &str, v: u32, dflt: &str, o: &mut String| {
        let dflt = if style == XlatStyle::Verbose {
            ""
        } else {
            dflt
        };
        print_enum(c, set, v.into(), dflt, o);
    };
    if d == IOC_WRITE && (0xc0..=0xff).contains(&n) {
        o.push_str("EVIOCSABS(");
        sub(c, "evdev_abs", n - 0xc0, "ABS_???", o);
        o.push(')');
        return true;
    }
    if d != IOC_READ {
        return false;
    }
    if (0x20..0x40).contains(&n) {
        o.push_str("EVIOCGBIT(");
        if n == 0x20 {
            o.push('0');
        } else {
            sub(c, "evdev_ev", n - 0x20, "EV_???", o);
        }
        let _ = std::fmt::Write::write_fmt(o, format_args!(", {})", size(code)));
        return true;
    }
    if (0x40..0x80).contains(&n) {
        o.push_str("EVIOCGABS(");
        sub(c, "evdev_abs", n - 0x40, "ABS_???", o);
        o.push(')');
        return true;
    }
    let family = match n {
        0x06 => "EVIOCGNAME",
        0x07 => "EVIOCGPHYS",
        0x08 => "EVIOCGUNIQ",
        0x09 => "EVIOCGPROP",
        0x0a => "EVIOCGMTSLOTS",
        0x18 => "EVIOCGKEY",
        0x19 => "EVIOCGLED",
        0x1a => "EVIOCGSND",
        0x1b => "EVIOCGSW",
        _ => return false,
    };
    let _ = std::fmt::Write::write_fmt(o, format_args!("{family}({})", size(code)));
    true
}

/// Bit-set families: (nr, set, highest bit, dflt).
const EV_SETS: &[(u32, &str, u32, &str)] = &[
    (0x00, "evdev_ev", 0x1f, "EV_???"),
    (0x01, "evdev_keycode", 0x2ff, "KEY_???"),
    (0x02, "evdev_relative_axes", 0x0f, "REL_???"),
    (0x03, "evdev_abs", 0x3f, "ABS_???"),
    (0x04, "evdev_misc", 0x07, "MSC_???"),
    (0x05, "evdev_switch", 0x10, "SW_???"),
    (0x11, "evdev_leds", 0x0f, "LED_???"),
    (0x12, "evdev_snd", 0x07, "SND_???"),
    (0x14, "evdev_autorepeat", 0x01, "REP_???"),
    (0x15, "evdev_ff_types", 0x7f, "FF_???"),
    (0x17, "evdev_ff_status", 0x01, "FF_STATUS_???"),
];
const EV_PWR: u32 = 0x16;

pub(super) fn evdev(c: &Ctx, name: &str, code: u32, arg: u64, o: &mut String) -> Option<Arg> {
    match dir(code) {
        IOC_READ => read(c, name, code, arg, o),
        IOC_WRITE => write(c, name, code, arg, o),
        _ => return None,
    }
    Some(Arg::Shown)
}

fn read(c: &Ctx, name: &str, code: u32, arg: u64, o: &mut String) {
    match name {
        "EVIOCGVERSION" => return print_num_at(c, arg, true, 4, o, fmt::hex),
        "EVIOCGEFFECTS" => return print_num_at(c, arg, true, 4, o, fmt::dec),
        "EVIOCGID" => {
            if let Some(b) = read_or_addr(c, arg, 8, true, o) {
                let mut s = Fields::new(o);
                for (i, f) in ["bustype", "vendor", "product", "version"]
                    .iter()
                    .enumerate()
                {
                    s.dec(f, le(&b, 2 * i, 2));
                }
                s.end();
            }
            return;
        }
        "EVIOCGREP" => return pair(c, arg, true, o),
        "EVIOCGKEYCODE" => return keycode(c, arg, true, o),
        "EVIOCGKEYCODE_V2" => return keycode_v2(c, arg, true, o),
        _ => {}
    }
    let n = nr(code);
    let bits = |set, max, dflt, o: &mut String| bitset(c, arg, set, max, dflt, o);
    match n {
        0x0a => mtslots(c, code, arg, o),
        0x06..=0x08 => {
            if c.failed() {
                fmt::addr(o, arg);
            } else {
                print_strn(c, arg, c.ret().unwrap_or(0) as u64, false, o);
            }
        }
        0x09 => bits("evdev_prop", 0x1f, "PROP_???", o),
        0x1a => bits("evdev_snd", 0x07, "SND_???", o),
        0x1b => bits("evdev_switch", 0x10, "SW_???", o),
        0x18 => bits("evdev_keycode", 0x2ff, "KEY_???", o),
        0x19 => bits("evdev_leds", 0x0f, "LED_???", o),
        0x40..=0x7f => absinfo(c, code, arg, o),
        0x20..=0x3f => match EV_SETS.iter().find(|s| s.0 == n - 0x20) {
            Some(&(_, set, max, dflt)) => bits(set, max, dflt, o),
            None if n - 0x20 == EV_PWR => {
                print_num_at(c, arg, true, 4, o, |o, v| fmt::dec(o, v as u32 as i32))
            }
            None => fmt::addr(o, arg),
        },
        _ => fmt::addr(o, arg),
    }
}

fn write(c: &Ctx, name: &str, code: u32, arg: u64, o: &mut String) {
    match name {
        "EVIOCSREP" => pair(c, arg, false, o),
        "EVIOCSKEYCODE" => keycode(c, arg, false, o),
        "EVIOCSKEYCODE_V2" => keycode_v2(c, arg, false, o),
        "EVIOCRMFF" => fmt::dec(o, arg as u32 as i32),
        "EVIOCGRAB" | "EVIOCREVOKE" => fmt::dec(o, c.arch().ulong(arg)),
        "EVIOCSCLOCKID" => print_num_at(c, arg, false, 4, o, fmt::dec),
        "EVIOCSFF" => ff_effect(c, arg, o),
        _ if (0xc0..=0xff).contains(&nr(code)) => absinfo(c, code, arg, o),
        _ => fmt::addr(o, arg),
    }
}

fn pair(c: &Ctx, arg: u64, out: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, arg, 8, out, o) {
        let _ = std::fmt::Write::write_fmt(o, format_args!("[{}, {}]", le(&b, 0, 4), le(&b, 4, 4)));
    }
}

fn keycode(c: &Ctx, arg: u64, out: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, arg, 8, out, o) {
        let _ = std::fmt::Write::write_fmt(o, format_args!("[{}, ", le(&b, 0, 4)));
        print_enum(c, "evdev_keycode", le(&b, 4, 4), "KEY_???", o);
        o.push(']');
    }
}

/// struct input_keymap_entry: flags, len (u8), index (u16), keycode (u32),
/// scancode[32].
fn keycode_v2(c: &Ctx, arg: u64, out: bool, o: &mut String) {
    let Some(b) = read_or_addr(c, arg, 40, out, o) else {
        return;
    };
    let mut s = Fields::new(o);
    s.dec("flags", le(&b, 0, 1));
    s.dec("len", le(&b, 1, 1));
    if c.unabbreviated() {
        s.dec("index", le(&b, 2, 2));
        print_enum(c, "evdev_keycode", le(&b, 4, 4), "KEY_???", s.f("keycode"));
        let o = s.f("scancode");
        o.push('[');
        for (i, x) in b[8..40].iter().enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            fmt::hex(o, u64::from(*x));
        }
        o.push(']');
    } else {
        s.more();
    }
    s.end();
}

/// struct input_absinfo: six s32, printed unsigned; older kernels' struct ends
/// before `resolution` (20 bytes).
fn absinfo(c: &Ctx, code: u32, arg: u64, o: &mut String) {
    const ORIG: usize = 20;
    const RES: usize = 24;
    let sz = size(code) as usize;
    if sz < ORIG {
        fmt::addr(o, arg);
        return;
    }
    let out = dir(code) == IOC_READ;
    let Some(b) = read_or_addr(c, arg, sz.min(RES), out, o) else {
        return;
    };
    let mut s = Fields::new(o);
    s.dec("value", le(&b, 0, 4));
    s.dec("minimum", le(&b, 4, 4));
    if c.unabbreviated() {
        s.dec("maximum", le(&b, 8, 4));
        s.dec("fuzz", le(&b, 12, 4));
        s.dec("flat", le(&b, 16, 4));
        if sz > ORIG {
            if sz >= RES {
                s.dec("resolution", le(&b, 20, 4));
            }
            if sz != RES {
                s.more();
            }
        }
    } else {
        s.more();
    }
    s.end();
}

/// EVIOCGMTSLOTS: {code, values[]} sized by the request.
fn mtslots(c: &Ctx, code: u32, arg: u64, o: &mut String) {
    let n = u64::from(size(code) / 4);
    if n == 0 {
        fmt::addr(o, arg);
        return;
    }
    let Some(b) = read_or_addr(c, arg, 4, true, o) else {
        return;
    };
    let mut s = Fields::new(o);
    print_enum(c, "evdev_mtslots", le(&b, 0, 4), "ABS_MT_???", s.f("code"));
    let o = s.f("values");
    print_array(c, arg + 4, n - 1, 4, o, |o, e| fmt::dec(o, sle(e, 0, 4)));
    s.end();
}

/// The bits the kernel set, by name (`[KEY_A KEY_B ...]`, 4 at most unless -v), as
/// far as the return value's byte count and the set's size allow; `-X raw` shows the
/// words instead, `-X verbose` both.
fn bitset(c: &Ctx, arg: u64, set: &str, max: u32, dflt: &str, o: &mut String) {
    let ret = c.ret().unwrap_or(0) as u64;
    let nbits = if ret > u64::from(max / 8) {
        u64::from(max)
    } else {
        ret * 8
    };
    let w = c.word() as u64;
    let size = nbits.div_ceil(8).div_ceil(w) * w;
    if c.failed() || size == 0 {
        fmt::addr(o, arg);
        return;
    }
    let Some(b) = read_or_addr(c, arg, size as usize, true, o) else {
        return;
    };
    let style = c.opts.xlat;
    if style != XlatStyle::Raw {
        o.push('[');
        let mut shown = 0;
        for i in 0..nbits {
            if b[(i / 8) as usize] & (1 << (i % 8)) == 0 {
                continue;
            }
            if shown > 0 {
                if !c.unabbreviated() && shown >= 4 {
                    o.push_str(" ...");
                    break;
                }
                o.push(' ');
            }
            print_enum(c, set, i, dflt, o);
            shown += 1;
        }
        o.push(']');
    }
    if style == XlatStyle::Verbose {
        o.push_str(" /* ");
    }
    if style != XlatStyle::Abbrev {
        o.push('[');
        for (i, ch) in b.chunks(w as usize).enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            fmt::hex(o, le(ch, 0, w as usize));
        }
        o.push(']');
    }
    if style == XlatStyle::Verbose {
        o.push_str(" */");
    }
}

/// struct ff_effect: type, id, direction, trigger, replay (u16 each), then a union
/// at 16 whose largest member, ff_periodic_effect, ends with a pointer.
fn ff_effect(c: &Ctx, arg: u64, o: &mut String) {
    let w = c.word();
    let Some(b) = read_or_addr(c, arg, 16 + 24 + w, false, o) else {
        return;
    };
    let typ = le(&b, 0, 2);
    let mut s = Fields::new(o);
    print_enum(c, "evdev_ff_types", typ, "FF_???", s.f("type"));
    s.dec("id", sle(&b, 2, 2));
    s.dec("direction", le(&b, 4, 2));
    if !c.unabbreviated() {
        s.more();
        s.end();
        return;
    }
    let o = s.f("trigger");
    let _ = std::fmt::Write::write_fmt(
        o,
        format_args!("{{button={}, interval={}}}", le(&b, 6, 2), le(&b, 8, 2)),
    );
    let o = s.f("replay");
    let _ = std::fmt::Write::write_fmt(
        o,
        format_args!("{{length={}, delay={}}}", le(&b, 10, 2), le(&b, 12, 2)),
    );
    let u = &b[16..];
    let envelope = |at: usize, o: &mut String| {
        let _ = std::fmt::Write::write_fmt(
            o,
            format_args!(
                "{{attack_length={}, attack_level={}, fade_length={}, fade_level=",
                le(u, at, 2),
                le(u, at + 2, 2),
                le(u, at + 4, 2)
            ),
        );
        fmt::hex(o, le(u, at + 6, 2));
        o.push('}');
    };
    match typ {
        0x52 => {
            let o = s.f("constant");
            let mut k = Fields::new(o);
            k.dec("level", sle(u, 0, 2));
            envelope(2, k.f("envelope"));
            k.end();
        }
        0x57 => {
            let o = s.f("ramp");
            let mut k = Fields::new(o);
            k.dec("start_level", sle(u, 0, 2));
            k.dec("end_level", sle(u, 2, 2));
            envelope(4, k.f("envelope"));
            k.end();
        }
        0x51 => {
            let o = s.f("periodic");
            let mut k = Fields::new(o);
            k.dec("waveform", le(u, 0, 2));
            k.dec("period", le(u, 2, 2));
            k.dec("magnitude", sle(u, 4, 2));
            k.dec("offset", sle(u, 6, 2));
            k.dec("phase", le(u, 8, 2));
            envelope(10, k.f("envelope"));
            k.dec("custom_len", le(u, 20, 4));
            fmt::addr(k.f("custom_data"), le(u, 24, w));
            k.end();
        }
        0x50 => {
            let o = s.f("rumble");
            let mut k = Fields::new(o);
            k.dec("strong_magnitude", le(u, 0, 2));
            k.dec("weak_magnitude", le(u, 2, 2));
            k.end();
        }
        _ => {}
    }
    s.end();
}
