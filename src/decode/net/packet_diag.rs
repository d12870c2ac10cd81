//! sock_diag for AF_PACKET sockets: packet_diag_req and packet_diag_msg with their
//! PACKET_DIAG_* attributes (linux/packet_diag.h).

use super::filter::print_sock_filter;
use super::helpers::print_ifindex;
use super::netlink::{FamilyMsg, decode_family_msg};
use super::nla_table::{Nla, NlaTable, nla_row};
use super::nlattr::{Attrs, print_nla_array};
use super::sock_diag::print_sk_meminfo;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

static PACKET_DIAG: NlaTable = NlaTable {
    set: "packet_diag_attrs",
    dflt: "PACKET_DIAG_???",
    rows: &[
        ("PACKET_DIAG_INFO", Nla::Fn(decode_info)),
        ("PACKET_DIAG_MCLIST", Nla::Fn(decode_mclist)),
        ("PACKET_DIAG_RX_RING", Nla::Fn(decode_ring)),
        ("PACKET_DIAG_TX_RING", Nla::Fn(decode_ring)),
        ("PACKET_DIAG_FANOUT", Nla::U(4)),
        ("PACKET_DIAG_UID", Nla::Fn(decode_uid)),
        ("PACKET_DIAG_MEMINFO", Nla::Fn(print_sk_meminfo)),
        ("PACKET_DIAG_FILTER", Nla::Fn(decode_filter)),
    ],
};

/// struct packet_diag_req (20 bytes).
pub(super) fn decode_packet_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "sdiag_family",
        size: 20,
        attrs: None,
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("sdiag_protocol=");
        fmt::hex(o, u64::from(b[1]));
        let _ = write!(o, ", pdiag_ino={}, pdiag_show=", u32_at(b, 4));
        print_flags(
            c,
            "packet_diag_show",
            u64::from(u32_at(b, 8)),
            "PACKET_SHOW_???",
            o,
        );
        let _ = write!(o, ", pdiag_cookie=[{}, {}]", u32_at(b, 12), u32_at(b, 16));
    });
}

/// struct packet_diag_msg (16 bytes), then its attributes.
pub(super) fn decode_packet_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "pdiag_family",
        size: 16,
        attrs: Some(Attrs {
            set: PACKET_DIAG.set,
            dflt: PACKET_DIAG.dflt,
            data: &|c, ty, a, l, o| nla_row(c, &PACKET_DIAG, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("pdiag_type=");
        print_enum_noted(c, "socktypes", u64::from(b[1]), "SOCK_???", o);
        o.push_str(", pdiag_num=");
        print_enum_noted(c, "ethernet_protocols", le(b, 2, 2), "ETH_P_???", o);
        let _ = write!(
            o,
            ", pdiag_ino={}, pdiag_cookie=[{}, {}]",
            u32_at(b, 4),
            u32_at(b, 8),
            u32_at(b, 12)
        );
    });
}

/// struct packet_diag_info (24 bytes).
fn decode_info(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 24 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 24) else {
        fmt::addr(o, a);
        return true;
    };
    o.push_str("{pdi_index=");
    print_ifindex(c, o, u32_at(&b, 0));
    o.push_str(", pdi_version=");
    print_enum_noted(
        c,
        "af_packet_versions",
        u64::from(u32_at(&b, 4)),
        "TPACKET_???",
        o,
    );
    let _ = write!(
        o,
        ", pdi_reserve={}, pdi_copy_thresh={}, pdi_tstamp={}, pdi_flags=",
        u32_at(&b, 8),
        u32_at(&b, 12),
        u32_at(&b, 16)
    );
    print_flags(
        c,
        "packet_diag_info_flags",
        u64::from(u32_at(&b, 20)),
        "PDI_???",
        o,
    );
    o.push('}');
    true
}

/// An array of struct packet_diag_mclist (44 bytes each).
fn decode_mclist(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_nla_array(c, a, l, 44, o, |o, _, b| {
        let alen = le(b, 10, 2) as usize;
        o.push_str("{pdmc_index=");
        print_ifindex(c, o, u32_at(b, 0));
        let _ = write!(
            o,
            ", pdmc_count={}, pdmc_type={}, pdmc_alen={alen}, pdmc_addr=",
            u32_at(b, 4),
            le(b, 8, 2)
        );
        let q = Quote {
            force_hex: true,
            ..Quote::default()
        };
        fmt::quote_into(o, &b[12..12 + alen.min(32)], q, c.opts.hex);
        o.push('}');
    })
}

/// struct packet_diag_ring (7 u32 fields).
fn decode_ring(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    super::nlattr::print_u32_fields(
        c,
        a,
        l,
        &[
            "pdr_block_size",
            "pdr_block_nr",
            "pdr_frame_size",
            "pdr_frame_nr",
            "pdr_retire_tmo",
            "pdr_sizeof_priv",
            "pdr_features",
        ],
        o,
    )
}

/// A uid: -1 for the all-ones value.
fn decode_uid(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 4 {
        return false;
    }
    match c.mem.read_uint(a, 4) {
        Some(0xffff_ffff) => o.push_str("-1"),
        Some(v) => fmt::dec(o, v),
        None => fmt::addr(o, a),
    }
    true
}

/// The socket filter's instructions (struct sock_filter, 8 bytes each).
fn decode_filter(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    let n = l / 8;
    if n == 0 || n > 0xffff {
        return false;
    }
    print_sock_filter(c, a, n, o);
    true
}
