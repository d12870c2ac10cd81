//! Video4Linux2 requests ('V', linux/videodev2.h). Only VIDIOC_ENUMINPUT is decoded
//! so far; the other requests show their address, as strace did before it knew
//! them. Nothing is decoded under `-e verbose=` without ioctl, as in strace.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_enum, read_bytes, read_or_addr};

pub(super) fn v4l2(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    if !c.derefs() {
        return None;
    }
    match name {
        "VIDIOC_ENUMINPUT" => {
            // struct v4l2_input: index, name[32], type, ...; the kernel fills in all
            // but the index. i386 aligns its u64 std field to 4, not 8.
            let size = if c.arch() == crate::arch::Arch::I386 {
                76
            } else {
                80
            };
            let Some(b) = read_or_addr(c, arg, size, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.dec("index", le(&b, 0, 4));
            if !c.failed()
                && let Some(x) = read_bytes(c, arg, size)
            {
                print_cstring_field(c, &x[4..36], s.f("name"));
                let t = s.f("type");
                print_enum(
                    c,
                    "v4l2_input_types",
                    le(&x, 36, 4),
                    "V4L2_INPUT_TYPE_???",
                    t,
                );
            }
            s.end();
        }
        _ => return None,
    }
    Some(Arg::Shown)
}
