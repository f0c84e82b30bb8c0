//! The staff area's page template (sign-in, enrolment, home, messages).

use askama::Template;

#[derive(Template, Default)]
#[template(path = "staff.html")]
pub struct StaffPage {
    pub heading: String,
    pub mode: &'static str,
    pub message: String,
    pub error: String,
    pub action: String,
    pub qr: String,
    pub secret: String,
    pub codes: Vec<String>,
    pub name: String,
    pub role: String,
    pub csrf: String,
    pub audit: Vec<(String, String, String, String)>,
    /// (id, title) of the surveys whose results this person may read.
    pub surveys: Vec<(String, String)>,
    /// For practitioners and admins: conversations waiting for a reply and
    /// the day the longest has waited since.
    pub inbox: Option<(i64, String)>,
    /// Whether this person may reload content.
    pub edits: bool,
    /// Whether to show the staff navigation (signed-in pages).
    pub nav: bool,
    pub assets: &'static str,
}

impl StaffPage {
    /// A page with a heading and a message only.
    pub fn message(heading: &str, text: &str) -> Self {
        Self {
            heading: heading.into(),
            mode: "message",
            message: text.into(),
            assets: super::pages::asset_version(),
            ..Default::default()
        }
    }
}
