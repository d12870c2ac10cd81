//! sock_diag for AF_SMC sockets: smc_diag_req and smc_diag_msg (linux/smc_diag.h);
//! their socket id is always an AF_INET one. Of the SMC_DIAG_* attributes the
//! shutdown flags and the connection info are decoded.

use super::netlink::{FamilyMsg, decode_family_msg};
use super::nla_table::{Nla, NlaTable, nla_row};
use super::nlattr::Attrs;
use super::sock_diag::print_inet_diag_sockid;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at, xlat_name};
use crate::decode::fmt;
use std::fmt::Write;

const AF_INET: u8 = 2;

static SMC_DIAG: NlaTable = NlaTable {
    set: "smc_diag_attrs",
    dflt: "SMC_DIAG_???",
    rows: &[
        ("SMC_DIAG_CONNINFO", Nla::Fn(decode_conninfo)),
        ("SMC_DIAG_LGRINFO", Nla::Fn(decode_lgrinfo)),
        ("SMC_DIAG_DMBINFO", Nla::Fn(decode_dmbinfo)),
        ("SMC_DIAG_FALLBACK", Nla::Fn(decode_fallback)),
        (
            "SMC_DIAG_SHUTDOWN",
            Nla::Flags("sock_shutdown_flags", "???_SHUTDOWN", 1),
        ),
    ],
};

/// struct smc_diag_req (52 bytes).
pub(super) fn decode_smc_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "diag_family",
        size: 52,
        attrs: None,
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        // struct smc_diag_req {u8 diag_family; u8 pad[2]; u8 diag_ext; ...}
        o.push_str("diag_ext=");
        print_flags(
            c,
            "smc_diag_extended_flags",
            u64::from(b[3]),
            "1<<SMC_DIAG_???-1",
            o,
        );
        o.push_str(", id=");
        print_inet_diag_sockid(c, AF_INET, &b[4..52], o);
    });
}

/// struct smc_diag_msg (64 bytes), then its attributes.
pub(super) fn decode_smc_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "diag_family",
        size: 64,
        attrs: Some(Attrs {
            set: SMC_DIAG.set,
            dflt: SMC_DIAG.dflt,
            data: &|c, ty, a, l, o| nla_row(c, &SMC_DIAG, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("diag_state=");
        print_enum_noted(c, "smc_states", u64::from(b[1]), "SMC_???", o);
        o.push_str(", diag_fallback=");
        print_enum_noted(c, "smc_diag_mode", u64::from(b[2]), "SMC_DIAG_MODE_???", o);
        let _ = write!(o, ", diag_shutdown={}, id=", b[3]);
        print_inet_diag_sockid(c, AF_INET, &b[4..52], o);
        let _ = write!(
            o,
            ", diag_uid={}, diag_inode={}",
            u32_at(b, 52),
            le(b, 56, 8)
        );
    });
}

/// struct smc_diag_conninfo (76 bytes): sizes, cursors and flag bytes.
fn decode_conninfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const SIZE: u64 = 76;
    if l < SIZE {
        return false;
    }
    let Some(b) = read_bytes(c, a, SIZE as usize) else {
        fmt::addr(o, a);
        return true;
    };
    // struct smc_diag_cursor {u16 reserved; u16 wrap; u32 count}
    let cursor = |o: &mut String, name: &str, off: usize| {
        let _ = write!(
            o,
            ", {name}={{reserved={}, wrap={}, count={}}}",
            le(&b, off, 2),
            le(&b, off + 2, 2),
            u32_at(&b, off + 4)
        );
    };
    let _ = write!(
        o,
        "{{token={}, sndbuf_size={}, rmbe_size={}, peer_rmbe_size={}",
        u32_at(&b, 0),
        u32_at(&b, 4),
        u32_at(&b, 8),
        u32_at(&b, 12)
    );
    for (i, name) in ["rx_prod", "rx_cons", "tx_prod", "tx_cons"]
        .iter()
        .enumerate()
    {
        cursor(o, name, 16 + 8 * i);
    }
    for (i, name) in [
        "rx_prod_flags",
        "rx_conn_state_flags",
        "tx_prod_flags",
        "tx_conn_state_flags",
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(o, ", {name}=");
        fmt::hex_pad(o, u64::from(b[48 + i]), 2);
    }
    for (i, name) in ["tx_prep", "tx_sent", "tx_fin"].iter().enumerate() {
        cursor(o, name, 52 + 8 * i);
    }
    o.push('}');
    true
}

/// A char array up to its first NUL, quoted.
fn cstring(c: &Ctx, o: &mut String, b: &[u8]) {
    let end = b.iter().position(|&x| x == 0).unwrap_or(b.len());
    fmt::quote_into(o, &b[..end], fmt::Quote::default(), c.opts.hex);
}

/// struct smc_diag_lgrinfo: one struct smc_diag_linkinfo (146 bytes) and the role.
fn decode_lgrinfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const SIZE: u64 = 147;
    if l < SIZE {
        return false;
    }
    let Some(b) = read_bytes(c, a, SIZE as usize) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(o, "{{lnk=[{{link_id={}, ibname=", b[0]);
    cstring(c, o, &b[1..65]);
    let _ = write!(o, ", ibport={}, gid=", b[65]);
    cstring(c, o, &b[66..106]);
    o.push_str(", peer_gid=");
    cstring(c, o, &b[106..146]);
    o.push_str("}], role=");
    print_enum_noted(c, "smc_link_group_roles", u64::from(b[146]), "SMC_???", o);
    o.push('}');
    true
}

/// struct smcd_diag_dmbinfo {u32 linkid; u64 peer_gid, my_gid, token, peer_token}.
fn decode_dmbinfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 40 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 40) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{linkid={}, peer_gid={:#x}, my_gid={:#x}, token={:#x}, peer_token={:#x}}}",
        u32_at(&b, 0),
        le(&b, 8, 8),
        le(&b, 16, 8),
        le(&b, 24, 8),
        le(&b, 32, 8)
    );
    true
}

/// struct smc_diag_fallback {u32 reason, peer_diagnosis}: the codes come from a
/// kernel-internal header, so strace prints them as number and name (verbose style).
fn decode_fallback(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 8 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 8) else {
        fmt::addr(o, a);
        return true;
    };
    for (i, name) in ["reason", "peer_diagnosis"].iter().enumerate() {
        let v = u64::from(u32_at(&b, 4 * i));
        let _ = write!(o, "{}{name}=", if i > 0 { ", " } else { "{" });
        fmt::hex(o, v);
        if c.opts.xlat != fmt::XlatStyle::Raw {
            let n = xlat_name(c, "smc_decl_codes", v).unwrap_or("SMC_CLC_DECL_???");
            let _ = write!(o, " /* {n} */");
        }
    }
    o.push('}');
    true
}
