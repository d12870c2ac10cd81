//! ioctl requests that are not socket requests: the request name (or strace's generic
//! `_IOC(...)`), terminal requests with their termios/winsize/modem structs, file
//! requests (FICLONE, FS_IOC_*FLAGS), and the block/random/inotify requests whose
//! argument is a plain number. Socket and interface requests are in `ifreq`.

use super::super::Ctx;
use super::super::basic::print_fd;
use super::super::fmt;
use super::ifreq;
use super::ioctl;
use crate::decode::bytes::{
    le, print_dec_at, print_enum, print_flags, print_strn, read_or_addr, sle, xlat_name,
};
use crate::table;
use crate::table::ArgSpec;
use std::fmt::Write;

const IOC_NRBITS: u32 = 8;
const IOC_TYPEBITS: u32 = 8;
const IOC_SIZEBITS: u32 = 14;

/// Request names that share `code`, joined like strace: `FIOQSIZE or ...`; else the
/// decoded `_IOC(dir, type, nr, size)`. `-X` styles as a composite value.
pub(super) fn print_ioctl_req(c: &Ctx, code: u32, o: &mut String) {
    let style = c.opts.xlat;
    fmt::styled(
        o,
        c,
        |o| fmt::hex(o, code.into()),
        |c, o| ioctl_req_text(c, code, style, o),
    );
}

fn ioctl_req_text(c: &Ctx, code: u32, style: fmt::XlatStyle, o: &mut String) {
    // A computed family name comes first, then every table name, joined by " or ".
    let mut n = usize::from(ioctl::computed_name(c, code, style, o));
    if let Some(x) = table::xlat("ioctl_names") {
        for (name, v) in x.entries(c.arch()) {
            if v == u64::from(code) {
                if n > 0 {
                    o.push_str(" or ");
                }
                o.push_str(name);
                n += 1;
            }
        }
    }
    if n > 0 {
        return;
    }
    let nr = code & ((1 << IOC_NRBITS) - 1);
    let typ = (code >> IOC_NRBITS) & ((1 << IOC_TYPEBITS) - 1);
    let size = (code >> (IOC_NRBITS + IOC_TYPEBITS)) & ((1 << IOC_SIZEBITS) - 1);
    let dir = code >> (IOC_NRBITS + IOC_TYPEBITS + IOC_SIZEBITS);
    o.push_str("_IOC(");
    print_flags(c, "ioctl_dirs", dir.into(), "_IOC_???", o);
    o.push_str(", ");
    fmt::hex(o, typ.into());
    o.push_str(", ");
    fmt::hex(o, nr.into());
    o.push_str(", ");
    fmt::hex(o, size.into());
    o.push(')');
}

const TCGETS: u32 = 0x5401;
const TCSETS: u32 = 0x5402;
const TCSETSW: u32 = 0x5403;
const TCSETSF: u32 = 0x5404;
const TCGETA: u32 = 0x5405;
const TCSETA: u32 = 0x5406;
const TCSETAW: u32 = 0x5407;
const TCSETAF: u32 = 0x5408;
const TCSBRK: u32 = 0x5409;
const TCXONC: u32 = 0x540a;
const TCFLSH: u32 = 0x540b;
const TIOCEXCL: u32 = 0x540c;
const TIOCNXCL: u32 = 0x540d;
const TIOCSCTTY: u32 = 0x540e;
const TIOCGPGRP: u32 = 0x540f;
const TIOCSPGRP: u32 = 0x5410;
const TIOCOUTQ: u32 = 0x5411;
const TIOCSTI: u32 = 0x5412;
const TIOCGWINSZ: u32 = 0x5413;
const TIOCSWINSZ: u32 = 0x5414;
const TIOCMGET: u32 = 0x5415;
const TIOCMBIS: u32 = 0x5416;
const TIOCMBIC: u32 = 0x5417;
const TIOCMSET: u32 = 0x5418;
const TIOCGSOFTCAR: u32 = 0x5419;
const TIOCSSOFTCAR: u32 = 0x541a;
const FIONREAD: u32 = 0x541b;
const TIOCCONS: u32 = 0x541d;
const TIOCSSERIAL: u32 = 0x541f;
const TIOCPKT: u32 = 0x5420;
const FIONBIO: u32 = 0x5421;
const TIOCNOTTY: u32 = 0x5422;
const TIOCSETD: u32 = 0x5423;
const TIOCGETD: u32 = 0x5424;
const TCSBRKP: u32 = 0x5425;
const TIOCSBRK: u32 = 0x5427;
const TIOCCBRK: u32 = 0x5428;
const TIOCGSID: u32 = 0x5429;
const TCGETS2: u32 = 0x802c_542a;
const TCSETS2: u32 = 0x402c_542b;
const TCSETSW2: u32 = 0x402c_542c;
const TCSETSF2: u32 = 0x402c_542d;
const TIOCGPTN: u32 = 0x8004_5430;
const TIOCSPTLCK: u32 = 0x4004_5431;
const TIOCGDEV: u32 = 0x8004_5432;
const TIOCVHANGUP: u32 = 0x5437;
const TIOCGEXCL: u32 = 0x8004_5440;
const FIONCLEX: u32 = 0x5450;
const FIOCLEX: u32 = 0x5451;
const FIOASYNC: u32 = 0x5452;
const TIOCGLCKTRMIOS: u32 = 0x5456;
const TIOCSLCKTRMIOS: u32 = 0x5457;

const FICLONE: u32 = 0x4004_9409;
const FICLONERANGE: u32 = 0x4020_940d;
const FS_IOC32_GETFLAGS: u32 = 0x8004_6601;
const FS_IOC32_SETFLAGS: u32 = 0x4004_6602;
const FS_IOC64_GETFLAGS: u32 = 0x8008_6601;
const FS_IOC64_SETFLAGS: u32 = 0x4008_6602;

/// FS_IOC_[GS]ETFLAGS are sized by `long`; strace also accepts the 32-bit code from
/// 64-bit tracees.
fn is_fs_flags_req(c: &Ctx, code: u32, code32: u32, code64: u32) -> bool {
    code == code32 || (c.word() == 8 && code == code64)
}

/// `[FLAGS]` of an int behind `addr` (modem lines, inode flags).
fn print_int_flags(c: &Ctx, addr: u64, set: &str, dflt: &str, exit_data: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 4, exit_data, o) {
        o.push('[');
        print_flags(c, set, le(&b, 0, 4), dflt, o);
        o.push(']');
    }
}

/// struct file_clone_range of FICLONERANGE.
fn print_clone_range(c: &Ctx, addr: u64, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 32, false, o) {
        o.push_str("{src_fd=");
        print_fd(c, sle(&b, 0, 8), o);
        let _ = write!(
            o,
            ", src_offset={}, src_length={}, dest_offset={}}}",
            le(&b, 8, 8),
            le(&b, 16, 8),
            le(&b, 24, 8)
        );
    }
}
/// How strace prints the argument of requests that need no struct decoder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Simple {
    /// The value itself, decimal.
    ValU,
    ValInt,
    /// No argument is printed.
    NoArg,
    /// `[n]` read back at exit (the kernel's answer); the width and signedness.
    Out(usize, bool),
    /// `[n]` passed in.
    In(usize, bool),
    /// `[a, b]` of two u64 passed in.
    PairU64,
}

/// Block-device, random and inotify requests, by name: their codes differ per
/// personality (sizes of long), so they are looked up in `ioctl_names`.
const SIMPLE_FORMS: &[(&str, Simple)] = &[
    ("BLKRASET", Simple::ValU),
    ("BLKFRASET", Simple::ValU),
    ("BLKSECTGET", Simple::Out(2, false)),
    ("BLKROTATIONAL", Simple::Out(2, false)),
    ("BLKROGET", Simple::Out(4, true)),
    ("BLKBSZGET", Simple::Out(4, true)),
    ("BLKSSZGET", Simple::Out(4, true)),
    ("BLKALIGNOFF", Simple::Out(4, true)),
    ("BLKROSET", Simple::In(4, true)),
    ("BLKBSZSET", Simple::In(4, true)),
    ("BLKPBSZGET", Simple::Out(4, false)),
    ("BLKIOMIN", Simple::Out(4, false)),
    ("BLKIOOPT", Simple::Out(4, false)),
    ("BLKDISCARDZEROES", Simple::Out(4, false)),
    ("BLKGETZONESZ", Simple::Out(4, false)),
    ("BLKGETNRZONES", Simple::Out(4, false)),
    ("BLKRAGET", Simple::Out(0, true)),
    ("BLKFRAGET", Simple::Out(0, true)),
    ("BLKGETSIZE", Simple::Out(0, false)),
    ("BLKGETSIZE64", Simple::Out(8, false)),
    ("BLKGETDISKSEQ", Simple::Out(8, false)),
    ("BLKDISCARD", Simple::PairU64),
    ("BLKSECDISCARD", Simple::PairU64),
    ("BLKZEROOUT", Simple::PairU64),
    ("BLKRRPART", Simple::NoArg),
    ("BLKFLSBUF", Simple::NoArg),
    ("BLKTRACESTART", Simple::NoArg),
    ("BLKTRACESTOP", Simple::NoArg),
    ("BLKTRACETEARDOWN", Simple::NoArg),
    ("RNDGETENTCNT", Simple::Out(4, true)),
    ("RNDADDTOENTCNT", Simple::In(4, true)),
    ("RNDZAPENTCNT", Simple::NoArg),
    ("RNDCLEARPOOL", Simple::NoArg),
    ("RNDRESEEDCRNG", Simple::NoArg),
    ("INOTIFY_IOC_SETNEXTWD", Simple::ValInt),
];

fn simple_form(c: &Ctx, code: u32) -> Option<Simple> {
    let x = table::xlat("ioctl_names")?;
    // Only the block (0x12), random ('R') and inotify ('I') types have such forms.
    let typ = (code >> 8) & 0xff;
    if !matches!(typ, 0x12 | 0x52 | 0x49) {
        return None;
    }
    SIMPLE_FORMS
        .iter()
        .find(|(name, _)| x.value_of(c.arch(), name) == Some(u64::from(code)))
        .map(|&(_, f)| f)
}

/// Returns whether anything was printed.
fn print_simple(c: &Ctx, form: Simple, arg: u64, o: &mut String) -> bool {
    match form {
        Simple::ValU => fmt::dec(o, arg),
        Simple::ValInt => fmt::dec(o, arg as u32 as i32),
        Simple::NoArg => return false,
        Simple::Out(size, signed) | Simple::In(size, signed) => {
            let size = if size == 0 { c.word() } else { size };
            print_dec_at(c, arg, matches!(form, Simple::Out(..)), size, signed, o);
        }
        Simple::PairU64 => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let _ = write!(o, "[{}, {}]", le(&b, 0, 8), le(&b, 8, 8));
            }
        }
    }
    true
}

#[derive(Clone, Copy)]
enum Termios {
    /// struct termio: 16-bit flags, 8 control characters.
    Old,
    /// struct termios.
    Plain,
    /// struct termios2: termios plus input and output speeds.
    Two,
}

pub(super) fn print_ioctl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let code = c.iarg(a.index.saturating_sub(1)) as u32;
    let arg = c.arg(a.index);
    if ifreq::print_sock_arg(c, a, code, arg, o) {
        return true;
    }
    match code {
        TCGETS2 => print_termios(c, arg, Termios::Two, true, o),
        TCSETS2 | TCSETSW2 | TCSETSF2 => print_termios(c, arg, Termios::Two, false, o),
        TCGETS | TIOCGLCKTRMIOS => print_termios(c, arg, Termios::Plain, true, o),
        TCSETS | TCSETSW | TCSETSF | TIOCSLCKTRMIOS => {
            print_termios(c, arg, Termios::Plain, false, o)
        }
        TCGETA => print_termios(c, arg, Termios::Old, true, o),
        TCSETA | TCSETAW | TCSETAF => print_termios(c, arg, Termios::Old, false, o),
        TIOCGWINSZ => print_winsize(c, arg, true, o),
        TIOCSWINSZ => print_winsize(c, arg, false, o),
        TCXONC => print_enum(c, "tcxonc_options", arg, "TC???", o),
        TCFLSH => print_enum(c, "tcflsh_options", arg, "TC???", o),
        TCSBRK | TCSBRKP | TIOCSCTTY => fmt::dec(o, arg as u32 as i32),
        TIOCMGET => print_int_flags(c, arg, "modem_flags", "TIOCM_???", true, o),
        TIOCMBIS | TIOCMBIC | TIOCMSET => {
            print_int_flags(c, arg, "modem_flags", "TIOCM_???", false, o)
        }
        TIOCGPGRP | TIOCGSID | TIOCGETD | TIOCGSOFTCAR | TIOCGPTN | FIONREAD | TIOCOUTQ
        | TIOCGEXCL | TIOCGDEV => print_dec_at(c, arg, true, 4, true, o),
        TIOCSPGRP | TIOCSETD | FIONBIO | FIOASYNC | TIOCPKT | TIOCSSOFTCAR | TIOCSPTLCK => {
            print_dec_at(c, arg, false, 4, true, o)
        }
        TIOCSTI => print_strn(c, arg, 1, true, o),
        FICLONE => fmt::dec(o, arg as u32 as i32),
        FICLONERANGE => print_clone_range(c, arg, o),
        _ if is_fs_flags_req(c, code, FS_IOC32_GETFLAGS, FS_IOC64_GETFLAGS) => {
            print_int_flags(c, arg, "fs_ioc_flags", "FS_???_FL", true, o)
        }
        _ if let Some(form) = simple_form(c, code) => return print_simple(c, form, arg, o),
        _ if is_fs_flags_req(c, code, FS_IOC32_SETFLAGS, FS_IOC64_SETFLAGS) => {
            print_int_flags(c, arg, "fs_ioc_flags", "FS_???_FL", false, o)
        }
        TIOCSBRK | TIOCCBRK | TIOCCONS | TIOCNOTTY | TIOCEXCL | TIOCNXCL | FIOCLEX | FIONCLEX
        | TIOCVHANGUP | TIOCSSERIAL => return false,
        _ => match ioctl::decode(c, code, arg, o) {
            Some(ioctl::Arg::Shown) => {}
            Some(ioctl::Arg::Hidden) => return false,
            None => fmt::hex(o, arg),
        },
    }
    true
}

fn print_winsize(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 8, exit_data, o) {
        let _ = write!(
            o,
            "{{ws_row={}, ws_col={}, ws_xpixel={}, ws_ypixel={}}}",
            le(&b, 0, 2),
            le(&b, 2, 2),
            le(&b, 4, 2),
            le(&b, 6, 2)
        );
    }
}

const CBAUD: u64 = 0o10017;
const CIBAUD: u64 = 0o2003600000;
const IBSHIFT: u32 = 16;
const CSIZE: u64 = 0o60;

fn print_termios(c: &Ctx, addr: u64, kind: Termios, exit_data: bool, o: &mut String) {
    let (size, fsz, ncc) = match kind {
        Termios::Old => (18, 2, 8),
        Termios::Plain => (36, 4, 19),
        Termios::Two => (44, 4, 19),
    };
    let Some(b) = read_or_addr(c, addr, size, exit_data, o) else {
        return;
    };
    let iflag = le(&b, 0, fsz);
    let oflag = le(&b, fsz, fsz);
    let cflag = le(&b, 2 * fsz, fsz);
    let lflag = le(&b, 3 * fsz, fsz);
    o.push_str("{c_iflag=");
    print_flags(c, "term_iflags", iflag, "", o);
    o.push_str(", c_oflag=");
    let mut rest = oflag;
    for (set, mask, dflt) in [
        ("term_oflags_nldly", 0o400, "NL?"),
        ("term_oflags_crdly", 0o3000, "CR?"),
        ("term_oflags_tabdly", 0o14000, "TAB?"),
        ("term_oflags_bsdly", 0o20000, "BS?"),
        ("term_oflags_vtdly", 0o40000, "VT?"),
        ("term_oflags_ffdly", 0o100000, "FF?"),
    ] {
        print_enum(c, set, rest & mask, dflt, o);
        o.push('|');
        rest &= !mask;
    }
    print_flags(c, "term_oflags", rest, "", o);
    o.push_str(", c_cflag=");
    print_enum(c, "baud_options", cflag & CBAUD, "B???", o);
    o.push('|');
    if cflag & CIBAUD != 0 {
        print_enum(c, "baud_options", (cflag & CIBAUD) >> IBSHIFT, "B???", o);
        o.push_str("<<IBSHIFT|");
    }
    print_enum(c, "term_cflags_csize", cflag & CSIZE, "CS?", o);
    o.push('|');
    print_flags(c, "term_cflags", cflag & !(CBAUD | CIBAUD | CSIZE), "", o);
    o.push_str(", c_lflag=");
    print_flags(c, "term_lflags", lflag, "", o);
    if !c.unabbreviated() {
        o.push_str(", ...}");
        return;
    }
    let line = 4 * fsz;
    o.push_str(", c_line=");
    print_enum(c, "term_line_discs", le(&b, line, 1), "N_???", o);
    o.push_str(", c_cc=[");
    for i in 0..ncc {
        if i > 0 {
            o.push_str(", ");
        }
        o.push('[');
        match xlat_name(c, "termios_cc", i as u64) {
            Some(n) => o.push_str(n),
            None => fmt::dec(o, i),
        }
        o.push_str("]=");
        fmt::hex(o, le(&b, line + 1 + i, 1));
    }
    o.push(']');
    if let Termios::Two = kind {
        let _ = write!(
            o,
            ", c_ispeed={}, c_ospeed={}",
            le(&b, 36, 4),
            le(&b, 40, 4)
        );
    }
    o.push('}');
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;

    fn termios_bytes() -> Vec<u8> {
        let mut t = i32s(&[
            0o400 | 0o2000,
            0o1 | 0o4,
            0o17 | 0o60 | 0o200,
            0o1 | 0o2 | 0o10,
        ]);
        t.push(0);
        t.extend_from_slice(&[
            3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0,
        ]);
        t
    }

    #[test]
    fn ioctl_terminal_requests() {
        let m = RecordedMemory::new().with(0x1000, termios_bytes());
        assert_eq!(
            x64("ioctl", [1, 0x5401, 0x1000, 0, 0, 0], 0, &m),
            line(
                "ioctl(1, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, ...})",
                "0"
            )
        );
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: 16,
            args: [0, 0x5401, 0x1000, 0, 0, 0],
            ret: Some(0),
        };
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        assert_eq!(
            render_one(&rec, &m, &opts),
            line(
                "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]})",
                "0"
            )
        );
        assert_eq!(
            x64("ioctl", [1, 0x5401, 0x7ffd0000, 0, 0, 0], -25, &m),
            line(
                "ioctl(1, TCGETS, 0x7ffd0000)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
        let ws = RecordedMemory::new().with(0x1000, [24u8, 0, 80, 0, 0, 0, 0, 0].to_vec());
        assert_eq!(
            x64("ioctl", [1, 0x5413, 0x1000, 0, 0, 0], 0, &ws),
            line(
                "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0})",
                "0"
            )
        );
        assert_eq!(
            x64("ioctl", [3, 0x5451, 0, 0, 0, 0], 0, &ws),
            line("ioctl(3, FIOCLEX)", "0")
        );
        assert_eq!(
            x64("ioctl", [3, 0x540b, 0, 0, 0, 0], 0, &ws),
            line("ioctl(3, TCFLSH, TCIFLUSH)", "0")
        );
        let n = RecordedMemory::new().with(0x1000, i32s(&[3]));
        assert_eq!(
            x64("ioctl", [3, 0x541b, 0x1000, 0, 0, 0], 0, &n),
            line("ioctl(3, FIONREAD, [3])", "0")
        );
    }

    #[test]
    fn ioctl_unknown_request_form() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("ioctl", [7, 0x8008_1234, 0x1000, 0, 0, 0], -25, &m),
            line(
                "ioctl(7, _IOC(_IOC_READ, 0x12, 0x34, 0x8), 0x1000)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
        assert_eq!(
            x64("ioctl", [7, 0xee01, 0, 0, 0, 0], -25, &m),
            line(
                "ioctl(7, _IOC(_IOC_NONE, 0xee, 0x1, 0), 0)",
                "-1 ENOTTY (Inappropriate ioctl for device)"
            )
        );
    }
}
