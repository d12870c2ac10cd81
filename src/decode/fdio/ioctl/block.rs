//! Block device requests (0x12, linux/fs.h, blkpg.h, blktrace_api.h) with a struct
//! argument; the number-valued ones are `request`'s simple forms.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_enum, read_bytes, read_or_addr, sle};

pub(super) fn block(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "BLKPG" => {
            // struct blkpg_ioctl_arg: op, flags, datalen (int), then void *data.
            let w = c.word();
            if let Some(b) = read_or_addr(c, arg, 12usize.next_multiple_of(w) + w, false, o) {
                let mut s = Fields::new(o);
                print_enum(c, "blkpg_ops", le(&b, 0, 4), "BLKPG_???", s.f("op"));
                s.dec("flags", sle(&b, 4, 4));
                s.dec("datalen", sle(&b, 8, 4));
                let data = le(&b, 12usize.next_multiple_of(w), w);
                let o = s.f("data");
                // struct blkpg_partition: start, length (s64), pno, devname[64],
                // volname[64].
                if let Some(p) = read_or_addr(c, data, 152, false, o) {
                    let mut k = Fields::new(o);
                    k.dec("start", sle(&p, 0, 8));
                    k.dec("length", sle(&p, 8, 8));
                    k.dec("pno", sle(&p, 16, 4));
                    print_cstring_field(c, &p[20..84], k.f("devname"));
                    print_cstring_field(c, &p[84..148], k.f("volname"));
                    k.end();
                }
                s.end();
            }
        }
        "BLKTRACESETUP" => {
            // struct blk_user_trace_setup: name[32], act_mask (u16), buf_size,
            // buf_nr (u32), start_lba, end_lba (u64), pid (u32).
            if let Some(b) = read_or_addr(c, arg, 72, false, o) {
                let mut s = Fields::new(o);
                s.dec("act_mask", le(&b, 32, 2));
                s.dec("buf_size", le(&b, 36, 4));
                s.dec("buf_nr", le(&b, 40, 4));
                s.dec("start_lba", le(&b, 48, 8));
                s.dec("end_lba", le(&b, 56, 8));
                s.dec("pid", le(&b, 64, 4));
                if !c.failed()
                    && let Some(b) = read_bytes(c, arg, 72)
                {
                    print_cstring_field(c, &b[0..32], s.f("name"));
                }
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}
