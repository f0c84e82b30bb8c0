//! Staff roles and what each may do. Checked by type in the web layer: a
//! staff route names the permission it needs, and a handler without one
//! does not compile.

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Analyst,
    Editor,
    /// Reads and answers messages to the helpline, and nothing else.
    Practitioner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Analyst, Role::Editor, Role::Practitioner];

    /// The role stored as `s`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == s)
    }

    /// The role's name in the database and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Editor => "editor",
            Role::Practitioner => "practitioner",
        }
    }

    /// Survey results, exports and usage figures.
    pub fn reads_results(self) -> bool {
        matches!(self, Role::Admin | Role::Analyst)
    }

    /// Reloading content.
    pub fn edits_content(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }

    /// Messages to the helpline: the inbox, replies, notes, concerns.
    pub fn answers_messages(self) -> bool {
        matches!(self, Role::Admin | Role::Practitioner)
    }

    /// The audit log.
    pub fn reads_audit(self) -> bool {
        self == Role::Admin
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_rights_are_as_documented() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.name()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Analyst.reads_results() && !Role::Analyst.edits_content());
        assert!(Role::Editor.edits_content() && !Role::Editor.reads_results());
        assert!(Role::Admin.reads_results() && Role::Admin.edits_content());
        assert!(Role::Admin.reads_audit() && !Role::Analyst.reads_audit());
        assert!(Role::Practitioner.answers_messages() && Role::Admin.answers_messages());
        let p = Role::Practitioner;
        assert!(!p.reads_results() && !p.edits_content() && !p.reads_audit());
        assert!(!Role::Analyst.answers_messages() && !Role::Editor.answers_messages());
    }
}
