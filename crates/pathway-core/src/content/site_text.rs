//! `<locale>/site.toml`: the words of `site.toml` in another language.
//! It takes only what people read (titles, the home page text, the
//! helpline's description and notes, crisis lines, services, invitations,
//! footer labels, jurisdiction names and confidentiality). Numbers,
//! addresses, hours and switches stay in the default `site.toml`, so that
//! "open now" and every link work the same in every language. Lists
//! (crisis lines, footer links, closures) are matched by position or by
//! date, jurisdictions by id; a key the default does not have is an error.

use std::path::Path;

use serde::Deserialize;

use super::diag::{Diagnostics, line_of_key, parse_toml};
use super::site::{Service, Site, SurveyInvite};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    #[serde(default)]
    titles: TitlesText,
    #[serde(default)]
    home: HomeText,
    #[serde(default)]
    helpline: HelplineText,
    #[serde(default)]
    crisis_lines: Vec<LineText>,
    #[serde(default)]
    emergency: EmergencyText,
    #[serde(default)]
    young_people: ServiceText,
    #[serde(default)]
    someone_else: ServiceText,
    #[serde(default)]
    survey: InviteText,
    #[serde(default)]
    entry_survey: InviteText,
    #[serde(default)]
    messages: MessagesText,
    #[serde(default)]
    footer_links: Vec<LabelText>,
    #[serde(default)]
    jurisdictions: Vec<JurisdictionText>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesText {
    site: Option<String>,
    home: Option<String>,
    module: Option<String>,
    get_in_touch: Option<String>,
    privacy: Option<String>,
    crisis: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HomeText {
    intro: Option<String>,
    confidentiality: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HelplineText {
    name: Option<String>,
    phone_note: Option<String>,
    what_happens: Option<String>,
    confidentiality: Option<String>,
    other_ways: Option<String>,
    #[serde(default)]
    closures: Vec<ClosureText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureText {
    date: toml::value::Datetime,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineText {
    name: Option<String>,
    hours: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmergencyText {
    text: Option<String>,
    more: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceText {
    name: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InviteText {
    invitation: Option<String>,
    link_text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MessagesText {
    under_18_policy: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelText {
    label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JurisdictionText {
    id: String,
    name: Option<String>,
    confidentiality: Option<String>,
}

/// Replaces `target` with `value` when the translation gives one.
fn set(target: &mut String, value: Option<String>) {
    if let Some(v) = value {
        *target = v;
    }
}

/// `base` with the words `text` (the file `file`) gives for its locale;
/// every problem goes to `diags`.
pub fn parse_site_text(file: &Path, text: &str, base: &Site, diags: &mut Diagnostics) -> Site {
    let help = "a translated site.toml takes only the texts people read; numbers, addresses and hours stay in the default site.toml (docs/content.md, \"Adding a language\")";
    let Some(raw) = parse_toml::<RawText>(file, text, 1, diags, "", help) else {
        return base.clone();
    };
    let mut site = base.clone();
    let mut report = |key: &str, what: String, fix: String| {
        let line = line_of_key(text, key)
            .or_else(|| line_of_table(text, key))
            .unwrap_or(1);
        diags.error(file, line, what, fix);
    };
    apply_titles(&mut site, raw.titles);
    set(&mut site.home.intro, raw.home.intro);
    set(&mut site.home.confidentiality, raw.home.confidentiality);
    set(&mut site.emergency.text, raw.emergency.text);
    if raw.emergency.more.is_some() {
        site.emergency.more = raw.emergency.more;
    }
    if let Some(p) = raw.messages.under_18_policy {
        site.messages.under_18_policy = p;
    }
    apply_service(&mut site.young_people, raw.young_people);
    apply_service(&mut site.someone_else, raw.someone_else);
    apply_invite(&mut site.survey, raw.survey);
    if let Some(entry) = site.entry_survey.as_mut() {
        apply_invite(entry, raw.entry_survey);
    }
    apply_helpline(&mut site, raw.helpline, &mut report);
    apply_lines(&mut site, raw.crisis_lines, &mut report);
    apply_footer(&mut site, raw.footer_links, &mut report);
    apply_jurisdictions(&mut site, raw.jurisdictions, &mut report);
    site
}

/// The line where the table `header` (such as `[[crisis_lines]]`) first
/// starts.
fn line_of_table(text: &str, header: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(header))
        .map(|i| i + 1)
}

type Report<'a> = dyn FnMut(&str, String, String) + 'a;

fn apply_titles(site: &mut Site, t: TitlesText) {
    let titles = &mut site.titles;
    set(&mut titles.site, t.site);
    set(&mut titles.home, t.home);
    set(&mut titles.module, t.module);
    set(&mut titles.get_in_touch, t.get_in_touch);
    set(&mut titles.privacy, t.privacy);
    set(&mut titles.crisis, t.crisis);
}

fn apply_service(service: &mut Service, t: ServiceText) {
    set(&mut service.name, t.name);
    set(&mut service.description, t.description);
}

fn apply_invite(invite: &mut SurveyInvite, t: InviteText) {
    set(&mut invite.invitation, t.invitation);
    set(&mut invite.link_text, t.link_text);
}

fn apply_helpline(site: &mut Site, t: HelplineText, report: &mut Report) {
    let h = &mut site.helpline;
    set(&mut h.name, t.name);
    set(&mut h.phone_note, t.phone_note);
    set(&mut h.what_happens, t.what_happens);
    set(&mut h.confidentiality, t.confidentiality);
    if t.other_ways.is_some() {
        h.other_ways = t.other_ways;
    }
    for c in t.closures {
        let date = c.date.to_string();
        match h
            .hours
            .closures
            .iter_mut()
            .find(|k| k.date.to_string() == date)
        {
            Some(k) => k.name = c.name,
            None => report(
                "[[helpline.closures]]",
                format!("closure on {date} is not in the default site.toml"),
                "give each closure the date of one in the default site.toml's [[helpline.closures]]".into(),
            ),
        }
    }
}

fn apply_lines(site: &mut Site, lines: Vec<LineText>, report: &mut Report) {
    if lines.is_empty() {
        return;
    }
    if lines.len() != site.crisis_lines.len() {
        report(
            "[[crisis_lines]]",
            format!(
                "{} crisis lines here, {} in the default site.toml",
                lines.len(),
                site.crisis_lines.len()
            ),
            "translate each [[crisis_lines]] of the default site.toml, in the same order".into(),
        );
        return;
    }
    for (line, t) in site.crisis_lines.iter_mut().zip(lines) {
        set(&mut line.name, t.name);
        set(&mut line.hours, t.hours);
        set(&mut line.description, t.description);
    }
}

fn apply_footer(site: &mut Site, links: Vec<LabelText>, report: &mut Report) {
    if links.is_empty() {
        return;
    }
    if links.len() != site.footer_links.len() {
        report(
            "[[footer_links]]",
            format!(
                "{} footer links here, {} in the default site.toml",
                links.len(),
                site.footer_links.len()
            ),
            "give a label for each [[footer_links]] of the default site.toml, in the same order"
                .into(),
        );
        return;
    }
    for (link, t) in site.footer_links.iter_mut().zip(links) {
        link.label = t.label;
    }
}

fn apply_jurisdictions(site: &mut Site, list: Vec<JurisdictionText>, report: &mut Report) {
    for t in list {
        match site.jurisdictions.iter_mut().find(|j| j.id == t.id) {
            Some(j) => {
                set(&mut j.name, t.name);
                if t.confidentiality.is_some() {
                    j.confidentiality = t.confidentiality;
                }
            }
            None => report(
                "[[jurisdictions]]",
                format!("jurisdiction `{}` is not in the default site.toml", t.id),
                "use the id of one of the default site.toml's [[jurisdictions]]".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Site {
        let text = include_str!("../../../../content/site.toml");
        let mut diags = Diagnostics::new();
        match super::super::site::parse_site(Path::new("site.toml"), text, &mut diags) {
            Some(site) => site,
            None => panic!("the sample site.toml does not parse: {diags:?}"),
        }
    }

    fn apply(text: &str) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();
        let site = parse_site_text(Path::new("cy/site.toml"), text, &sample(), &mut diags);
        (site, diags)
    }

    #[test]
    fn words_change_numbers_and_hours_stay() {
        let (site, diags) = apply(
            "[helpline]\nname = \"Llinell Gymorth\"\n\n[[crisis_lines]]\ndescription = \"Disgrifiad\"\n\n[[helpline.closures]]\ndate = 2026-12-25\nname = \"Dydd Nadolig\"\n",
        );
        assert_eq!(diags.error_count(), 0, "{diags:?}");
        let base = sample();
        assert_eq!(site.helpline.name, "Llinell Gymorth");
        assert_eq!(site.helpline.phone, base.helpline.phone);
        assert_eq!(site.helpline.hours.days, base.helpline.hours.days);
        assert_eq!(site.crisis_lines[0].description, "Disgrifiad");
        assert_eq!(site.crisis_lines[0].phone, base.crisis_lines[0].phone);
        assert_eq!(site.helpline.hours.closures[0].name, "Dydd Nadolig");
        assert_eq!(site.home.intro, base.home.intro);
    }

    #[test]
    fn numbers_and_unmatched_lists_are_errors_with_lines() {
        let (_, diags) = apply("[helpline]\nphone = \"0800\"\n");
        assert_eq!(diags.error_count(), 1);
        assert_eq!(
            diags.iter().next().map(|d| d.line).unwrap_or(0),
            2,
            "{diags:?}"
        );
        let (_, diags) = apply(
            "[[jurisdictions]]\nid = \"wales\"\n\n[[crisis_lines]]\nname = \"A\"\n\n[[crisis_lines]]\nname = \"B\"\n",
        );
        assert_eq!(diags.error_count(), 2, "{diags:?}");
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![4, 1], "{diags:?}");
    }
}
