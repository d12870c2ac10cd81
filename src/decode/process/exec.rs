//! execve's argument and environment arrays: argv printed in full (cut at `-s`),
//! envp abbreviated to a count unless `-v`, as strace does.

use crate::decode::Ctx;
use crate::decode::basic::print_cstr;
use crate::decode::fmt;
use std::fmt::Write;

/// An argv-style array of strings: `["ls", "/"]`, cut after `-s` entries.
pub(super) fn print_argv(c: &Ctx, addr: u64, o: &mut String) {
    if addr == 0 || !c.derefs() {
        fmt::addr(o, addr);
        return;
    }
    let w = c.word() as u64;
    let mut n = 0u64;
    loop {
        let at = addr.wrapping_add(n * w);
        let word = if at < addr {
            None
        } else {
            c.mem.read_uint(at, w as usize)
        };
        let Some(word) = word else {
            if n == 0 {
                fmt::addr(o, addr);
                return;
            }
            let _ = write!(o, ", ... /* {at:#x} */");
            break;
        };
        if n == 0 {
            o.push('[');
        }
        if word == 0 {
            break;
        }
        if n != 0 {
            o.push_str(", ");
        }
        if !c.unabbreviated() && n >= c.opts.string_limit as u64 {
            o.push_str("...");
            break;
        }
        print_cstr(c, word, o);
        n += 1;
    }
    o.push(']');
}

/// The environment abbreviated: its address and `/* N vars */`.
pub(super) fn print_env_count(c: &Ctx, addr: u64, o: &mut String) {
    fmt::addr(o, addr);
    if addr == 0 || !c.derefs() {
        return;
    }
    let w = c.word() as u64;
    let mut n = 0u64;
    let mut unterminated = false;
    loop {
        let Some(at) = addr.checked_add(n * w) else {
            unterminated = true;
            break;
        };
        match c.mem.read_uint(at, w as usize) {
            Some(0) => break,
            Some(_) => n += 1,
            None if n == 0 => return,
            None => {
                unterminated = true;
                break;
            }
        }
    }
    let _ = write!(
        o,
        " /* {n} var{}{} */",
        if n == 1 { "" } else { "s" },
        if unterminated { ", unterminated" } else { "" }
    );
}
