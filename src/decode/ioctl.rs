//! Decoders for the ioctl group of syscalls.

use super::{ArgType, RetType};

pub static TYPES: &[ArgType] = &[];

pub static RETS: &[RetType] = &[];
