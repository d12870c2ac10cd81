//! Low-level printing shared by every decoder: strace's string quoting, addresses,
//! numbers, and named constants (xlat sets) as flags or enums.

use super::Ctx;
use crate::table::Xlat;
use std::fmt::Write;

/// How strace's `-x`/`-xx` asks strings to be quoted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HexStyle {
    /// Octal escapes for non-printable bytes (default).
    #[default]
    None,
    /// `-x`: the whole string in hex when any byte is non-ASCII.
    NonAscii,
    /// `-xx`: every byte in hex.
    All,
    /// `--strings-in-hex=non-ascii-chars`: as the default, but each escaped byte as
    /// `\xNN` instead of octal.
    NonAsciiChars,
}

/// Options of a quoting call, mirroring strace's QUOTE_* bits that matter to us.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quote {
    /// The data is a C string: stop at NUL.
    pub nul_terminated: bool,
    /// Always hex (getrandom's buffer).
    pub force_hex: bool,
    /// No surrounding quotes (paths inside `-y`'s `<...>`).
    pub bare: bool,
    /// Printable characters that are escaped all the same (`<>` inside `<...>`).
    pub escape: &'static [u8],
}

/// Appends `bytes` quoted the way strace's string_quote does. Returns true when a NUL
/// ended the string inside `bytes` (only with `q.nul_terminated`).
pub fn quote_into(out: &mut String, bytes: &[u8], q: Quote, hex: HexStyle) -> bool {
    let eol = |c: u8| q.nul_terminated && c == 0;
    let usehex = q.force_hex
        || hex == HexStyle::All
        || (hex == HexStyle::NonAscii
            && bytes
                .iter()
                .take_while(|&&c| !eol(c))
                .any(|&c| c > 0x7e || (c < b' ' && !(9..=13).contains(&c))));
    if !q.bare {
        out.push('"');
    }
    let mut ended = false;
    for (i, &c) in bytes.iter().enumerate() {
        if eol(c) {
            ended = true;
            break;
        }
        if usehex {
            push_hex_byte(out, c);
            continue;
        }
        match c {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x0b => out.push_str("\\v"),
            b' '..=0x7e if !q.escape.contains(&c) => out.push(c as char),
            _ if hex == HexStyle::NonAsciiChars => push_hex_byte(out, c),
            _ => {
                let next_is_oct = bytes.get(i + 1).is_some_and(|n| (b'0'..=b'7').contains(n));
                out.push('\\');
                if next_is_oct || c >> 6 != 0 {
                    out.push((b'0' + (c >> 6)) as char);
                }
                if next_is_oct || c >> 3 != 0 {
                    out.push((b'0' + ((c >> 3) & 7)) as char);
                }
                out.push((b'0' + (c & 7)) as char);
            }
        }
    }
    if !q.bare {
        out.push('"');
    }
    ended
}

fn push_hex_byte(out: &mut String, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\x");
    out.push(HEX[(c >> 4) as usize] as char);
    out.push(HEX[(c & 15) as usize] as char);
}

/// `NULL` or `0x...`.
pub fn addr(out: &mut String, a: u64) {
    if a == 0 {
        out.push_str("NULL");
    } else {
        let _ = write!(out, "{a:#x}");
    }
}

/// C's `%#x`: `0` for zero, `0x..` otherwise.
pub fn hex(out: &mut String, v: u64) {
    if v == 0 {
        out.push('0');
    } else {
        let _ = write!(out, "{v:#x}");
    }
}

/// C's `%#0Nx`: zero-padded to `width` characters, with `0x` unless the value is 0
/// (C drops the prefix for zero, so zero is all zeros).
pub fn hex_pad(out: &mut String, v: u64, width: usize) {
    if v == 0 {
        let _ = write!(out, "{:0width$}", 0);
    } else {
        let _ = write!(out, "{v:#0width$x}");
    }
}

pub fn dec<T: std::fmt::Display>(out: &mut String, v: T) {
    let _ = write!(out, "{v}");
}

/// File permission bits as strace prints them: `0644`, `000`.
pub fn octal_mode(out: &mut String, v: u64) {
    let _ = write!(out, "0{v:02o}");
}

/// clock_t ticks with strace's seconds comment, `5 /* 0.05 s */` (none for zero, nor
/// under `-X raw`).
pub fn clock_t(out: &mut String, style: XlatStyle, v: u64) {
    // USER_HZ is 100 on every Linux arch we decode.
    const HZ: u64 = 100;
    let _ = write!(out, "{v}");
    if v > 0 && style != XlatStyle::Raw {
        let _ = write!(out, " /* {}.{:02} s */", v / HZ, v % HZ);
    }
}

/// strace's `-X`: how named constants print.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum XlatStyle {
    /// The name (default).
    #[default]
    Abbrev,
    /// The number only.
    Raw,
    /// The number, then the name in a comment: `0x1 /* O_WRONLY */`.
    Verbose,
}

impl XlatStyle {
    /// Parses `-X`'s argument.
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "abbrev" => Ok(XlatStyle::Abbrev),
            "raw" => Ok(XlatStyle::Raw),
            "verbose" => Ok(XlatStyle::Verbose),
            _ => Err(format!("invalid -X argument: '{s}'")),
        }
    }
}

/// A known constant `name` of value `v`, printed in the `-X` style as strace's
/// print_xlat_ex: `NAME`, `VAL`, or `VAL /* NAME */`; `num` prints the value.
pub fn named(out: &mut String, ctx: &Ctx, name: &str, num: impl FnOnce(&mut String)) {
    named_in(out, ctx.opts.xlat, name, num);
}

/// [`named`] for printers that have a style but no decoding context (signal lines).
pub fn named_in(out: &mut String, style: XlatStyle, name: &str, num: impl FnOnce(&mut String)) {
    match style {
        XlatStyle::Abbrev => out.push_str(name),
        XlatStyle::Raw => num(out),
        XlatStyle::Verbose => {
            num(out);
            let _ = write!(out, " /* {name} */");
        }
    }
}

/// A value a composite decoder prints (open flags with their access mode, mmap flags
/// with their sharing type, a file mode): under `-X raw` the number `num` prints,
/// under `-X verbose` the number and then `text`'s abbreviated spelling in a comment.
pub fn styled(
    out: &mut String,
    ctx: &Ctx,
    num: impl FnOnce(&mut String),
    text: impl FnOnce(&Ctx, &mut String),
) {
    match ctx.opts.xlat {
        XlatStyle::Abbrev => text(ctx, out),
        XlatStyle::Raw => num(out),
        XlatStyle::Verbose => {
            num(out);
            out.push_str(" /* ");
            abbreviated(ctx, |c| text(c, out));
            out.push_str(" */");
        }
    }
}

/// Runs `f` with names printed as names whatever `-X` says (strace's comments and
/// the texts it keeps abbreviated, such as fcntl's `(flags O_RDONLY)` result).
pub fn abbreviated<T>(ctx: &Ctx, f: impl FnOnce(&Ctx) -> T) -> T {
    if ctx.opts.xlat == XlatStyle::Abbrev {
        return f(ctx);
    }
    let opts = super::DecodeOptions {
        xlat: XlatStyle::Abbrev,
        ..ctx.opts.clone()
    };
    f(&Ctx {
        opts: &opts,
        ..*ctx
    })
}

/// Prints a value of an enum set: its name, or `0x.. /* DFLT */` when unknown; the
/// number alone under `-X raw`, number and name under `-X verbose`.
pub fn xlat_enum(out: &mut String, x: &Xlat, ctx: &Ctx, v: u64, dflt: &str) {
    match x.name_of(ctx.arch(), v) {
        _ if ctx.opts.xlat == XlatStyle::Raw => hex(out, v),
        Some(n) => named(out, ctx, n, |o| hex(o, v)),
        None => {
            hex(out, v);
            if !dflt.is_empty() {
                let _ = write!(out, " /* {dflt} */");
            }
        }
    }
}

/// Like [`xlat_enum`] but numbers print in decimal.
pub fn xlat_enum_dec(out: &mut String, x: &Xlat, ctx: &Ctx, v: i64, dflt: &str) {
    match x.name_of(ctx.arch(), v as u64) {
        _ if ctx.opts.xlat == XlatStyle::Raw => dec(out, v),
        Some(n) => named(out, ctx, n, |o| dec(o, v)),
        None => {
            dec(out, v);
            if !dflt.is_empty() {
                let _ = write!(out, " /* {dflt} */");
            }
        }
    }
}

/// Prints a bit set as strace's printflags: names in table order joined by `|`, an
/// unknown remainder in hex, `0x.. /* DFLT */` when nothing matched. Zero prints the
/// first row's name when that row is zero (F_OK, PROT_NONE), else `0`, or nothing
/// when `dflt` is empty. Under `-X raw` only the number (zero only with a `dflt`);
/// under `-X verbose` the number, then the names in a comment. Returns how many
/// names (or numbers) were printed.
pub fn xlat_flags(out: &mut String, x: &Xlat, ctx: &Ctx, v: u64, dflt: &str) -> usize {
    let style = ctx.opts.xlat;
    if style == XlatStyle::Raw {
        if v != 0 || !dflt.is_empty() {
            hex(out, v);
            return 1;
        }
        return 0;
    }
    let verbose = style == XlatStyle::Verbose;
    if v == 0 {
        match x.entries(ctx.arch()).next() {
            Some((name, 0)) => {
                named(out, ctx, name, |o| o.push('0'));
                return 1;
            }
            _ => {
                if !dflt.is_empty() {
                    out.push('0');
                }
                return 0;
            }
        }
    }
    if verbose {
        hex(out, v);
    }
    let mut rest = v;
    let mut n = 0;
    for (name, val) in x.entries(ctx.arch()) {
        if val != 0 && rest & val == val {
            if n > 0 {
                out.push('|');
            } else if verbose {
                out.push_str(" /* ");
            }
            out.push_str(name);
            n += 1;
            rest &= !val;
            if rest == 0 {
                break;
            }
        }
    }
    if n > 0 {
        if rest != 0 {
            let _ = write!(out, "|{rest:#x}");
        }
        if verbose {
            out.push_str(" */");
        }
    } else {
        if !verbose {
            hex(out, rest);
        }
        if !dflt.is_empty() {
            let _ = write!(out, " /* {dflt} */");
        }
    }
    n
}

/// The `PREFIX_???` comment strace prints for an unknown value of a set.
pub fn unknown_label(x: &Xlat) -> String {
    x.prefix().map(|p| format!("{p}???")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(bytes: &[u8]) -> String {
        let mut s = String::new();
        quote_into(&mut s, bytes, Quote::default(), HexStyle::None);
        s
    }

    #[test]
    fn quotes_like_strace() {
        assert_eq!(q(b"\x7fELF\x02\x01\x01\0\0"), r#""\177ELF\2\1\1\0\0""#);
        assert_eq!(q(b"a\"b\\\n\t\r\x0b\x0c"), r#""a\"b\\\n\t\r\v\f""#);
        // An octal digit after an escape forces three digits.
        assert_eq!(q(b"\x001"), r#""\0001""#);
        assert_eq!(q(b"\x1b7"), r#""\0337""#);
        assert_eq!(q(b"\x1b9"), r#""\339""#);
        assert_eq!(q(&[0xff]), r#""\377""#);
    }

    #[test]
    fn hex_styles() {
        let mut s = String::new();
        quote_into(&mut s, b"ab\x01", Quote::default(), HexStyle::NonAscii);
        assert_eq!(s, r#""\x61\x62\x01""#);
        s.clear();
        quote_into(&mut s, b"ab\n", Quote::default(), HexStyle::NonAscii);
        assert_eq!(s, r#""ab\n""#);
        s.clear();
        quote_into(&mut s, b"ab", Quote::default(), HexStyle::All);
        assert_eq!(s, r#""\x61\x62""#);
        s.clear();
        quote_into(
            &mut s,
            b"\t\x0e hi~\xff1",
            Quote::default(),
            HexStyle::NonAsciiChars,
        );
        assert_eq!(s, r#""\t\x0e hi~\xff1""#);
    }

    #[test]
    fn nul_terminated_stops() {
        let mut s = String::new();
        let q = Quote {
            nul_terminated: true,
            ..Quote::default()
        };
        assert!(quote_into(&mut s, b"ab\0cd", q, HexStyle::None));
        assert_eq!(s, r#""ab""#);
    }
}

#[cfg(test)]
mod xlat_tests {
    use super::*;
    use crate::arch::Arch;
    use crate::decode::{Ctx, DecodeOptions};
    use crate::record::{RecordedMemory, SyscallRecord};

    fn flags(set: &str, v: u64, dflt: &str) -> String {
        styled(set, v, dflt, XlatStyle::Abbrev)
    }

    fn styled(set: &str, v: u64, dflt: &str, xlat: XlatStyle) -> String {
        let rec = SyscallRecord::new(Arch::X86_64, 0, [0; 6]);
        let mem = RecordedMemory::new();
        let opts = DecodeOptions {
            xlat,
            ..DecodeOptions::default()
        };
        let ctx = Ctx {
            rec: &rec,
            mem: &mem,
            opts: &opts,
            saved: &crate::decode::Saved::default(),
        };
        let mut s = String::new();
        xlat_flags(&mut s, crate::table::xlat(set).unwrap(), &ctx, v, dflt);
        s
    }

    #[test]
    fn flags_like_printflags() {
        assert_eq!(flags("mmap_prot", 3, "PROT_???"), "PROT_READ|PROT_WRITE");
        assert_eq!(flags("mmap_prot", 0, "PROT_???"), "PROT_NONE");
        assert_eq!(flags("getrandom_flags", 0, "GRND_???"), "0");
        assert_eq!(flags("getrandom_flags", 0, ""), "");
        assert_eq!(
            flags("getrandom_flags", 0x100, "GRND_???"),
            "0x100 /* GRND_??? */"
        );
        assert_eq!(
            flags("getrandom_flags", 0x101, "GRND_???"),
            "GRND_NONBLOCK|0x100"
        );
    }

    /// `-X raw` and `-X verbose` as strace 6.1 prints flags.
    #[test]
    fn flags_in_each_style() {
        use XlatStyle::*;
        assert_eq!(styled("mmap_prot", 3, "PROT_???", Raw), "0x3");
        assert_eq!(styled("mmap_prot", 0, "PROT_???", Raw), "0");
        assert_eq!(styled("getrandom_flags", 0, "", Raw), "");
        assert_eq!(
            styled("mmap_prot", 3, "PROT_???", Verbose),
            "0x3 /* PROT_READ|PROT_WRITE */"
        );
        assert_eq!(
            styled("mmap_prot", 0, "PROT_???", Verbose),
            "0 /* PROT_NONE */"
        );
        assert_eq!(styled("getrandom_flags", 0, "GRND_???", Verbose), "0");
        assert_eq!(
            styled("getrandom_flags", 0x100, "GRND_???", Verbose),
            "0x100 /* GRND_??? */"
        );
        assert_eq!(
            styled("getrandom_flags", 0x101, "GRND_???", Verbose),
            "0x101 /* GRND_NONBLOCK|0x100 */"
        );
    }
}
