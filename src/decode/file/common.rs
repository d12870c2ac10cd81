//! Helpers every file-group decoder shares: how a personality lays out its
//! arguments (register pairs, number params) and structs (word size, little-endian
//! fields), reading a struct the way strace does, and printing through a named xlat.

use super::super::Ctx;
use super::super::fmt::{self, Quote};
use crate::arch::Arch;
use crate::table::{ArgSpec, Param};

use crate::decode::bytes::reg_pair;
pub(super) use crate::decode::bytes::{
    le, print_enum_of, print_flags_of, read_or_addr, sle, word_param,
};

/// Whether 64-bit syscall arguments take a register pair (low word first).
fn splits_u64(arch: Arch) -> bool {
    matches!(arch, Arch::I386 | Arch::Arm)
}

/// The register of an argument: its position, or on i386/arm the number param (the
/// position shifted by the register pairs before it).
pub(super) fn reg(c: &Ctx, a: &ArgSpec) -> usize {
    let num = a.params.iter().find_map(|p| match p {
        Param::Num(n) => usize::try_from(*n).ok(),
        _ => None,
    });
    match num {
        Some(n) if splits_u64(c.arch()) && n < 6 => n,
        _ => a.index,
    }
}

/// A 64-bit argument: one register, or a low/high pair on i386/arm. Not fdio/rw's
/// `lld`: that one splits by word size (so on x32 too) and finds the pair by position,
/// while these rows name the register and x32 passes one; merging would change x32.
pub(super) fn split_arg(c: &Ctx, a: &ArgSpec) -> u64 {
    let r = reg(c, a);
    if splits_u64(c.arch()) {
        reg_pair(c, r)
    } else {
        c.rec.args.get(r).copied().unwrap_or(0)
    }
}

/// The row's arg param: the argument this one depends on (open's flags, mknod's mode).
pub(super) fn arg_param(a: &ArgSpec) -> Option<usize> {
    a.params.iter().find_map(|p| match p {
        Param::Arg(i) => Some(*i),
        _ => None,
    })
}

/// Opaque bytes as strace's all-hex string, `...` after them when they were cut short.
pub(super) fn print_hex_bytes(c: &Ctx, bytes: &[u8], cut: bool, o: &mut String) {
    let q = Quote {
        force_hex: true,
        ..Quote::default()
    };
    fmt::quote_into(o, bytes, q, c.opts.hex);
    if cut {
        o.push_str("...");
    }
}
