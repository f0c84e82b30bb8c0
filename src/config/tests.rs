//! The settings: defaults, the file, and what is refused.

use super::*;

#[test]
fn defaults_use_embedded_sqlite_and_may_create_it() {
    let c = Config::from_args(&ServeArgs::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.database, DEFAULT_DATABASE);
    assert!(c.create_database);
    assert_eq!(c.bind.to_string(), DEFAULT_BIND);
}

#[test]
fn a_staff_listener_is_optional_and_checked() {
    let c = Config::from_args(&ServeArgs::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.staff_bind.is_none() && !c.http.staff_separate);
    let args = ServeArgs {
        staff_bind: Some("10.0.0.5:9090".into()),
        ..Default::default()
    };
    let c = Config::from_args(&args).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.http.staff_separate);
    let bad = ServeArgs {
        staff_bind: Some("internal".into()),
        ..Default::default()
    };
    assert!(Config::from_args(&bad).is_err());
}

#[test]
fn staff_notices_are_read_from_the_file_and_checked() {
    let dir = std::env::temp_dir().join(format!("pathway-notify-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("pathway.toml");
    let table = "[notify]\nsmtp_url = \"smtps://mail.example.org\"\n\
                 smtp_user = \"alerts\"\nsmtp_password_file = \"/etc/pathway/smtp\"\n\
                 from = \"a@example.org\"\nto = [\"b@example.org\"]\n";
    let read = |extra: &str| {
        std::fs::write(&path, format!("{table}{extra}")).unwrap_or_else(|e| panic!("{e}"));
        Config::from_args(&ServeArgs {
            config: Some(path.clone()),
            ..Default::default()
        })
    };
    let c = read("").unwrap_or_else(|e| panic!("{e}"));
    let n = c.notify.unwrap_or_else(|| panic!("no [notify]"));
    assert_eq!(n.every, Duration::from_secs(3600));
    assert_eq!(n.smtp_user.as_deref(), Some("alerts"));
    let c = read("every_minutes = 15\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.notify.map(|n| n.every), Some(Duration::from_secs(900)));
    assert!(read("every_minutes = 0\n").is_err());
    assert!(
        read("password = \"in the file\"\n").is_err(),
        "unknown field"
    );
    let none = Config::from_args(&ServeArgs::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(none.notify.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_typed_database_is_not_created_without_the_flag() {
    let args = ServeArgs {
        database: Some("sqlite:/tmp/typo.db".into()),
        ..Default::default()
    };
    let c = Config::from_args(&args).unwrap_or_else(|e| panic!("{e}"));
    assert!(!c.create_database);
}

#[test]
fn database_pool_and_onion_settings_are_read_and_checked() {
    let args = ServeArgs {
        db_pool_size: Some(8),
        db_statement_timeout: Some(3),
        db_connect_retries: Some(4),
        content_poll: Some(0),
        onion_location: Some("http://abcdefghijklmnop.onion/".into()),
        ..Default::default()
    };
    let c = Config::from_args(&args).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.db.pool_size, Some(8));
    assert_eq!(c.db.statement_timeout, Duration::from_secs(3));
    assert_eq!(c.db.connect_retries, 4);
    assert_eq!(c.content_poll, None, "0 turns polling off");
    assert_eq!(
        c.http.onion_location.as_deref(),
        Some("http://abcdefghijklmnop.onion")
    );
    let defaults = Config::from_args(&ServeArgs::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defaults.content_poll, Some(Duration::from_secs(5)));
    for bad in [
        ServeArgs {
            db_pool_size: Some(0),
            ..Default::default()
        },
        ServeArgs {
            onion_location: Some("https://example.org".into()),
            ..Default::default()
        },
    ] {
        assert!(Config::from_args(&bad).is_err());
    }
}

#[test]
fn unknown_file_keys_and_bad_binds_are_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("pathway.toml");
    std::fs::write(&path, "bindd = \"x\"\n").unwrap_or_else(|e| panic!("{e}"));
    let args = ServeArgs {
        config: Some(path),
        ..Default::default()
    };
    let err = Config::from_args(&args).err().map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("bindd")));
    let args = ServeArgs {
        bind: Some("localhost".into()),
        ..Default::default()
    };
    assert!(matches!(
        Config::from_args(&args),
        Err(ConfigError::Bind(_))
    ));
}

#[test]
fn the_log_format_comes_from_the_flag_or_the_file_and_is_checked() {
    assert_eq!(
        log_format(&ServeArgs::default()).ok(),
        Some(LogFormat::Text)
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("pathway.toml");
    std::fs::write(&file, "log_format = \"json\"\n").unwrap_or_else(|e| panic!("{e}"));
    let from_file = ServeArgs {
        config: Some(file.clone()),
        ..Default::default()
    };
    assert_eq!(log_format(&from_file).ok(), Some(LogFormat::Json));
    let flag_wins = ServeArgs {
        config: Some(file),
        log_format: Some("text".into()),
        ..Default::default()
    };
    assert_eq!(log_format(&flag_wins).ok(), Some(LogFormat::Text));
    let bad = ServeArgs {
        log_format: Some("xml".into()),
        ..Default::default()
    };
    let err = Config::from_args(&bad).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("log_format is `xml`: write \"text\" or \"json\"")
    );
}
