//! seccomp user-notification requests ('!', linux/seccomp.h).

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::arch::Arch;
use crate::decode::basic::print_fd;
use crate::decode::bytes::{
    le, print_enum, print_flags, print_num_at, read_bytes, read_or_addr, sle,
};
use crate::decode::fmt;
use crate::table;

/// The name strace gives `_IOR('!', 2, __u64)`, the wrong-direction
/// SECCOMP_IOCTL_NOTIF_ID_VALID of older headers.
pub(super) fn name(code: u32, o: &mut String) -> bool {
    if code == (2 << 30 | 8 << 16 | 0x21 << 8 | 2) {
        o.push_str("SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR");
        return true;
    }
    false
}

pub(super) fn seccomp(c: &Ctx, name: &str, code: u32, arg: u64, o: &mut String) -> Option<Arg> {
    let mut buf = String::new();
    if self::name(code, &mut buf) {
        print_num_at(c, arg, false, 8, o, fmt::hex);
        return Some(Arg::Shown);
    }
    match name {
        "SECCOMP_IOCTL_NOTIF_RECV" => recv(c, arg, o),
        "SECCOMP_IOCTL_NOTIF_SEND" => {
            if let Some(b) = read_or_addr(c, arg, 24, false, o) {
                let mut s = Fields::new(o);
                s.hex("id", le(&b, 0, 8));
                s.dec("val", sle(&b, 8, 8));
                let err = sle(&b, 16, 4);
                let o = s.f("error");
                match table::errno((-err) as u64).filter(|_| err < 0) {
                    Some(e) => fmt::named(o, c, &format!("-{}", e.name), |o| fmt::dec(o, err)),
                    None => fmt::dec(o, err),
                }
                let t = s.f("flags");
                print_flags(
                    c,
                    "seccomp_ioctl_resp_flags",
                    le(&b, 20, 4),
                    "SECCOMP_USER_NOTIF_FLAG_???",
                    t,
                );
                s.end();
            }
        }
        "SECCOMP_IOCTL_NOTIF_ID_VALID" => print_num_at(c, arg, false, 8, o, fmt::hex),
        "SECCOMP_IOCTL_NOTIF_ADDFD" => {
            if let Some(b) = read_or_addr(c, arg, 24, false, o) {
                let mut s = Fields::new(o);
                s.hex("id", le(&b, 0, 8));
                let t = s.f("flags");
                print_flags(
                    c,
                    "seccomp_ioctl_addfd_flags",
                    le(&b, 8, 4),
                    "SECCOMP_ADDFD_FLAG_???",
                    t,
                );
                print_fd(c, sle(&b, 12, 4), s.f("srcfd"));
                s.dec("newfd", sle(&b, 16, 4));
                let t = s.f("newfd_flags");
                print_flags(c, "open_mode_flags", le(&b, 20, 4), "O_???", t);
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}

/// struct seccomp_notif is filled by the kernel; a caller that did not zero it
/// first sees its entry contents, then ` => ` (strace's is_filled check). Only the
/// exit memory is known here, so a successful call shows what the kernel wrote.
fn recv(c: &Ctx, arg: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, arg, 80, false, o) else {
        return;
    };
    if c.failed() {
        if b.iter().all(|&x| x == 0) {
            fmt::addr(o, arg);
            return;
        }
        notif(c, &b, o);
        o.push_str(" => ");
        fmt::addr(o, arg);
        return;
    }
    match read_bytes(c, arg, 80) {
        Some(b) => notif(c, &b, o),
        None => fmt::addr(o, arg),
    }
}

/// struct seccomp_notif: id, pid, flags, struct seccomp_data {nr, arch,
/// instruction_pointer, args[6]}.
fn notif(c: &Ctx, b: &[u8], o: &mut String) {
    let mut s = Fields::new(o);
    s.hex("id", le(b, 0, 8));
    // The notifying thread's group, translated under --pidns-translation.
    crate::decode::pid::print_id(
        c,
        s.f("pid"),
        le(b, 8, 4) as u32 as i32,
        crate::pidns::PidKind::Tgid,
    );
    s.hex("flags", le(b, 12, 4));
    let o = s.f("data");
    let (nr, audit) = (le(b, 16, 4), le(b, 20, 4) as u32);
    let mut d = Fields::new(o);
    let t = d.f("nr");
    let target = Arch::from_audit(audit, nr);
    match target.and_then(|a| a.syscall_name(nr)) {
        Some(n) if target == Some(c.arch()) => {
            fmt::named(t, c, &format!("__NR_{n}"), |o| fmt::dec(o, nr))
        }
        Some(n) if c.opts.xlat != fmt::XlatStyle::Raw => {
            let _ = std::fmt::Write::write_fmt(t, format_args!("{nr} /* {n} */"));
        }
        _ => fmt::dec(t, nr),
    }
    print_enum(c, "audit_arch", audit.into(), "AUDIT_ARCH_???", d.f("arch"));
    fmt::addr(d.f("instruction_pointer"), le(b, 24, 8));
    let t = d.f("args");
    t.push('[');
    for i in 0..6 {
        if i > 0 {
            t.push_str(", ");
        }
        fmt::hex(t, le(b, 32 + 8 * i, 8));
    }
    t.push(']');
    d.end();
    s.end();
}
