//! Decoders for the time group of syscalls.

use super::{ArgType, RetType};

pub static TYPES: &[ArgType] = &[];

pub static RETS: &[RetType] = &[];
