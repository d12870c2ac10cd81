//! Renderers: sinks that turn tracer events into output.

pub mod columns;
pub mod dump;
pub mod json;
pub mod live;
pub mod separate;
pub mod summary;
pub mod text;
