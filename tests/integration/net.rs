//! Integration tests: net.

#[allow(unused_imports)]
use crate::util::*;
