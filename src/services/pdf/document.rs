//! Builds the PDF documents' data from the content model.

use pathway_pdf::{
    Block as PdfBlock, CrisisDoc, ExerciseDoc, FieldDoc, HelpDoc, JurisdictionDoc, ModuleDoc, Span,
    WorksheetDoc,
};

use crate::content::{Block, CalloutKind, Exercise, FieldKind, Module, Programme};
use crate::i18n::I18n;
use crate::render::module::module_title;
use crate::worksheet::{Answer, Answers};

use super::markdown::blocks;

fn lang_region(locale: &str) -> (String, String) {
    match locale.split_once('-') {
        Some((l, r)) => (l.to_ascii_lowercase(), r.to_ascii_uppercase()),
        None => (locale.to_ascii_lowercase(), String::new()),
    }
}

/// The neutral document title, as on the page: "Module 3 – Pathway".
pub fn meta_title(p: &Programme, number: usize) -> String {
    format!("{} – {}", module_title(p, number), p.site.titles.site)
}

pub fn module_doc(p: &Programme, m: &Module, t: &I18n) -> ModuleDoc {
    let (lang, region) = lang_region(&p.locale);
    let mut out = Vec::new();
    out.extend(m.intro.iter().flat_map(|b| block(b, t)));
    for s in &m.sections {
        out.push(PdfBlock::Heading {
            text: s.title.clone(),
        });
        out.extend(s.blocks.iter().flat_map(|b| block(b, t)));
    }
    let total = p.modules.len().to_string();
    ModuleDoc {
        lang,
        region,
        meta_title: meta_title(p, m.number),
        author: p.site.organisation.clone(),
        programme: p.site.programme.clone(),
        number_text: t.ta(
            "module-of",
            &[("number", &m.number.to_string()), ("total", &total)],
        ),
        title: m.front.title.clone(),
        minutes: t.tn("minutes", "minutes", i64::from(m.front.minutes)),
        aims_intro: t.t("module-aims-intro"),
        aims: m.front.aims.clone(),
        sample_note: m.front.sample.then(|| t.t("module-sample-note")),
        page_label: t.t("pdf-page"),
        blocks: out,
        help: help_doc(p, t),
    }
}

fn block(b: &Block, t: &I18n) -> Vec<PdfBlock> {
    match b {
        Block::Text(md) => blocks(&md.text),
        Block::Case { title, body } => vec![PdfBlock::Case {
            label: t.t("module-case-label"),
            title: title.clone(),
            blocks: blocks(&body.text),
        }],
        Block::Reflection { title, body } => {
            let mut intro = Vec::new();
            let mut questions = Vec::new();
            for b in blocks(&body.text) {
                match b {
                    PdfBlock::List { items, .. } => questions.extend(items),
                    other => intro.push(other),
                }
            }
            if questions.is_empty() {
                questions = intro
                    .drain(..)
                    .filter_map(|b| match b {
                        PdfBlock::Paragraph { spans } => Some(spans),
                        _ => None,
                    })
                    .collect();
            }
            vec![PdfBlock::Reflection {
                title: title.clone().unwrap_or_else(|| t.t("module-reflection")),
                intro,
                questions,
            }]
        }
        Block::Callout { kind, title, body } => {
            let (style, key) = match kind {
                CalloutKind::KeyPoint => ("key-point", "module-key-point"),
                CalloutKind::Warning => ("warning", "module-warning"),
            };
            vec![PdfBlock::Callout {
                style: style.to_string(),
                label: title.clone().unwrap_or_else(|| t.t(key)),
                blocks: blocks(&body.text),
            }]
        }
        Block::Jurisdictions(list) => vec![PdfBlock::Jurisdictions {
            items: list
                .iter()
                .map(|j| JurisdictionDoc {
                    name: j.name.clone(),
                    blocks: blocks(&j.body.text),
                })
                .collect(),
        }],
        Block::Exercise(e) => vec![PdfBlock::Exercise {
            worksheet: exercise_doc(e, None),
        }],
    }
}

/// A worksheet's fields, blank or filled in with `answers`.
pub fn exercise_doc(e: &Exercise, answers: Option<&Answers>) -> ExerciseDoc {
    let fields = e
        .fields
        .iter()
        .map(|f| {
            let answer = answers.and_then(|a| a.get(&f.id));
            match &f.kind {
                FieldKind::Text { .. } => FieldDoc::Text {
                    label: f.label.clone(),
                    help: f.help.clone(),
                    answer: match answer {
                        Some(Answer::Text(s)) => s.clone(),
                        _ => String::new(),
                    },
                },
                FieldKind::Checklist { options } => FieldDoc::Checklist {
                    label: f.label.clone(),
                    help: f.help.clone(),
                    options: options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let ticked =
                                matches!(answer, Some(Answer::Ticked(list)) if list.contains(&i));
                            (o.clone(), ticked)
                        })
                        .collect(),
                },
                FieldKind::Scale {
                    min_label,
                    max_label,
                } => FieldDoc::Scale {
                    label: f.label.clone(),
                    help: f.help.clone(),
                    min_label: min_label.clone(),
                    max_label: max_label.clone(),
                    answer: match answer {
                        Some(Answer::Scale(n)) => Some(*n),
                        _ => None,
                    },
                },
            }
        })
        .collect();
    ExerciseDoc {
        title: e.title.clone(),
        intro: e.intro.as_deref().map(blocks).unwrap_or_default(),
        fields,
    }
}

/// A filled-in worksheet; its title metadata is neutral.
pub fn worksheet_doc(p: &Programme, e: &Exercise, answers: &Answers, t: &I18n) -> WorksheetDoc {
    let (lang, region) = lang_region(&p.locale);
    WorksheetDoc {
        lang,
        region,
        meta_title: format!("{} – {}", t.t("worksheet-title"), p.site.titles.site),
        author: p.site.organisation.clone(),
        programme: p.site.programme.clone(),
        note: t.t("worksheet-pdf-note"),
        page_label: t.t("pdf-page"),
        worksheet: exercise_doc(e, Some(answers)),
        help: help_doc(p, t),
    }
}

/// A coping card of `size` ("wallet" or "a4") with `items` (heading,
/// what the person wrote); its title metadata is neutral.
pub fn card_doc(
    p: &Programme,
    t: &I18n,
    size: &str,
    items: &[(String, String)],
) -> pathway_pdf::CardDoc {
    let (lang, region) = lang_region(&p.locale);
    let h = &p.site.helpline;
    let mut help = vec![format!("{}: {}", h.name, h.phone)];
    if let Some(c) = p.site.crisis_lines.first() {
        help.push(format!("{}: {}", c.name, c.phone));
    }
    help.push(p.site.emergency.text.clone());
    pathway_pdf::CardDoc {
        lang,
        region,
        meta_title: format!("{} – {}", t.t("card-title"), p.site.titles.site),
        author: p.site.organisation.clone(),
        programme: p.site.programme.clone(),
        page_label: t.t("pdf-page"),
        size: size.to_string(),
        title: t.t("card-title"),
        items: items.to_vec(),
        help,
    }
}

/// The result of "Where do I start?": `steps` as (title, line), the
/// rule's Markdown `message` as plain text, Urgent help first if `urgent`.
pub fn steps_doc(
    p: &Programme,
    t: &I18n,
    urgent: bool,
    message: &str,
    steps: Vec<(String, String)>,
) -> pathway_pdf::StepsDoc {
    let (lang, region) = lang_region(&p.locale);
    let card = card_doc(p, t, "a4", &[]);
    let site = &p.site;
    let urgent = if urgent {
        let mut lines = vec![format!("{} {}", site.emergency.text, site.emergency.number)];
        lines.extend(
            site.crisis_lines
                .iter()
                .map(|c| format!("{}: {} ({})", c.name, c.phone, c.hours)),
        );
        lines
    } else {
        Vec::new()
    };
    pathway_pdf::StepsDoc {
        lang,
        region,
        meta_title: format!("{} – {}", t.t("self-check-pdf-title"), site.titles.site),
        author: site.organisation.clone(),
        programme: site.programme.clone(),
        page_label: t.t("pdf-page"),
        title: t.t("self-check-pdf-title"),
        urgent,
        message: super::markdown::plain_text(message),
        steps,
        help: card.help,
    }
}

/// The helpline and crisis details printed at the end.
pub fn help_doc(p: &Programme, t: &I18n) -> HelpDoc {
    let h = &p.site.helpline;
    let hours = crate::render::pages::hours_rows(&h.hours, t);
    HelpDoc {
        heading: t.t("footer-helpline-heading"),
        helpline_name: h.name.clone(),
        helpline_phone: h.phone.clone(),
        helpline_note: h.phone_note.clone(),
        hours_heading: t.t("git-hours-heading"),
        hours,
        crisis_heading: t.t("crisis-lines-heading"),
        crisis: p
            .site
            .crisis_lines
            .iter()
            .map(|c| CrisisDoc {
                name: c.name.clone(),
                phone: c.phone.clone(),
                hours: c.hours.clone(),
            })
            .collect(),
        emergency: p.site.emergency.text.clone(),
    }
}

/// Plain text of spans (for tests and logs of structure, never answers).
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}
