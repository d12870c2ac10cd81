//! Integration tests: i386.

#[allow(unused_imports)]
use crate::util::*;
