//! perf_event_open's struct perf_event_attr, as far as the caller's size covers it.

use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum, print_flags};
use crate::decode::fmt;

use crate::table::ArgSpec;
use std::fmt::Write;

/// struct perf_event_attr, as far as its size says it goes (its first 48 bytes unless
/// -v, like strace).
pub(super) fn print_perf_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const VER0: usize = 64;
    const FULL: usize = 128;
    let addr = c.arg(a.index);
    let entry_size = c.saved.get(a.index).copied().unwrap_or(u64::MAX);
    if entry_size == u64::MAX || !c.derefs() {
        fmt::addr(o, addr);
        return true;
    }
    let mut size = (entry_size as usize).min(FULL);
    if size == 0 {
        size = VER0;
    }
    if size < VER0 {
        fmt::addr(o, addr);
        return true;
    }
    if !c.unabbreviated() {
        size = 48;
    }
    let mut b = [0u8; FULL];
    if !c.mem.read_exact(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return true;
    }
    b[4..8].copy_from_slice(&(entry_size as u32).to_le_bytes());
    let u = |off: usize, n: usize| le(&b, off, n);
    let ty = u(0, 4);
    let attr_size = u(4, 4) as usize;
    let config = u(8, 8);
    let sample_type = u(24, 8);
    let bits = u(40, 8);
    let bit = |i: u32| (bits >> i) & 1;
    o.push_str("{type=");
    print_enum(c, "perf_type_id", ty, "PERF_TYPE_???", o);
    o.push_str(", size=");
    print_enum(
        c,
        "perf_attr_size",
        attr_size as u64,
        "PERF_ATTR_SIZE_???",
        o,
    );
    if c.rec.errno() == Some(7) {
        // E2BIG: the kernel wrote the size it supports.
        o.push_str(" => ");
        match c.mem.read_uint(addr.wrapping_add(4), 4) {
            Some(v) => print_enum(c, "perf_attr_size", v, "PERF_ATTR_SIZE_???", o),
            None => o.push_str("???"),
        }
    }
    o.push_str(", config=");
    let high = |o: &mut String| {
        if config >> 32 != 0 {
            fmt::hex(o, config >> 32);
            o.push_str("<<32|");
        }
    };
    match ty {
        0 => {
            high(o);
            print_enum(
                c,
                "perf_hw_id",
                config & 0xffff_ffff,
                "PERF_COUNT_HW_???",
                o,
            );
        }
        1 => print_enum(c, "perf_sw_ids", config, "PERF_COUNT_SW_???", o),
        2 => fmt::dec(o, config),
        3 => {
            high(o);
            if (config & 0xffff_ffff) >> 24 != 0 {
                fmt::hex(o, (config & 0xffff_ffff) >> 24);
                o.push_str("<<24|");
            }
            print_enum(
                c,
                "perf_hw_cache_op_result_id",
                (config >> 16) & 0xff,
                "PERF_COUNT_HW_CACHE_RESULT_???",
                o,
            );
            o.push_str("<<16|");
            print_enum(
                c,
                "perf_hw_cache_op_id",
                (config >> 8) & 0xff,
                "PERF_COUNT_HW_CACHE_OP_???",
                o,
            );
            o.push_str("<<8|");
            print_enum(
                c,
                "perf_hw_cache_id",
                config & 0xff,
                "PERF_COUNT_HW_CACHE_???",
                o,
            );
        }
        _ => fmt::hex(o, config),
    }
    let _ = write!(
        o,
        ", {}={}",
        if bit(10) != 0 {
            "sample_freq"
        } else {
            "sample_period"
        },
        u(16, 8)
    );
    o.push_str(", sample_type=");
    print_flags(
        c,
        "perf_event_sample_format",
        sample_type,
        "PERF_SAMPLE_???",
        o,
    );
    o.push_str(", read_format=");
    print_flags(c, "perf_event_read_format", u(32, 8), "PERF_FORMAT_???", o);
    const BEFORE: [&str; 15] = [
        "disabled",
        "inherit",
        "pinned",
        "exclusive",
        "exclude_user",
        "exclude_kernel",
        "exclude_hv",
        "exclude_idle",
        "mmap",
        "comm",
        "freq",
        "inherit_stat",
        "enable_on_exec",
        "task",
        "watermark",
    ];
    const AFTER: [&str; 21] = [
        "mmap_data",
        "sample_id_all",
        "exclude_host",
        "exclude_guest",
        "exclude_callchain_kernel",
        "exclude_callchain_user",
        "mmap2",
        "comm_exec",
        "use_clockid",
        "context_switch",
        "write_backward",
        "namespaces",
        "ksymbol",
        "bpf_event",
        "aux_output",
        "cgroup",
        "text_poke",
        "build_id",
        "inherit_thread",
        "remove_on_exec",
        "sigtrap",
    ];
    let flag = |o: &mut String, name: &str, i: u32| {
        if c.unabbreviated() || bit(i) != 0 {
            let _ = write!(o, ", {name}={}", bit(i));
        }
    };
    for (i, n) in BEFORE.iter().enumerate() {
        flag(o, n, i as u32);
    }
    const SKID: [&str; 4] = [
        "arbitrary skid",
        "constant skid",
        "requested to have 0 skid",
        "must have 0 skid",
    ];
    let precise = ((bits >> 15) & 3) as usize;
    let _ = write!(o, ", precise_ip={precise} /* {} */", SKID[precise]);
    for (i, n) in AFTER.iter().enumerate() {
        flag(o, n, 17 + i as u32);
    }
    if bits >> 38 != 0 {
        let _ = write!(o, ", __reserved_1={:#x} /* Bits 63..38 */", bits >> 38);
    }
    if c.unabbreviated() {
        print_perf_attr_tail(c, &b, size, o);
    }
    if (attr_size != 0 && attr_size > size) || (attr_size == 0 && size < VER0) {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

/// Prints one field of the struct.
type Show<'a> = &'a dyn Fn(&mut String);

/// The -v part of perf_event_attr: the fields after the flag bits, each only if the
/// caller's size covers it.
fn print_perf_attr_tail(c: &Ctx, b: &[u8], size: usize, o: &mut String) {
    let u = |off: usize, n: usize| le(b, off, n);
    let ty = u(0, 4);
    let sample_type = u(24, 8);
    let bits = u(40, 8);
    let hex = |o: &mut String, name: &str, v: u64| {
        let _ = write!(o, ", {name}=");
        fmt::hex(o, v);
    };
    if (bits >> 14) & 1 != 0 {
        let _ = write!(o, ", wakeup_watermark={}", u(48, 4));
    } else {
        let _ = write!(o, ", wakeup_events={}", u(48, 4));
    }
    if ty == 5 {
        let bp = u(52, 4);
        o.push_str(", bp_type=");
        let dflt = if bp <= 7 {
            "HW_BREAKPOINT_INVALID"
        } else {
            "HW_BREAKPOINT_???"
        };
        print_enum(c, "hw_breakpoint_type", bp, dflt, o);
        hex(o, "bp_addr", u(56, 8));
    } else {
        hex(o, "config1", u(56, 8));
    }
    // The fields past the first 64 bytes, each by the offset the caller's size must
    // exceed for it to be shown; the first one not covered ends the struct.
    let later: [(usize, Show); 12] = [
        (64, &|o| {
            if ty == 5 {
                let _ = write!(o, ", bp_len={}", u(64, 8));
            } else {
                hex(o, "config2", u(64, 8));
            }
        }),
        (72, &|o| {
            if sample_type & (1 << 11) != 0 {
                o.push_str(", branch_sample_type=");
                print_flags(
                    c,
                    "perf_branch_sample_type",
                    u(72, 8),
                    "PERF_SAMPLE_BRANCH_???",
                    o,
                );
            }
        }),
        (80, &|o| hex(o, "sample_regs_user", u(80, 8))),
        (88, &|o| {
            if sample_type & (1 << 13) != 0 {
                hex(o, "sample_stack_user", u(88, 4));
            }
        }),
        (92, &|o| {
            if (bits >> 25) & 1 != 0 {
                o.push_str(", clockid=");
                print_enum(c, "clocknames", u(92, 4), "CLOCK_???", o);
            }
        }),
        (96, &|o| hex(o, "sample_regs_intr", u(96, 8))),
        (104, &|o| {
            let _ = write!(o, ", aux_watermark={}", u(104, 4));
        }),
        (108, &|o| {
            let _ = write!(o, ", sample_max_stack={}", u(108, 2));
        }),
        (110, &|o| {
            if u(110, 2) != 0 {
                let _ = write!(o, " /* bytes 110..111: {:#x} */", u(110, 2));
            }
        }),
        (112, &|o| {
            let _ = write!(o, ", aux_sample_size={}", u(112, 4));
        }),
        (116, &|o| {
            if u(116, 4) != 0 {
                let _ = write!(o, " /* bytes 116..119: {:#x} */", u(116, 4));
            }
        }),
        (120, &|o| hex(o, "sig_data", u(120, 8))),
    ];
    for (off, print) in later {
        if off >= size {
            return;
        }
        print(o);
    }
}
