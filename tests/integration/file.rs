//! Integration tests: file.

#[allow(unused_imports)]
use crate::util::*;
