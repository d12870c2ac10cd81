//! AF_AX25 socket addresses: callsigns (six characters shifted left by one, then an
//! SSID byte), printed `VALID-13` when well-formed, else as raw bytes with what they
//! spell in a comment, and full_sockaddr_ax25's digipeater list.

use crate::decode::Ctx;
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// sizeof(struct sockaddr_ax25): family, one callsign, padding, the digipeater count.
pub(super) const SOCKADDR_AX25_SIZE: usize = 16;
const CALL: usize = 7;
/// AX25_MAX_DIGIS: full_sockaddr_ax25 holds this many digipeaters.
const MAX_DIGIS: usize = 8;

/// What a callsign spells (`SPA CE-0`): the characters up to the trailing spaces, a
/// dash and the SSID. None when a character is unprintable or would end the comment.
fn call_text(call: &[u8]) -> Option<String> {
    let end = call[..6]
        .iter()
        .rposition(|&b| b >> 1 != b' ')
        .map_or(0, |i| i + 1);
    let text: String = call[..end].iter().map(|&b| char::from(b >> 1)).collect();
    if text.chars().any(|ch| !(' '..='~').contains(&ch)) || text.contains("*/") {
        return None;
    }
    Some(format!("{text}-{}", (call[6] >> 1) & 0xf))
}

/// A callsign: `*` for the null address, `VALID-13` when it is upper-case letters and
/// digits with clean low bits, else `{ax25_call="\x.."}` and its text as a comment.
fn print_call(c: &Ctx, call: &[u8], o: &mut String) {
    if call[..6].iter().all(|&b| b == b' ' << 1) && call[6] == 0 {
        o.push('*');
        return;
    }
    let text = call_text(call);
    let chars = &call[..call[..6]
        .iter()
        .rposition(|&b| b >> 1 != b' ')
        .map_or(0, |i| i + 1)];
    let valid = !chars.is_empty()
        && chars
            .iter()
            .all(|&b| b & 1 == 0 && ((b >> 1).is_ascii_uppercase() || (b >> 1).is_ascii_digit()))
        && call[chars.len()..6].iter().all(|&b| b == b' ' << 1)
        && call[6] & !0x1e == 0;
    match text {
        Some(t) if valid => o.push_str(&t),
        _ => {
            o.push_str("{ax25_call=");
            let q = Quote {
                force_hex: true,
                ..Quote::default()
            };
            fmt::quote_into(o, call, q, c.opts.hex);
            o.push('}');
            if let Some(t) = text {
                let _ = write!(o, " /* {t} */");
            }
        }
    }
}

/// The fields after sa_family of an AF_AX25 address of `addrlen` (at least 16) bytes.
pub(super) fn print_sa_ax25(c: &Ctx, buf: &[u8], addrlen: usize, o: &mut String) {
    let ndigis = i32::from_le_bytes([buf[12], buf[13], buf[14], buf[15]]);
    if ndigis == 0 {
        o.push_str("sax25_call=");
        print_call(c, &buf[2..2 + CALL], o);
        o.push_str(", sax25_ndigis=0");
        return;
    }
    o.push_str("fsa_ax25={sax25_call=");
    print_call(c, &buf[2..2 + CALL], o);
    let _ = write!(o, ", sax25_ndigis={ndigis}}}, fsa_digipeater=[");
    let avail = ((addrlen - SOCKADDR_AX25_SIZE) / CALL).min(MAX_DIGIS);
    let wanted = (ndigis as u32 as usize).min(MAX_DIGIS);
    let shown = wanted.min(avail);
    for i in 0..shown {
        if i > 0 {
            o.push_str(", ");
        }
        let at = SOCKADDR_AX25_SIZE + i * CALL;
        print_call(c, &buf[at..at + CALL], o);
    }
    if wanted > shown {
        o.push_str(if shown > 0 { ", ..." } else { "..." });
    }
    o.push(']');
    // Bytes past the whole digipeaters read.
    if addrlen > SOCKADDR_AX25_SIZE + avail * CALL {
        o.push_str(", ...");
    }
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    const A: u64 = 0x7ffd_0000_1000;

    fn call(s: &str, ssid: u8) -> Vec<u8> {
        let mut v: Vec<u8> = format!("{s:<6}").bytes().map(|b| b << 1).collect();
        v.push(ssid << 1);
        v
    }

    fn connect(addr: &[u8], len: u64) -> String {
        let m = RecordedMemory::new().with(A, addr.to_vec());
        let line = render_named(
            Arch::X86_64,
            "connect",
            [u64::MAX, A, len, 0, 0, 0],
            Some(-9),
            &m,
        );
        let i = line.rfind(") ").unwrap();
        format!("{}) {}", &line[..i], line[i + 2..].trim_start())
    }

    /// net-sockaddr.gen.test's AF_AX25 forms.
    #[test]
    fn ax25_addresses() {
        let mut sa = vec![3u8, 0];
        sa.extend(call("VALID", 13));
        sa.extend([0; 3]);
        sa.extend(0i32.to_le_bytes());
        assert_eq!(
            connect(&sa, 16),
            "connect(-1, {sa_family=AF_AX25, sax25_call=VALID-13, sax25_ndigis=0}, 16) = -1 EBADF (Bad file descriptor)"
        );
        sa[12..16].copy_from_slice(&8i32.to_le_bytes());
        sa.extend(call("OK", 15));
        sa.extend(call("SPA CE", 0));
        sa.extend(call("", 0));
        sa.push(0);
        assert_eq!(
            connect(&sa, 16),
            "connect(-1, {sa_family=AF_AX25, fsa_ax25={sax25_call=VALID-13, sax25_ndigis=8}, fsa_digipeater=[...]}, 16) = -1 EBADF (Bad file descriptor)"
        );
        assert_eq!(
            connect(&sa, 38),
            r#"connect(-1, {sa_family=AF_AX25, fsa_ax25={sax25_call=VALID-13, sax25_ndigis=8}, fsa_digipeater=[OK-15, {ax25_call="\xa6\xa0\x82\x40\x86\x8a\x00"} /* SPA CE-0 */, *, ...], ...}, 38) = -1 EBADF (Bad file descriptor)"#
        );
    }
}
