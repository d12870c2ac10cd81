//! Decoders for the structs group of syscalls.

use super::ArgType;

pub static TYPES: &[ArgType] = &[];
