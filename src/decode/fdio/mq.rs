//! POSIX message queues: struct mq_attr (mq_open's, mq_getsetattr's) and the priority
//! mq_timedreceive writes back.

use crate::decode::bytes::{le, print_num_at, read_or_addr};
use crate::decode::{ArgType, Ctx, fmt, ty};
use std::fmt::Write;

/// O_CREAT: only then does mq_open take a mode and attributes.
const O_CREAT: u64 = 0o100;

pub(crate) static TYPES: &[ArgType] = &[
    ty("mq_attr", |c, a, o| {
        print_mq_attr(c, c.arg(a.index), a.out, o);
        true
    }),
    // mq_open's attr, present with O_CREAT in the flags the param names.
    ty("mq_attr_creat", |c, a, o| {
        let flags = match a.param(0) {
            Some(crate::table::Param::Arg(i)) => c.arg(*i),
            _ => 0,
        };
        if flags & O_CREAT == 0 {
            return false;
        }
        print_mq_attr(c, c.arg(a.index), false, o);
        true
    }),
    ty("mq_prio_ptr", |c, a, o| {
        print_num_at(c, c.arg(a.index), true, 4, o, |o, v| fmt::dec(o, v as u32));
        true
    }),
];

/// `{mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}`: four longs.
fn print_mq_attr(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    // strace reads the whole struct, __reserved[4] included.
    let Some(b) = read_or_addr(c, addr, 8 * w, out, o) else {
        return;
    };
    let long = |i: usize| c.arch().long(le(&b, i * w, w));
    o.push_str("{mq_flags=");
    fmt::hex(o, c.arch().ulong(le(&b, 0, w)));
    let _ = write!(
        o,
        ", mq_maxmsg={}, mq_msgsize={}, mq_curmsgs={}}}",
        long(1),
        long(2),
        long(3)
    );
}
