//! Linux AIO: struct iocb (io_submit, io_cancel) and struct io_event.

use super::super::Ctx;
use super::super::basic::print_fd;
use super::super::fmt;
use super::rw::{print_iovec, print_iovec_addrs};
use crate::decode::bytes::{le, print_flags, print_strn, read_or_addr, sle, xlat_name};
use std::fmt::Write;

/// struct iocb at `addr` (the same 64-byte layout on every personality).
/// `header_only` is io_cancel's form: the fields up to aio_fildes.
pub(super) fn print_iocb(c: &Ctx, addr: u64, header_only: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 64, false, o) {
        print_iocb_fields(c, &b, header_only, o);
    }
}

fn print_iocb_fields(c: &Ctx, b: &[u8], header_only: bool, o: &mut String) {
    let key = le(b, 8, 4);
    let rw_flags = le(b, 12, 4);
    let opcode = le(b, 16, 2);
    let reqprio = sle(b, 18, 2);
    let flags = le(b, 56, 4);
    let _ = write!(o, "{{aio_data=");
    fmt::hex(o, le(b, 0, 8));
    if key != 0 {
        let _ = write!(o, ", aio_key={key}");
    }
    if rw_flags != 0 {
        o.push_str(", aio_rw_flags=");
        print_flags(c, "rwf_flags", rw_flags, "RWF_???", o);
    }
    o.push_str(", aio_lio_opcode=");
    match xlat_name(c, "aio_cmds", opcode) {
        Some(n) => o.push_str(n),
        None => {
            let _ = write!(o, "{opcode} /* IOCB_CMD_??? */");
        }
    }
    if reqprio != 0 {
        // With IOCB_FLAG_IOPRIO in aio_flags the kernel reads it as an I/O priority:
        // IOPRIO_PRIO_VALUE(class, data); else it is a plain number.
        o.push_str(", aio_reqprio=");
        if b.len() >= 60 && le(b, 56, 4) & 2 != 0 {
            crate::decode::process::admin::print_ioprio(c, u32::from(reqprio as u16), o);
        } else {
            fmt::dec(o, reqprio);
        }
    }
    o.push_str(", aio_fildes=");
    print_fd(c, le(b, 20, 4) as u32 as i32 as i64, o);
    if header_only {
        o.push('}');
        return;
    }
    let buf = le(b, 24, 8);
    let nbytes = le(b, 32, 8);
    let offset = sle(b, 40, 8);
    // Within the tracee's address space and a non-negative ssize_t.
    let valid = (c.word() == 8 || buf <= u64::from(u32::MAX))
        && (c.word() == 8 || nbytes <= u64::from(u32::MAX))
        && (if c.word() == 8 {
            (nbytes as i64) >= 0
        } else {
            (nbytes as u32 as i32) >= 0
        });
    match opcode {
        0 | 1 => {
            o.push_str(", aio_buf=");
            if opcode == 1 && valid {
                print_strn(c, buf, nbytes, true, o);
            } else {
                fmt::hex(o, buf);
            }
            let _ = write!(o, ", aio_nbytes={nbytes}, aio_offset={offset}");
            print_iocb_flags(c, b, flags, o);
        }
        7 | 8 => {
            if valid {
                o.push_str(", aio_buf=");
                if opcode == 8 {
                    print_iovec(c, buf, nbytes, None, o);
                } else {
                    print_iovec_addrs(c, buf, nbytes, o);
                }
            } else {
                o.push_str(", aio_buf=");
                fmt::hex(o, buf);
                let _ = write!(o, ", aio_nbytes={nbytes}");
            }
            let _ = write!(o, ", aio_offset={offset}");
            print_iocb_flags(c, b, flags, o);
        }
        5 => {
            o.push_str(", aio_buf=");
            print_flags(c, "pollflags", buf, "POLL???", o);
            print_iocb_flags(c, b, flags, o);
        }
        _ => {}
    }
    o.push('}');
}

fn print_iocb_flags(c: &Ctx, b: &[u8], flags: u64, o: &mut String) {
    let resfd = le(b, 60, 4);
    if flags != 0 {
        o.push_str(", aio_flags=");
        print_flags(c, "aio_iocb_flags", flags, "IOCB_FLAG_???", o);
    }
    if flags & 1 != 0 {
        o.push_str(", aio_resfd=");
        print_fd(c, resfd as u32 as i32 as i64, o);
    } else if resfd != 0 {
        o.push_str(", aio_resfd=");
        fmt::hex(o, resfd);
    }
}

pub(super) fn print_io_event(_: &Ctx, b: &[u8], o: &mut String) {
    o.push_str("{data=");
    fmt::hex(o, le(b, 0, 8));
    o.push_str(", obj=");
    fmt::hex(o, le(b, 8, 8));
    let _ = write!(o, ", res={}, res2={}}}", sle(b, 16, 8), sle(b, 24, 8));
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;

    #[test]
    fn aio_submit_and_cancel() {
        let mut cb = vec![0u8; 64];
        cb[16] = 1; // IOCB_CMD_PWRITE
        cb[20] = 3;
        cb[24..32].copy_from_slice(&0x3000u64.to_le_bytes());
        cb[32..40].copy_from_slice(&2u64.to_le_bytes());
        let m = RecordedMemory::new()
            .with(0x1000, 0x2000u64.to_le_bytes().to_vec())
            .with(0x2000, cb)
            .with(0x3000, b"hi".to_vec());
        assert_eq!(
            x64("io_submit", [0x7f00_0000_0000, 1, 0x1000, 0, 0, 0], 1, &m),
            line(
                "io_submit(0x7f0000000000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3, aio_buf=\"hi\", aio_nbytes=2, aio_offset=0}])",
                "1"
            )
        );
        assert_eq!(
            x64(
                "io_cancel",
                [0x7f00_0000_0000, 0x2000, 0x4000, 0, 0, 0],
                -22,
                &m
            ),
            line(
                "io_cancel(0x7f0000000000, {aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3}, 0x4000)",
                "-1 EINVAL (Invalid argument)"
            )
        );
    }
}
