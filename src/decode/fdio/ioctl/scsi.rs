//! SCSI generic requests ('"', scsi/sg.h); the int-valued ones are `forms` rows.
//! SG_IO's v3 and v4 headers are not decoded yet: their address is shown.

use super::super::super::Ctx;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_enum, read_or_addr, sle};
use crate::decode::fmt;

const SG_SCSI_RESET_NO_ESCALATE: u64 = 0x100;

pub(super) fn scsi(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    match name {
        "SG_IO" => {
            // The interface id says which header follows: 'S' (v3) or 'Q' (v4).
            if let Some(b) = read_or_addr(c, arg, 4, false, o) {
                match le(&b, 0, 4) {
                    0x53 | 0x51 => fmt::addr(o, arg),
                    iid => {
                        let _ = std::fmt::Write::write_fmt(o, format_args!("[{iid}]"));
                    }
                }
            }
        }
        "SG_GET_SCSI_ID" => {
            // struct sg_scsi_id: five ints, two shorts, int unused[2].
            if let Some(b) = read_or_addr(c, arg, 32, true, o) {
                let mut s = Fields::new(o);
                s.dec("host_no", sle(&b, 0, 4));
                s.dec("channel", sle(&b, 4, 4));
                s.hex("scsi_id", le(&b, 8, 4));
                s.dec("lun", sle(&b, 12, 4));
                s.hex("scsi_type", le(&b, 16, 4));
                s.dec("h_cmd_per_lun", sle(&b, 20, 2));
                s.dec("d_queue_depth", sle(&b, 22, 2));
                s.end();
            }
        }
        "SG_GET_REQUEST_TABLE" => {
            // struct sg_req_info: four chars, pack_id, usr_ptr, duration, unused.
            let w = c.word();
            if let Some(b) = read_or_addr(c, arg, 8 + 3 * w.max(4), true, o) {
                let mut s = Fields::new(o);
                for (i, f) in ["req_state", "orphan", "sg_io_owned", "problem"]
                    .iter()
                    .enumerate()
                {
                    s.dec(f, sle(&b, i, 1));
                }
                s.dec("pack_id", sle(&b, 4, 4));
                fmt::addr(s.f("usr_ptr"), le(&b, 8, w));
                s.dec("duration", le(&b, 8 + w, 4));
                s.end();
            }
        }
        "SG_SCSI_RESET" => {
            if let Some(b) = read_or_addr(c, arg, 4, false, o) {
                let v = le(&b, 0, 4);
                o.push('[');
                if v & SG_SCSI_RESET_NO_ESCALATE != 0 {
                    print_enum(c, "sg_scsi_reset", SG_SCSI_RESET_NO_ESCALATE, "", o);
                    o.push('|');
                }
                let rest = v & !SG_SCSI_RESET_NO_ESCALATE;
                print_enum(c, "sg_scsi_reset", rest, "SG_SCSI_RESET_???", o);
                o.push(']');
            }
        }
        "SG_SET_TRANSFORM" => fmt::hex(o, u64::from(arg as u32)),
        _ => return None,
    }
    Some(Arg::Shown)
}
