//! Integration tests: signal_time.

#[allow(unused_imports)]
use crate::util::*;
