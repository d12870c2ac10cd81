//! seccomp filters: the classic BPF program (instructions with -v) and the filter
//! return actions, shared by seccomp(2) and prctl(PR_SET_SECCOMP).

use crate::decode::Ctx;
use crate::decode::array::print_array;
use crate::decode::bytes::{le, print_enum};
use crate::decode::fmt;
use std::fmt::Write;

/// A seccomp action with its data: `SECCOMP_RET_ERRNO|0x1`.
pub(super) fn print_ret_action(c: &Ctx, k: u32, o: &mut String) {
    let action = k & 0xffff_0000;
    print_enum(c, "seccomp_ret_action", action.into(), "SECCOMP_RET_???", o);
    if k & !action != 0 {
        let _ = write!(o, "|{:#x}", k & !action);
    }
}

/// One classic BPF opcode: `BPF_LD|BPF_W|BPF_ABS`.
fn print_bpf_code(code: u16, o: &mut String) {
    const CLASS: [&str; 8] = [
        "BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET", "BPF_MISC",
    ];
    const SIZE: [&str; 4] = ["BPF_W", "BPF_H", "BPF_B", "BPF_DW"];
    const MODE: [&str; 7] = [
        "BPF_IMM", "BPF_ABS", "BPF_IND", "BPF_MEM", "BPF_LEN", "BPF_MSH", "BPF_XADD",
    ];
    const ALU: [&str; 14] = [
        "BPF_ADD", "BPF_SUB", "BPF_MUL", "BPF_DIV", "BPF_OR", "BPF_AND", "BPF_LSH", "BPF_RSH",
        "BPF_NEG", "BPF_MOD", "BPF_XOR", "BPF_MOV", "BPF_ARSH", "BPF_END",
    ];
    const JMP: [&str; 14] = [
        "BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET", "BPF_JNE", "BPF_JSGT", "BPF_JSGE",
        "BPF_CALL", "BPF_EXIT", "BPF_JLT", "BPF_JLE", "BPF_JSLT", "BPF_JSLE",
    ];
    let named = |o: &mut String, names: &[&str], idx: usize, raw: u16| match names.get(idx) {
        Some(n) => o.push_str(n),
        None => {
            let _ = write!(o, "{raw:#x} /* BPF_??? */");
        }
    };
    let class = code & 7;
    o.push_str(CLASS[class as usize]);
    let rest = code & !7;
    let src = |o: &mut String| o.push_str(if code & 8 != 0 { "BPF_X" } else { "BPF_K" });
    match class {
        2 | 3 => {
            if rest != 0 {
                let _ = write!(o, "|{rest:#x} /* BPF_??? */");
            }
        }
        0 | 1 => {
            o.push('|');
            named(o, &SIZE, usize::from((code & 0x18) >> 3), code & 0x18);
            o.push('|');
            named(o, &MODE, usize::from((code & 0xe0) >> 5), code & 0xe0);
        }
        7 => {
            o.push('|');
            match code & 0xf8 {
                0 => o.push_str("BPF_TAX"),
                0x80 => o.push_str("BPF_TXA"),
                v => {
                    let _ = write!(o, "{v:#x} /* BPF_??? */");
                }
            }
        }
        4 => {
            o.push('|');
            src(o);
            o.push('|');
            named(o, &ALU, usize::from((code & 0xf0) >> 4), code & 0xf0);
        }
        5 => {
            o.push('|');
            src(o);
            o.push('|');
            named(o, &JMP, usize::from((code & 0xf0) >> 4), code & 0xf0);
        }
        _ => {
            // BPF_RET: the return value source.
            let rval = code & 0x18;
            o.push('|');
            match rval {
                0 => o.push_str("BPF_K"),
                8 => o.push_str("BPF_X"),
                0x10 => o.push_str("BPF_A"),
                _ => {
                    let _ = write!(o, "{rval:#x} /* BPF_??? */");
                }
            }
            let left = rest & !0x18;
            if left != 0 {
                let _ = write!(o, "|{left:#x} /* BPF_??? */");
            }
        }
    }
}

/// A seccomp filter program: `{len=N, filter=ADDR}`, with -v the instructions.
pub(super) fn print_fprog(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let mut b = [0u8; 16];
    if addr == 0 || !c.fetch(addr, &mut b[..2 * w]) {
        fmt::addr(o, addr);
        return;
    }
    let len = le(&b, 0, 2);
    let filter = le(&b, w, w);
    let _ = write!(o, "{{len={len}, filter=");
    if !c.unabbreviated() {
        fmt::addr(o, filter);
    } else {
        let mut n = 0;
        print_array(c, filter, len, 8, o, |o, e| {
            n += 1;
            if n > 4096 {
                o.push_str("...");
                return;
            }
            let code = le(e, 0, 2) as u16;
            let (jt, jf, k) = (le(e, 2, 1), le(e, 3, 1), le(e, 4, 4) as u32);
            if jt != 0 || jf != 0 {
                o.push_str("BPF_JUMP(");
                print_bpf_code(code, o);
                let _ = write!(
                    o,
                    ", {}, {}, {})",
                    hex_str(k.into()),
                    hex_str(jt),
                    hex_str(jf)
                );
            } else {
                o.push_str("BPF_STMT(");
                print_bpf_code(code, o);
                o.push_str(", ");
                if code & 7 == 6 {
                    print_ret_action(c, k, o);
                } else {
                    fmt::hex(o, k.into());
                }
                o.push(')');
            }
        });
    }
    o.push('}');
}

fn hex_str(v: u64) -> String {
    let mut s = String::new();
    fmt::hex(&mut s, v);
    s
}
