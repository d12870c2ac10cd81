//! Loop device requests ('L', linux/loop.h) with a struct argument: struct loop_info
//! (whose dev_t and long fields vary per arch), loop_info64 and loop_config. The plain
//! requests are `forms` rows.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields};
use crate::arch::Arch;
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum, print_flags, read_or_addr, sle};
use crate::decode::file::print_dev;
use crate::decode::fmt::{self, Quote};

/// LO_KEY_SIZE and LO_NAME_SIZE.
const KEY: usize = 32;
const NAME: usize = 64;

pub(super) fn loop_dev(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "LOOP_GET_STATUS" | "LOOP_SET_STATUS" => {
            let out = name == "LOOP_GET_STATUS";
            let l = OldLayout::of(c);
            if let Some(b) = read_or_addr(c, arg, l.size, out, o) {
                print_loop_info(c, &l, &b, o);
            }
        }
        "LOOP_GET_STATUS64" | "LOOP_SET_STATUS64" => {
            let out = name == "LOOP_GET_STATUS64";
            if let Some(b) = read_or_addr(c, arg, INFO64_SIZE, out, o) {
                print_loop_info64(c, &b, o);
            }
        }
        "LOOP_CONFIGURE" => {
            // struct loop_config: fd, block_size, loop_info64, __u64 __reserved[8].
            if let Some(b) = read_or_addr(c, arg, 8 + INFO64_SIZE + 64, false, o) {
                let mut s = Fields::new(o);
                print_fd(c, sle(&b, 0, 4), s.f("fd"));
                s.dec("block_size", le(&b, 4, 4));
                print_loop_info64(c, b.get(8..).unwrap_or(&[]), s.f("info"));
                let rsv = b.get(8 + INFO64_SIZE..).unwrap_or(&[]);
                if rsv.iter().any(|&x| x != 0) {
                    hex_array(rsv, 8, s.f("__reserved"));
                }
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

/// Offsets in struct loop_info, which holds `__kernel_old_dev_t` and `unsigned long`.
struct OldLayout {
    dev: usize,
    device: usize,
    inode: usize,
    long: usize,
    rdevice: usize,
    offset: usize,
    init: usize,
    size: usize,
}

impl OldLayout {
    fn of(c: &Ctx) -> Self {
        let long = c.word();
        let dev = match c.arch() {
            Arch::X86_64 | Arch::X32 => 8,
            Arch::I386 | Arch::Arm => 2,
            _ => 4,
        };
        let align = |off: usize, a: usize| off.div_ceil(a) * a;
        let device = align(4, dev);
        let inode = align(device + dev, long);
        let rdevice = inode + long;
        let offset = align(rdevice + dev, 4);
        // lo_offset, lo_encrypt_type, lo_encrypt_key_size, lo_flags, lo_name, key.
        let init = align(offset + 16 + NAME + KEY, long);
        let size = align(init + 2 * long + 4, long);
        OldLayout {
            dev,
            device,
            inode,
            long,
            rdevice,
            offset,
            init,
            size,
        }
    }
}

fn dev(c: &Ctx, v: u64, o: &mut String) {
    fmt::styled(o, c, |o| fmt::hex(o, v), |_, o| print_dev(o, v));
}

fn hex_array(b: &[u8], size: usize, o: &mut String) {
    o.push('[');
    for (i, ch) in b.chunks(size).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, le(ch, 0, size));
    }
    o.push(']');
}

/// `len` bytes of a key as strace's printstr_ex: quoted, cut at `-s`.
fn key(c: &Ctx, b: &[u8], len: usize, o: &mut String) {
    let len = len.min(KEY);
    let shown = &b[..len.min(b.len()).min(c.opts.string_limit)];
    fmt::quote_into(o, shown, Quote::default(), c.opts.hex);
    if len > c.opts.string_limit {
        o.push_str("...");
    }
}

fn print_loop_info(c: &Ctx, l: &OldLayout, b: &[u8], o: &mut String) {
    let full = c.unabbreviated();
    let at = l.offset;
    let crypt = le(b, at + 4, 4);
    let mut s = Fields::new(o);
    s.dec("lo_number", sle(b, 0, 4));
    if full {
        dev(c, le(b, l.device, l.dev), s.f("lo_device"));
        s.dec("lo_inode", le(b, l.inode, l.long));
        dev(c, le(b, l.rdevice, l.dev), s.f("lo_rdevice"));
    }
    s.hex("lo_offset", le(b, at, 4));
    if full || crypt != 0 {
        print_enum(
            c,
            "loop_crypt_type_options",
            crypt,
            "LO_CRYPT_???",
            s.f("lo_encrypt_type"),
        );
        s.dec("lo_encrypt_key_size", le(b, at + 8, 4));
    }
    print_flags(
        c,
        "loop_flags_options",
        le(b, at + 12, 4),
        "LO_FLAGS_???",
        s.f("lo_flags"),
    );
    let name = at + 16;
    print_cstring_field(c, b.get(name..name + NAME).unwrap_or(&[]), s.f("lo_name"));
    if full || crypt != 0 {
        let k = b.get(name + NAME..name + NAME + KEY).unwrap_or(&[]);
        key(c, k, le(b, at + 8, 4) as usize, s.f("lo_encrypt_key"));
    }
    if full {
        hex_array(
            b.get(l.init..l.init + 2 * l.long).unwrap_or(&[]),
            l.long,
            s.f("lo_init"),
        );
        hex_array(
            b.get(l.init + 2 * l.long..l.init + 2 * l.long + 4)
                .unwrap_or(&[]),
            1,
            s.f("reserved"),
        );
    } else {
        s.more();
    }
    s.end();
}

/// struct loop_info64: fixed layout on every arch.
const INFO64_SIZE: usize = 232;

fn print_loop_info64(c: &Ctx, b: &[u8], o: &mut String) {
    let full = c.unabbreviated();
    let crypt = le(b, 44, 4);
    let mut s = Fields::new(o);
    if full {
        dev(c, le(b, 0, 8), s.f("lo_device"));
        s.dec("lo_inode", le(b, 8, 8));
        dev(c, le(b, 16, 8), s.f("lo_rdevice"));
        s.hex("lo_offset", le(b, 24, 8));
        s.dec("lo_sizelimit", le(b, 32, 8));
        s.dec("lo_number", le(b, 40, 4));
    } else {
        s.hex("lo_offset", le(b, 24, 8));
        s.dec("lo_number", le(b, 40, 4));
    }
    if full || crypt != 0 {
        print_enum(
            c,
            "loop_crypt_type_options",
            crypt,
            "LO_CRYPT_???",
            s.f("lo_encrypt_type"),
        );
        s.dec("lo_encrypt_key_size", le(b, 48, 4));
    }
    print_flags(
        c,
        "loop_flags_options",
        le(b, 52, 4),
        "LO_FLAGS_???",
        s.f("lo_flags"),
    );
    print_cstring_field(c, b.get(56..120).unwrap_or(&[]), s.f("lo_file_name"));
    if full || crypt != 0 {
        print_cstring_field(c, b.get(120..184).unwrap_or(&[]), s.f("lo_crypt_name"));
        key(
            c,
            b.get(184..216).unwrap_or(&[]),
            le(b, 48, 4) as usize,
            s.f("lo_encrypt_key"),
        );
    }
    if full {
        hex_array(b.get(216..232).unwrap_or(&[]), 8, s.f("lo_init"));
    } else {
        s.more();
    }
    s.end();
}
