//! io_uring_setup's struct io_uring_params: what the caller asks for, and on success
//! the ring sizes, features and mmap offsets the kernel fills in.

use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_flags, read_or_addr};
use crate::decode::{ArgType, Ctx, fmt, ty};
use std::fmt::Write;

const IORING_SETUP_ATTACH_WQ: u64 = 0x20;
/// sizeof(struct io_uring_params).
const PARAMS_SIZE: usize = 120;

pub(crate) static TYPES: &[ArgType] = &[ty("io_uring_params", |c, a, o| {
    print_params(c, c.arg(a.index), o);
    true
})];

fn print_params(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, PARAMS_SIZE, false, o) else {
        return;
    };
    let u = |off: usize| le(&b, off, 4);
    let flags = u(8);
    o.push_str("{flags=");
    print_flags(c, "uring_setup_flags", flags, "IORING_SETUP_???", o);
    o.push_str(", sq_thread_cpu=");
    fmt::hex(o, u(12));
    let _ = write!(o, ", sq_thread_idle={}", u(16));
    if flags & IORING_SETUP_ATTACH_WQ != 0 {
        o.push_str(", wq_fd=");
        print_fd(c, i64::from(u(24) as u32 as i32), o);
    }
    if (28..40).step_by(4).any(|off| u(off) != 0) {
        o.push_str(", resv=[");
        for (i, off) in (28..40).step_by(4).enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            fmt::hex(o, u(off));
        }
        o.push(']');
    }
    if c.exiting() && !c.failed() {
        let _ = write!(o, ", sq_entries={}, cq_entries={}, features=", u(0), u(4));
        print_flags(c, "uring_setup_features", u(20), "IORING_FEAT_???", o);
        let _ = write!(
            o,
            ", sq_off={{head={}, tail={}, ring_mask={}, ring_entries={}, flags={}, dropped={}, array={}}}",
            u(40),
            u(44),
            u(48),
            u(52),
            u(56),
            u(60),
            u(64)
        );
        let _ = write!(
            o,
            ", cq_off={{head={}, tail={}, ring_mask={}, ring_entries={}, overflow={}, cqes={}, flags={}}}",
            u(80),
            u(84),
            u(88),
            u(92),
            u(96),
            u(100),
            u(104)
        );
    }
    o.push('}');
}
