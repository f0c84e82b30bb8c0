//! Change between a baseline and its follow-up, person by person: each
//! follow-up is paired with the baseline answered under the same code (the
//! only link there is), and each score the two surveys share is compared
//! within the pair. Pure: the caller brings the stored responses and shows
//! the figures under the small-count rule.

use std::collections::BTreeMap;

use super::Survey;
use super::export::StoredResponse;
use super::scores::score;

/// One score's change over the pairs that have it at both times.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedScore {
    pub id: String,
    pub label: String,
    /// Pairs in which both responses answered every item of the score.
    pub pairs: i64,
    /// Mean at the baseline and at the follow-up, over those pairs.
    pub before: f64,
    pub after: f64,
    /// Mean of (follow-up minus baseline).
    pub change: f64,
    /// Half the width of an approximate 95% interval for the mean change
    /// (1.96 standard errors); none with fewer than two pairs.
    pub margin: Option<f64>,
    /// Pairs whose score went up, stayed the same, went down.
    pub higher: i64,
    pub same: i64,
    pub lower: i64,
}

/// Every follow-up response with the baseline answered under its code.
pub fn pairs<'a>(
    base: &[&'a StoredResponse],
    after: &[&'a StoredResponse],
) -> Vec<(&'a StoredResponse, &'a StoredResponse)> {
    let by_code: BTreeMap<&str, &StoredResponse> = base
        .iter()
        .filter_map(|r| r.series_code_hash.as_deref().map(|h| (h, *r)))
        .collect();
    after
        .iter()
        .filter_map(|f| {
            let b = by_code.get(f.series_code_hash.as_deref()?)?;
            Some((*b, *f))
        })
        .collect()
}

/// The change in every score that `baseline` and `follow_up` both define
/// (by id), over the pairs in `base` and `after`.
pub fn paired(
    baseline: &Survey,
    base: &[&StoredResponse],
    follow_up: &Survey,
    after: &[&StoredResponse],
) -> Vec<PairedScore> {
    let pairs = pairs(base, after);
    follow_up
        .scores
        .iter()
        .filter_map(|fs| {
            let bs = baseline.scores.iter().find(|b| b.id == fs.id)?;
            let values: Vec<(f64, f64)> = pairs
                .iter()
                .filter_map(|(b, f)| Some((score(baseline, bs, b)?, score(follow_up, fs, f)?)))
                .collect();
            Some(summary(&fs.id, &fs.label, &values))
        })
        .collect()
}

fn summary(id: &str, label: &str, values: &[(f64, f64)]) -> PairedScore {
    let n = values.len();
    let nf = n.max(1) as f64;
    let before = values.iter().map(|v| v.0).sum::<f64>() / nf;
    let after = values.iter().map(|v| v.1).sum::<f64>() / nf;
    let diffs: Vec<f64> = values.iter().map(|(b, a)| a - b).collect();
    let change = diffs.iter().sum::<f64>() / nf;
    let margin = (n >= 2).then(|| {
        let var = diffs.iter().map(|d| (d - change).powi(2)).sum::<f64>() / (n - 1) as f64;
        1.96 * (var / n as f64).sqrt()
    });
    let count = |f: fn(f64) -> bool| diffs.iter().filter(|d| f(**d)).count() as i64;
    PairedScore {
        id: id.to_string(),
        label: label.to_string(),
        pairs: n as i64,
        before,
        after,
        change,
        margin,
        higher: count(|d| d > 1e-9),
        same: count(|d| d.abs() <= 1e-9),
        lower: count(|d| d < -1e-9),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::Diagnostics;

    fn survey(id: &str, series: &str) -> Survey {
        let text = format!(
            r#"
id = "{id}"
title = "T"
version = 1
introduction = "I"
consent = "C"
{series}

[[page]]
title = "P"
[[page.question]]
id = "age"
type = "single"
text = "Age?"
required = true
options = [{{ id = "u", label = "Under 18", under_18 = true }}, {{ id = "a", label = "Adult" }}]
[[page.question]]
id = "often"
type = "single"
text = "How often?"
options = [{{ id = "none", label = "None" }}, {{ id = "once", label = "Once" }}, {{ id = "more", label = "More" }}]
[[page.question]]
id = "strength"
type = "scale"
text = "How strong?"
min_label = "Not"
max_label = "Very"

[[score]]
id = "often"
label = "How often"
method = "sum"
items = ["often"]

[[score]]
id = "strength"
label = "Strength"
method = "mean"
items = ["strength"]
"#
        );
        let mut d = Diagnostics::default();
        parse_survey_or_panic(id, &text, &mut d)
    }

    fn parse_survey_or_panic(id: &str, text: &str, d: &mut Diagnostics) -> Survey {
        super::super::parse_survey(Path::new(&format!("{id}.toml")), text, d)
            .unwrap_or_else(|| panic!("{d:?}"))
    }

    fn response(
        id: i64,
        code: Option<&str>,
        often: &str,
        strength: Option<&str>,
    ) -> StoredResponse {
        let mut answers = vec![("often".to_string(), String::new(), often.to_string())];
        if let Some(s) = strength {
            answers.push(("strength".into(), String::new(), s.into()));
        }
        StoredResponse {
            id,
            version: 1,
            content_hash: String::new(),
            series_code_hash: code.map(str::to_string),
            submitted_on: "2026-01-01".into(),
            locale: "en-GB".into(),
            answers,
        }
    }

    #[test]
    fn pairs_are_made_by_code_and_each_score_compared_within_its_pair() {
        let (b, f) = (
            survey("base", "baseline = true"),
            survey("after", "follow_up_of = \"base\"\nfollow_up_weeks = 6"),
        );
        let base = [
            response(1, Some("a"), "more", Some("8")),
            response(2, Some("b"), "once", Some("6")),
            response(3, Some("c"), "more", None),
            response(4, None, "none", Some("1")),
        ];
        let after = [
            response(10, Some("a"), "none", Some("2")),
            response(11, Some("b"), "once", Some("7")),
            response(12, Some("c"), "once", Some("3")),
            response(13, Some("nobody"), "none", Some("0")),
        ];
        let (base, after): (Vec<_>, Vec<_>) = (base.iter().collect(), after.iter().collect());
        let out = paired(&b, &base, &f, &after);
        assert_eq!(out.len(), 2);
        // How often: options count 1, 2, 3 in order. Pairs a, b, c.
        let often = &out[0];
        assert_eq!(
            (often.pairs, often.higher, often.same, often.lower),
            (3, 0, 1, 2)
        );
        assert!((often.before - 8.0 / 3.0).abs() < 1e-9, "{often:?}");
        assert!((often.after - 5.0 / 3.0).abs() < 1e-9, "{often:?}");
        assert!((often.change + 1.0).abs() < 1e-9, "{often:?}");
        // Strength: c has no baseline strength, so two pairs: -6 and +1.
        let strength = &out[1];
        assert_eq!((strength.pairs, strength.higher, strength.lower), (2, 1, 1));
        assert!((strength.change + 2.5).abs() < 1e-9, "{strength:?}");
        let sd = (2.0 * 3.5f64.powi(2)).sqrt();
        let margin = strength.margin.unwrap_or_default();
        assert!(
            (margin - 1.96 * sd / 2f64.sqrt()).abs() < 1e-9,
            "{strength:?}"
        );
    }

    #[test]
    fn a_score_only_one_survey_has_is_not_compared_and_no_pairs_means_zero() {
        let b = survey("base", "baseline = true");
        let mut f = survey("after", "follow_up_of = \"base\"\nfollow_up_weeks = 6");
        f.scores.retain(|s| s.id == "strength");
        let out = paired(&b, &[], &f, &[]);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].pairs, out[0].margin), (0, None));
    }
}
