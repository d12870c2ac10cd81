//! MTD flash requests ('M', mtd/mtd-abi.h). Their codes overlap OSS mixer requests,
//! which strace names first (`MIXER_READ(1) or MEMGETINFO`, `families`).

use super::super::super::Ctx;
use super::{Arg, Fields, local_array};
use crate::decode::bytes::{le, print_enum, print_flags, print_num_at, read_or_addr};
use crate::decode::fmt;

fn hex32s(c: &Ctx, b: &[u8], at: usize, n: u64, o: &mut String) {
    local_array(c, b, at, 4, n, o, |o, e| fmt::hex(o, le(e, 0, 4)));
}

pub(super) fn mtd(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    let out = matches!(
        name,
        "OTPGETREGIONINFO" | "MEMGETINFO" | "MEMGETOOBSEL" | "ECCGETLAYOUT" | "ECCGETSTATS"
    );
    let read = |size: usize, o: &mut String| read_or_addr(c, arg, size, out, o);
    match name {
        "MEMERASE" | "MEMLOCK" | "MEMUNLOCK" | "MEMISLOCKED" | "MEMERASE64" => {
            let w = if name == "MEMERASE64" { 8 } else { 4 };
            if let Some(b) = read(2 * w, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, w));
                s.hex("length", le(&b, w, w));
                s.end();
            }
        }
        "MEMWRITEOOB" | "MEMREADOOB" => {
            // struct mtd_oob_buf: start, length (u32), unsigned char *ptr.
            let p = c.word();
            if let Some(b) = read(8 + p, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, 4));
                s.hex("length", le(&b, 4, 4));
                fmt::addr(s.f("ptr"), le(&b, 8, p));
                s.end();
            }
        }
        "MEMWRITEOOB64" | "MEMREADOOB64" => {
            if let Some(b) = read(24, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, 8));
                s.hex("length", le(&b, 12, 4));
                fmt::addr(s.f("usr_ptr"), le(&b, 16, 8));
                s.end();
            }
        }
        "MEMWRITE" => {
            if let Some(b) = read(48, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, 8));
                s.hex("len", le(&b, 8, 8));
                s.hex("ooblen", le(&b, 16, 8));
                fmt::addr(s.f("usr_data"), le(&b, 24, 8));
                fmt::addr(s.f("usr_oob"), le(&b, 32, 8));
                print_enum(
                    c,
                    "mtd_mode_options",
                    le(&b, 40, 1),
                    "MTD_OPS_???",
                    s.f("mode"),
                );
                s.end();
            }
        }
        "OTPGETREGIONINFO" | "OTPLOCK" => {
            if let Some(b) = read(12, o) {
                let mut s = Fields::new(o);
                s.hex("start", le(&b, 0, 4));
                s.hex("length", le(&b, 4, 4));
                s.dec("locked", le(&b, 8, 4));
                s.end();
            }
        }
        "OTPSELECT" => print_num_at(c, arg, false, 4, o, |o, v| {
            print_enum(c, "mtd_otp_options", v, "MTD_OTP_???", o)
        }),
        "MTDFILEMODE" => print_enum(c, "mtd_file_mode_options", arg, "MTD_FILE_MODE_???", o),
        "MEMGETBADBLOCK" | "MEMSETBADBLOCK" => print_num_at(c, arg, false, 8, o, fmt::dec),
        "MEMGETINFO" => {
            if let Some(b) = read(32, o) {
                let mut s = Fields::new(o);
                print_enum(c, "mtd_type_options", le(&b, 0, 1), "MTD_???", s.f("type"));
                print_flags(
                    c,
                    "mtd_flags_options",
                    le(&b, 4, 4),
                    "MTD_???",
                    s.f("flags"),
                );
                s.hex("size", le(&b, 8, 4));
                s.hex("erasesize", le(&b, 12, 4));
                s.hex("writesize", le(&b, 16, 4));
                s.hex("oobsize", le(&b, 20, 4));
                s.hex("padding", le(&b, 24, 8));
                s.end();
            }
        }
        "MEMGETOOBSEL" => {
            // struct nand_oobinfo: useecc, eccbytes, oobfree[8][2], eccpos[32].
            if let Some(b) = read(200, o) {
                let mut s = Fields::new(o);
                let t = s.f("useecc");
                print_enum(c, "mtd_nandecc_options", le(&b, 0, 4), "MTD_NANDECC_???", t);
                s.hex("eccbytes", le(&b, 4, 4));
                local_array(c, &b[..72], 8, 8, 8, s.f("oobfree"), |o, e| {
                    hex32s(c, e, 0, 2, o)
                });
                hex32s(c, &b, 72, 32, s.f("eccpos"));
                s.end();
            }
        }
        "ECCGETLAYOUT" => {
            // struct nand_ecclayout_user: eccbytes, eccpos[64], oobavail, oobfree[8].
            if let Some(b) = read(328, o) {
                let mut s = Fields::new(o);
                s.hex("eccbytes", le(&b, 0, 4));
                hex32s(c, &b[..260], 4, 64, s.f("eccpos"));
                s.hex("oobavail", le(&b, 260, 4));
                local_array(c, &b, 264, 8, 8, s.f("oobfree"), |o, e| {
                    let _ = std::fmt::Write::write_fmt(o, format_args!("{{offset="));
                    fmt::hex(o, le(e, 0, 4));
                    o.push_str(", length=");
                    fmt::hex(o, le(e, 4, 4));
                    o.push('}');
                });
                s.end();
            }
        }
        "ECCGETSTATS" => {
            if let Some(b) = read(16, o) {
                let mut s = Fields::new(o);
                for (i, f) in ["corrected", "failed", "badblocks", "bbtblocks"]
                    .iter()
                    .enumerate()
                {
                    s.hex(f, le(&b, 4 * i, 4));
                }
                s.end();
            }
        }
        "OTPGETREGIONCOUNT" => print_num_at(c, arg, true, 4, o, fmt::dec),
        "MEMGETREGIONCOUNT" => {
            print_num_at(c, arg, true, 4, o, |o, v| fmt::dec(o, v as u32 as i32))
        }
        "MEMGETREGIONINFO" => {
            // struct region_info_user: offset, erasesize, numblocks, regionindex.
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let mut s = Fields::new(o);
                s.hex("regionindex", le(&b, 12, 4));
                if !c.failed() {
                    s.hex("offset", le(&b, 0, 4));
                    s.hex("erasesize", le(&b, 4, 4));
                    s.hex("numblocks", le(&b, 8, 4));
                }
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}
