//! Socket addresses of the less common families strace 6.1 decodes: AF_RXRPC (with its
//! nested transport address), AF_IEEE802154, AF_NFC (and NFC LLCP), AF_QIPCRTR, AF_XDP
//! and AF_MCTP. Their constants live in `syscall-tables/xlat/`.

use super::helpers::{print_ifindex, quote};
use super::sockaddr::{print_net_field, print_sa_in, print_sa_in6};
use crate::decode::Ctx;
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum_noted, print_flags, u32_at, xlat_name};
use crate::decode::fmt;
use std::fmt::Write;

pub(super) const AF_RXRPC: u16 = 33;
pub(super) const AF_IEEE802154: u16 = 36;
pub(super) const AF_NFC: u16 = 39;
pub(super) const AF_QIPCRTR: u16 = 42;
pub(super) const AF_XDP: u16 = 44;
pub(super) const AF_MCTP: u16 = 45;

/// The smallest address of each family decoded field by field; shorter ones print as
/// `sa_data`.
pub(super) fn min_len(family: u16) -> Option<usize> {
    Some(match family {
        AF_RXRPC => 36,
        AF_IEEE802154 => 20,
        AF_NFC => 16,
        AF_QIPCRTR => 12,
        AF_XDP => 16,
        AF_MCTP => 12,
        _ => return None,
    })
}

/// Prints the fields after `sa_family`; false when `family` is not one of ours.
pub(super) fn print(c: &Ctx, family: u16, buf: &[u8], addrlen: usize, o: &mut String) -> bool {
    match family {
        AF_RXRPC => print_sa_rxrpc(c, buf, o),
        AF_IEEE802154 => print_sa_ieee802154(c, buf, o),
        AF_NFC => print_sa_nfc(c, buf, addrlen, o),
        AF_QIPCRTR => {
            o.push_str("sq_node=");
            named_or_hex(c, o, "qrtr_nodes", u64::from(u32_at(buf, 4)));
            o.push_str(", sq_port=");
            named_or_hex(c, o, "qrtr_ports", u64::from(u32_at(buf, 8)));
        }
        AF_XDP => print_sa_xdp(c, buf, o),
        AF_MCTP => print_sa_mctp(c, buf, o),
        _ => return false,
    }
    true
}

/// A value of `set` strace prints as a plain constant: the name, else hex (no comment
/// for unknown values); in the `-X` style.
fn named_or_hex(c: &Ctx, o: &mut String, set: &str, v: u64) {
    match xlat_name(c, set, v) {
        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, v)),
        None => fmt::hex(o, v),
    }
}

/// A value strace always shows as a number, its name in a comment (`0x1 /* CM_SERVICE */`,
/// `dflt` for an unknown one when given); `-X raw` drops the comment.
fn commented(c: &Ctx, o: &mut String, set: &str, v: u64, dflt: &str) {
    fmt::hex(o, v);
    if c.opts.xlat == fmt::XlatStyle::Raw {
        return;
    }
    match xlat_name(c, set, v) {
        Some(n) => {
            let _ = write!(o, " /* {n} */");
        }
        None if !dflt.is_empty() => {
            let _ = write!(o, " /* {dflt} */");
        }
        None => {}
    }
}

/// struct sockaddr_rxrpc: service, transport type and length, then the transport
/// address (sockaddr_in / sockaddr_in6 by name, any other family as its bytes).
fn print_sa_rxrpc(c: &Ctx, buf: &[u8], o: &mut String) {
    o.push_str("srx_service=");
    commented(c, o, "rxrpc_services", le(buf, 2, 2), "???_SERVICE");
    o.push_str(", transport_type=");
    print_enum_noted(c, "socktypes", le(buf, 4, 2), "SOCK_???", o);
    let tlen = le(buf, 6, 2) as usize;
    let _ = write!(o, ", transport_len={tlen}, transport={{");
    // The transport union is 28 bytes (sizeof(struct sockaddr_in6)).
    let t = buf.get(8..36).unwrap_or(&[]);
    let n = tlen.min(t.len());
    let family = le(t, 0, 2) as u16;
    let (name, full) = match family {
        super::sockaddr::AF_INET => (Some("sin"), 16),
        super::sockaddr::AF_INET6 => (Some("sin6"), 24),
        _ => (None, usize::MAX),
    };
    match name {
        Some(name) => {
            let _ = write!(o, "{name}={{{name}_family=");
            print_enum_noted(c, "addrfams", family.into(), "AF_???", o);
            o.push_str(", ");
            if n < full {
                quote(c, o, t.get(2..n).unwrap_or(&[]));
            } else if family == super::sockaddr::AF_INET {
                print_sa_in(c, t, o);
            } else {
                print_sa_in6(c, t, n, o);
            }
            o.push('}');
        }
        None => {
            o.push_str("family=");
            print_enum_noted(c, "addrfams", family.into(), "AF_???", o);
            if n > 2 {
                o.push_str(", ");
                quote(c, o, &t[2..n]);
            }
        }
    }
    o.push('}');
}

/// struct sockaddr_ieee802154: `addr={addr_type=.., pan_id=.., short_addr|hwaddr=..}`.
fn print_sa_ieee802154(c: &Ctx, buf: &[u8], o: &mut String) {
    let ty = u32_at(buf, 4);
    o.push_str("addr={addr_type=");
    commented(
        c,
        o,
        "ieee802154_addr_types",
        ty.into(),
        "IEEE802154_ADDR_???",
    );
    o.push_str(", pan_id=");
    commented(c, o, "ieee802154_pan_ids", le(buf, 8, 2), "");
    match ty {
        // IEEE802154_ADDR_NONE
        0 => {}
        // IEEE802154_ADDR_SHORT
        2 => {
            o.push_str(", short_addr=");
            commented(c, o, "ieee802154_short_addrs", le(buf, 10, 2), "");
        }
        _ => {
            let hw = buf.get(10..18).unwrap_or(&[]);
            let mut text = String::new();
            for (i, b) in hw.iter().enumerate() {
                let _ = write!(text, "{}{b:02x}", if i > 0 { ":" } else { "" });
            }
            o.push_str(", ");
            print_net_field(c, o, "hwaddr", hw, &text);
        }
    }
    o.push('}');
}

/// struct sockaddr_nfc, and struct sockaddr_nfc_llcp when the length covers it (96
/// bytes on 64-bit; `...` for lengths in between).
fn print_sa_nfc(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    o.push_str("dev_idx=");
    print_ifindex(c, o, u32_at(buf, 4));
    o.push_str(", target_idx=");
    fmt::hex(o, u32_at(buf, 8).into());
    o.push_str(", nfc_protocol=");
    print_enum_noted(c, "nfc_protos", u32_at(buf, 12).into(), "NFC_PROTO_???", o);
    // sizeof(struct sockaddr_nfc_llcp): 18 + 63 bytes of name, then a size_t aligned.
    const LLCP_LEN: usize = 96;
    if addrlen <= 16 {
        return;
    }
    if addrlen < LLCP_LEN {
        o.push_str(", ...");
        return;
    }
    o.push_str(", dsap=");
    commented(c, o, "llcp_saps", le(buf, 16, 1), "");
    o.push_str(", ssap=");
    commented(c, o, "llcp_saps", le(buf, 17, 1), "");
    let name_len = le(buf, 88, 8);
    let shown = name_len.min(63) as usize;
    o.push_str(", service_name=");
    quote(c, o, buf.get(18..18 + shown).unwrap_or(&[]));
    let _ = write!(o, ", service_name_len={name_len}");
}

/// struct sockaddr_xdp; the shared umem fd is an fd only under XDP_SHARED_UMEM.
fn print_sa_xdp(c: &Ctx, buf: &[u8], o: &mut String) {
    let flags = le(buf, 2, 2);
    o.push_str("sxdp_flags=");
    print_flags(c, "sockaddr_xdp_flags", flags, "XDP_???", o);
    o.push_str(", sxdp_ifindex=");
    print_ifindex(c, o, u32_at(buf, 4));
    let _ = write!(o, ", sxdp_queue_id={}", u32_at(buf, 8));
    let fd = u32_at(buf, 12);
    if flags & 1 != 0 {
        o.push_str(", sxdp_shared_umem_fd=");
        print_fd(c, i64::from(fd as i32), o);
    } else if fd != 0 {
        o.push_str(", sxdp_shared_umem_fd=");
        fmt::hex(o, fd.into());
    }
}

/// struct sockaddr_mctp; the padding fields show only when set.
fn print_sa_mctp(c: &Ctx, buf: &[u8], o: &mut String) {
    let pad0 = le(buf, 2, 2);
    if pad0 != 0 {
        o.push_str("__smctp_pad0=");
        fmt::hex(o, pad0);
        o.push_str(", ");
    }
    o.push_str("smctp_network=");
    named_or_hex(c, o, "mctp_nets", u32_at(buf, 4).into());
    o.push_str(", smctp_addr={s_addr=");
    named_or_hex(c, o, "mctp_addrs", le(buf, 8, 1));
    o.push_str("}, smctp_type=");
    fmt::hex(o, le(buf, 9, 1));
    o.push_str(", smctp_tag=");
    fmt::hex(o, le(buf, 10, 1));
    let pad1 = le(buf, 11, 1);
    if pad1 != 0 {
        o.push_str(", __smctp_pad1=");
        fmt::hex(o, pad1);
    }
}
