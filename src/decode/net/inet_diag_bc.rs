//! INET_DIAG_REQ_BYTECODE: the socket filter program of an inet_diag request, one
//! struct inet_diag_bc_op and the operand its code takes (linux/inet_diag.h).

use super::helpers::{print_hexstr, print_ifindex};
use super::nla_table::{Nla, print_nla};
use super::route::print_inet_addr_field;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, read_bytes, u32_at};
use crate::decode::fmt;
use std::fmt::Write;

/// The data of one INET_DIAG_REQ_* attribute of a request.
pub(super) fn decode_inet_diag_req_attr(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // INET_DIAG_REQ_BYTECODE
        1 => decode_bc_op(c, a, l, o),
        // INET_DIAG_REQ_PROTOCOL
        3 => print_nla(c, &Nla::Enum("inet_protocols", "IPPROTO_???", 0), a, l, o),
        _ => false,
    }
}

fn print_op(c: &Ctx, b: &[u8], o: &mut String) {
    o.push_str("{code=");
    print_enum_noted(
        c,
        "inet_diag_bytecodes",
        u64::from(b[0]),
        "INET_DIAG_BC_???",
        o,
    );
    let _ = write!(o, ", yes={}, no={}}}", b[1], le(b, 2, 2));
}

fn decode_bc_op(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 4 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 4) else {
        fmt::addr(o, a);
        return true;
    };
    print_op(c, &b, o);
    if l > 4 {
        o.push_str(", ");
        decode_operand(c, b[0], a.wrapping_add(4), l - 4, o);
    }
    true
}

/// What follows an op: a host condition, a device, a mark, another op, or bytes.
fn decode_operand(c: &Ctx, code: u8, a: u64, l: u64, o: &mut String) {
    let need = match code {
        // S_COND, D_COND: struct inet_diag_hostcond
        7 | 8 => 8,
        // DEV_COND: an ifindex
        9 => 4,
        // S_GE, S_LE, D_GE, D_LE: another op
        2..=5 => 4,
        // MARK_COND: struct inet_diag_markcond
        10 => 8,
        _ => u64::MAX,
    };
    if l < need {
        print_hexstr(c, a, l as usize, o);
        return;
    }
    let Some(b) = read_bytes(c, a, need as usize) else {
        fmt::addr(o, a);
        return;
    };
    match code {
        7 | 8 => {
            o.push_str("{family=");
            print_enum_noted(c, "addrfams", u64::from(b[0]), "AF_???", o);
            let _ = write!(o, ", prefix_len={}, port={}", b[1], u32_at(&b, 4) as i32);
            if l > 8 {
                o.push_str(", ");
                print_inet_addr_field(c, b[0], "addr", a.wrapping_add(8), l - 8, o);
            }
            o.push('}');
        }
        9 => print_ifindex(c, o, u32_at(&b, 0)),
        10 => {
            let _ = write!(o, "{{mark={}, mask={}}}", u32_at(&b, 0), u32_at(&b, 4));
        }
        _ => print_op(c, &b, o),
    }
}
