//! Netlink messages: strace decodes the data of netlink sockets instead of quoting it.
//! This part owns the message and attribute framing; the per-protocol payloads are in
//! `route`, `link` and `sock_diag`.

use super::helpers::print_hexstr;
use super::nl_other::{decode_kobject_uevent, decode_other};
use super::nl_types::{NETLINK_KOBJECT_UEVENT, nlmsg_flags_set, print_nlmsg_type};
use super::nlattr::{Attrs, decode_nlattr, print_nla_array, print_nla_str, print_nla_u32};
use super::route::decode_route;
use super::sock_diag::decode_sock_diag;
use super::sockaddr::AF_NETLINK;
use crate::decode::Ctx;
use crate::decode::array::abbrev_limit;
use crate::decode::bytes::{le, print_enum_noted, print_strn, read_bytes, u32_at};
use crate::decode::fmt;
use crate::table::{self, ArgSpec};
use std::fmt::Write;

pub(super) const NETLINK_ROUTE: u32 = 0;
pub(super) const NETLINK_SOCK_DIAG: u32 = 4;
pub(super) const NETLINK_AUDIT: u32 = 9;
pub(super) const NLMSG_HDRLEN: u64 = 16;
pub(super) const NLMSG_ERROR: u16 = 2;
pub(super) const NLMSG_DONE: u16 = 3;
pub(super) const NLMSG_MIN_TYPE: u16 = 16;

/// The protocol of a netlink socket, found by the socket's inode in /proc/net/netlink;
/// `None` for other fds.
pub(super) fn netlink_proto(c: &Ctx, fd: i32) -> Option<u32> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    // A netlink socket stays one (and socket inodes are not reused while a trace
    // runs in practice): remember those. Other answers may change, as a netlink socket
    // only shows in /proc/net/netlink once bound (at its first send at the latest).
    static CACHE: OnceLock<Mutex<HashMap<u64, u32>>> = OnceLock::new();
    // `-e verbose=` without this call: strace leaves the messages as plain bytes.
    if fd < 0 || !c.derefs() {
        return None;
    }
    let link = c.mem.fd_path(i64::from(fd))?;
    let ino: u64 = link
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(known) = cache.lock().ok().and_then(|m| m.get(&ino).copied()) {
        return Some(known);
    }
    let text = std::fs::read_to_string("/proc/net/netlink").ok()?;
    let proto = text.lines().skip(1).find_map(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        if cols.get(9).and_then(|v| v.parse::<u64>().ok()) == Some(ino) {
            cols.get(1)?.parse().ok()
        } else {
            None
        }
    });
    if let (Some(p), Ok(mut m)) = (proto, cache.lock()) {
        m.insert(ino, p);
    }
    proto
}

/// A socket's data buffer: netlink messages on netlink sockets, else a string.
pub(super) fn print_sockbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let mut len = c.len_of(a.param(0)).unwrap_or(0);
    if a.out {
        if c.failed() {
            fmt::addr(o, addr);
            return true;
        }
        len = len.min(c.arg(a.index + 1));
    }
    match netlink_proto(c, c.iarg(0)) {
        Some(proto) => decode_netlink(c, Some(proto), addr, len, o),
        // A netlink socket that is not bound yet is not listed anywhere; sending it to
        // a netlink address still tells what it is (strace asks the socket itself).
        None if !a.out && sendto_netlink_addr(c) => decode_netlink(c, None, addr, len, o),
        None => print_strn(c, addr, len, false, o),
    }
    true
}

/// Whether sendto's destination (args 4 and 5) is a netlink address.
pub(super) fn sendto_netlink_addr(c: &Ctx) -> bool {
    let (dest, len) = (c.arg(4), c.iarg(5));
    dest != 0 && len >= 2 && c.mem.read_uint(dest, 2) == Some(u64::from(AF_NETLINK))
}

pub(super) struct NlMsgHdr {
    pub(super) len: u32,
    pub(super) ty: u16,
    pub(super) flags: u16,
    pub(super) seq: u32,
    pub(super) pid: u32,
}

pub(super) fn parse_nlmsghdr(b: &[u8]) -> NlMsgHdr {
    NlMsgHdr {
        len: u32_at(b, 0),
        ty: le(b, 4, 2) as u16,
        flags: le(b, 6, 2) as u16,
        seq: u32_at(b, 8),
        pid: u32_at(b, 12),
    }
}

pub(super) fn decode_netlink(c: &Ctx, family: Option<u32>, addr: u64, len: u64, o: &mut String) {
    if family == Some(NETLINK_KOBJECT_UEVENT) {
        decode_kobject_uevent(c, addr, len, o);
        return;
    }
    walk_nl_records(
        c,
        addr,
        len,
        NLMSG_HDRLEN,
        o,
        |b| u64::from(u32_at(b, 0)),
        |b, addr, len, o| decode_nlmsg_with_payload(c, family, &parse_nlmsghdr(b), addr, len, o),
    );
}

/// strace's walk over a run of netlink records (messages, attributes) that each start
/// with their length; the next one starts at that length rounded up to 4. Several
/// records print as an array cut at `-s`; a tail too short for a `hdr_size`-byte header
/// prints as hex. `rec_len` reads a record's length from its header; `each` prints the
/// record at an address from its header and the bytes left from there.
pub(super) fn walk_nl_records(
    c: &Ctx,
    mut addr: u64,
    mut len: u64,
    hdr_size: u64,
    o: &mut String,
    rec_len: impl Fn(&[u8]) -> u64,
    mut each: impl FnMut(&[u8], u64, u64, &mut String),
) {
    let limit = abbrev_limit(c) as usize;
    let mut is_array = false;
    let mut elt = 0usize;
    loop {
        if len < hdr_size {
            print_hexstr(c, addr, len as usize, o);
            break;
        }
        let Some(b) = read_bytes(c, addr, hdr_size as usize) else {
            if is_array {
                let _ = write!(o, "... /* {addr:#x} */");
            } else {
                fmt::addr(o, addr);
            }
            break;
        };
        if elt == limit {
            o.push_str("...");
            break;
        }
        let rec = rec_len(&b);
        let aligned = (rec + 3) & !3;
        let mut next = None;
        if rec >= hdr_size {
            let next_len = len.saturating_sub(aligned);
            if next_len != 0 && addr.checked_add(aligned).is_some() {
                next = Some((addr.wrapping_add(aligned), next_len));
            }
        }
        if !is_array && next.is_some() {
            o.push('[');
            is_array = true;
        }
        each(&b, addr, len, o);
        let Some((a, l)) = next else {
            break;
        };
        o.push_str(", ");
        addr = a;
        len = l;
        elt += 1;
    }
    if is_array {
        o.push(']');
    }
}

pub(super) fn decode_nlmsg_with_payload(
    c: &Ctx,
    family: Option<u32>,
    h: &NlMsgHdr,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    let msg_len = u64::from(h.len).min(len);
    if msg_len > NLMSG_HDRLEN {
        o.push('[');
    }
    print_nlmsghdr(c, family, h, o);
    if msg_len > NLMSG_HDRLEN {
        o.push_str(", ");
        decode_nl_payload(
            c,
            family,
            h,
            addr.wrapping_add(NLMSG_HDRLEN),
            msg_len - NLMSG_HDRLEN,
            o,
        );
        o.push(']');
    }
}

pub(super) fn print_nlmsghdr(c: &Ctx, family: Option<u32>, h: &NlMsgHdr, o: &mut String) {
    let _ = write!(o, "{{nlmsg_len={}, nlmsg_type=", h.len);
    print_nlmsg_type(c, family, h.ty, o);
    o.push_str(", nlmsg_flags=");
    let extra = nlmsg_flags_set(family, h.ty);
    print_flags2(
        c,
        o,
        u64::from(h.flags),
        "netlink_flags",
        extra,
        "NLM_F_???",
    );
    let _ = write!(o, ", nlmsg_seq={}, nlmsg_pid={}}}", h.seq, h.pid as i32);
}

/// strace's printflags over two sets, the first one's names first, in the `-X` style.
pub(super) fn print_flags2(
    c: &Ctx,
    o: &mut String,
    v: u64,
    first: &str,
    second: Option<&str>,
    dflt: &str,
) {
    let style = c.opts.xlat;
    if style == fmt::XlatStyle::Raw {
        fmt::hex(o, v);
        return;
    }
    let verbose = style == fmt::XlatStyle::Verbose;
    let mut names = String::new();
    let mut rest = v;
    for set in std::iter::once(first).chain(second) {
        let Some(x) = table::xlat(set) else {
            continue;
        };
        for (name, val) in x.entries(c.arch()) {
            if val != 0 && rest & val == val {
                names.push_str(if names.is_empty() { "" } else { "|" });
                names.push_str(name);
                rest &= !val;
            }
        }
    }
    if v == 0 {
        o.push('0');
    } else if names.is_empty() {
        fmt::hex(o, v);
        let _ = write!(o, " /* {dflt} */");
    } else {
        if rest != 0 {
            let _ = write!(names, "|{rest:#x}");
        }
        if verbose {
            fmt::hex(o, v);
            let _ = write!(o, " /* {names} */");
        } else {
            o.push_str(&names);
        }
    }
}

pub(super) fn decode_nl_payload(
    c: &Ctx,
    family: Option<u32>,
    h: &NlMsgHdr,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    if h.ty == NLMSG_ERROR {
        decode_nlmsgerr(c, family, h.flags & 0x100 != 0, addr, len, o);
        return;
    }
    if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_ROUTE) {
        decode_route(c, h, addr, len, o);
        return;
    }
    if h.ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_SOCK_DIAG) {
        decode_sock_diag(c, h, addr, len, o);
        return;
    }
    if (h.ty >= NLMSG_MIN_TYPE || h.ty == NLMSG_DONE) && decode_other(c, family, h, addr, len, o) {
        return;
    }
    if h.ty == NLMSG_DONE && len == 4 {
        match c.mem.read_uint(addr, 4) {
            Some(v) => fmt::dec(o, v as u32 as i32),
            None => fmt::addr(o, addr),
        }
        return;
    }
    print_hexstr(c, addr, len as usize, o);
}

pub(super) fn decode_nlmsgerr(
    c: &Ctx,
    family: Option<u32>,
    capped: bool,
    addr: u64,
    len: u64,
    o: &mut String,
) {
    if len < 20 {
        print_hexstr(c, addr, len as usize, o);
        return;
    }
    let Some(b) = read_bytes(c, addr, 20) else {
        fmt::addr(o, addr);
        return;
    };
    let err = u32_at(&b, 0) as i32;
    let msg = parse_nlmsghdr(&b[4..]);
    let (addr, len) = (addr.wrapping_add(4), len - 4);
    let msg_len = u64::from(msg.len).max(NLMSG_HDRLEN);
    let payload = len.min(if capped { NLMSG_HDRLEN } else { msg_len });
    if len > payload {
        o.push('[');
    }
    o.push_str("{error=");
    match table::errno(u64::from(err.unsigned_abs())).filter(|_| err < 0) {
        Some(e) => {
            let _ = write!(o, "-{}", e.name);
        }
        None => fmt::dec(o, err),
    }
    o.push_str(", msg=");
    decode_nlmsg_with_payload(c, family, &msg, addr, payload, o);
    o.push('}');
    if len > payload {
        o.push_str(", ");
        decode_nlattr(
            c,
            addr.wrapping_add(payload),
            len - payload,
            "nlmsgerr_attrs",
            "NLMSGERR_ATTR_???",
            o,
            &|c, ty, a, l, o| match ty {
                1 => {
                    print_nla_str(c, a, l, o);
                    true
                }
                2 => print_nla_u32(c, a, l, o),
                // NLMSGERR_ATTR_COOKIE: bytes in decimal
                3 => print_nla_array(c, a, l, 1, o, |o, _, b| fmt::dec(o, b[0])),
                _ => false,
            },
        );
        o.push(']');
    }
}

/// A message's header struct that starts with its address family: the name of that
/// field, the struct's size, and the attributes that may follow it.
pub(super) struct FamilyMsg<'a> {
    pub(super) family_field: &'a str,
    pub(super) size: u64,
    pub(super) attrs: Option<Attrs<'a>>,
}

/// `{ifi_family=AF_INET, ...}` of a family-led header struct, then its attributes when
/// the message is longer. `body` prints the fields after the family from the struct's
/// bytes; a message too short for the struct shows `...` in their place.
pub(super) fn decode_family_msg(
    c: &Ctx,
    family: u8,
    addr: u64,
    len: u64,
    msg: &FamilyMsg,
    o: &mut String,
    body: impl FnOnce(&[u8], &mut String),
) {
    let _ = write!(o, "{{{}=", msg.family_field);
    print_enum_noted(c, "addrfams", u64::from(family), "AF_???", o);
    let mut decoded = false;
    // A struct of the family byte alone (rtgenmsg, netconfmsg) has no more fields.
    if msg.size <= 1 {
        decoded = true;
    } else if len >= msg.size {
        o.push_str(", ");
        match read_bytes(c, addr, msg.size as usize) {
            Some(b) => {
                body(&b, o);
                decoded = true;
            }
            None => fmt::addr(o, addr.wrapping_add(1)),
        }
    } else {
        o.push_str(", ...");
    }
    o.push('}');
    let start = (msg.size + 3) & !3;
    if let Some(attrs) = &msg.attrs
        && decoded
        && len > start
    {
        o.push_str(", ");
        let (a, l) = (addr.wrapping_add(start), len - start);
        decode_nlattr(c, a, l, attrs.set, attrs.dflt, o, attrs.data);
    }
}

/// `{family=AF_INET, data=...}` of a message whose header struct is not decoded.
pub(super) fn print_family_data(c: &Ctx, family: u64, addr: u64, len: u64, o: &mut String) {
    o.push_str("{family=");
    print_enum_noted(c, "addrfams", family, "AF_???", o);
    if len > 1 {
        o.push_str(", data=");
        print_hexstr(c, addr.wrapping_add(1), (len - 1) as usize, o);
    }
    o.push('}');
}
