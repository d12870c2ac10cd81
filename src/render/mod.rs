//! Renderers: sinks that turn tracer events into output.

pub mod summary;
pub mod text;
