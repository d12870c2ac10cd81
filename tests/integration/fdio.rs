//! Integration tests: fdio.

#[allow(unused_imports)]
use crate::util::*;
