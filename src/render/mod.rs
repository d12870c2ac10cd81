//! Renderers: sinks that turn tracer events into output.

pub mod text;
