//! One integration-test binary: runs the real `trace` on small C programs and commands,
//! and compares whole lines with expectations or with strace's own output.

#[macro_use]
mod util;

mod attach;
mod core;
mod etcd;
mod fdio;
mod file;
mod filter;
mod fixtures;
mod i386;
mod inject;
mod json;
mod memproc;
mod net;
mod options;
mod output_filters;
mod output_opts;
mod pidns;
mod placement;
mod prefixes;
mod procfs;
mod signal_time;
mod summary;
