//! The bodies of the fuzz targets (`fuzz/`), shared with the property
//! tests in the normal test suite so that `cargo test` covers them too.
//! Each takes arbitrary bytes, must never panic, and checks what must hold
//! whatever the input: problems point at real lines, and decoded answers
//! only ever name the questions or fields that were asked.

use std::path::Path;
use std::sync::LazyLock;

use crate::content::Diagnostics;
use crate::content::load::check_module_text;
use crate::survey::{Survey, answers::check_page, parse_survey};

fn lines_are_real(diags: &Diagnostics, text: &str) {
    let last = text.lines().count() + 1;
    for d in diags.iter() {
        assert!(
            d.line >= 1 && d.line <= last,
            "line {} of {last}: {d}",
            d.line
        );
        assert!(!d.message.is_empty() && !d.help.is_empty(), "{d}");
    }
}

/// A module file: front matter, Markdown and `:::` blocks.
pub fn module_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (module, diags) = check_module_text(Path::new("modules/fuzz.md"), &text, None);
    lines_are_real(&diags, &text);
    if diags.error_count() == 0 {
        assert!(module.is_some(), "no error, but no module");
    }
}

/// A survey definition (`surveys/<id>.toml`).
pub fn survey_definition(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut diags = Diagnostics::new();
    let survey = parse_survey(Path::new("surveys/fuzz.toml"), &text, &mut diags);
    lines_are_real(&diags, &text);
    if let Some(s) = survey {
        let mut ids: Vec<&str> = s.questions().map(|q| q.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "a survey with duplicate question ids loaded");
    }
}

static FEEDBACK: LazyLock<Option<Survey>> = LazyLock::new(|| {
    let mut diags = Diagnostics::new();
    parse_survey(
        Path::new("surveys/feedback.toml"),
        include_str!("../../../content/surveys/feedback.toml"),
        &mut diags,
    )
});

/// A survey page's form, against the sample feedback survey; the first
/// byte chooses the page.
pub fn survey_form(data: &[u8]) {
    let Some(survey) = FEEDBACK.as_ref() else {
        panic!("the sample survey does not load");
    };
    let (first, body) = data.split_first().unwrap_or((&0, &[]));
    let page = usize::from(*first) % (survey.pages.len() + 1);
    let Some(pairs) = crate::worksheet::decode_pairs(body) else {
        return;
    };
    let (answers, errors) = check_page(survey, page, &pairs, &Default::default());
    let Some(asked) = survey.pages.get(page) else {
        assert!(answers.is_empty() && !errors.is_empty());
        return;
    };
    let asked = |id: &str| asked.questions.iter().any(|q| q.id == id);
    assert!(answers.keys().all(|id| asked(id)), "{answers:?}");
    assert!(
        errors
            .iter()
            .all(|e| e.question.as_deref().is_none_or(asked)),
        "{errors:?}"
    );
}

static SAFETY_PLAN: LazyLock<Option<crate::content::Exercise>> = LazyLock::new(|| {
    let (module, _) = check_module_text(
        Path::new("modules/04-getting-support.md"),
        include_str!("../../../content/modules/04-getting-support.md"),
        None,
    );
    module.and_then(|m| m.exercise("safety-plan-worksheet").cloned())
});

/// A worksheet form, against the sample safety plan.
pub fn worksheet_form(data: &[u8]) {
    let Some(exercise) = SAFETY_PLAN.as_ref() else {
        panic!("the sample worksheet does not load");
    };
    let decoded = crate::worksheet::decode(exercise, data);
    let field = |id: &str| exercise.fields.iter().any(|f| f.id == id);
    assert!(decoded.answers.keys().all(|id| field(id)), "{decoded:?}");
    assert!(
        decoded
            .errors
            .iter()
            .all(|e| e.field.as_deref().is_none_or(field)),
        "{decoded:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every seed in the fuzz corpus, in the normal test run.
    #[test]
    fn the_seed_corpus_passes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
        type Target = fn(&[u8]);
        let targets: [(&str, Target); 4] = [
            ("module_text", module_text),
            ("survey_definition", survey_definition),
            ("survey_form", survey_form),
            ("worksheet_form", worksheet_form),
        ];
        for (name, target) in targets {
            let dir = root.join(name);
            let mut seen = 0;
            for entry in
                std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            {
                let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
                target(&std::fs::read(&path).unwrap_or_else(|e| panic!("{e}")));
                seen += 1;
            }
            assert!(seen > 0, "no seeds for {name}");
        }
    }

    /// Mutations of a real module: lines dropped, doubled or cut short.
    fn module_like() -> impl Strategy<Value = String> {
        let lines: Vec<String> = include_str!("../../../content/modules/04-getting-support.md")
            .lines()
            .map(String::from)
            .collect();
        proptest::collection::vec((0..lines.len(), 0usize..3, 0usize..200), 0..120).prop_map(
            move |picks| {
                picks
                    .into_iter()
                    .map(|(i, times, cut)| {
                        let line: String = lines[i].chars().take(cut).collect();
                        vec![line; times].join("\n")
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn module_text_never_panics(text in module_like()) {
            module_text(text.as_bytes());
        }

        #[test]
        fn module_text_takes_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            module_text(&data);
        }

        #[test]
        fn survey_definitions_never_panic(
            cut in 0usize..6000,
            junk in "[\\[\\]=\"a-z0-9_ \n{}#,.-]{0,200}",
        ) {
            let text: String = include_str!("../../../content/surveys/feedback.toml")
                .chars()
                .take(cut)
                .collect();
            survey_definition(format!("{text}\n{junk}").as_bytes());
        }

        #[test]
        fn survey_forms_never_panic(
            page in any::<u8>(),
            pairs in proptest::collection::vec(("q-[a-z-]{1,20}", "[a-z0-9%+&=-]{0,30}"), 0..40),
        ) {
            let body: Vec<u8> = std::iter::once(page)
                .chain(pairs.iter().map(|(k, v)| format!("{k}={v}&")).collect::<String>().into_bytes())
                .collect();
            survey_form(&body);
        }

        #[test]
        fn worksheet_forms_never_panic(data in proptest::collection::vec(any::<u8>(), 0..800)) {
            worksheet_form(&data);
        }
    }
}
