//! `--timestamps` / `--absolute-timestamps` values, read as strace reads them.

use crate::render::text::{Precision, Stamps};

/// `--timestamps` arguments as strace reads them: comma-separated tokens, each a format
/// (`none`, `time`, `unix`, or `format:F`) or a precision (`s`, `ms`, `us`, `ns`, or
/// `precision:P`), case-insensitive; later options keep what they do not set.
#[derive(Default)]
pub(super) struct TimestampSpec {
    /// `None` for format none; unset until a format is given.
    format: Option<Option<bool>>,
    precision: Option<Precision>,
}

impl TimestampSpec {
    pub(super) fn add(&mut self, arg: &str) -> Option<()> {
        let mut format = None;
        for token in arg.split(',').filter(|t| !t.is_empty()) {
            let token = token.to_ascii_lowercase();
            let (word, may_format, may_precision) = if let Some(w) = token.strip_prefix("format:") {
                (w, true, false)
            } else if let Some(w) = token.strip_prefix("precision:") {
                (w, false, true)
            } else {
                (token.as_str(), true, true)
            };
            // Some(unix?) for a time format, None for `none`.
            let f = match word {
                "none" => Some(None),
                "time" => Some(Some(false)),
                "unix" => Some(Some(true)),
                _ => None,
            };
            if may_format && let Some(f) = f {
                format = Some(f);
            } else if let Some(p) = Precision::parse(word).filter(|_| may_precision) {
                self.precision = Some(p);
            } else {
                return None;
            }
        }
        // An option without a format turns the time of day on, unless one is set.
        self.format = Some(
            format
                .or(self.format.flatten().map(Some))
                .unwrap_or(Some(false)),
        );
        Some(())
    }

    pub(super) fn resolve(&self) -> Stamps {
        let p = self.precision.unwrap_or(Precision::S);
        match self.format.flatten() {
            None => Stamps::None,
            Some(false) => Stamps::Time(p),
            Some(true) => Stamps::Unix(p),
        }
    }
}
