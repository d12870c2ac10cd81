//! Decoders for 32-bit personalities (i386 on x86_64, arm): calls and layouts that
//! exist only there (mmap2, _llseek, stat64, socketcall, ipc, ...).

use super::{ArgType, RetType};

pub static TYPES: &[ArgType] = &[];

pub static RETS: &[RetType] = &[];
