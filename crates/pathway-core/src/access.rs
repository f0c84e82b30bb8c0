//! Staff roles and what each may do. Checked by type in the web layer: a
//! staff route names the permission it needs, and a handler without one
//! does not compile.

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    Analyst,
    Editor,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Analyst, Role::Editor];

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
    }
}
