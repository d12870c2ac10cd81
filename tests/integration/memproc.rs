//! Integration tests: memproc.

#[allow(unused_imports)]
use crate::util::*;
