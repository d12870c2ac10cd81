//! Socket filters: ICMP_FILTER's type mask and classic BPF programs (SO_ATTACH_FILTER).

use crate::decode::Ctx;
use crate::decode::array::print_elems;
use crate::decode::bytes::{le, print_enum_noted, read_struct, u32_at};
use crate::decode::fmt;
use std::fmt::Write;

/// ICMP_FILTER's mask of ICMP types: `~[ICMP_ECHOREPLY]` when most bits are set.
pub(super) fn print_icmp_filter(c: &Ctx, addr: u64, len: i32, o: &mut String) {
    if len <= 0 {
        fmt::addr(o, addr);
        return;
    }
    let n = (len as usize).min(4);
    let Some(b) = read_struct(c, addr, n) else {
        fmt::addr(o, addr);
        return;
    };
    // Bytes the caller did not give stay set, as in strace's ~0 initialised buffer.
    let mut raw = [0xffu8; 4];
    raw[..n].copy_from_slice(&b);
    let mut data = u32::from_le_bytes(raw);
    if data.count_ones() > 16 {
        data = !data;
        o.push('~');
    }
    o.push('[');
    let mut first = true;
    for i in 0..32 {
        if data & (1 << i) != 0 {
            if !first {
                o.push(' ');
            }
            first = false;
            print_enum_noted(c, "icmp_filter_flags", i, "ICMP_???", o);
        }
    }
    o.push(']');
}

/// A classic BPF opcode: `BPF_LD|BPF_H|BPF_ABS`; each part in the `-X` style
/// (`0 /* BPF_LD */|0x10 /* BPF_B */|...` under verbose).
pub(super) fn print_bpf_code(c: &Ctx, o: &mut String, code: u16) {
    let named =
        |o: &mut String, names: &[(u16, &str)], v: u16| match names.iter().find(|(n, _)| *n == v) {
            Some((_, name)) => fmt::named(o, c, name, |o| fmt::hex(o, v.into())),
            None => unknown_part(c, o, v.into(), "BPF_???"),
        };
    const CLASS: [&str; 8] = [
        "BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET", "BPF_MISC",
    ];
    const SIZE: [(u16, &str); 3] = [(0, "BPF_W"), (8, "BPF_H"), (0x10, "BPF_B")];
    const MODE: [(u16, &str); 6] = [
        (0, "BPF_IMM"),
        (0x20, "BPF_ABS"),
        (0x40, "BPF_IND"),
        (0x60, "BPF_MEM"),
        (0x80, "BPF_LEN"),
        (0xa0, "BPF_MSH"),
    ];
    const SRC: [(u16, &str); 2] = [(0, "BPF_K"), (8, "BPF_X")];
    const ALU: [(u16, &str); 11] = [
        (0, "BPF_ADD"),
        (0x10, "BPF_SUB"),
        (0x20, "BPF_MUL"),
        (0x30, "BPF_DIV"),
        (0x40, "BPF_OR"),
        (0x50, "BPF_AND"),
        (0x60, "BPF_LSH"),
        (0x70, "BPF_RSH"),
        (0x80, "BPF_NEG"),
        (0x90, "BPF_MOD"),
        (0xa0, "BPF_XOR"),
    ];
    const JMP: [(u16, &str); 5] = [
        (0, "BPF_JA"),
        (0x10, "BPF_JEQ"),
        (0x20, "BPF_JGT"),
        (0x30, "BPF_JGE"),
        (0x40, "BPF_JSET"),
    ];
    const RVAL: [(u16, &str); 3] = [(0, "BPF_K"), (8, "BPF_X"), (0x10, "BPF_A")];
    const MISC: [(u16, &str); 2] = [(0, "BPF_TAX"), (0x80, "BPF_TXA")];
    let class = code & 7;
    let rest = code & !7;
    fmt::named(o, c, CLASS[usize::from(class)], |o| {
        fmt::hex(o, class.into())
    });
    let unknown = |o: &mut String, v: u16| {
        if v != 0 {
            o.push('|');
            unknown_part(c, o, v.into(), "BPF_???");
        }
    };
    match class {
        2 | 3 => unknown(o, rest),
        0 | 1 => {
            o.push('|');
            named(o, &SIZE, code & 0x18);
            o.push('|');
            named(o, &MODE, code & 0xe0);
        }
        7 => {
            o.push('|');
            named(o, &MISC, code & 0xf8);
            unknown(o, rest & !0xf8);
        }
        4 | 5 => {
            o.push('|');
            named(o, &SRC, code & 8);
            o.push('|');
            named(o, if class == 4 { &ALU[..] } else { &JMP[..] }, code & 0xf0);
        }
        _ => {
            o.push('|');
            named(o, &RVAL, code & 0x18);
            unknown(o, rest & !0x18);
        }
    }
}

/// A value no name matches: the number, with `/* LABEL */` unless `-X raw`.
fn unknown_part(c: &Ctx, o: &mut String, v: u64, label: &str) {
    fmt::hex(o, v);
    if c.opts.xlat != fmt::XlatStyle::Raw {
        let _ = write!(o, " /* {label} */");
    }
}

/// The instructions of a socket filter (`-v` only): `[BPF_STMT(...), BPF_JUMP(...)]`.
pub(super) fn print_sock_filter(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    const SKF_AD: [&str; 16] = [
        "SKF_AD_PROTOCOL",
        "SKF_AD_PKTTYPE",
        "SKF_AD_IFINDEX",
        "SKF_AD_NLATTR",
        "SKF_AD_NLATTR_NEST",
        "SKF_AD_MARK",
        "SKF_AD_QUEUE",
        "SKF_AD_HATYPE",
        "SKF_AD_RXHASH",
        "SKF_AD_CPU",
        "SKF_AD_ALU_XOR_X",
        "SKF_AD_VLAN_TAG",
        "SKF_AD_VLAN_TAG_PRESENT",
        "SKF_AD_PAY_OFFSET",
        "SKF_AD_RANDOM",
        "SKF_AD_VLAN_TPID",
    ];
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    // strace caps a filter at BPF_MAXINSNS instructions, whatever -s says.
    print_elems(c, addr, len, 8, 4096, o, |o, _, b| {
        let code = le(b, 0, 2) as u16;
        let (jt, jf, k) = (u64::from(b[2]), u64::from(b[3]), u32_at(b, 4));
        if jt != 0 || jf != 0 {
            o.push_str("BPF_JUMP(");
            print_bpf_code(c, o, code);
            o.push_str(", ");
            fmt::hex(o, u64::from(k));
            o.push_str(", ");
            fmt::hex(o, jt);
            o.push_str(", ");
            fmt::hex(o, jf);
        } else {
            o.push_str("BPF_STMT(");
            print_bpf_code(c, o, code);
            o.push_str(", ");
            // Loads at the special negative offsets name them.
            if code & 7 == 0 && code & 0xe0 == 0x20 && k >= 0xffe0_0000 {
                if k >= 0xffff_f000 {
                    let off = u64::from(k - 0xffff_f000);
                    fmt::named(o, c, "SKF_AD_OFF", |o| fmt::hex(o, 0xffff_f000));
                    o.push('+');
                    match SKF_AD.get((off / 4) as usize).filter(|_| off % 4 == 0) {
                        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, off)),
                        None => unknown_part(c, o, off, "SKF_AD_???"),
                    }
                } else if k >= 0xfff0_0000 {
                    fmt::named(o, c, "SKF_NET_OFF", |o| fmt::hex(o, 0xfff0_0000));
                    let _ = write!(o, "+{}", k - 0xfff0_0000);
                } else {
                    fmt::named(o, c, "SKF_LL_OFF", |o| fmt::hex(o, 0xffe0_0000));
                    let _ = write!(o, "+{}", k - 0xffe0_0000);
                }
            } else {
                fmt::hex(o, u64::from(k));
            }
        }
        o.push(')');
    });
}
