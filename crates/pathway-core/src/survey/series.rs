//! Checks across surveys: a follow-up and its baseline.

use super::{Series, Survey};
use crate::content::diag::Diagnostics;

/// A follow-up must name a baseline survey that exists.
pub fn check_series(surveys: &[Survey], diags: &mut Diagnostics) {
    for s in surveys {
        if let Some(Series::FollowUp { of, .. }) = &s.series
            && !surveys
                .iter()
                .any(|b| &b.id == of && b.series == Some(Series::Baseline))
        {
            diags.error(
                &s.file,
                1,
                format!(
                    "`{}` follows up `{of}`, which is not a baseline survey",
                    s.id
                ),
                "name a survey that has baseline = true",
            );
        }
    }
}
